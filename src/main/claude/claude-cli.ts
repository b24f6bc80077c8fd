/**
 * The real Claude Code CLI, when installed: where it is (findClaude — the one way Switchboard
 * finds `claude`, also from an app opened in Finder whose PATH lacks it), its version (channels
 * need 2.1.80, permission relay 2.1.81) and user-scope registration of the helper through
 * `claude mcp add` — which edits Claude Code's own config, so no other server is touched.
 */
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  findExecutable,
  joinPath,
  loginShellPath,
  splitPath,
  type LoginShellOptions,
} from './login-path';

export const MIN_CHANNELS_VERSION = '2.1.80';
export const MIN_RELAY_VERSION = '2.1.81';

export type ClaudeCli = {
  bin: string;
  version: string;
  channels: boolean;
  relay: boolean;
  /** The environment to run it with: a PATH on which it (and the `node` its script needs) resolve. */
  env: NodeJS.ProcessEnv;
};

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

export type ClaudeSearchOptions = {
  loginShell?: LoginShellOptions;
  /** The install folders probed last (default: claudeInstallDirs of HOME). */
  installDirs?: readonly string[];
};

/** Where Claude Code's installers put `claude`: native installer, Homebrew (both CPUs), local install. */
export function claudeInstallDirs(home: string): string[] {
  return [
    join(home, '.local', 'bin'),
    '/opt/homebrew/bin',
    '/usr/local/bin',
    join(home, '.claude', 'local'),
  ];
}

/** Where the search looked, in words, each place once. */
export type ClaudeLookup = { cli?: ClaudeCli; looked: string[] };

async function probe(
  bin: string,
  env: NodeJS.ProcessEnv,
  looked: string[],
): Promise<ClaudeCli | undefined> {
  const { code, stdout, stderr } = await run(bin, ['--version'], env);
  const version = /(\d+\.\d+\.\d+)/.exec(stdout)?.[1];
  if (code === 0 && version !== undefined)
    return {
      bin,
      version,
      channels: compareVersions(version, MIN_CHANNELS_VERSION) >= 0,
      relay: compareVersions(version, MIN_RELAY_VERSION) >= 0,
      env,
    };
  looked.push(
    `${bin} (found, but \`--version\` failed: ${(stderr.trim() || stdout.trim() || `exit ${code}`).split('\n')[0]})`,
  );
  return undefined;
}

/**
 * The search behind findClaude, also saying where it looked: CLAUDE_BIN when set (and only
 * there), else `claude` on PATH, on the login shell's PATH, then in the usual install folders.
 */
export async function lookForClaude(
  env: NodeJS.ProcessEnv,
  options: ClaudeSearchOptions = {},
): Promise<ClaudeLookup> {
  const looked: string[] = [];
  const explicit = env['CLAUDE_BIN'];
  if (explicit) {
    looked.push(`CLAUDE_BIN (${explicit})`);
    return { cli: await probe(explicit, env, looked), looked };
  }
  const tried = new Set<string>();
  // Each folder is searched once; one whose `claude` failed is tried again with a fuller PATH
  // (an npm-installed `claude` needs `node` on PATH, which Finder's PATH lacks).
  const tryIn = async (dirs: readonly string[], path: string): Promise<ClaudeCli | undefined> => {
    const fresh = dirs.filter((dir) => !tried.has(dir));
    for (const dir of fresh) tried.add(dir);
    const bin = await findExecutable('claude', fresh);
    if (!bin) return undefined;
    const cli = await probe(bin, { ...env, PATH: path }, looked);
    if (!cli) tried.delete(dirname(bin));
    return cli;
  };
  const home = env['HOME'] || homedir();
  const tilde = (path: string): string =>
    path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;

  looked.push(`\`claude\` on PATH (${env['PATH'] || 'empty'})`);
  let cli = await tryIn(splitPath(env['PATH']), env['PATH'] ?? '');
  if (cli) return { cli, looked };

  const login = await loginShellPath(env, options.loginShell);
  looked.push(
    login.path !== undefined
      ? `your login shell's PATH (${login.shell} -ilc: ${login.path})`
      : `your login shell's PATH (${login.shell} -ilc ${login.problem})`,
  );
  const basePath = joinPath(login.path, env['PATH']);
  if (login.path !== undefined) {
    cli = await tryIn(splitPath(login.path), basePath);
    if (cli) return { cli, looked };
  }

  const dirs = options.installDirs ?? claudeInstallDirs(home);
  looked.push(dirs.map(tilde).join(', '));
  for (const dir of dirs) {
    cli = await tryIn([dir], joinPath(dir, basePath));
    if (cli) return { cli, looked };
  }
  return { looked };
}

/** Finds `claude` and reads its version; undefined when it is not installed (see lookForClaude). */
export async function findClaude(
  env: NodeJS.ProcessEnv,
  options: ClaudeSearchOptions = {},
): Promise<ClaudeCli | undefined> {
  return (await lookForClaude(env, options)).cli;
}

/** "Claude Code was not found. Looked for …": every place, in order. */
export function notFoundMessage(looked: readonly string[]): string {
  return `Claude Code was not found. Looked for: ${looked.join('; ')}.`;
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
  const runEnv = { ...env, PATH: cli.env['PATH'] };
  const existing = await run(cli.bin, ['mcp', 'get', name], runEnv);
  if (existing.code === 0) {
    if (existing.stdout.includes(command))
      return { changed: false, detail: `"${name}" is already registered with Claude Code` };
    const removed = await run(cli.bin, ['mcp', 'remove', name, '--scope', 'user'], runEnv);
    if (removed.code !== 0)
      throw new Error(
        `could not replace the existing "${name}" server: ${removed.stderr.trim() || removed.stdout.trim()}`,
      );
  }
  const added = await run(cli.bin, addArgs, runEnv);
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
  options: ClaudeSearchOptions = {},
): Promise<ConnectOutcome> {
  const { cli, looked } = await lookForClaude(env, options);
  const base = { launchCommand: LAUNCH_COMMAND, alias: SHELL_ALIAS };
  if (!cli)
    return {
      ...base,
      claude: { found: false },
      detail: 'Claude Code was not found',
      warning: `${notFoundMessage(looked)} Install Claude Code (or set CLAUDE_BIN to it), then run: claude ${mcpAddArgs(name, entry).join(' ')}`,
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
