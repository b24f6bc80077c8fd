/**
 * Content hygiene: the one choke point every inbound message passes before it is stored or
 * delivered. Claude Code escapes meta attribute values but not the content between
 * `<channel …>` and `</channel>`, so a sender could otherwise close the tag and forge a second,
 * trusted-looking event.
 */
import { META_KEY_PATTERN, RESERVED_META_KEYS, type ChannelMeta } from './channel';

/** Largest content we hand to Claude in one event (UTF-16 units); longer text is cut with a note. */
export const MAX_CONTENT_CHARS = 64 * 1024;
export const MAX_META_VALUE_CHARS = 2048;
export const MAX_META_KEYS = 40;
export const MAX_FILE_NAME_CHARS = 120;

// C0 controls except tab and newline, DEL, C1 controls, and the Unicode format characters that
// reorder or hide text (bidi embeddings/overrides/isolates, marks, zero-width joiners are kept
// because emoji ZWJ sequences need U+200D).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const BIDI_CHARS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
// `<channel`, `</channel`, `< /channel`, with any case and inner whitespace.
const CHANNEL_TAG = /<(\s*\/?\s*)(channel)/gi;

/** Strips control and bidi characters; normalises CRLF to LF. */
export function stripUnsafeChars(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').replace(BIDI_CHARS, '');
}

/**
 * Makes text safe to place between `<channel>` tags: unsafe characters removed, every opening
 * of a channel tag defused by replacing `<` with a look-alike (U+2039) so a human still reads it.
 */
export function sanitizeContent(text: string, maxChars = MAX_CONTENT_CHARS): string {
  let clean = stripUnsafeChars(text).replace(CHANNEL_TAG, '\u2039$1$2');
  if (clean.length > maxChars) {
    clean = `${truncateUtf16(clean, maxChars)}\n[… truncated by Switchboard: ${text.length} characters in all]`;
  }
  return clean;
}

/**
 * Returns meta Claude Code will accept whole: identifier keys only (others dropped), no reserved
 * keys, every value a string without control characters, bounded in count and length.
 */
export function sanitizeMeta(meta: Readonly<Record<string, unknown>>): ChannelMeta {
  const clean: ChannelMeta = {};
  let count = 0;
  for (const [key, value] of Object.entries(meta)) {
    if (count >= MAX_META_KEYS) break;
    if (!META_KEY_PATTERN.test(key) || RESERVED_META_KEYS.has(key)) continue;
    if (value === undefined || value === null) continue;
    const text = typeof value === 'string' ? value : stringify(value);
    clean[key] = truncateUtf16(stripUnsafeChars(text).replace(/\n/g, ' '), MAX_META_VALUE_CHARS);
    count += 1;
  }
  return clean;
}

/** Any value as text: JSON where it can be (objects, numbers), else its string form (BigInt, symbols). */
function stringify(value: unknown): string {
  try {
    const json = JSON.stringify(value) as string | undefined;
    if (json !== undefined) return json;
  } catch {
    // BigInt and cyclic values fall through to String().
  }
  return typeof value === 'symbol' ? value.toString() : String(value);
}

/** Cuts to at most `max` UTF-16 units without leaving half a surrogate pair. */
export function truncateUtf16(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const cut = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return text.slice(0, cut);
}

/**
 * A file name safe to create inside our inbox: no directories, no dot-files, no control or
 * shell-hostile characters, bounded length, extension kept.
 */
export function sanitizeFileName(name: string): string {
  const base = stripUnsafeChars(name).split(/[\\/]/).pop() ?? '';
  let clean = base
    .replace(/[^\p{L}\p{M}\p{N}._ -]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  if (clean.length > MAX_FILE_NAME_CHARS) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 12 ? clean.slice(dot) : '';
    clean = truncateUtf16(clean, MAX_FILE_NAME_CHARS - ext.length) + ext;
  }
  return clean === '' ? 'file' : clean;
}
