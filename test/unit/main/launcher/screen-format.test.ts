import { describe, expect, it } from 'vitest';
import { formatScreen } from '../../../../src/main/launcher/screen-format';

const screen = (lines: number, width = 90): string =>
  Array.from(
    { length: lines },
    (_, i) => `${String(i).padStart(3, '0')} ${'x'.repeat(width)}`,
  ).join('\n');

describe('formatScreen', () => {
  it('puts a Telegram screen in a MarkdownV2 code block, escaping only ` and \\ inside', () => {
    const out = formatScreen('telegram', '🖥 my-proj.v2', 'a `tick` and \\ slash_*[x]');
    expect(out.format).toBe('markdownv2');
    expect(out.text).toBe('🖥 my\\-proj\\.v2\n```\na \\`tick\\` and \\\\ slash_*[x]\n```');
  });

  it('keeps the bottom of a long screen within each platform’s limit', () => {
    for (const [platform, limit] of [
      ['telegram', 4096],
      ['discord', 2000],
    ] as const) {
      const out = formatScreen(platform, 'title', screen(200));
      expect(out.text.length).toBeLessThanOrEqual(limit);
      expect(out.text).toContain('199 ');
      expect(out.text).not.toContain('\n000 ');
      expect(out.text).toContain('…');
    }
  });

  it('defuses a code fence inside a Discord screen', () => {
    const out = formatScreen('discord', 't', 'before ``` after');
    expect(out.text).toBe('t\n```\nbefore ˋˋˋ after\n```');
  });

  it('sends plain text to the web chat and iMessage, and says when the screen is empty', () => {
    expect(formatScreen('web', 't', '')).toEqual({
      text: 't\n(the screen is empty)',
      format: 'text',
    });
    expect(formatScreen('imessage', 't', 'a\nb').text).toBe('t\na\nb');
  });
});
