/**
 * Spawns the real bundled helper through the MCP SDK's Client and StdioClientTransport — exactly
 * how Claude Code runs a stdio channel server — and collects the channel notifications it emits.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import {
  CHANNEL_NOTIFICATION,
  PERMISSION_REQUEST_NOTIFICATION,
  PERMISSION_VERDICT_NOTIFICATION,
  type ChannelEvent,
  type PermissionRequest,
  type PermissionVerdict,
} from '../../src/shared/channel';
import { HELPER } from './paths';
import { Waitable } from './waitable';

/** Records the protocol revision the client and the helper agreed on during `initialize`. */
class RecordingStdioTransport extends StdioClientTransport {
  negotiatedVersion: string | undefined;
  setProtocolVersion(version: string): void {
    this.negotiatedVersion = version;
  }
}

export type HelperClient = {
  client: Client;
  transport: RecordingStdioTransport;
  events: Waitable<ChannelEvent>;
  verdicts: Waitable<PermissionVerdict>;
  stderr: () => string;
  callTool: (name: string, args: Record<string, unknown>) => Promise<CallToolResult>;
  requestPermission: (request: PermissionRequest) => Promise<void>;
  close: () => Promise<void>;
};

export async function connectHelper(options: {
  home: string;
  session?: string;
  cwd?: string;
  env?: Record<string, string>;
  /** Run this executable instead of `node dist/switchboard-mcp.js` (the standalone helper). */
  executable?: string;
  /**
   * Run exactly this (a server entry as Claude Code's config holds it), with only this
   * environment: how a remote machine's Claude Code starts the helper `remote setup` registered.
   */
  spawn?: { command: string; args: string[]; env: Record<string, string> };
}): Promise<HelperClient> {
  const events = new Waitable<ChannelEvent>();
  const verdicts = new Waitable<PermissionVerdict>();
  const client = new Client({ name: 'claude-code-test', version: '2.1.90' }, { capabilities: {} });
  client.fallbackNotificationHandler = (notification) => {
    if (notification.method === CHANNEL_NOTIFICATION)
      events.push(notification.params as ChannelEvent);
    if (notification.method === PERMISSION_VERDICT_NOTIFICATION)
      verdicts.push(notification.params as PermissionVerdict);
    return Promise.resolve();
  };
  const session = options.session ? ['--session', options.session] : [];
  const transport = new RecordingStdioTransport({
    command: options.spawn?.command ?? options.executable ?? process.execPath,
    args: options.spawn
      ? [...options.spawn.args, ...session]
      : [...(options.executable ? [] : [HELPER]), ...session],
    env: options.spawn?.env ?? {
      ...(process.env as Record<string, string>),
      SWITCHBOARD_HOME: options.home,
      ...options.env,
    },
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  await client.connect(transport);
  return {
    client,
    transport,
    events,
    verdicts,
    stderr: () => stderr,
    callTool: async (name, args) =>
      (await client.callTool({ name, arguments: args })) as CallToolResult,
    requestPermission: (request) =>
      client.notification({ method: PERMISSION_REQUEST_NOTIFICATION, params: request }),
    close: () => client.close(),
  };
}

/** The text of a tool result (all text parts joined). */
export function resultText(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
