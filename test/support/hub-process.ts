/**
 * Runs the real `switchboard serve` as a child process on a temporary home, the way a user does,
 * and reads its `--json` ready line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CLI } from './paths';

export type HubProcess = {
  home: string;
  port: number;
  socket: string;
  dashboardUrl: string;
  /** Control port of the fake platform, when the hub runs with it. */
  fakePort?: number;
  token: string;
  origin: string;
  process: ChildProcess;
  stderr: () => string;
  /** SIGTERM and wait for exit; resolves to the exit code. */
  stop: () => Promise<number | null>;
  /** SIGKILL: a crash, no cleanup. */
  kill: () => Promise<void>;
};

export async function startHub(
  home: string,
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
  entry: string[] = [CLI, 'serve'],
): Promise<HubProcess> {
  const child = spawn(process.execPath, [...entry, '--home', home, '--json', ...extraArgs], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const ready = await new Promise<{
    port: number;
    socket: string;
    dashboardUrl: string;
    fakePort?: number;
  }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`hub did not start in 15 s:\n${stderr}`)),
      15_000,
    );
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(
        JSON.parse(line) as {
          port: number;
          socket: string;
          dashboardUrl: string;
          fakePort?: number;
        },
      );
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${String(code)} before it was ready:\n${stderr}`));
    });
  });
  const token = (await readFile(`${home}/dashboard.token`, 'utf8')).trim();
  return {
    home,
    ...ready,
    token,
    origin: `http://127.0.0.1:${ready.port}`,
    process: child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
