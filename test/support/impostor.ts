/**
 * Runs test/fakes/impostor-hub.mjs — a process posing as the hub at a socket path — optionally as
 * another Unix user (root only: `setpriv` to an unused uid), and collects what it was sent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { ROOT } from './paths';

export const IMPOSTOR = join(ROOT, 'test', 'fakes', 'impostor-hub.mjs');
/** A uid no account uses here: "another local user". */
export const OTHER_UID = 4242;
export const canBecomeAnotherUser = process.getuid?.() === 0;

export type Impostor = {
  /** Connections it accepted. */
  connections: () => number;
  /** Everything it was sent, as text. */
  received: () => string;
  stop: () => Promise<void>;
  process: ChildProcess;
};

export async function startImpostor(
  socketPath: string,
  options: { asOtherUser?: boolean; dirMode?: string } = {},
): Promise<Impostor> {
  const node = [
    process.execPath,
    IMPOSTOR,
    socketPath,
    ...(options.dirMode ? [options.dirMode] : []),
  ];
  const [command, ...args] = options.asOtherUser
    ? ['setpriv', `--reuid=${OTHER_UID}`, `--regid=${OTHER_UID}`, '--clear-groups', ...node]
    : node;
  const child = spawn(command as string, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let connections = 0;
  let received = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const event = JSON.parse(line) as { event: string; text?: string };
      if (event.event === 'ready') resolve();
      if (event.event === 'connection') connections++;
      if (event.event === 'data') received += event.text ?? '';
    });
    void exited.then(() => reject(new Error(`the impostor exited early: ${stderr}`)));
  });
  return {
    connections: () => connections,
    received: () => received,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
