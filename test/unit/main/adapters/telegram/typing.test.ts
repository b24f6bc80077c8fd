import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTypingIndicator } from '../../../../../src/main/adapters/telegram/typing';

describe('typing indicator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refreshes "typing…" until stopped', () => {
    const sent: string[] = [];
    const typing = createTypingIndicator((chat) => Promise.resolve(sent.push(chat)), {
      refreshMs: 4_000,
      limitMs: 120_000,
    });
    typing.start('tg:1', '');
    vi.advanceTimersByTime(12_000);
    expect(sent).toHaveLength(4);
    typing.stop('tg:1');
    vi.advanceTimersByTime(12_000);
    expect(sent).toHaveLength(4);
  });

  it('gives up after the time limit when no reply comes', () => {
    const sent: string[] = [];
    const typing = createTypingIndicator((chat) => Promise.resolve(sent.push(chat)), {
      refreshMs: 4_000,
      limitMs: 10_000,
    });
    typing.start('tg:1', '');
    vi.advanceTimersByTime(60_000);
    expect(sent.length).toBeLessThanOrEqual(3);
  });
});
