/**
 * How Switchboard runs the user's own `ssh`: the user's `~/.ssh/config`, keys and agent apply
 * (ProxyJump, IdentityFile, …) because it is their `ssh`, with a few options that make it fit for
 * running unattended — never prompting (BatchMode), never riding on a multiplexed master whose
 * life we do not control (ControlPath=none), and noticing a dead link within half a minute.
 */
import { spawn } from 'node:child_process';

/** `[user@]host`: no leading dash (it would be read as an option), no spaces or shell syntax. */
const HOST_PATTERN =
  /^(?:[A-Za-z0-9_][A-Za-z0-9._%+-]*@)?(?:[A-Za-z0-9_][A-Za-z0-9._-]*|\[[0-9A-Fa-f:.]+\])$/;
/** `Key=Value` as ssh's `-o` takes it, on one line. */
const OPTION_PATTERN = /^[A-Za-z][A-Za-z0-9]*=[^\r\n]*$/;

export class SshInputError extends Error {}

export function checkHost(host: string): string {
  if (host.startsWith('-') || !HOST_PATTERN.test(host))
    throw new SshInputError(`"${host}" is not an ssh destination; use [user@]host`);
  return host;
}

export function checkSshOptions(options: readonly string[]): string[] {
  for (const option of options)
    if (!OPTION_PATTERN.test(option))
      throw new SshInputError(
        `ssh option "${option}" must look like Key=Value (as ssh -o takes it), e.g. Port=2222`,
      );
  return [...options];
}

/**
 * ssh keeps the first value it reads for each option: what must hold comes before the user's
 * options, the defaults they may change come after.
 */
export function sshArgs(user: readonly string[], extra: readonly string[] = []): string[] {
  const o = (option: string): string[] => ['-o', option];
  return [
    ...o('BatchMode=yes'),
    ...o('ControlPath=none'),
    ...o('ControlMaster=no'),
    ...user.flatMap(o),
    ...o('ServerAliveInterval=10'),
    ...o('ServerAliveCountMax=3'),
    ...o('ConnectTimeout=15'),
    ...extra,
  ];
}

/** Quotes a word for a POSIX shell on the remote. */
export function shQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The remote command for a POSIX `sh` script: ssh hands its command to the user's login shell,
 * which may be fish or csh, and every shell passes one single-quoted word through unchanged.
 */
export const remoteSh = (script: string): string => `sh -c ${shQuote(script)}`;

export type SshRun = { code: number; stdout: string; stderr: string };

/** Runs `ssh … host command` to completion, with optional input on stdin. */
export function runSsh(options: {
  ssh: string;
  host: string;
  sshOptions: readonly string[];
  command: string;
  input?: Buffer | string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<SshRun> {
  return new Promise((resolve) => {
    const child = spawn(
      options.ssh,
      [...sshArgs(options.sshOptions), '--', options.host, options.command],
      { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 127, stdout: '', stderr: `cannot run ${options.ssh}: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** The last meaningful line ssh wrote to stderr (its verbose `debug1:` lines left out). */
export function sshError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('debug'));
  return lines[lines.length - 1] ?? 'ssh failed without saying why';
}
