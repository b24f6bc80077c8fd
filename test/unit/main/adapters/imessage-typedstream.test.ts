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

describe('iMessage database errors', () => {
  it('explains a denied stat or open as missing Full Disk Access, for the app itself', async () => {
    const { explainOpenError } = await import('../../../../src/main/adapters/imessage/reader');
    const denied = Object.assign(
      new Error('EPERM: operation not permitted, stat /Users/a/Library/Messages/chat.db'),
      { code: 'EPERM' },
    );
    const error = explainOpenError('/Users/a/Library/Messages/chat.db', denied);
    expect(error.reason).toBe('full-disk-access');
    expect(error.message).toContain('Full Disk Access');
    expect(error.message).toContain('not your terminal');
    expect(explainOpenError('/x', new Error('unable to open database file')).reason).toBe(
      'full-disk-access',
    );
    expect(
      explainOpenError('/x', Object.assign(new Error('ENOENT'), { code: 'ENOENT' })).reason,
    ).toBe('not-found');
    expect(explainOpenError('/x', new Error('file is not a database')).reason).toBe('other');
  });
});

describe('iMessage handles', () => {
  it('normalises phone numbers to E.164 and emails to lower case', async () => {
    const { normalizeHandle, buddyOf, accountHandle } =
      await import('../../../../src/main/adapters/imessage/handles');
    expect(normalizeHandle('(555) 123-0000')).toBe('+15551230000');
    expect(normalizeHandle('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizeHandle('0044 20 7946 0958')).toBe('+442079460958');
    expect(normalizeHandle('1-555-123-0000')).toBe('+15551230000');
    expect(normalizeHandle(' Me@iCloud.COM ')).toBe('me@icloud.com');
    expect(buddyOf('iMessage;-;+15551230000')).toBe('+15551230000');
    expect(buddyOf('iMessage;+;chat1234')).toBeUndefined();
    expect(accountHandle('e:Me@icloud.com')).toBe('me@icloud.com');
    expect(accountHandle('p:+1 555 123 0000')).toBe('+15551230000');
    expect(accountHandle(null)).toBeUndefined();
  });
});
