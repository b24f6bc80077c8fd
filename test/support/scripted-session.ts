/**
 * Runs one scripted session against a helper process on the raw pipe, exactly as the bytes flow:
 * each step writes its chunks (as separate writes) and waits for the number of stdout lines it
 * expects, so the transcript does not depend on how fast a build starts. The outcome is the
 * stdout bytes, the exit code and signal, and which waits ran out.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { HELPER, HELPER_BINARY, ROOT } from './paths';

export type HelperBuild = { name: string; command: string; args: string[] };

/** The three forms of the helper whose behaviour must be identical. */
export const HELPER_BUILDS: readonly HelperBuild[] = [
  {
    name: 'source',
    command: process.execPath,
    args: ['--import', join(ROOT, 'test/support/source-hooks.mjs'), join(ROOT, 'src/mcp/main.ts')],
  },
  { name: 'npm', command: process.execPath, args: [HELPER] },
  { name: 'snapshot', command: HELPER_BINARY, args: [] },
];

export type Step =
  /** Writes the chunks one by one, then waits until `lines` more lines came out. */
  | { send: string[]; lines: number }
  /** Runs something beside the helper (the hub, the CLI), then waits for `lines` more lines. */
  | { run: () => Promise<void>; lines: number }
  /** Closes stdin (Claude Code's way of ending a session). */
  | { end: true }
  | { signal: NodeJS.Signals };

export type Outcome = {
  stdout: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Steps whose expected lines never came (named by index). */
  missed: number[];
};

const WAIT_MS = 15_000;

export async function runSession(
  build: HelperBuild,
  steps: readonly Step[],
  options: { home: string; session?: string; cwd?: string; env?: Record<string, string> },
): Promise<Outcome> {
  const session = options.session ? ['--session', options.session] : [];
  const child = spawn(build.command, [...build.args, ...session], {
    env: { ...process.env, SWITCHBOARD_HOME: options.home, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stdout = '';
  let wake: (() => void) | undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    wake?.();
  });
  child.stderr.resume();
  child.stdin.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const lineCount = (): number => stdout.split('\n').length - 1;
  const waitLines = (count: number): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), WAIT_MS);
      wake = () => {
        if (lineCount() < count) return;
        clearTimeout(timer);
        resolve(true);
      };
      wake();
    });
  const missed: number[] = [];
  let expected = 0;
  for (const [index, step] of steps.entries()) {
    if ('end' in step) child.stdin.end();
    else if ('signal' in step) child.kill(step.signal);
    else {
      if ('send' in step)
        for (const chunk of step.send) {
          child.stdin.write(chunk);
          // Separate writes, read as separate chunks by a helper that is already reading.
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      else await step.run();
      expected += step.lines;
      if (!(await waitLines(expected))) missed.push(index);
    }
  }
  // A signal is how the session ends: stdin closing at the same moment would race it.
  if (steps.at(-1) && 'signal' in (steps.at(-1) as Step))
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, WAIT_MS))]);
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), WAIT_MS);
  const { code, signal } = await exited;
  clearTimeout(timer);
  return { stdout, code, signal, missed };
}
