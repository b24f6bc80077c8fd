/**
 * The real Claude Code CLI, when installed: its version (channels need 2.1.80, permission relay
 * 2.1.81) and user-scope registration of the helper through `claude mcp add` — which edits
 * Claude Code's own config, so no other server is touched.
 */
import { execFile } from 'node:child_process';

export const MIN_CHANNELS_VERSION = '2.1.80';
export const MIN_RELAY_VERSION = '2.1.81';

export type ClaudeCli = { bin: string; version: string; channels: boolean; relay: boolean };

function run(
  bin: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Finds `claude` (CLAUDE_BIN, else PATH) and reads its version; undefined when it is not installed. */
export async function findClaude(env: NodeJS.ProcessEnv): Promise<ClaudeCli | undefined> {
  const bin = env['CLAUDE_BIN'] || 'claude';
  const { code, stdout } = await run(bin, ['--version'], env);
  const version = /(\d+\.\d+\.\d+)/.exec(stdout)?.[1];
  if (code !== 0 || version === undefined) return undefined;
  return {
    bin,
    version,
    channels: compareVersions(version, MIN_CHANNELS_VERSION) >= 0,
    relay: compareVersions(version, MIN_RELAY_VERSION) >= 0,
  };
}

export type Registration = { changed: boolean; detail: string };

/** Registers (or re-registers, when its command changed) the helper at user scope. */
export async function registerWithClaude(
  cli: ClaudeCli,
  name: string,
  addArgs: readonly string[],
  command: string,
  env: NodeJS.ProcessEnv,
): Promise<Registration> {
  const existing = await run(cli.bin, ['mcp', 'get', name], env);
  if (existing.code === 0) {
    if (existing.stdout.includes(command))
      return { changed: false, detail: `"${name}" is already registered with Claude Code` };
    const removed = await run(cli.bin, ['mcp', 'remove', name, '--scope', 'user'], env);
    if (removed.code !== 0)
      throw new Error(
        `could not replace the existing "${name}" server: ${removed.stderr.trim() || removed.stdout.trim()}`,
      );
  }
  const added = await run(cli.bin, addArgs, env);
  if (added.code !== 0)
    throw new Error(`claude mcp add failed: ${added.stderr.trim() || added.stdout.trim()}`);
  return { changed: true, detail: `registered "${name}" with Claude Code (user scope)` };
}

export const LAUNCH_COMMAND = 'claude --dangerously-load-development-channels server:switchboard';
export const SHELL_ALIAS = `alias claude-channels='${LAUNCH_COMMAND}'`;

export type HelperEntry = { command: string; args: string[]; env?: Record<string, string> };

/** `claude mcp add` arguments (without the program): the name before `-e`, which is variadic. */
export function mcpAddArgs(name: string, entry: HelperEntry): string[] {
  return [
    'mcp',
    'add',
    '--scope',
    'user',
    name,
    ...Object.entries(entry.env ?? {}).flatMap(([key, value]) => ['-e', `${key}=${value}`]),
    '--',
    entry.command,
    ...entry.args,
  ];
}

export type ConnectOutcome = {
  claude: { found: false } | { found: true; version: string; channels: boolean; relay: boolean };
  registered?: boolean;
  detail: string;
  warning?: string;
  launchCommand: string;
  alias: string;
};

/** "Connect Claude Code": register the helper when the CLI is there, and say what to run. */
export async function connectClaude(
  name: string,
  entry: HelperEntry,
  env: NodeJS.ProcessEnv,
): Promise<ConnectOutcome> {
  const cli = await findClaude(env);
  const base = { launchCommand: LAUNCH_COMMAND, alias: SHELL_ALIAS };
  if (!cli)
    return {
      ...base,
      claude: { found: false },
      detail: 'Claude Code was not found',
      warning: `Install Claude Code, then run: claude ${mcpAddArgs(name, entry).join(' ')}`,
    };
  const claude = {
    found: true as const,
    version: cli.version,
    channels: cli.channels,
    relay: cli.relay,
  };
  const warning = !cli.channels
    ? `Claude Code ${cli.version} is too old for channels (${MIN_CHANNELS_VERSION} or newer); run \`claude update\`.`
    : !cli.relay
      ? `Claude Code ${cli.version} cannot relay permission prompts (${MIN_RELAY_VERSION} or newer); run \`claude update\`.`
      : undefined;
  const registration = await registerWithClaude(
    cli,
    name,
    mcpAddArgs(name, entry),
    entry.command,
    env,
  );
  return {
    ...base,
    claude,
    registered: registration.changed,
    detail: registration.detail,
    ...(warning ? { warning } : {}),
  };
}
