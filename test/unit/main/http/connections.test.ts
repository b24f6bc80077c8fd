import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trackConnections, type ConnectionTracker } from '../../../../src/main/http/connections';
import { eventually } from '../../../support/eventually';

describe('connection limits of the web server', () => {
  let server: Server;
  let tracker: ConnectionTracker;
  let port: number;
  const serverSide: Socket[] = [];
  const clients: Socket[] = [];

  beforeEach(async () => {
    server = createServer();
    tracker = trackConnections(server, { max: 4, maxUnproven: 2 }, () => undefined);
    server.on('connection', (socket: Socket) => serverSide.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    for (const socket of clients.splice(0)) socket.destroy();
    serverSide.length = 0;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function open(): Promise<Socket> {
    const socket = connect(port, '127.0.0.1');
    socket.resume();
    clients.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    return socket;
  }
  const closed = (socket: Socket): Promise<void> =>
    new Promise((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve())));

  it('evicts the oldest connection without a token for a newcomer', async () => {
    const first = await open();
    await open();
    await open();
    await closed(first);
    await eventually(() => expect(tracker.count()).toBe(2));
  });

  it('never evicts a proven connection, and refuses newcomers past the total', async () => {
    for (let i = 0; i < 3; i++) {
      await open();
      await eventually(() => expect(serverSide).toHaveLength(i + 1));
      tracker.prove(serverSide[i] as Socket);
    }
    await open();
    await eventually(() => expect(tracker.count()).toBe(4));
    const refused = await open();
    await closed(refused);
    expect(serverSide.slice(0, 3).every((s) => !s.destroyed)).toBe(true);
    expect(tracker.count()).toBe(4);
  });
});
