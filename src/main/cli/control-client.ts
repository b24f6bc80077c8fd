/**
 * The CLI's connection to a running hub: one `control` frame over the bridge socket, one answer.
 */
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import {
  BRIDGE_VERSION,
  MAX_FRAME_BYTES,
  encodeFrame,
  toHelperFrame,
} from '../../shared/bridge-protocol';
import { createLineDecoder } from '../../shared/line-decoder';
import type { HubPaths } from '../../shared/paths';

export class HubNotRunningError extends Error {
  constructor(home: string) {
    super(
      `Switchboard is not running for ${home}. Start it with \`switchboard serve\` (or open the Switchboard app).`,
    );
  }
}

export async function control(
  paths: HubPaths,
  op: string,
  args: Record<string, unknown> = {},
  timeoutMs = 5_000,
): Promise<unknown> {
  const token = (await readFile(paths.token, 'utf8').catch(() => '')).trim();
  if (token === '') throw new HubNotRunningError(paths.home);
  return new Promise((resolve, reject) => {
    const socket = connect(paths.socket);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the hub did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const finish = (fn: () => void): void => {
      clearTimeout(timer);
      socket.destroy();
      fn();
    };
    const decoder = createLineDecoder(MAX_FRAME_BYTES, {
      onLine(line) {
        const frame = toHelperFrame.safeParse(JSON.parse(line));
        if (!frame.success) return;
        if (frame.data.type === 'control_result') {
          const result = frame.data;
          finish(() => (result.ok ? resolve(result.data) : reject(new Error(result.error))));
        } else if (frame.data.type === 'error') {
          const message = frame.data.message;
          finish(() => reject(new Error(`the hub refused: ${message}`)));
        }
      },
      onOverflow: () => finish(() => reject(new Error('oversized answer from the hub'))),
    });
    socket.on('connect', () =>
      socket.write(encodeFrame({ type: 'control', v: BRIDGE_VERSION, token, id: '1', op, args })),
    );
    socket.on('data', (chunk: Buffer) => decoder.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      finish(() =>
        reject(
          error.code === 'ENOENT' || error.code === 'ECONNREFUSED'
            ? new HubNotRunningError(paths.home)
            : error,
        ),
      );
    });
  });
}
