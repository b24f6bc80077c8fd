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
/**
 * How much raw input is looked at, as a multiple of the cap: hostile text of any length costs the
 * same bounded work, while a message that is long only because of stripped characters is not cut.
 */
const RAW_INPUT_FACTOR = 4;

// C0 controls except tab and newline, DEL, C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Every format character (Unicode category Cf: bidi controls, zero-width space and joiners, word
// joiner and invisible operators, soft hyphen, Mongolian vowel separator, interlinear annotation
// controls, the tag block used to smuggle invisible ASCII, …) and every other default-ignorable
// code point (combining grapheme joiner, Hangul fillers, …), except a ZWJ that joins two emoji (the
// family and flag sequences need it) and variation selectors, handled below. Readers of the
// dashboard never see these characters; Claude reads them.
const INVISIBLE_CHARS =
  /[[\p{Cf}\p{Default_Ignorable_Code_Point}]--[\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u200D]]/gv;
const ZWJ = '\u200D';
/** A ZWJ that does not join two emoji (a pictograph, optionally with VS16 or a skin tone, before it). */
const STRAY_ZWJ =
  /(?<!\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
// A variation selector after another one: a single selector picks a glyph (emoji or CJK
// variants); runs of them carry no meaning and are a known way to hide bytes in text.
const VARIATION_RUNS =
  /(?<=[\uFE00-\uFE0F\u{E0100}-\u{E01EF}])[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]+/gu;

/** Strips control, format (Cf), default-ignorable and repeated variation-selector characters; CRLF → LF. */
export function stripUnsafeChars(text: string): string {
  // Joiners are judged after the other invisible characters are gone, and only when there are
  // any: a replacement callback per character costs far more than a plain removal.
  const visible = text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_CHARS, '')
    .replace(INVISIBLE_CHARS, '');
  const joined = visible.includes(ZWJ) ? visible.replace(STRAY_ZWJ, '') : visible;
  return joined.replace(VARIATION_RUNS, '');
}

/**
 * Makes text safe to place between `<channel>` tags: unsafe characters removed, every opening
 * of a channel tag defused by replacing `<` with a look-alike (U+2039) so a human still reads it.
 * Work is linear in the cap, whatever the input's length: the raw text is cut first, and tags are
 * found by a single forward scan (the old regex backtracked quadratically on runs of `<` and
 * spaces: 200 K characters took 13 s).
 */
export function sanitizeContent(text: string, maxChars = MAX_CONTENT_CHARS): string {
  const raw = truncateUtf16(text, maxChars * RAW_INPUT_FACTOR + 1);
  let clean = defuseChannelTags(stripUnsafeChars(raw));
  if (clean.length > maxChars) {
    clean = `${truncateUtf16(clean, maxChars)}\n[… truncated by Switchboard: ${text.length} characters in all]`;
  }
  return clean;
}

/** `<`, and the full-width and small forms a reader could take for one. */
const TAG_OPENERS = /[<\uFF1C\uFE64]/g;
const SPACES = /\s*/y;
const TAG_NAME = /channel/iy;

/** The index after the whitespace starting at `from` (a sticky match: one pass over the run). */
function skipSpaces(text: string, from: number): number {
  SPACES.lastIndex = from;
  SPACES.test(text); // always matches (maybe empty); test() leaves lastIndex without building a match
  return SPACES.lastIndex;
}

/**
 * Replaces the opener of every `<channel` / `</channel` (any case, whitespace around the slash)
 * with U+2039. One pass: each character is looked at a bounded number of times.
 */
export function defuseChannelTags(text: string): string {
  let out = '';
  let copied = 0;
  // The next opener is found natively; the index only moves forward.
  TAG_OPENERS.lastIndex = 0;
  for (let found = TAG_OPENERS.exec(text); found; found = TAG_OPENERS.exec(text)) {
    const i = found.index;
    let j = skipSpaces(text, i + 1);
    if (text.charAt(j) === '/') j = skipSpaces(text, j + 1);
    TAG_NAME.lastIndex = j;
    if (!TAG_NAME.test(text)) {
      // Only whitespace and a slash lie between i and j, so no opener: resume the scan at j.
      TAG_OPENERS.lastIndex = j;
      continue;
    }
    out += `${text.slice(copied, i)}\u2039`;
    copied = i + 1;
    TAG_OPENERS.lastIndex = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
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
    const bounded = truncateUtf16(text, MAX_META_VALUE_CHARS * RAW_INPUT_FACTOR);
    clean[key] = truncateUtf16(stripUnsafeChars(bounded).replace(/\n/g, ' '), MAX_META_VALUE_CHARS);
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
