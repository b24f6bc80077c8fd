/**
 * The few tmux commands the launcher needs, run with argv (never through a shell). Targets are
 * exact (`=name`): tmux otherwise matches a prefix, so `-t switchboard-bill` could reach
 * `switchboard-billing`.
 */
import { execFile } from 'node:child_process';

export type TmuxSocket = { name: string } | { path: string };

export type TmuxRun = { code: number; stdout: string; stderr: string };

export type PaneInfo = {
  name: string;
  /** The `@switchboard-home` marker: which Switchboard started this session (empty if none). */
  home: string;
  dead: boolean;
  exitStatus: number | null;
  /** Last output in the window or key press in the session, ms since the epoch. */
  activityAt: number;
  pid: number;
  /** The program in the foreground of the pane (`bash` while a login profile runs, then `claude`). */
  command: string;
};

const INFO_FORMAT =
  '#{session_name}\t#{@switchboard-home}\t#{pane_dead}\t#{pane_dead_status}\t#{window_activity}\t#{session_activity}\t#{pane_pid}\t#{pane_current_command}';

function parseInfo(line: string): PaneInfo | undefined {
  const [name, home, dead, status, windowActivity, sessionActivity, pid, command] =
    line.split('\t');
  if (name === undefined || pid === undefined) return undefined;
  const seconds = Math.max(Number(windowActivity) || 0, Number(sessionActivity) || 0);
  return {
    name,
    home: home ?? '',
    dead: dead === '1',
    exitStatus: status === undefined || status === '' ? null : Number(status),
    activityAt: seconds * 1000,
    pid: Number(pid),
    command: command ?? '',
  };
}

/** tmux reads an argument ending in `;` as a command separator; `\;` keeps it literal. */
export function tmuxArgument(text: string): string {
  return text.endsWith(';') ? `${text.slice(0, -1)}\\;` : text;
}

export class Tmux {
  readonly bin: string;
  readonly #socket: string[];
  readonly #env: NodeJS.ProcessEnv | undefined;

  /**
   * `env` is what tmux runs with — and what a tmux server this starts (none was running) hands
   * to every session in it.
   */
  constructor(
    bin: string,
    socket?: TmuxSocket,
    env?: Readonly<Record<string, string | undefined>>,
  ) {
    this.bin = bin;
    this.#socket = !socket ? [] : 'name' in socket ? ['-L', socket.name] : ['-S', socket.path];
    this.#env = env ? { ...env } : undefined;
  }

  run(args: readonly string[], timeoutMs = 10_000): Promise<TmuxRun> {
    return new Promise((resolve) => {
      execFile(
        this.bin,
        [...this.#socket, ...args],
        {
          timeout: timeoutMs,
          maxBuffer: 4 * 1024 * 1024,
          ...(this.#env ? { env: this.#env } : {}),
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
          resolve({ code, stdout, stderr: stderr || (error && code === 127 ? error.message : '') });
        },
      );
    });
  }

  async #must(args: readonly string[]): Promise<string> {
    const result = await this.run(args);
    if (result.code !== 0)
      throw new Error(
        `tmux ${args[0] ?? ''} failed: ${result.stderr.trim() || `exit ${result.code}`}`,
      );
    return result.stdout;
  }

  /** `tmux -V`, or undefined when tmux cannot run. */
  async version(): Promise<string | undefined> {
    const result = await this.run(['-V']);
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  /** Every session's first pane (none when no server runs). */
  async list(): Promise<PaneInfo[]> {
    const result = await this.run(['list-panes', '-a', '-F', INFO_FORMAT]);
    if (result.code !== 0) return [];
    const seen = new Set<string>();
    const panes: PaneInfo[] = [];
    for (const line of result.stdout.split('\n')) {
      const info = parseInfo(line);
      if (!info || seen.has(info.name)) continue;
      seen.add(info.name);
      panes.push(info);
    }
    return panes;
  }

  async info(session: string): Promise<PaneInfo | undefined> {
    const result = await this.run(['display-message', '-p', '-t', `=${session}:`, INFO_FORMAT]);
    return result.code === 0 ? parseInfo(result.stdout.trim()) : undefined;
  }

  /**
   * A detached session running `command` in `cwd`, marked as ours. remain-on-exit keeps a pane
   * whose program ended so its last words can be read; the marker, the pipe and the options are set
   * in the same tmux invocation, before the server can notice the program exit.
   */
  async newSession(options: {
    name: string;
    cwd: string;
    command: readonly string[];
    env: Readonly<Record<string, string>>;
    home: string;
    width: number;
    height: number;
  }): Promise<void> {
    const target = `=${options.name}`;
    await this.#must([
      'new-session',
      '-d',
      '-s',
      options.name,
      '-c',
      options.cwd,
      '-x',
      String(options.width),
      '-y',
      String(options.height),
      ...Object.entries(options.env).flatMap(([key, value]) => ['-e', `${key}=${value}`]),
      '--',
      ...options.command.map(tmuxArgument),
      // With a pipe open, tmux reads all the pane's pending output before it closes a pane whose
      // program exited; without one it closes on the exit signal and can drop the last lines (1
      // start in 10 lost "boom: cannot read settings" here; 1 in 100 with the pipe). Those last
      // lines are what a failed start is reported with.
      ';',
      'pipe-pane',
      '-t',
      `${target}:`,
      'cat >/dev/null',
      ';',
      'set-option',
      '-t',
      `${target}:`,
      '@switchboard-home',
      tmuxArgument(options.home),
      ';',
      'set-option',
      '-w',
      '-t',
      `${target}:`,
      'remain-on-exit',
      'on',
      // A user's `destroy-unattached on` would end a detached session at once.
      ';',
      'set-option',
      '-t',
      `${target}:`,
      'destroy-unattached',
      'off',
    ]);
  }

  async killSession(session: string): Promise<boolean> {
    return (await this.run(['kill-session', '-t', `=${session}`])).code === 0;
  }

  /** The visible part of the session's pane, as text; with `history`, the scrollback too. */
  async capture(session: string, history = false): Promise<string> {
    return this.#must([
      'capture-pane',
      '-p',
      ...(history ? ['-S', '-'] : []),
      '-t',
      `=${session}:`,
    ]);
  }

  /** Types text exactly as given: `-l` makes tmux send it as characters, never as key names. */
  async sendLiteral(session: string, text: string): Promise<void> {
    if (text === '') return;
    await this.#must(['send-keys', '-t', `=${session}:`, '-l', '--', tmuxArgument(text)]);
  }

  /** Presses named keys (callers pass only names from their own fixed list). */
  async sendKeys(session: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.#must(['send-keys', '-t', `=${session}:`, ...keys]);
  }
}
