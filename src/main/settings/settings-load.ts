/**
 * Loading settings.json, failing closed. One bad field never throws the file away (that once undid
 * `paused: true` and `dmPolicy: "disabled"` because `expireAfterMinutes` was 0):
 *
 * - every valid field is kept; an invalid one takes the value it had in the last good settings,
 *   else its safe value (paused, DM policy disabled, mention required, no forwarding, a group with
 *   a broken entry left disabled, a bad list item dropped), else the default — and is named;
 * - a file that does not parse keeps the last good settings, or, when there are none, starts with
 *   every platform paused;
 * - the original is copied aside before anything could overwrite it, and every problem is
 *   returned so the status, the dashboard and the log can say it.
 *
 * The last good settings are what was in effect, kept next to the file (`settings.json.last-good`).
 */
import { copyFile, readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { Logger } from '../log';
import { saveSettings, settingsSchema, type Settings } from './settings';

export type LoadedSettings = { settings: Settings; problems: string[] };

type Path = ReadonlyArray<PropertyKey>;
type Json = Record<string, unknown>;

/** The safe value of a field, by its name, when it is invalid and there is no last good value. */
const SAFE_VALUES: Readonly<Record<string, unknown>> = {
  paused: true,
  dmPolicy: 'disabled',
  requireMention: true,
  forwardToChats: false,
  firstPairedIsOwner: false,
  allowSms: false,
  enabled: false,
  // launcher.remoteKeys: no keys or text into terminals from chats.
  remoteKeys: false,
};

const MAX_REPAIRS = 200;

export function lastGoodPath(path: string): string {
  return `${path}.last-good`;
}

/** Reads and repairs settings.json; never throws for anything in the file. */
export async function loadSettingsFile(path: string, log: Logger): Promise<LoadedSettings> {
  const lastGood = await readLastGood(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { settings: settingsSchema.parse({}), problems: [] };
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    input = error;
  }
  const problems: string[] = [];
  let settings: Settings;
  if (
    input === null ||
    typeof input !== 'object' ||
    Array.isArray(input) ||
    input instanceof Error
  ) {
    const why =
      input instanceof Error ? `is not valid JSON (${input.message})` : 'is not a JSON object';
    settings = lastGood ?? { ...settingsSchema.parse({}), paused: true };
    problems.push(
      lastGood
        ? `${path} ${why}: kept the last good settings`
        : `${path} ${why} and there are no earlier good settings: every platform starts paused until it is fixed (or resumed from the dashboard)`,
    );
  } else {
    ({ settings } = repair(input as Json, lastGood, problems));
  }
  if (problems.length > 0) {
    const aside = `${path}.rejected-${Date.now()}`;
    const copied = await copyFile(path, aside).then(
      () => true,
      () => false,
    );
    if (copied) problems.push(`the file as it was is kept in ${aside}`);
    for (const problem of problems) log.warn(`settings: ${problem}`);
  }
  await rememberGood(path, settings, log);
  return { settings, problems };
}

/** Saves what is now in effect as the last good settings. */
export async function rememberGood(path: string, settings: Settings, log: Logger): Promise<void> {
  await saveSettings(lastGoodPath(path), settings).catch((error: unknown) =>
    log.warn(`settings: could not keep a last good copy: ${String(error)}`),
  );
}

async function readLastGood(path: string): Promise<Settings | undefined> {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(await readFile(lastGoodPath(path), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Rejects invalid fields one at a time until the rest parses; exported for tests. */
export function repair(
  input: Json,
  lastGood: Settings | undefined,
  problems: string[],
): { settings: Settings } {
  const draft = structuredClone(input);
  const seen = new Set<string>();
  for (let round = 0; round < MAX_REPAIRS; round++) {
    const parsed = settingsSchema.safeParse(draft);
    if (parsed.success) {
      for (const key of unknownKeys(draft, parsed.data, []))
        problems.push(`${key}: not a setting this version knows; ignored`);
      return { settings: parsed.data };
    }
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const key = `${issue.code} ${JSON.stringify(issue.path)}`;
    // A fix that did not take (its parent is not an object): drop the field outright.
    if (seen.has(key)) {
      if (issue.path.length === 0) break;
      removeAt(draft, issue.path);
      continue;
    }
    seen.add(key);
    problems.push(fix(draft, issue, lastGood));
  }
  problems.push('settings could not be repaired; using the last good settings or safe defaults');
  return { settings: lastGood ?? { ...settingsSchema.parse({}), paused: true } };
}

/** Applies the fail-closed rule for one issue; returns the sentence that names it. */
function fix(draft: Json, issue: z.core.$ZodIssue, lastGood: Settings | undefined): string {
  const path = issue.path;
  const name = dotted(path);
  const what = `${name || 'settings'}: ${issue.message}`;
  const groupAt = path.indexOf('groups');
  const inGroup = groupAt >= 0 && path.length > groupAt + 1;
  const last = path.at(-1);
  // A group whose sender allowlist is broken would let everyone in if trimmed: leave it disabled.
  if (inGroup && path.includes('allowFrom')) {
    const groupPath = path.slice(0, groupAt + 2);
    const previous = valueAt(lastGood, groupPath);
    setAt(draft, groupPath, previous);
    return `${what} — ${previous === undefined ? 'group left disabled' : 'kept the last good settings of this group'}`;
  }
  // A broken project is not started half-configured: its last good entry, else it is ignored.
  if (path[0] === 'projects' && path.length > 1) {
    const projectPath = path.slice(0, 2);
    const previous = valueAt(lastGood, projectPath);
    setAt(draft, projectPath, structuredClone(previous));
    return `${what} — ${previous === undefined ? 'that project is ignored' : 'kept the last good settings of this project'}`;
  }
  if (typeof last === 'number') {
    removeAt(draft, path);
    return `${what} — that entry is ignored`;
  }
  if (issue.code === 'too_big' && Array.isArray(valueAt(draft, path))) {
    const list = valueAt(draft, path) as unknown[];
    setAt(draft, path, list.slice(0, Number(issue.maximum)));
    return `${what} — only the first ${String(issue.maximum)} are used`;
  }
  const previous = valueAt(lastGood, path);
  if (previous !== undefined) {
    setAt(draft, path, structuredClone(previous));
    return `${what} — kept the last good value ${JSON.stringify(previous)}`;
  }
  if (typeof last === 'string' && last in SAFE_VALUES) {
    setAt(draft, path, SAFE_VALUES[last]);
    return `${what} — using the safe value ${JSON.stringify(SAFE_VALUES[last])}`;
  }
  if (inGroup) {
    setAt(draft, path.slice(0, groupAt + 2), undefined);
    return `${what} — group left disabled`;
  }
  setAt(draft, path, undefined);
  return `${what} — using the default`;
}

function dotted(path: Path): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replaceAll('.[', '[');
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Sets (or, with undefined, deletes) the value at a path; missing parents are left alone. */
function setAt(root: Json, path: Path, value: unknown): void {
  if (path.length === 0) return;
  const parent = valueAt(root, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return;
  const key = path.at(-1) as PropertyKey;
  if (value === undefined) Reflect.deleteProperty(parent, key);
  else (parent as Record<PropertyKey, unknown>)[key] = value;
}

function removeAt(root: Json, path: Path): void {
  const parent = valueAt(root, path.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
  else setAt(root, path, undefined);
}

/** Keys in the file that the schema dropped (typos such as "pasued"), as dotted paths. */
function unknownKeys(input: unknown, parsed: unknown, path: PropertyKey[]): string[] {
  if (!isPlainObject(input) || !isPlainObject(parsed)) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (!(key in parsed)) found.push(dotted([...path, key]));
    else found.push(...unknownKeys(value, parsed[key], [...path, key]));
  }
  return found;
}

function isPlainObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
