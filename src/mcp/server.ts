/**
 * The MCP side of the helper: declares the channel capabilities, advertises the tools, forwards
 * every tool call to the hub and every permission prompt from Claude Code to the hub, and emits
 * what the hub delivers. No decisions are made here.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import {
  CHANNEL_CAPABILITY,
  CHANNEL_NOTIFICATION,
  PERMISSION_CAPABILITY,
  PERMISSION_REQUEST_NOTIFICATION,
  PERMISSION_VERDICT_NOTIFICATION,
  SERVER_NAME,
  permissionRequestSchema,
} from '../shared/channel';
import type { BridgeClient, CallOutcome } from './bridge-client';
import { INSTRUCTIONS } from './instructions';
import { noJsonSchemaValidator } from './lean/no-json-schema';
import { TOOLS } from './tools';

export const HELPER_VERSION = '0.1.0';

const permissionRequestNotification = z.object({
  method: z.literal(PERMISSION_REQUEST_NOTIFICATION),
  params: permissionRequestSchema,
});

type ChannelNotification =
  | {
      method: typeof CHANNEL_NOTIFICATION;
      params: { content: string; meta: Record<string, string> };
    }
  | {
      method: typeof PERMISSION_VERDICT_NOTIFICATION;
      params: { request_id: string; behavior: 'allow' | 'deny' };
    };

export const NOT_RUNNING_TEXT =
  'Switchboard is not running, so nothing was sent. Start the Switchboard app (or run `switchboard serve` in a terminal); this session reconnects by itself within a few seconds, then try again.';

const toolList: Tool[] = TOOLS.map((tool) => {
  const { $schema: _ignored, ...inputSchema } = z.toJSONSchema(tool.schema, { io: 'input' });
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: inputSchema as Tool['inputSchema'],
    annotations: { title: tool.title, ...tool.annotations },
  };
});

/* eslint-disable @typescript-eslint/no-deprecated --
 * The low-level Server is the SDK's tool for "advanced use cases": ours declares experimental
 * capabilities and sends notification methods outside the MCP schema, and it starts faster than
 * McpServer (no schema conversion at start-up), which matters for the helper's cold start. */
export function createServer(bridge: BridgeClient): {
  server: Server<never, ChannelNotification>;
  cleanup: () => void;
} {
  const server = new Server<never, ChannelNotification>(
    { name: SERVER_NAME, version: HELPER_VERSION },
    {
      capabilities: {
        tools: {},
        experimental: { [CHANNEL_CAPABILITY]: {}, [PERMISSION_CAPABILITY]: {} },
      },
      instructions: INSTRUCTIONS,
      // No ajv: the helper never elicits input (lean/no-json-schema.ts).
      jsonSchemaValidator: noJsonSchemaValidator,
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: toolList }));

  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const tool = TOOLS.find((t) => t.name === request.params.name);
    if (!tool)
      return errorResult(
        `Unknown tool "${request.params.name}". Available: ${TOOLS.map((t) => t.name).join(', ')}.`,
      );
    const parsed = tool.schema.safeParse(request.params.arguments ?? {});
    if (!parsed.success) {
      return errorResult(`Invalid arguments for ${tool.name}: ${z.prettifyError(parsed.error)}`);
    }
    return toResult(await bridge.call(tool.name, parsed.data));
  });

  server.setNotificationHandler(permissionRequestNotification, (notification) => {
    bridge.sendPermissionRequest(notification.params);
  });

  bridge.start({
    onDeliver: (frame) =>
      server.notification({
        method: CHANNEL_NOTIFICATION,
        params: { content: frame.content, meta: frame.meta },
      }),
    onVerdict: (requestId, behavior) =>
      server.notification({
        method: PERMISSION_VERDICT_NOTIFICATION,
        params: { request_id: requestId, behavior },
      }),
  });

  return { server, cleanup: () => bridge.close() };
}
/* eslint-enable @typescript-eslint/no-deprecated */

function toResult(outcome: CallOutcome): CallToolResult {
  if (outcome.ok) return { content: [{ type: 'text', text: outcome.text }] };
  switch (outcome.error) {
    case 'hub-not-running':
      return errorResult(NOT_RUNNING_TEXT);
    case 'hub-disconnected':
      return errorResult(
        `${outcome.message}. It may or may not have been sent; check the chat with fetch_messages once Switchboard is back.`,
      );
    case 'timeout':
      return errorResult(
        `${outcome.message}. It may still be sent; check with fetch_messages before retrying.`,
      );
    case 'rejected':
      return errorResult(outcome.message);
  }
}

function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}
