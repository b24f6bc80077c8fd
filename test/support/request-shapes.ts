/**
 * Request lines for comparing the helper's early answers (and its builds) with the SDK: Claude
 * Code's real opening requests (captured from Claude Code 2.1.331), named variations of every
 * part of them, and seeded random mutations.
 */

export const CLAUDE_DISCOVER =
  '{"jsonrpc":"2.0","id":"server-discover-probe-1","method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"claude-code","title":"Claude Code","version":"2.1.331","description":"Anthropic\'s agentic coding tool","websiteUrl":"https://claude.com/claude-code"},"io.modelcontextprotocol/clientCapabilities":{"roots":{"listChanged":true},"elicitation":{"form":{},"url":{}}}}}}';

export const CLAUDE_INITIALIZE =
  '{"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"roots":{"listChanged":true},"elicitation":{"form":{},"url":{}}},"clientInfo":{"name":"claude-code","title":"Claude Code","version":"2.1.331","description":"Anthropic\'s agentic coding tool","websiteUrl":"https://claude.com/claude-code"}},"jsonrpc":"2.0","id":0}';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const base = (): { [key: string]: Json } =>
  JSON.parse(CLAUDE_INITIALIZE) as { [key: string]: Json };

/** An own property even for `__proto__` (plain assignment would set the prototype instead). */
function put(at: { [key: string]: Json }, key: string, value: Json | undefined): void {
  if (value === undefined) Reflect.deleteProperty(at, key);
  else
    Object.defineProperty(at, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Sets (or, with `undefined`, deletes) the value at a path of a copy of the base request. */
function variant(path: readonly string[], value: Json | undefined): string {
  const message = base();
  let at: { [key: string]: Json } = message;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) at[key] = {};
    at = at[key] as { [key: string]: Json };
  }
  put(at, path[path.length - 1] as string, value);
  return JSON.stringify(message);
}

const VERSIONS = [
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
  '2024-10-07',
  '2026-07-28',
  '2099-01-01',
  '',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '2025-11-25 ',
];
const IDS: Json[] = [
  0,
  -0,
  1,
  -1,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  1.5,
  1e21,
  '',
  'x',
  'ünï"\\\n',
  '\ud800',
  null,
  true,
  {},
  [],
  '0',
];
const ODD_VALUES: Json[] = [null, true, 0, 1.5, '', 'x', [], [{}], {}, { a: 1 }, { a: {} }];

export function requestShapes(): string[] {
  const lines: string[] = [CLAUDE_INITIALIZE, CLAUDE_DISCOVER];
  for (const version of VERSIONS) lines.push(variant(['params', 'protocolVersion'], version));
  for (const id of IDS) lines.push(variant(['id'], id));
  lines.push(variant(['id'], undefined), variant(['jsonrpc'], '1.0'), variant(['jsonrpc'], 2));
  lines.push(
    variant(['jsonrpc'], undefined),
    variant(['extra'], 1),
    variant(['method'], 'Initialize'),
  );
  for (const method of [
    'ping',
    'tools/list',
    'tools/call',
    'server/discover',
    'resources/list',
    'notifications/initialized',
    'logging/setLevel',
    'tasks/get',
    '',
    'initialize ',
    '__proto__',
  ])
    lines.push(variant(['method'], method));
  lines.push(variant(['method'], 3), variant(['method'], undefined));
  for (const key of ['params', 'protocolVersion', 'capabilities', 'clientInfo'])
    for (const value of [...ODD_VALUES, undefined])
      lines.push(key === 'params' ? variant(['params'], value) : variant(['params', key], value));
  for (const value of [...ODD_VALUES, 'x'])
    for (const key of ['extra', '_meta', 'task', '__proto__'])
      lines.push(variant(['params', key], value));
  lines.push(
    variant(['params', '_meta'], { progressToken: 'p' }),
    variant(['params', '_meta'], { progressToken: 1.5 }),
  );
  lines.push(
    variant(['params', '_meta'], { 'io.modelcontextprotocol/related-task': { taskId: 't' } }),
  );
  for (const cap of [
    'roots',
    'elicitation',
    'sampling',
    'experimental',
    'extensions',
    'tasks',
    'other',
    '__proto__',
  ])
    for (const value of ODD_VALUES) lines.push(variant(['params', 'capabilities', cap], value));
  lines.push(variant(['params', 'capabilities', 'roots', 'listChanged'], 'yes'));
  lines.push(variant(['params', 'capabilities', 'elicitation'], { form: { applyDefaults: 1 } }));
  lines.push(
    variant(['params', 'capabilities', 'elicitation'], { form: { applyDefaults: true }, url: {} }),
  );
  lines.push(variant(['params', 'capabilities', 'tasks'], { requests: { sampling: {} } }));
  for (const field of ['name', 'version', 'title', 'websiteUrl', 'description', 'icons', 'extra'])
    for (const value of [...ODD_VALUES, 'x', undefined])
      lines.push(variant(['params', 'clientInfo', field], value));
  lines.push(variant(['params', 'clientInfo', 'icons'], [{ src: 'https://x/y.png' }]));
  // Not a single request object at all, or not JSON.
  lines.push(
    `[${CLAUDE_INITIALIZE}]`,
    `[${CLAUDE_INITIALIZE},${CLAUDE_DISCOVER}]`,
    '[]',
    'null',
    '1',
    '"initialize"',
  );
  lines.push(
    '',
    ' ',
    'not json',
    CLAUDE_INITIALIZE.slice(0, -1),
    `${CLAUDE_INITIALIZE} `,
    ` ${CLAUDE_INITIALIZE}`,
  );
  lines.push(`\ufeff${CLAUDE_INITIALIZE}`, `${CLAUDE_INITIALIZE}{}`, `${CLAUDE_INITIALIZE}\r`);
  // JSON the parser normalises: duplicate keys (the last wins), escaped key names.
  lines.push(CLAUDE_INITIALIZE.replace('"id":0', '"id":0,"id":"late"'));
  lines.push(CLAUDE_INITIALIZE.replace('"jsonrpc"', '"jsonr\\u0070c"'));
  lines.push(
    CLAUDE_INITIALIZE.replace('"method":"initialize"', '"method":"initialize","method":"ping"'),
  );
  lines.push(
    '{"jsonrpc":"2.0","id":3,"method":"server/discover"}',
    '{"jsonrpc":"2.0","id":3,"method":"x","params":[]}',
  );
  lines.push(
    '{"jsonrpc":"2.0","id":3,"method":"x","params":null}',
    '{"jsonrpc":"2.0","id":3,"method":"x","params":{"task":{}}}',
  );
  lines.push(
    '{"jsonrpc":"2.0","id":3,"result":{}}',
    '{"jsonrpc":"2.0","method":"server/discover"}',
  );
  return lines;
}

/** A small seeded generator (LCG), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const PATHS: string[][] = [
  ['id'],
  ['jsonrpc'],
  ['method'],
  ['params'],
  ['extra'],
  ['params', 'protocolVersion'],
  ['params', 'capabilities'],
  ['params', 'clientInfo'],
  ['params', '_meta'],
  ['params', 'x'],
  ['params', 'capabilities', 'roots'],
  ['params', 'capabilities', 'roots', 'listChanged'],
  ['params', 'capabilities', 'elicitation'],
  ['params', 'capabilities', 'elicitation', 'form'],
  ['params', 'capabilities', 'elicitation', 'form', 'applyDefaults'],
  ['params', 'capabilities', 'elicitation', 'url'],
  ['params', 'capabilities', 'sampling'],
  ['params', 'capabilities', 'sampling', 'context'],
  ['params', 'capabilities', 'experimental'],
  ['params', 'capabilities', 'experimental', 'x'],
  ['params', 'capabilities', 'tasks'],
  ['params', 'capabilities', 'tasks', 'list'],
  ['params', 'capabilities', 'z'],
  ['params', 'clientInfo', 'name'],
  ['params', 'clientInfo', 'version'],
  ['params', 'clientInfo', 'title'],
  ['params', 'clientInfo', 'icons'],
  ['params', 'clientInfo', 'q'],
  ['params', '_meta', 'progressToken'],
  ['params', '_meta', 'io.modelcontextprotocol/related-task'],
  ['params', '_meta', 'k'],
];
const VALUES: Array<Json | undefined> = [
  ...ODD_VALUES,
  ...IDS,
  ...VERSIONS,
  'initialize',
  'server/discover',
  '2.0',
  undefined,
];

/** `count` lines, each Claude Code's initialize (or discovery probe) with one to three random changes. */
export function randomShapes(count: number, seed: number): string[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    let message = next() < 0.2 ? CLAUDE_DISCOVER : CLAUDE_INITIALIZE;
    const changes = 1 + Math.floor(next() * 3);
    for (let c = 0; c < changes; c++) {
      const parsed = JSON.parse(message) as { [key: string]: Json };
      const path = pick(PATHS);
      const value = pick(VALUES);
      let at: { [key: string]: Json } = parsed;
      for (const key of path.slice(0, -1)) {
        const inner = at[key];
        if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) at[key] = {};
        at = at[key] as { [key: string]: Json };
      }
      put(at, path[path.length - 1] as string, value);
      message = JSON.stringify(parsed);
    }
    lines.push(message);
  }
  return lines;
}
