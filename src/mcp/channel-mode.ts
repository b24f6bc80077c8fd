/**
 * Was this helper admitted as a channel? Claude Code gives no signal: a session started without
 * `--dangerously-load-development-channels server:…` (or `--channels plugin:…`) still runs the
 * server and its tools, but drops every channel event silently — and so does `claude mcp list`'s
 * health check. The helper reads its parent's command line to tell the hub, which then routes
 * chats only to sessions that will show them. When the parent is not recognisably Claude Code
 * (an IDE, a wrapper), the answer is "unknown" and the session is treated as a channel.
 */
import { readFile } from 'node:fs/promises';

export type ChannelMode = 'enabled' | 'disabled' | 'unknown';

const CHANNEL_FLAGS = ['--dangerously-load-development-channels', '--channels'];

/** Classifies a parent command line (argv words). Pure, for tests. */
export function classifyParent(argv: readonly string[]): ChannelMode {
  const flagIndex = argv.findIndex((arg) =>
    CHANNEL_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)),
  );
  if (flagIndex >= 0) {
    // The flags take `server:NAME` / `plugin:NAME@MARKETPLACE` entries; our configured name is not
    // known to us, so any entry counts.
    const entries = argv.slice(flagIndex).flatMap((arg) => arg.split(/[=,\s]+/));
    if (entries.some((entry) => entry.startsWith('server:') || entry.startsWith('plugin:')))
      return 'enabled';
  }
  const program = argv.slice(0, 2).map((arg) => arg.split('/').pop() ?? '');
  const isClaude =
    argv
      .slice(0, 2)
      .some((arg) => /(^|\/)claude(\.exe)?$/.test(arg) || arg.includes('claude-code')) ||
    program.includes('claude');
  return isClaude ? 'disabled' : 'unknown';
}

async function parentArgv(ppid: number, platform: string): Promise<string[] | undefined> {
  if (platform === 'linux') {
    const raw = await readFile(`/proc/${ppid}/cmdline`, 'utf8').catch(() => undefined);
    return raw?.split('\0').filter((arg) => arg !== '');
  }
  if (platform === 'darwin') {
    // Loaded only here: not on Linux, and never while the standalone helper's startup snapshot is
    // built (Node does not vouch for child_process inside a snapshot).
    const { execFile } = await import('node:child_process');
    // `ps` prints the whole command line as one string; splitting on spaces is enough to find flags.
    return new Promise((resolve) => {
      execFile(
        '/bin/ps',
        ['-o', 'command=', '-p', String(ppid)],
        { timeout: 2_000 },
        (error, stdout) => {
          resolve(error ? undefined : stdout.trim().split(/\s+/));
        },
      );
    });
  }
  return undefined;
}

/** The mode for this process: SWITCHBOARD_CHANNELS overrides, else the parent's command line. */
export async function detectChannelMode(
  env: Readonly<Record<string, string | undefined>>,
  ppid: number,
  platform: string,
): Promise<ChannelMode> {
  const override = env['SWITCHBOARD_CHANNELS'];
  if (override === 'enabled' || override === 'disabled') return override;
  const argv = await parentArgv(ppid, platform);
  return argv ? classifyParent(argv) : 'unknown';
}
