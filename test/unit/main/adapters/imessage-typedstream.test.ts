import { describe, expect, it } from 'vitest';
import {
  decodeAttributedBody,
  readLength,
} from '../../../../src/main/adapters/imessage/typedstream';
import { encodeAttributedBody, encodeLength } from '../../../support/typedstream';

describe('attributedBody decoder', () => {
  it.each([
    ['plain ASCII', 'hello there'],
    ['multi-byte UTF-8', 'Grüße aus München — naïve café'],
    ['emoji with ZWJ sequences', 'family 👨‍👩‍👧‍👦 and flag 🏳️‍🌈 and skin tone 👍🏽'],
    ['right-to-left text', 'שלום עולם مرحبا بالعالم'],
    ['CJK', '你好，世界。こんにちは'],
    ['empty', ''],
    ['newlines and quotes', 'line 1\nline "2"\n\tend'],
  ])('round-trips %s', (_name, text) => {
    expect(decodeAttributedBody(encodeAttributedBody(text))).toBe(text);
  });

  it.each([126, 127, 128, 129, 254, 255, 256, 257, 65_534, 65_535, 65_536, 65_537, 200_000])(
    'is exact around the length boundaries: %i bytes',
    (bytes) => {
      const text = 'a'.repeat(bytes - 3) + 'é' + 'z'; // é is two bytes
      expect(new TextEncoder().encode(text).length).toBe(bytes);
      expect(decodeAttributedBody(encodeAttributedBody(text))).toBe(text);
    },
  );

  it('reads every length form, including wider ones than needed', () => {
    for (const width of [1, 2, 4, 8] as const) {
      const text = 'x'.repeat(100);
      expect(decodeAttributedBody(encodeAttributedBody(text, { lengthWidth: width }))).toBe(text);
    }
    expect(readLength(encodeLength(0x1234, 2), 0)).toEqual({ length: 0x1234, start: 3 });
    expect(readLength(encodeLength(70_000, 4), 0)).toEqual({ length: 70_000, start: 5 });
  });

  it('returns nothing for empty, foreign or truncated blobs instead of garbage', () => {
    expect(decodeAttributedBody(null)).toBeUndefined();
    expect(decodeAttributedBody(new Uint8Array())).toBeUndefined();
    expect(
      decodeAttributedBody(new TextEncoder().encode('bplist00 not a typedstream')),
    ).toBeUndefined();
    const whole = encodeAttributedBody('x'.repeat(300));
    expect(decodeAttributedBody(whole.subarray(0, 120))).toBeUndefined();
  });

  it('round-trips random Unicode strings (property)', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const ranges: Array<[number, number]> = [
      [0x20, 0x7e],
      [0xa0, 0x2ff],
      [0x400, 0x4ff],
      [0x590, 0x6ff],
      [0x4e00, 0x9fff],
      [0x1f300, 0x1faff],
      [0x200d, 0x200d],
      [0xfe0f, 0xfe0f],
    ];
    for (let run = 0; run < 300; run++) {
      const length = Math.floor(random() * (run % 10 === 0 ? 40_000 : 300));
      let text = '';
      for (let i = 0; i < length; i++) {
        const [lo, hi] = ranges[Math.floor(random() * ranges.length)] ?? [0x61, 0x7a];
        text += String.fromCodePoint(lo + Math.floor(random() * (hi - lo + 1)));
      }
      expect(decodeAttributedBody(encodeAttributedBody(text))).toBe(text);
    }
  });
});
