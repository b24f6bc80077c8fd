/**
 * The baseline: a channel server of the official plugins' design — one process that is both the
 * MCP server Claude Code spawns and the thing that receives the chat message (here over HTTP, as
 * the official "fakechat" does). No hub, no socket hop, no database.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

/* eslint-disable @typescript-eslint/no-deprecated -- the same low-level Server our helper uses */
const server = new Server(
  { name: 'baseline', version: '1.0.0' },
  {
    capabilities: { tools: {}, experimental: { 'claude/channel': {} } },
    instructions: 'Messages arrive as <channel> events; answer with reply.',
  },
);
/* eslint-enable @typescript-eslint/no-deprecated */
server.setRequestHandler(ListToolsRequestSchema, () => ({
  tools: [
    {
      name: 'reply',
      description: 'Reply in the chat',
      inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    },
  ],
}));
server.setRequestHandler(CallToolRequestSchema, () => ({
  content: [{ type: 'text', text: 'sent' }],
}));

let nextId = 1;
const http = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    const { text } = JSON.parse(body) as { text: string };
    const id = String(nextId++);
    void server.notification({
      method: 'notifications/claude/channel',
      params: {
        content: text,
        meta: { chat_id: 'web', message_id: id, user: 'web', ts: new Date().toISOString() },
      },
    });
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
  });
});
http.listen(0, '127.0.0.1', () =>
  process.stderr.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port })}\n`),
);
process.stdin.on('end', () => process.exit(0));
await server.connect(new StdioServerTransport());
