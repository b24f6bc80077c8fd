/**
 * Whether Claude Code, started in a directory, would find a `switchboard` MCP server: in the
 * directory's local entry or the user entry of `~/.claude.json` (`$CLAUDE_CONFIG_DIR/.claude.json`),
 * or in a `.mcp.json` in the directory or above it — the places `claude mcp add` writes. Without
 * one, a launched session runs but never connects, so the launcher says so up front.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SERVER_NAME } from '../../shared/channel';

export type ServerScope = 'local' | 'project' | 'user';

type ClaudeJson = {
  mcpServers?: Record<string, unknown>;
  projects?: Record<string, { mcpServers?: Record<string, unknown> } | undefined>;
};

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function has(servers: unknown, name: string): boolean {
  return typeof servers === 'object' && servers !== null && Object.hasOwn(servers, name);
}

/** The scope in which `switchboard` is configured for `dir`, or undefined. */
export async function switchboardServerScope(
  dir: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ServerScope | undefined> {
  const configDir = env['CLAUDE_CONFIG_DIR'] || env['HOME'];
  const config = configDir
    ? ((await readJson(join(configDir, '.claude.json'))) as ClaudeJson | undefined)
    : undefined;
  if (has(config?.projects?.[dir]?.mcpServers, SERVER_NAME)) return 'local';
  for (let at = dir; ; at = dirname(at)) {
    const project = (await readJson(join(at, '.mcp.json'))) as ClaudeJson | undefined;
    if (has(project?.mcpServers, SERVER_NAME)) return 'project';
    if (dirname(at) === at) break;
  }
  return has(config?.mcpServers, SERVER_NAME) ? 'user' : undefined;
}
