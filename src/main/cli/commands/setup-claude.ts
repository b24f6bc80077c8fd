/**
 * `switchboard setup claude [--project DIR]`: how Claude Code starts the helper. Prints the
 * `claude mcp add` command and the launch command; with --project writes the project's
 * `.mcp.json`, keeping every other server in it untouched.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVER_NAME } from '../../../shared/channel';
import { resolveHome } from '../../../shared/paths';
import { stringFlag, UsageError } from '../args';
import {
  findClaude,
  LAUNCH_COMMAND,
  mcpAddArgs,
  MIN_CHANNELS_VERSION,
  MIN_RELAY_VERSION,
  registerWithClaude,
  type Registration,
} from '../../claude/claude-cli';
import { print, type CommandContext } from '../context';

type ServerEntry = { command: string; args: string[]; env?: Record<string, string> };

export function helperEntry(ctx: CommandContext): ServerEntry {
  const entry: ServerEntry = {
    command: process.execPath,
    args: [resolve(ctx.distDir, 'switchboard-mcp.js')],
  };
  const defaultHome = resolveHome({
    env: {},
    platform: process.platform,
    homedir: homedir(),
    tmpdir: tmpdir(),
  });
  if (ctx.paths.home !== defaultHome) entry.env = { SWITCHBOARD_HOME: ctx.paths.home };
  return entry;
}

export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export async function setupClaude(ctx: CommandContext): Promise<number> {
  const [, target] = ctx.args.positionals;
  if (target !== 'claude') throw new UsageError('usage: switchboard setup claude [--project DIR]');
  const entry = helperEntry(ctx);
  const addCommand = ['claude', ...mcpAddArgs(SERVER_NAME, entry)];
  const project = stringFlag(ctx.args, '--project');
  let wrote: { path: string; changed: boolean } | undefined;
  if (project !== undefined)
    wrote = await writeProjectConfig(join(resolve(project), '.mcp.json'), entry);
  // Without --project: register at user scope through the real CLI when it is installed.
  const claude = await findClaude(ctx.env);
  let registered: Registration | undefined;
  if (project === undefined && claude && !ctx.args.flags.has('--print')) {
    registered = await registerWithClaude(
      claude,
      SERVER_NAME,
      addCommand.slice(1),
      entry.command,
      ctx.env,
    );
  }
  const warning = !claude
    ? 'Claude Code was not found (install it, or set CLAUDE_BIN); register the helper with the command below.'
    : !claude.channels
      ? `Claude Code ${claude.version} is too old for channels (${MIN_CHANNELS_VERSION} or newer needed); update it with \`claude update\`.`
      : !claude.relay
        ? `Claude Code ${claude.version} cannot relay permission prompts (${MIN_RELAY_VERSION} or newer); update it with \`claude update\`.`
        : undefined;

  print(
    ctx,
    {
      server: SERVER_NAME,
      mcpServer: entry,
      addCommand,
      launchCommand: LAUNCH_COMMAND,
      claude: claude
        ? { found: true, version: claude.version, channels: claude.channels, relay: claude.relay }
        : { found: false },
      ...(registered ? { registered: registered.changed, detail: registered.detail } : {}),
      ...(wrote ? { wrote: wrote.path, changed: wrote.changed } : {}),
    },
    () =>
      [
        ...(warning ? [warning, ''] : []),
        ...(registered ? [`${registered.detail}.`, ''] : []),
        wrote
          ? wrote.changed
            ? `Wrote the "${SERVER_NAME}" server into ${wrote.path} (other servers untouched).`
            : `${wrote.path} already has this "${SERVER_NAME}" server; nothing changed.`
          : 'Register the helper with Claude Code (all your projects):',
        ...(wrote
          ? []
          : [
              `  ${addCommand.map(shellQuote).join(' ')}`,
              '',
              'Or for one project, add this to its .mcp.json (or run with --project DIR):',
              `  ${JSON.stringify({ mcpServers: { [SERVER_NAME]: entry } })}`,
            ]),
        '',
        'Then start Claude Code with the channel enabled:',
        `  ${LAUNCH_COMMAND}`,
      ].join('\n'),
  );
  return 0;
}

async function writeProjectConfig(
  path: string,
  entry: ServerEntry,
): Promise<{ path: string; changed: boolean }> {
  let config: Record<string, unknown> = {};
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(
        `${path} is not valid JSON; fix it by hand first (Switchboard will not overwrite it)`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error(`${path} does not hold a JSON object; not touching it`);
    config = parsed as Record<string, unknown>;
  }
  const servers: unknown = config['mcpServers'] ?? {};
  if (typeof servers !== 'object' || Array.isArray(servers))
    throw new Error(`${path}: "mcpServers" is not an object; not touching it`);
  const existing = (servers as Record<string, unknown>)[SERVER_NAME];
  if (JSON.stringify(existing) === JSON.stringify(entry)) return { path, changed: false };
  const next = {
    ...config,
    mcpServers: { ...(servers as Record<string, unknown>), [SERVER_NAME]: entry },
  };
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`);
  await rename(temporary, path);
  return { path, changed: true };
}
