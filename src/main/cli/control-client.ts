/**
 * The CLI's connection to a running hub over the bridge socket: the socket's directory is checked,
 * then both sides prove they know the hub token (challenge–response; the token is never sent),
 * then one `control` frame and its answer. An answer from a process that cannot prove it is the
 * hub is never believed.
 */
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import {
  BRIDGE_VERSION,
  MAX_FRAME_BYTES,
  encodeFrame,
  toHelperFrame,
  type ToHelperFrame,
} from '../../shared/bridge-protocol';
import { createLineDecoder } from '../../shared/line-decoder';
import type { HubPaths } from '../../shared/paths';
import { computeProof, newNonce, proofMatches } from '../bridge/auth';
import { verifySocketDir } from '../bridge/socket-dir';

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
  const dir = await verifySocketDir(paths);
  if (!dir.ok) {
    if ('missing' in dir) throw new HubNotRunningError(paths.home);
    throw new Error(`not connecting to ${paths.socket}: ${dir.reason}`);
  }
  return new Promise((resolve, reject) => {
    const socket = connect(paths.socket);
    const ownNonce = newNonce();
    let hubNonce: string | undefined;
    let trusted = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the hub did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const finish = (fn: () => void): void => {
      clearTimeout(timer);
      socket.destroy();
      fn();
    };
    const write = (frame: Parameters<typeof encodeFrame>[0]): void =>
      void socket.write(encodeFrame(frame));

    function onFrame(frame: ToHelperFrame): void {
      if (frame.type === 'error') {
        const message = frame.message;
        return finish(() => reject(new Error(`the hub refused: ${message}`)));
      }
      if (frame.type === 'challenge' && hubNonce === undefined) {
        hubNonce = frame.nonce;
        const proof = computeProof(token, 'client', 'control', hubNonce, ownNonce);
        return write({ type: 'control_hello', v: BRIDGE_VERSION, nonce: ownNonce, proof });
      }
      if (frame.type === 'control_welcome' && hubNonce !== undefined && !trusted) {
        const expected = computeProof(token, 'hub', 'control', hubNonce, ownNonce);
        if (!proofMatches(expected, frame.proof))
          return finish(() =>
            reject(
              new Error(
                `the process at ${paths.socket} could not prove it is Switchboard; not trusting it`,
              ),
            ),
          );
        trusted = true;
        return write({ type: 'control', v: BRIDGE_VERSION, id: '1', op, args });
      }
      if (frame.type === 'control_result' && trusted) {
        const result = frame;
        finish(() => (result.ok ? resolve(result.data) : reject(new Error(result.error))));
      }
    }

    const decoder = createLineDecoder(MAX_FRAME_BYTES, {
      onLine(line) {
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          return;
        }
        const frame = toHelperFrame.safeParse(json);
        if (frame.success) onFrame(frame.data);
      },
      onOverflow: () => finish(() => reject(new Error('oversized answer from the hub'))),
    });
    // Speaking at once tells a crowded hub this is a real client, not an idle squatter.
    socket.on('connect', () => write({ type: 'ping' }));
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
    socket.on('close', () =>
      finish(() => reject(new Error('the hub closed the connection without answering'))),
    );
  });
}
