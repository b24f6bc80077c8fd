import { describe, expect, it } from 'vitest';
import { chunkText } from '../../../src/shared/chunk';

const isWellFormed = (s: string): boolean => s.isWellFormed();

describe('chunkText', () => {
  it('leaves a short message alone', () => {
    expect(chunkText('hello', { limit: 4096 })).toEqual(['hello']);
  });

  it('keeps every chunk within the limit in UTF-16 units and loses no text', () => {
    const text = Array.from(
      { length: 300 },
      (_, i) => `Paragraph ${i} ${'word '.repeat(i % 40)}`,
    ).join('\n\n');
    const chunks = chunkText(text, { limit: 4096 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4096);
    expect(chunks.join('\n\n').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });

  it('prefers paragraph, then line, then word boundaries', () => {
    const para = `${'a'.repeat(60)}\n\n${'b'.repeat(60)}`;
    expect(chunkText(para, { limit: 100 })).toEqual(['a'.repeat(60), 'b'.repeat(60)]);
    const line = `${'a'.repeat(60)}\n${'b'.repeat(60)}`;
    expect(chunkText(line, { limit: 100 })).toEqual(['a'.repeat(60), 'b'.repeat(60)]);
    const words = `${'a'.repeat(60)} ${'b'.repeat(60)}`;
    expect(chunkText(words, { limit: 100 })).toEqual(['a'.repeat(60), 'b'.repeat(60)]);
  });

  it('never splits a surrogate pair at a hard cut, even with emoji exactly at the boundary', () => {
    for (let offset = 0; offset < 4; offset++) {
      const text = `${'x'.repeat(4095 - offset)}${'😀'.repeat(10)}`;
      const chunks = chunkText(text, { limit: 4096 });
      for (const chunk of chunks) {
        expect(isWellFormed(chunk)).toBe(true);
        expect(chunk.length).toBeLessThanOrEqual(4096);
      }
      expect(chunks.join('')).toBe(text);
    }
  });

  it('closes and reopens a code fence across a cut', () => {
    const code = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n');
    const text = `Here:\n\`\`\`ts\n${code}\n\`\`\`\nDone.`;
    const chunks = chunkText(text, { limit: 120, fences: true });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(120);
      const fences = chunk.split('\n').filter((l) => l.trim().startsWith('```')).length;
      expect(fences % 2).toBe(0);
    }
    expect(chunks[1]?.startsWith('```ts\n')).toBe(true);
  });
});
