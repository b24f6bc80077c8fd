/**
 * The helper reaches the hub after Claude Code's opening exchange has gone quiet — and within a
 * fixed bound of its start however chatty Claude Code is — never before the handlers are known.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { paceBridgeStart } from '../../../src/mcp/bridge-pacing';
import { offlineBridge } from '../../../src/mcp/offline-bridge';

const handlers = { onDeliver: () => Promise.resolve(), onVerdict: () => Promise.resolve() };

function paced() {
  const events: string[] = [];
  const bridge = offlineBridge();
  const start = bridge.start;
  bridge.start = (h) => {
    events.push('start');
    start(h);
  };
  bridge.close = () => events.push('close');
  bridge.end = (kind) => {
    events.push(`end ${kind}`);
    return Promise.resolve();
  };
  const result = paceBridgeStart(bridge, () => events.push('before'), {
    quietMs: 30,
    latestMs: 250,
  });
  return { ...result, events, inner: bridge };
}

describe('when the helper connects to the hub', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts once the opening answers have been quiet for a moment', () => {
    const p = paced();
    p.bridge.start(handlers);
    p.answered();
    vi.advanceTimersByTime(20);
    p.answered();
    vi.advanceTimersByTime(20);
    expect(p.events).toEqual([]);
    vi.advanceTimersByTime(15);
    expect(p.events).toEqual(['before', 'start']);
    expect(p.inner.handlers()).toBe(handlers);
    p.answered();
    vi.advanceTimersByTime(500);
    expect(p.events).toEqual(['before', 'start']);
  });

  it('starts at the bound however chatty the client is, and when nothing was asked', () => {
    const chatty = paced();
    chatty.bridge.start(handlers);
    for (let t = 0; t < 300; t += 10) {
      chatty.answered();
      vi.advanceTimersByTime(10);
    }
    expect(chatty.events).toEqual(['before', 'start']);
    const silent = paced();
    silent.bridge.start(handlers);
    vi.advanceTimersByTime(249);
    expect(silent.events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(silent.events).toEqual(['before', 'start']);
  });

  it('never starts after it was closed or ended', async () => {
    const closed = paced();
    closed.bridge.start(handlers);
    closed.answered();
    closed.bridge.close();
    vi.advanceTimersByTime(1_000);
    expect(closed.events).toEqual(['close']);
    const ended = paced();
    ended.bridge.start(handlers);
    await ended.bridge.end('clean');
    vi.advanceTimersByTime(1_000);
    expect(ended.events).toEqual(['end clean']);
  });
});
