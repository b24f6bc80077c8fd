/**
 * Property tests of content hygiene against adversarial input: random strings built from the
 * characters that matter (tag openers, whitespace, slashes, the letters of "channel", invisible
 * characters) must never leave a live channel tag, and hostile text of any length must cost
 * bounded, linear work. The old tag regex backtracked quadratically: 200 K characters of `<` and
 * spaces took 13 s and stalled the hub; the bound below is ~100× what a linear scan needs here.
 */
import { describe, expect, it } from 'vitest';
import { parseTypedVerdict } from '../../../src/shared/channel';
import {
  MAX_CONTENT_CHARS,
  MAX_META_VALUE_CHARS,
  sanitizeContent,
  sanitizeMeta,
} from '../../../src/shared/hygiene';

/** What Claude could read as the start of a channel tag (used only on short, bounded text). */
const LIVE_TAG = /[<\uFF1C\uFE64]\s*\/?\s*channel/i;
/** Invisible characters other than a ZWJ (which may stay between emoji) and variation selectors. */
const INVISIBLE = {
  test: (text: string): boolean =>
    /[[\p{Cf}\p{Default_Ignorable_Code_Point}]--[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]]/v.test(
      text.replaceAll('\u200D', ''),
    ),
};

/** A small seeded generator (mulberry32), so a failure is reproducible from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '<',
  '\uFF1C',
  '\uFE64',
  '/',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\u3000',
  '\u00A0',
  'c',
  'h',
  'a',
  'n',
  'e',
  'l',
  'C',
  'H',
  'A',
  'N',
  'E',
  'L',
  'channel',
  'CHANNEL',
  '</channel>',
  '\u200B',
  '\u200D',
  '\u202E',
  '\u2066',
  '\uFEFF',
  '\u00AD',
  '\u{E0041}',
  '\u0000',
  '\u001B',
  '\u{1F468}',
  '\uFE0F',
  '>',
  'x',
  '😀',
];

function hostileString(next: () => number, maxPieces: number): string {
  let text = '';
  const count = Math.floor(next() * maxPieces);
  for (let i = 0; i < count; i++) text += PIECES[Math.floor(next() * PIECES.length)] ?? '';
  return text;
}

/** Milliseconds one call takes (the best of three, to keep scheduler noise out). */
function timed(run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe('content hygiene under adversarial input', () => {
  it('never leaves a live channel tag or an invisible character, over 5,000 random strings', () => {
    for (let seed = 1; seed <= 5_000; seed++) {
      const input = hostileString(random(seed), 60);
      const out = sanitizeContent(input);
      if (LIVE_TAG.test(out) || INVISIBLE.test(out) || !out.isWellFormed())
        throw new Error(`seed ${seed}: ${JSON.stringify(input)} → ${JSON.stringify(out)}`);
      // Cleaning twice changes nothing more.
      expect(sanitizeContent(out)).toBe(out);
    }
  });

  it('keeps meta values free of tags-breaking characters and within bounds', () => {
    for (let seed = 1; seed <= 1_000; seed++) {
      const value = hostileString(random(seed), 80);
      const meta = sanitizeMeta({ user: value });
      const clean = meta.user ?? '';
      expect(clean.length).toBeLessThanOrEqual(MAX_META_VALUE_CHARS);
      // eslint-disable-next-line no-control-regex -- looking for exactly those; tabs may stay
      expect(clean).not.toMatch(/[\n\r\u0000-\u0008\u000A-\u001F]/);
      expect(INVISIBLE.test(clean)).toBe(false);
    }
  });

  const ONE_MILLION = 1_000_000;
  const families: Array<[string, string]> = [
    ['"<" then a million spaces', `<${' '.repeat(ONE_MILLION)}`],
    ['"< " repeated', '< '.repeat(ONE_MILLION / 2)],
    [
      '"</" then spaces, slashes and spaces',
      `<${' '.repeat(ONE_MILLION / 2)}/${' '.repeat(ONE_MILLION / 2)}`,
    ],
    ['"<" and tabs and newlines', '<\t\n'.repeat(ONE_MILLION / 3)],
    ['full-width openers and ideographic spaces', '\uFF1C\u3000'.repeat(ONE_MILLION / 2)],
    ['almost-tags', '< / channe'.repeat(ONE_MILLION / 10)],
    ['real tags', '</channel>'.repeat(ONE_MILLION / 10)],
    ['zero-width spaces', '\u200B'.repeat(ONE_MILLION)],
    ['emoji joined by ZWJ', '\u{1F468}\u200D'.repeat(ONE_MILLION / 3)],
    ['variation selector runs', `a${'\u{E0100}'.repeat(ONE_MILLION / 2)}`],
    ['CRLF runs', '\r\n'.repeat(ONE_MILLION / 2)],
  ];

  it.each(families)('cleans a million characters of %s in bounded time', (_label, input) => {
    const ms = timed(() => sanitizeContent(input));
    const out = sanitizeContent(input);
    expect(out.length).toBeLessThan(MAX_CONTENT_CHARS + 100);
    expect(LIVE_TAG.test(out.slice(0, 500))).toBe(false); // the regex itself is quadratic on long runs
    expect(ms).toBeLessThan(1_000);
  });

  it.each(families)('cleans a meta value of %s in bounded time', (_label, input) => {
    expect(timed(() => sanitizeMeta({ user: input }))).toBeLessThan(1_000);
  });

  it.each(families)('parses a typed verdict from %s in bounded time', (_label, input) => {
    expect(timed(() => parseTypedVerdict(input))).toBeLessThan(1_000);
    expect(timed(() => parseTypedVerdict(`yes ${input} abcde`))).toBeLessThan(1_000);
  });
});
