/**
 * Which first lines the npm helper may answer before the SDK is loaded, and with what. Only two
 * kinds: an `initialize` request, and a request for a method no handler exists for (Claude Code
 * opens every session with a `server/discover` probe and waits for its "Method not found"). The
 * checks below accept a strict subset of what the SDK's schemas accept — anything unusual returns
 * undefined and is left to the SDK — and the answer itself is one the SDK produced at build time.
 * test/unit/mcp/fast-start/early-answer.test.ts holds this identical to the SDK for every request
 * shape it can think of (and many random ones).
 */
import type { EarlyAnswer } from '../answered-early';
import { fillId, type SdkAnswers } from './sdk-answers';

type Json = Record<string, unknown>;
type Check = (value: unknown) => boolean;

/** Request ids the SDK accepts are strings and safe integers; keep well inside that. */
const MAX_ID = 2 ** 31 - 1;
/** `_meta` keys that change how the SDK handles a request. */
const META_PROGRESS = 'progressToken';
const META_RELATED_TASK = 'io.modelcontextprotocol/related-task';

const isPlain = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString: Check = (value) => typeof value === 'string';
const isBoolean: Check = (value) => typeof value === 'boolean';
const never: Check = () => false;

/** An object whose listed own keys pass their check; other keys pass only when `others` allows. */
function objectOf(fields: Record<string, Check>, others: 'allowed' | 'refused'): Check {
  return (value) =>
    isPlain(value) &&
    Object.keys(value).every((key) =>
      Object.hasOwn(fields, key) ? (fields[key]?.(value[key]) ?? false) : others === 'allowed',
    );
}
const recordOf =
  (check: Check): Check =>
  (value) =>
    isPlain(value) && Object.values(value).every(check);

const meta = objectOf({ [META_PROGRESS]: never, [META_RELATED_TASK]: never }, 'allowed');

const capabilities = objectOf(
  {
    experimental: recordOf(isPlain),
    extensions: recordOf(isPlain),
    sampling: objectOf({ context: isPlain, tools: isPlain }, 'refused'),
    elicitation: objectOf(
      { form: objectOf({ applyDefaults: isBoolean }, 'refused'), url: isPlain },
      'refused',
    ),
    roots: objectOf({ listChanged: isBoolean }, 'refused'),
    tasks: objectOf({ list: isPlain, cancel: isPlain }, 'refused'),
  },
  'allowed',
);

const clientInfo: Check = (value) =>
  isPlain(value) &&
  Object.hasOwn(value, 'name') &&
  Object.hasOwn(value, 'version') &&
  objectOf(
    {
      name: isString,
      version: isString,
      title: isString,
      websiteUrl: isString,
      description: isString,
      icons: never,
    },
    'allowed',
  )(value);

const initializeParams: Check = (value) =>
  isPlain(value) &&
  ['protocolVersion', 'capabilities', 'clientInfo'].every((key) => Object.hasOwn(value, key)) &&
  objectOf(
    { protocolVersion: isString, capabilities, clientInfo, _meta: meta, task: never },
    'allowed',
  )(value);

const unhandledParams = objectOf({ _meta: meta, task: never }, 'allowed');

const REQUIRED = ['jsonrpc', 'id', 'method'];

const isId = (value: unknown): value is string | number =>
  typeof value === 'string' ||
  (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_ID);

/** Returns the function that answers a line early, or returns undefined to leave it to the SDK. */
export function earlyAnswerer(
  answers: SdkAnswers,
): (line: string) => (EarlyAnswer & { method: string }) | undefined {
  const byVersion = new Map(answers.initialize);
  const handled = new Set(answers.handledMethods);
  const envelope = objectOf(
    { jsonrpc: (v) => v === '2.0', id: isId, method: isString, params: isPlain },
    'refused',
  );
  return (line) => {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return undefined;
    }
    if (!isPlain(message) || !REQUIRED.every((key) => Object.hasOwn(message, key)))
      return undefined;
    if (!envelope(message)) return undefined;
    const { id, method, params } = message as {
      id: string | number;
      method: string;
      params?: Json;
    };
    if (method === 'initialize') {
      if (!initializeParams(params)) return undefined;
      const version = (params as { protocolVersion: string }).protocolVersion;
      return { id, method, line: fillId(byVersion.get(version) ?? answers.initializeOther, id) };
    }
    if (handled.has(method)) return undefined;
    if (params !== undefined && !unhandledParams(params)) return undefined;
    return { id, method, line: fillId(answers.methodNotFound, id) };
  };
}
