/**
 * A stand-in for the Claude Code process in crash tests, run as its own process
 * (`node test/fakes/stand-in-claude.ts LOG HELPER SESSION`): it spawns the real helper over stdio
 * with the MCP SDK client, exactly as Claude Code does, and appends every channel notification to
 * LOG with a synchronous write the moment its transport parses it — so whatever this process had
 * read before a SIGKILL is in the log, and nothing it did not read is.
 *
 * stdout: `helper PID` once the helper runs, `attached` once the helper says the hub welcomed it.
 * SIGTERM or stdin EOF: closes the client the way Claude Code ends a server (a clean end).
 */
import { openSync, writeSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

const [logPath = '', helperPath = '', session = 'stand-in'] = process.argv.slice(2);
const log = openSync(logPath, 'a');

function record(message: JSONRPCMessage): void {
  if (!('method' in message) || message.method !== 'notifications/claude/channel') return;
  const params = message.params as { content: string; meta: Record<string, string> };
  const line = JSON.stringify({
    message_id: params.meta['message_id'],
    chat_id: params.meta['chat_id'],
    content: params.content,
    redelivered: params.meta['redelivered'] === 'true',
  });
  writeSync(log, `${line}\n`);
}

/** Logs each message before the client sees it; the wrap is installed when the client connects. */
class LoggingTransport extends StdioClientTransport {
  override async start(): Promise<void> {
    const inner = this.onmessage;
    this.onmessage = (message: JSONRPCMessage) => {
      record(message);
      inner?.(message);
    };
    await super.start();
  }
}

const transport = new LoggingTransport({
  command: process.execPath,
  args: [helperPath, '--session', session],
  env: { ...(process.env as Record<string, string>), SWITCHBOARD_CHANNELS: 'enabled' },
  stderr: 'pipe',
});
let said = false;
transport.stderr?.on('data', (chunk: Buffer) => {
  if (said || !chunk.toString('utf8').includes('connected to Switchboard')) return;
  said = true;
  process.stdout.write('attached\n');
});
const client = new Client({ name: 'claude-code', version: '2.1.331' }, { capabilities: {} });
client.fallbackNotificationHandler = () => Promise.resolve();

let closing = false;
function close(): void {
  if (closing) return;
  closing = true;
  void client.close().finally(() => process.exit(0));
}
process.on('SIGTERM', close);
process.stdin.on('end', close);
process.stdin.resume();

await client.connect(transport);
process.stdout.write(`helper ${String(transport.pid)}\n`);
