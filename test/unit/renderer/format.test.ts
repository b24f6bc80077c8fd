/**
 * How the UI words things: a prompt's input (the command or path first), countdowns, ages,
 * conversation names and the line an answered prompt leaves.
 */
import { describe, expect, it } from 'vitest';
import { ago, conversationTitle, countdown } from '../../../src/renderer/format';
import { describeInput } from '../../../src/renderer/views/prompt-card';
import { outcomeLine } from '../../../src/renderer/views/prompt-history';

describe('describeInput', () => {
  it('puts a Bash command first, as a shell line', () => {
    expect(describeInput('{"command":"npm test","timeout":5}')).toEqual({
      lead: '$ npm test',
      rest: '{\n  "timeout": 5\n}',
    });
  });

  it('puts a file path first and keeps the other fields', () => {
    expect(describeInput('{"file_path":"/a/b.ts","content":"x"}')).toEqual({
      lead: '/a/b.ts',
      rest: '{\n  "content": "x"\n}',
    });
  });

  it('shows other JSON pretty, and text Claude Code cut short as it came', () => {
    expect(describeInput('{"url":"https://x"}')).toEqual({
      lead: null,
      rest: '{\n  "url": "https://x"\n}',
    });
    expect(describeInput('{"command":"rm -rf /tm…')).toEqual({
      lead: null,
      rest: '{"command":"rm -rf /tm…',
    });
    expect(describeInput('[1,2]')).toEqual({ lead: null, rest: '[1,2]' });
    expect(describeInput('{"command":42}').lead).toBeNull();
  });
});

describe('time and names', () => {
  it('counts down in minutes and seconds, never below zero', () => {
    expect(countdown(30 * 60_000)).toBe('30:00');
    expect(countdown(61_001)).toBe('1:02');
    expect(countdown(-5)).toBe('0:00');
  });

  it('says how long ago, coarsely', () => {
    const now = Date.UTC(2026, 0, 10, 12);
    expect(ago(now - 10_000, now)).toBe('just now');
    expect(ago(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(ago(now - 3 * 3_600_000, now)).toBe('3 h ago');
  });

  it('names threads after their group', () => {
    expect(conversationTitle({ title: 'Ada', chatId: 'tg:1', threadId: '' })).toBe('Ada');
    expect(conversationTitle({ title: '', chatId: 'tg:1', threadId: '' })).toBe('tg:1');
    expect(
      conversationTitle({ title: 'Launch', chatId: 'dc:1', threadId: '9', parentTitle: '#web' }),
    ).toBe('#web › Launch');
    expect(
      conversationTitle({ title: '', chatId: 'tg:-1', threadId: '5', parentTitle: 'Team' }),
    ).toBe('Team › thread 5');
  });

  it('words an answered prompt as who, where and when', () => {
    const base = { request_id: 'abcde', session: 'work', tool_name: 'Bash', description: '' };
    const at = new Date(2026, 0, 10, 14, 2).getTime();
    const line = outcomeLine(
      { ...base, verdict: 'allow', by: 'you', via: 'Telegram', decidedAt: at },
      at,
    );
    expect(line).toMatch(/^allowed by you from Telegram at \d{1,2}:02/);
    expect(
      outcomeLine(
        { ...base, verdict: 'expired', by: 'Switchboard', via: 'timeout', decidedAt: at },
        at,
      ),
    ).toMatch(/^expired at .* \(timeout\)$/);
  });
});
