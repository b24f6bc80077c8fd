import { describe, expect, it } from 'vitest';
import { createLineDecoder, type LineDecoder } from '../../../src/shared/line-decoder';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function recorder(maxBytes = 1024): {
  decoder: LineDecoder;
  lines: string[];
  overflows: number[];
} {
  const lines: string[] = [];
  const overflows: number[] = [];
  const decoder = createLineDecoder(maxBytes, {
    onLine: (line) => lines.push(line),
    onOverflow: (n) => overflows.push(n),
  });
  return { decoder, lines, overflows };
}

describe('createLineDecoder', () => {
  it('emits one line per newline-terminated chunk', () => {
    const { decoder, lines } = recorder();
    decoder.push(bytes('{"type":"ping"}\n'));
    expect(lines).toEqual(['{"type":"ping"}']);
  });

  it('holds an unterminated line until its newline arrives', () => {
    const { decoder, lines } = recorder();
    decoder.push(bytes('{"type":'));
    expect(lines).toEqual([]);
    decoder.push(bytes('"pi'));
    decoder.push(bytes('ng"}\n'));
    expect(lines).toEqual(['{"type":"ping"}']);
  });

  it('splits several lines in one chunk, keeping the trailing partial one', () => {
    const { decoder, lines } = recorder();
    decoder.push(bytes('one\ntwo\nthr'));
    expect(lines).toEqual(['one', 'two']);
    decoder.push(bytes('ee\n'));
    expect(lines).toEqual(['one', 'two', 'three']);
  });

  it('reassembles a multi-byte UTF-8 character split across chunks', () => {
    const { decoder, lines } = recorder();
    const all = bytes('héllo 😀 世界\n');
    // Cut inside the four bytes of the emoji and inside the three bytes of 世.
    const emojiAt = all.indexOf(0xf0);
    const cuts = [2, emojiAt + 1, emojiAt + 3, all.length - 4];
    let from = 0;
    for (const cut of [...cuts, all.length]) {
      decoder.push(all.subarray(from, cut));
      from = cut;
    }
    expect(lines).toEqual(['héllo 😀 世界']);
  });

  it('accepts a line delivered one byte at a time', () => {
    const { decoder, lines } = recorder();
    for (const byte of bytes('ünï\n')) decoder.push(Uint8Array.of(byte));
    expect(lines).toEqual(['ünï']);
  });

  it('ignores blank and whitespace-only lines', () => {
    const { decoder, lines } = recorder();
    decoder.push(bytes('\n\n  \n\t\nreal\n\n'));
    expect(lines).toEqual(['real']);
  });

  it('accepts a line of exactly the maximum size', () => {
    const { decoder, lines, overflows } = recorder(8);
    decoder.push(bytes('12345678\n'));
    expect(lines).toEqual(['12345678']);
    expect(overflows).toEqual([]);
  });

  it('accepts an exactly-maximum line split across chunks, newline arriving last', () => {
    const { decoder, lines, overflows } = recorder(8);
    decoder.push(bytes('1234'));
    decoder.push(bytes('5678'));
    decoder.push(bytes('\n'));
    expect(lines).toEqual(['12345678']);
    expect(overflows).toEqual([]);
  });

  it('counts the maximum in bytes, not characters', () => {
    const { decoder, lines, overflows } = recorder(8);
    decoder.push(bytes('ééééé\n')); // 5 characters, 10 bytes
    expect(lines).toEqual([]);
    expect(overflows).toHaveLength(1);
  });

  it('reports overflow once when a line exceeds the maximum, and nothing after', () => {
    const { decoder, lines, overflows } = recorder(8);
    decoder.push(bytes('ok\n123456789'));
    expect(lines).toEqual(['ok']);
    expect(overflows).toHaveLength(1);
    expect(overflows[0]).toBeGreaterThan(8);
    decoder.push(bytes('\nfine\nmore data that is long\n'));
    decoder.push(bytes('again\n'));
    expect(lines).toEqual(['ok']);
    expect(overflows).toHaveLength(1);
  });

  it('detects overflow accumulated across chunks without a newline', () => {
    const { decoder, overflows, lines } = recorder(8);
    decoder.push(bytes('12345'));
    expect(overflows).toEqual([]);
    decoder.push(bytes('6789'));
    expect(overflows).toEqual([9]);
    decoder.push(bytes('\n'));
    expect(lines).toEqual([]);
  });

  it('resets the size count after each complete line', () => {
    const { decoder, lines, overflows } = recorder(8);
    decoder.push(bytes('12345678\n1234'));
    decoder.push(bytes('5678\n'));
    expect(lines).toEqual(['12345678', '12345678']);
    expect(overflows).toEqual([]);
  });

  it('does not count the newline toward the line size', () => {
    const { decoder, lines, overflows } = recorder(3);
    decoder.push(bytes('abc\nde'));
    decoder.push(bytes('f\n'));
    expect(lines).toEqual(['abc', 'def']);
    expect(overflows).toEqual([]);
  });
});
