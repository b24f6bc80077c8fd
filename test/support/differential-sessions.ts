/**
 * The scripted sessions of the differential suite (test/integration/helper-differential.test.ts):
 * how Claude Code opens a session, initialize variants, odd ids, batches, extra keys, invalid and
 * malformed lines, notifications and pings first, stdin EOF at awkward moments, signals, and tool
 * calls and permission prompts with the hub down. Each has a check of the reference transcript,
 * so the suite cannot pass by every build failing the same way.
 */
import { expect } from 'vitest';
import { CLAUDE_DISCOVER, CLAUDE_INITIALIZE } from './request-shapes';
import type { Outcome, Step } from './scripted-session';

export type ScriptedSession = {
  name: string;
  steps: Step[];
  /** Checks the reference (source) outcome. */
  check: (outcome: Outcome, lines: Array<Record<string, unknown>>) => void;
};

export const rpc = (id: unknown, method: string, params?: unknown): string =>
  `${JSON.stringify({ jsonrpc: '2.0', ...(id === undefined ? {} : { id }), method, ...(params === undefined ? {} : { params }) })}\n`;

export const initialize = (id: unknown, protocolVersion = '2025-11-25', extra = {}): string =>
  rpc(id, 'initialize', {
    protocolVersion,
    capabilities: {},
    clientInfo: { name: 'differential', version: '1' },
    ...extra,
  });

export const INITIALIZED = rpc(undefined, 'notifications/initialized');
export const call = (id: number, name: string, args: unknown): string =>
  rpc(id, 'tools/call', { name, arguments: args });
export const permissionRequest = (requestId: string): string =>
  rpc(undefined, 'notifications/claude/channel/permission_request', {
    request_id: requestId,
    tool_name: 'Bash',
    description: 'list the files',
    input_preview: '{"command":"ls"}',
  });

const text = (line: Record<string, unknown> | undefined): string =>
  JSON.stringify((line?.['result'] as { content?: unknown } | undefined)?.content ?? line);

const ok = (count: number) => (outcome: Outcome, lines: Array<Record<string, unknown>>) => {
  expect(outcome.missed).toEqual([]);
  expect(lines).toHaveLength(count);
  expect(outcome.code).toBe(0);
};

export const HUB_DOWN_SESSIONS: ScriptedSession[] = [
  {
    name: 'claude-code-opening',
    steps: [
      { send: [`${CLAUDE_DISCOVER}\n`], lines: 1 },
      { send: [`${CLAUDE_INITIALIZE}\n`], lines: 1 },
      { send: [INITIALIZED + rpc(1, 'tools/list')], lines: 1 },
      { send: [call(2, 'reply', { chat_id: 'web:main', text: 'hi' })], lines: 1 },
      { end: true },
    ],
    check: (outcome, lines) => {
      ok(4)(outcome, lines);
      expect(JSON.stringify(lines[0])).toContain('Method not found');
      expect(JSON.stringify(lines[1])).toContain('"protocolVersion":"2025-11-25"');
      expect(JSON.stringify(lines[2])).toContain('"name":"download_attachment"');
      expect(text(lines[3])).toContain('Switchboard is not running');
    },
  },
  {
    name: 'sdk-client-older-version',
    steps: [
      { send: [initialize(0, '2025-06-18')], lines: 1 },
      { send: [INITIALIZED + rpc(1, 'tools/list')], lines: 1 },
    ],
    check: (outcome, lines) => {
      ok(2)(outcome, lines);
      expect(JSON.stringify(lines[0])).toContain('"protocolVersion":"2025-06-18"');
    },
  },
  {
    name: 'unknown-protocol-versions',
    steps: [
      { send: [initialize(1, '2099-01-01')], lines: 1 },
      { send: [initialize(2, '__proto__')], lines: 1 },
      { send: [initialize(3, '2026-07-28')], lines: 1 },
    ],
    check: (outcome, lines) => {
      ok(3)(outcome, lines);
      for (const line of lines)
        expect(JSON.stringify(line)).toContain('"protocolVersion":"2025-11-25"');
    },
  },
  {
    name: 'odd-ids',
    steps: [
      { send: [initialize('ü"\\\n\u2028')], lines: 1 },
      { send: [initialize(0).replace('"id":0', '"id":-0')], lines: 1 },
      { send: [initialize(2 ** 31 - 1)], lines: 1 },
      { send: [initialize(2 ** 53 + 2)], lines: 0 },
      { send: [initialize(1.5)], lines: 0 },
      { send: [initialize(null)], lines: 0 },
      { send: [rpc('', 'tools/list')], lines: 1 },
    ],
    check: (outcome, lines) => {
      ok(4)(outcome, lines);
      expect(lines.map((line) => line['id'])).toEqual(['ü"\\\n\u2028', 0, 2 ** 31 - 1, '']);
    },
  },
  {
    name: 'batch-first',
    steps: [
      { send: [`[${initialize(1).trim()}]\n`], lines: 0 },
      { send: [initialize(2)], lines: 1 },
    ],
    check: (outcome, lines) => {
      ok(1)(outcome, lines);
      expect(lines[0]?.['id']).toBe(2);
    },
  },
  {
    name: 'extra-keys',
    steps: [
      { send: [initialize(1).replace('{"jsonrpc"', '{"extra":1,"jsonrpc"')], lines: 0 },
      {
        send: [initialize(2, '2025-11-25', { extra: [1], _meta: { note: 'x' } })],
        lines: 1,
      },
      {
        send: [
          rpc(3, 'initialize', {
            protocolVersion: '2025-11-25',
            capabilities: { roots: { listChanged: true }, future: 7, elicitation: {} },
            clientInfo: { name: 'n', version: 'v', kind: 'new-field' },
          }),
        ],
        lines: 1,
      },
    ],
    check: (outcome, lines) => {
      ok(2)(outcome, lines);
      expect(lines.map((line) => line['id'])).toEqual([2, 3]);
    },
  },
  {
    name: 'invalid-json-first',
    steps: [
      { send: ['{"jsonrpc":"2.0","id":1,"method":\n'], lines: 0 },
      { send: [initialize(2)], lines: 1 },
    ],
    check: ok(1),
  },
  {
    name: 'notification-first',
    steps: [
      { send: [INITIALIZED], lines: 0 },
      { send: [initialize(1)], lines: 1 },
    ],
    check: ok(1),
  },
  {
    name: 'ping-first',
    steps: [
      { send: [rpc(7, 'ping')], lines: 1 },
      { send: [initialize(8)], lines: 1 },
    ],
    check: (outcome, lines) => {
      ok(2)(outcome, lines);
      expect(lines[0]).toEqual({ jsonrpc: '2.0', id: 7, result: {} });
    },
  },
  {
    name: 'discover-and-initialize-in-one-chunk',
    steps: [{ send: [`${CLAUDE_DISCOVER}\n${CLAUDE_INITIALIZE}\n`], lines: 2 }],
    check: ok(2),
  },
  {
    name: 'initialize-split-across-chunks-with-crlf',
    steps: [
      { send: [CLAUDE_INITIALIZE.slice(0, 40), `${CLAUDE_INITIALIZE.slice(40)}\r\n`], lines: 1 },
    ],
    check: ok(1),
  },
  {
    name: 'invalid-initialize-then-valid',
    steps: [
      { send: [rpc(1, 'initialize')], lines: 1 },
      { send: [rpc(2, 'initialize', { protocolVersion: 1 })], lines: 1 },
      { send: [initialize(3)], lines: 1 },
    ],
    check: (outcome, lines) => {
      ok(3)(outcome, lines);
      expect(JSON.stringify(lines[0])).toContain('-32603');
    },
  },
  {
    name: 'malformed-lines-and-bad-tool-calls',
    steps: [
      { send: [initialize(1)], lines: 1 },
      { send: ['garbage\n', '[]\n{}\n', '{"jsonrpc":"2.0"}\n', '\n', '\u0000\u00ff\n'], lines: 0 },
      { send: [rpc(2, 'tools/list')], lines: 1 },
      { send: [call(3, 'no_such_tool', {})], lines: 1 },
      { send: [call(4, 'reply', { chat_id: 5 })], lines: 1 },
      { send: [rpc(5, 'tools/call', { arguments: {} })], lines: 1 },
      { send: [rpc(6, 'resources/list')], lines: 1 },
    ],
    check: (outcome, lines) => {
      ok(6)(outcome, lines);
      expect(text(lines[2])).toContain('Unknown tool');
      expect(text(lines[3])).toContain('Invalid arguments for reply');
    },
  },
  {
    name: 'permission-request-while-the-hub-is-down',
    steps: [
      { send: [initialize(1), INITIALIZED], lines: 1 },
      { send: [permissionRequest('abcde'), permissionRequest('bad id')], lines: 0 },
      { send: [rpc(2, 'ping')], lines: 1 },
    ],
    check: ok(2),
  },
  {
    name: 'stdin-eof-right-after-initialize',
    steps: [{ send: [`${CLAUDE_INITIALIZE}\n`], lines: 0 }, { end: true }],
    check: ok(1),
  },
  {
    name: 'stdin-eof-before-anything',
    steps: [{ end: true }],
    check: ok(0),
  },
  {
    name: 'stdin-eof-in-the-middle-of-a-line',
    steps: [{ send: [CLAUDE_INITIALIZE.slice(0, 30)], lines: 0 }, { end: true }],
    check: ok(0),
  },
  {
    name: 'sigterm-after-initialize',
    steps: [{ send: [initialize(1)], lines: 1 }, { signal: 'SIGTERM' }],
    check: ok(1),
  },
];
