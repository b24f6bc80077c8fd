/**
 * What a chat may put into a terminal: a fixed list of key names for `/press`, and for `/type`
 * text cleaned of everything a terminal would act on (control characters — Ctrl-C is just byte
 * 0x03 to the program, even when tmux sends it "literally" — escape sequences, line breaks).
 */
import { stripUnsafeChars, truncateUtf16 } from '../../shared/hygiene';

/** Key names people type → tmux key names. */
const NAMED_KEYS: Readonly<Record<string, string>> = {
  enter: 'Enter',
  esc: 'Escape',
  escape: 'Escape',
  tab: 'Tab',
  up: 'Up',
  down: 'Down',
  left: 'Left',
  right: 'Right',
};

export const KEY_HELP = 'enter, esc, tab, up, down, left, right, a digit, y or n';

/** One step of a key sequence: a tmux key name, or characters sent with tmux's literal mode. */
export type KeyStroke = { kind: 'key'; name: string } | { kind: 'text'; text: string };

export type ParsedKeys = { ok: true; strokes: KeyStroke[] } | { ok: false; error: string };

/** Parses `/press` words; all or nothing, so a typo sends no key at all. */
export function parseKeys(words: readonly string[]): ParsedKeys {
  if (words.length === 0) return { ok: false, error: `Which keys? Use ${KEY_HELP}.` };
  if (words.length > 20) return { ok: false, error: 'At most 20 keys at a time.' };
  const strokes: KeyStroke[] = [];
  for (const word of words) {
    const lower = word.toLowerCase();
    const named = Object.hasOwn(NAMED_KEYS, lower) ? NAMED_KEYS[lower] : undefined;
    if (named) strokes.push({ kind: 'key', name: named });
    else if (/^[0-9yn]$/.test(lower)) strokes.push({ kind: 'text', text: lower });
    else
      return {
        ok: false,
        error: `"${truncateUtf16(word, 20)}" is not a key I can press. Use ${KEY_HELP}.`,
      };
  }
  return { ok: true, strokes };
}

export const MAX_TYPED_CHARS = 2000;

// ESC-introduced sequences (CSI, OSC, …) first, so their printable tails go with them.
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|.)?/g;

/**
 * Text safe to type: escape sequences and control characters removed (line breaks and tabs become
 * spaces, so nothing is submitted or completed before the final Enter), bidi overrides removed,
 * capped in length.
 */
export function cleanTypedText(text: string): string {
  const flat = text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '');
  return truncateUtf16(stripUnsafeChars(flat).trim(), MAX_TYPED_CHARS);
}

/** A short form of keys for replies and the audit log ("1 Enter"). */
export function describeStrokes(strokes: readonly KeyStroke[]): string {
  return strokes.map((s) => (s.kind === 'key' ? s.name : s.text)).join(' ');
}
