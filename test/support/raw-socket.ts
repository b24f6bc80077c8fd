/** A raw client of the bridge socket, for sending frames a well-behaved helper never would. */
import { connect, type Socket } from 'node:net';

export type RawSocket = {
  socket: Socket;
  write: (text: string | Buffer) => void;
  frames: () => unknown[];
  closed: Promise<void>;
};

export async function rawConnect(path: string): Promise<RawSocket> {
  const socket = connect(path);
  let buffer = '';
  const frames: unknown[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let index;
    while ((index = buffer.indexOf('\n')) >= 0) {
      frames.push(JSON.parse(buffer.slice(0, index)));
      buffer = buffer.slice(index + 1);
    }
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, write: (text) => socket.write(text), frames: () => frames, closed };
}
