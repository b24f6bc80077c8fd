/**
 * The command line of a launched session: `claude` + the project's options + the channel flag,
 * run through the user's login shell so Claude Code and the tools it runs get the PATH a terminal
 * would have (an app started from the Dock, or a tmux server it started, has launchd's bare PATH).
 */
import { basename } from 'node:path';
import { SERVER_NAME } from '../../shared/channel';
import { lookForClaude, MIN_CHANNELS_VERSION, notFoundMessage } from '../claude/claude-cli';
import type { LauncherSettings, Project } from '../settings/projects-schema';
import { findOnPath } from './find-tmux';

export const TMUX_PREFIX = 'switchboard-';

/** The tmux session of a project: `switchboard-<project>`. */
export function tmuxSessionName(project: string): string {
  return `${TMUX_PREFIX}${project}`;
}

/** The flag that admits the helper as a channel (Claude Code turns channels on only at launch). */
export function channelFlag(channel: LauncherSettings['channel']): string[] {
  return channel === 'plugin'
    ? ['--channels', `plugin:${SERVER_NAME}@${SERVER_NAME}`]
    : ['--dangerously-load-development-channels', `server:${SERVER_NAME}`];
}

/**
 * Claude Code's arguments for a project. The channel flag is variadic and goes last, so it cannot
 * swallow a prompt among the project's own arguments.
 */
export function claudeArgs(project: Project, launcher: LauncherSettings): string[] {
  return [
    ...(project.resume ? ['--continue'] : []),
    ...project.args,
    ...channelFlag(launcher.channel),
  ];
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh']);

/**
 * argv for tmux: `SHELL -l -c 'cd -- "$1" && shift && exec "$@"' switchboard DIR CLAUDE ARGS…`.
 * Everything is passed as positional parameters, never spliced into the script; a login profile
 * that changes directory is undone by the `cd`. Shells with other syntax (fish, nu) run Claude
 * Code directly.
 */
export function launchCommand(options: {
  shell: string | undefined;
  dir: string;
  claude: string;
  args: readonly string[];
}): string[] {
  const { shell, dir, claude, args } = options;
  if (!shell?.startsWith('/') || !POSIX_SHELLS.has(basename(shell))) return [claude, ...args];
  return [
    shell,
    '-l',
    '-c',
    'cd -- "$1" && shift && exec "$@"',
    'switchboard',
    dir,
    claude,
    ...args,
  ];
}

export type ClaudeForLaunch =
  | {
      ok: true;
      bin: string;
      /** A PATH on which it (and the node an npm install needs) resolve. */ path?: string;
    }
  | { ok: false; message: string };

/**
 * The `claude` to launch: SWITCHBOARD_CLAUDE when set, else what "Connect Claude Code" finds
 * (`lookForClaude`: PATH, the login shell's PATH, the usual install folders), as an absolute path
 * — tmux runs it with the tmux server's environment, not ours.
 */
export async function resolveClaude(
  env: Readonly<Record<string, string | undefined>>,
): Promise<ClaudeForLaunch> {
  const override = env['SWITCHBOARD_CLAUDE'];
  if (override) {
    const bin = await findOnPath(override, env);
    return bin
      ? { ok: true, bin }
      : { ok: false, message: `SWITCHBOARD_CLAUDE (${override}) is not an executable file.` };
  }
  const { cli, looked } = await lookForClaude({ ...env });
  if (!cli)
    return {
      ok: false,
      message: `${notFoundMessage(looked)} Install Claude Code (https://docs.anthropic.com/en/docs/claude-code), or set SWITCHBOARD_CLAUDE to its path.`,
    };
  if (!cli.channels)
    return {
      ok: false,
      message: `Claude Code ${cli.version} is too old for channels (${MIN_CHANNELS_VERSION} or newer); run \`claude update\`.`,
    };
  const bin = await findOnPath(cli.bin, cli.env);
  if (!bin) return { ok: false, message: `Claude Code (${cli.bin}) is not an executable file.` };
  const path = cli.env['PATH'];
  return path ? { ok: true, bin, path } : { ok: true, bin };
}
