/**
 * Keeps one remote connected: prepares the private socket directory on the remote (0700, a stale
 * socket removed — sshd does not unlink one by default and would refuse to bind), then runs and
 * watches the user's `ssh -N -R <remote socket>:<local remote socket> host`, starting it again
 * with backoff whenever it ends. The forward is known to be up when ssh reports it (`-v`:
 * "remote forward success"), not merely when the process runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../log';
import { remoteSh, runSsh, sshArgs, sshError } from './ssh-command';

export type LinkPhase = 'stopped' | 'preparing' | 'connecting' | 'connected' | 'waiting';

export type LinkState = {
  phase: LinkPhase;
  /** When the phase began. */
  since: number;
  /** The running ssh's pid (connecting or connected). */
  pid?: number;
  /** Why the last attempt ended. */
  error?: string;
  /** When the next attempt starts (waiting). */
  retryAt?: number;
  /** Attempts since the link was last up. */
  failures: number;
};

export type SshLinkOptions = {
  remote: string;
  host: string;
  sshOptions: readonly string[];
  /** The hub's remote socket on this machine. */
  localSocket: string;
  /** An explicit socket path on the remote; default `$HOME/.switchboard/hub.sock` there. */
  remoteSocket?: string;
  ssh: string;
  log: Logger;
  now: () => number;
  onState: (state: LinkState) => void;
  /** The remote socket's absolute path, learned from the remote when preparing. */
  onRemoteSocket?: (path: string) => void;
  minDelayMs?: number;
  maxDelayMs?: number;
  env?: NodeJS.ProcessEnv;
};

export type SshLink = {
  start: () => void;
  stop: () => Promise<void>;
  state: () => LinkState;
};

/** A link that stayed up this long starts its backoff again from the shortest delay. */
const STABLE_MS = 30_000;

/**
 * The remote half of preparing: the directory is made private (and must be a real directory of
 * this user), a leftover socket is removed, and the socket's absolute path is printed.
 */
export function prepareScript(remoteSocket: string | undefined): string {
  const fail = (why: string): string => `{ echo "switchboard: $d ${why}" >&2; exit 1; }`;
  return [
    'umask 077',
    `d="${remoteSocket === undefined ? '$HOME/.switchboard' : dirOf(remoteSocket)}"`,
    '[ -e "$d" ] || mkdir -p "$d" || exit 1',
    `[ -d "$d" ] && [ ! -L "$d" ] && [ -O "$d" ] || ${fail('is not a directory of this user')}`,
    // Only our own default directory is tightened; a directory the user named must already be private.
    ...(remoteSocket === undefined ? ['chmod 700 "$d" || exit 1'] : []),
    'm=$(stat -c %a "$d" 2>/dev/null || stat -f %Lp "$d")',
    `[ "$m" = 700 ] || ${fail('must have mode 0700')}`,
    `s="${remoteSocket ?? '$d/hub.sock'}"`,
    'rm -f "$s" || exit 1',
    'printf "%s\\n" "$s"',
  ].join('; ');
}

function dirOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}

export function createSshLink(options: SshLinkOptions): SshLink {
  const minDelay = options.minDelayMs ?? 1_000;
  const maxDelay = options.maxDelayMs ?? 60_000;
  let state: LinkState = { phase: 'stopped', since: options.now(), failures: 0 };
  let running = false;
  let child: ChildProcess | undefined;
  let timer: NodeJS.Timeout | undefined;
  let upSince: number | undefined;
  const isRunning = (): boolean => running;

  function set(next: Omit<LinkState, 'since' | 'failures'> & { failures?: number }): void {
    state = { failures: state.failures, ...next, since: options.now() };
    options.onState(state);
  }

  function retry(error: string): void {
    if (!running) return;
    const wasUp = upSince !== undefined && options.now() - upSince >= STABLE_MS;
    upSince = undefined;
    const failures = wasUp ? 1 : state.failures + 1;
    const delay = Math.min(maxDelay, minDelay * 2 ** (failures - 1));
    options.log.warn(`remote "${options.remote}": link down (${error}); retrying in ${delay} ms`);
    set({ phase: 'waiting', error, retryAt: options.now() + delay, failures });
    timer = setTimeout(() => {
      timer = undefined;
      void attempt();
    }, delay);
  }

  async function attempt(): Promise<void> {
    if (!running) return;
    set({ phase: 'preparing' });
    const prepared = await runSsh({
      ssh: options.ssh,
      host: options.host,
      sshOptions: options.sshOptions,
      command: remoteSh(prepareScript(options.remoteSocket)),
      timeoutMs: 30_000,
      ...(options.env ? { env: options.env } : {}),
    });
    // stop() may have run while ssh was preparing.
    if (!isRunning()) return;
    const remoteSocket = prepared.stdout.trim().split('\n').pop() ?? '';
    if (prepared.code !== 0 || !remoteSocket.startsWith('/'))
      return retry(`preparing the remote failed: ${sshError(prepared.stderr)}`);
    options.onRemoteSocket?.(remoteSocket);
    forward(remoteSocket);
  }

  function forward(remoteSocket: string): void {
    const args = [
      '-v',
      '-N',
      ...sshArgs(options.sshOptions, [
        '-o',
        'ExitOnForwardFailure=yes',
        '-o',
        'StreamLocalBindUnlink=yes',
        '-R',
        `${remoteSocket}:${options.localSocket}`,
      ]),
      '--',
      options.host,
    ];
    const proc = spawn(options.ssh, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(options.env ? { env: options.env } : {}),
    });
    child = proc;
    let stderr = '';
    set({ phase: 'connecting', ...(proc.pid === undefined ? {} : { pid: proc.pid }) });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8192);
      if (state.phase === 'connecting' && /remote forward success/.test(stderr)) {
        upSince = options.now();
        options.log.info(`remote "${options.remote}": linked (${options.host})`);
        set({
          phase: 'connected',
          ...(proc.pid === undefined ? {} : { pid: proc.pid }),
          failures: 0,
        });
      }
    });
    proc.on('error', (error) => {
      stderr += `\ncannot run ${options.ssh}: ${error.message}`;
    });
    proc.on('close', (code, signal) => {
      if (child === proc) child = undefined;
      const how = signal ? `killed by ${signal}` : `exited with ${String(code)}`;
      retry(`ssh ${how}: ${sshError(stderr)}`);
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      void attempt();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const proc = child;
      child = undefined;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const closed = new Promise<void>((resolve) => proc.once('close', () => resolve()));
        proc.kill('SIGTERM');
        const forced = setTimeout(() => proc.kill('SIGKILL'), 2_000);
        await closed;
        clearTimeout(forced);
      }
      set({ phase: 'stopped', failures: 0 });
    },
    state: () => state,
  };
}
