/**
 * How the fake `claude` finds an MCP server, the way Claude Code 2.1.x does (checked against the
 * real CLI's `claude mcp add/get/list`): `$CLAUDE_CONFIG_DIR/.claude.json` or `~/.claude.json`
 * holds user servers (`mcpServers`) and per-directory local ones (`projects[cwd].mcpServers`);
 * `.mcp.json` in the working directory or any directory above holds project servers, which run
 * only once approved (`projects[cwd].enabledMcpjsonServers`, or `enableAllProjectMcpServers`).
 * Local beats project beats user.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export type StdioServer = {
  command: string;
  args: string[];
  env: Record<string, string>;
};

export type FoundServer =
  | { scope: 'local' | 'user'; server: StdioServer }
  | { scope: 'project'; server: StdioServer; approved: boolean; file: string };

type ProjectEntry = {
  mcpServers?: Record<string, unknown>;
  enabledMcpjsonServers?: string[];
  disabledMcpjsonServers?: string[];
  enableAllProjectMcpServers?: boolean;
};
type ClaudeJson = { mcpServers?: Record<string, unknown>; projects?: Record<string, ProjectEntry> };

export function configPath(env: NodeJS.ProcessEnv): string {
  return join(env['CLAUDE_CONFIG_DIR'] || env['HOME'] || homedir(), '.claude.json');
}

function readJson(path: string): ClaudeJson | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ClaudeJson;
  } catch {
    return undefined;
  }
}

function stdio(entry: unknown): StdioServer | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as { type?: string; command?: unknown; args?: unknown; env?: unknown };
  if ((e.type ?? 'stdio') !== 'stdio' || typeof e.command !== 'string') return undefined;
  return {
    command: e.command,
    args: Array.isArray(e.args) ? e.args.map(String) : [],
    env: typeof e.env === 'object' && e.env !== null ? (e.env as Record<string, string>) : {},
  };
}

export function findServer(
  name: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): FoundServer | undefined {
  const config = readJson(configPath(env)) ?? {};
  const entry = config.projects?.[cwd] ?? {};
  const local = stdio(entry.mcpServers?.[name]);
  if (local) return { scope: 'local', server: local };
  for (let at = cwd; ; at = dirname(at)) {
    const file = join(at, '.mcp.json');
    const server = stdio(readJson(file)?.mcpServers?.[name]);
    if (server && !entry.disabledMcpjsonServers?.includes(name)) {
      const approved =
        entry.enableAllProjectMcpServers === true ||
        (entry.enabledMcpjsonServers ?? []).includes(name);
      return { scope: 'project', server, approved, file };
    }
    if (dirname(at) === at) break;
  }
  const user = stdio(config.mcpServers?.[name]);
  return user ? { scope: 'user', server: user } : undefined;
}

/** Records an answer to the project-server consent prompt, as Claude Code does. */
export function rememberApproval(
  name: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  choice: 'all' | 'one' | 'none',
): void {
  const path = configPath(env);
  const config = readJson(path) ?? {};
  const projects = (config.projects ??= {});
  const entry = (projects[cwd] ??= {});
  if (choice === 'all') entry.enableAllProjectMcpServers = true;
  else if (choice === 'one')
    entry.enabledMcpjsonServers = [...(entry.enabledMcpjsonServers ?? []), name];
  else entry.disabledMcpjsonServers = [...(entry.disabledMcpjsonServers ?? []), name];
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}
