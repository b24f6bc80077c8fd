/**
 * A fake `claude` at the process boundary, for launched sessions (selected with SWITCHBOARD_CLAUDE;
 * offline, the real interactive CLI stops at "Unable to connect to Anthropic services"). Like
 * Claude Code it: checks its arguments and needs a terminal; finds the MCP servers named in
 * `--dangerously-load-development-channels server:NAME` in `.mcp.json` or the user's config;
 * asks to confirm development channels (and consent for an unapproved `.mcp.json` server) and
 * waits for a key; spawns each server with the MCP SDK client; prints channel events in its
 * terminal (`← switchboard · user: text`); exits on `/exit` or a second Ctrl-C.
 *
 * Test knobs, from the environment or, per project, from `.fake-claude.json` in the working
 * directory: FAKE_CLAUDE_LOG / `log` (JSON lines of what happened), FAKE_CLAUDE_CONFIRM=0 /
 * `confirm: false` (skip the development-channels confirmation), FAKE_CLAUDE_ECHO=1 / `echo`
 * (answer each channel event with `reply`), FAKE_CLAUDE_IGNORE_EXIT=1 / `ignoreExit` (stay after
 * /exit, like a session stuck in a dialog).
 */
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ArgError, parseFakeArgs, type FakeArgs } from './fake-claude-args';
import { findServer, rememberApproval } from './fake-claude-config';
import { choose, readKeys, type Key } from './fake-claude-terminal';

const env = process.env;
const cwd = process.cwd();
type Knobs = { log?: string; confirm?: boolean; echo?: boolean; ignoreExit?: boolean };
const knobs: Knobs = {
  ...(env['FAKE_CLAUDE_LOG'] ? { log: env['FAKE_CLAUDE_LOG'] } : {}),
  confirm: env['FAKE_CLAUDE_CONFIRM'] !== '0',
  echo: env['FAKE_CLAUDE_ECHO'] === '1',
  ignoreExit: env['FAKE_CLAUDE_IGNORE_EXIT'] === '1',
  ...readKnobs(),
};
function readKnobs(): Knobs {
  try {
    return JSON.parse(readFileSync(`${cwd}/.fake-claude.json`, 'utf8')) as Knobs;
  } catch {
    return {};
  }
}
const log = (event: Record<string, unknown>): void => {
  if (knobs.log) appendFileSync(knobs.log, `${JSON.stringify({ ...event, pid: process.pid })}\n`);
};
const say = (text: string): void => void process.stdout.write(`${text}\n`);

let args: FakeArgs;
try {
  args = parseFakeArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof ArgError ? error.message : String(error)}\n`);
  process.exit(1);
}
if (!process.stdin.isTTY || !statSync(cwd).isDirectory()) {
  process.stderr.write('error: claude needs a terminal for an interactive session\n');
  process.exit(1);
}
log({
  event: 'start',
  argv: process.argv.slice(2),
  cwd,
  session: env['SWITCHBOARD_SESSION'] ?? null,
  home: env['SWITCHBOARD_HOME'] ?? null,
});

const keys = readKeys(process.stdin);
const clients: Client[] = [];
let exiting = false;
async function exit(code: number, why: string): Promise<never> {
  exiting = true;
  log({ event: 'exit', why });
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  process.exit(code);
}

say(`✻ Claude Code (fake) 2.1.331`);
say(`  cwd: ${cwd}${args.continue ? '  (continuing the last conversation)' : ''}`);
if (args.model) say(`  model: ${args.model}`);

const servers = args.devChannels.filter((e) => e.startsWith('server:')).map((e) => e.slice(7));
if (servers.length > 0 && knobs.confirm !== false) {
  say('');
  say(' WARNING: Loading development channels');
  say(` --dangerously-load-development-channels is for local channel development only.`);
  say(` Channels: ${args.devChannels.join(', ')}`);
  const picked = await choose(keys, say, ['I am using this for local development', 'Exit']);
  log({ event: 'confirm', picked });
  if (picked !== 0) await exit(1, 'declined development channels');
}

for (const name of servers) {
  const found = findServer(name, cwd, env);
  if (!found) {
    say(`⚠ server:${name}: no MCP server named "${name}" is configured`);
    continue;
  }
  if (found.scope === 'project' && !found.approved) {
    say('');
    say(` New MCP server found in .mcp.json: ${name}`);
    const picked = await choose(keys, say, [
      'Use this and all future MCP servers in this project',
      'Use this MCP server',
      'Continue without using this MCP server',
    ]);
    rememberApproval(name, cwd, env, picked === 0 ? 'all' : picked === 1 ? 'one' : 'none');
    if (picked === 2) continue;
  }
  await connect(name, found.server);
}
say('');
say('> ');

async function connect(
  name: string,
  server: { command: string; args: string[]; env: Record<string, string> },
): Promise<void> {
  const client = new Client({ name: 'claude-code', version: '2.1.331' }, { capabilities: {} });
  client.fallbackNotificationHandler = async (notification) => {
    if (notification.method !== 'notifications/claude/channel') return;
    const params = notification.params as { content: string; meta: Record<string, string> };
    say(`← ${name} · ${params.meta['user'] ?? '?'}: ${params.content.slice(0, 60)}`);
    log({ event: 'channel', server: name, content: params.content, meta: params.meta });
    if (knobs.echo === true && params.meta['chat_id'])
      await client.callTool({
        name: 'reply',
        arguments: { chat_id: params.meta['chat_id'], text: `echo: ${params.content}` },
      });
  };
  const transport = new StdioClientTransport({
    command: server.command,
    args: server.args,
    env: { ...(env as Record<string, string>), ...server.env },
    cwd,
    stderr: 'ignore',
  });
  transport.onclose = () => {
    if (!exiting) say(`⚠ ${name} disconnected`);
  };
  try {
    await client.connect(transport);
    clients.push(client);
    log({ event: 'connected', server: name });
  } catch (error) {
    say(`⚠ ${name} failed to start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// The input line: typed characters, Enter submits, /exit leaves, Ctrl-C twice leaves.
let line = '';
let ctrlCAt = 0;
for await (const key of keys) await onKey(key);

async function onKey(key: Key): Promise<void> {
  if (key.kind === 'key')
    log({ event: 'key', name: key.name, ...(key.code ? { code: key.code } : {}) });
  if (key.kind === 'char') {
    line += key.text;
    process.stdout.write(key.text);
  } else if (key.name === 'backspace') line = line.slice(0, -1);
  else if (key.name === 'ctrl-c') {
    log({ event: 'ctrl-c' });
    if (Date.now() - ctrlCAt < 2000) await exit(0, 'ctrl-c twice');
    ctrlCAt = Date.now();
    say('\nPress Ctrl-C again to exit');
  } else if (key.name === 'enter') {
    const text = line;
    line = '';
    say('');
    log({ event: 'input', text });
    if (text.trim() === '/exit' && knobs.ignoreExit !== true) await exit(0, '/exit');
    say(`you typed: ${text}`);
    say('> ');
  }
}
await exit(0, 'stdin closed');
