import { GrammyError, HttpError, type Api } from 'grammy';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { poll, type PollState } from '../../../../../src/main/adapters/telegram/polling';

type Step = Update[] | Error;

function grammyError(code: number, description: string, retryAfter?: number): GrammyError {
  return new GrammyError(
    `Call to 'getUpdates' failed! (${code}: ${description})`,
    {
      ok: false,
      error_code: code,
      description,
      ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}),
    },
    'getUpdates',
    {},
  );
}

/** Runs the poller against scripted getUpdates answers; stops when the script ends. */
async function run(
  steps: Step[],
  handle: (u: Update) => Promise<void> = () => Promise.resolve(),
  startOffset = 0,
) {
  const aborter = new AbortController();
  const states: PollState[] = [];
  const sleeps: number[] = [];
  const offsets: number[] = [];
  const requested: number[] = [];
  const api = {
    getUpdates: (params: { offset: number }) => {
      requested.push(params.offset);
      const step = steps.shift();
      if (step === undefined) {
        aborter.abort();
        return Promise.reject(new Error('aborted'));
      }
      return step instanceof Error ? Promise.reject(step) : Promise.resolve(step);
    },
  } as unknown as Api;
  await poll({
    api,
    handle,
    signal: aborter.signal,
    log: () => undefined,
    loadOffset: () => startOffset,
    saveOffset: (offset) => offsets.push(offset),
    onState: (state) => states.push(state),
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
  return { states, sleeps, offsets, requested };
}

const update = (id: number): Update => ({ update_id: id });

describe('Telegram polling', () => {
  it('confirms updates by asking from the next offset, and persists it after each one', async () => {
    const { requested, offsets } = await run(
      [[update(5), update(6)], [update(7)]],
      () => Promise.resolve(),
      5,
    );
    expect(requested).toEqual([5, 7, 8]);
    expect(offsets).toEqual([6, 7, 8]);
  });

  it('never confirms an update whose handler failed: asks for it again after a backoff', async () => {
    let attempts = 0;
    const { requested, offsets, sleeps, states } = await run(
      [[update(1), update(2), update(3)], [update(2), update(3)], [update(2), update(3)], []],
      (u) =>
        u.update_id === 2 && ++attempts < 3 ? Promise.reject(new Error('boom')) : Promise.resolve(),
    );
    // Update 1 is confirmed; 2 is asked for again (offset 2) until it is handled; then 3 and on.
    expect(requested).toEqual([0, 2, 2, 4, 4]);
    expect(offsets).toEqual([2, 3, 4]);
    expect(sleeps).toEqual([1000, 2000]);
    expect(states).toContainEqual(
      expect.objectContaining({
        state: 'error',
        reason: expect.stringContaining('update 2') as unknown,
      }),
    );
  });

  it('keeps polling when the offset cannot be saved (the update itself is stored)', async () => {
    const aborter = new AbortController();
    const requested: number[] = [];
    const steps: Update[][] = [[update(7)], [update(8)]];
    await poll({
      api: {
        getUpdates: (params: { offset: number }) => {
          requested.push(params.offset);
          const step = steps.shift();
          if (!step) aborter.abort();
          return step ? Promise.resolve(step) : Promise.reject(new Error('aborted'));
        },
      } as unknown as Api,
      handle: () => Promise.resolve(),
      signal: aborter.signal,
      log: () => undefined,
      loadOffset: () => 7,
      saveOffset: () => {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      },
      onState: () => undefined,
      sleep: () => Promise.resolve(),
    });
    expect(requested).toEqual([7, 8, 9]);
  });

  it('reports a 409 conflict and backs off, doubling, without giving up', async () => {
    const conflict = () => grammyError(409, 'Conflict: terminated by other getUpdates request');
    const { states, sleeps } = await run([conflict(), conflict(), conflict(), [update(1)]]);
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(states[0]).toMatchObject({
      state: 'error',
      fatal: false,
      reason: expect.stringContaining('409') as unknown,
    });
    expect(states.at(-1)).toEqual({ state: 'connected' });
  });

  it('waits exactly retry_after on 429', async () => {
    const { sleeps, states } = await run([grammyError(429, 'Too Many Requests', 7), []]);
    expect(sleeps).toEqual([7000]);
    expect(states[0]).toMatchObject({
      state: 'error',
      reason: expect.stringContaining('7 s') as unknown,
    });
  });

  it('stops with a clear, fatal status when the token is rejected', async () => {
    const { states, requested } = await run([grammyError(401, 'Unauthorized'), []]);
    expect(requested).toHaveLength(1);
    expect(states).toEqual([
      expect.objectContaining({
        state: 'error',
        fatal: true,
        reason: expect.stringContaining('rejected the bot token') as unknown,
      }),
    ]);
  });

  it('backs off on network errors, capped at 30 s', async () => {
    const network = () =>
      new HttpError('Network request for getUpdates failed!', new Error('ECONNREFUSED'));
    const { sleeps, states } = await run([...Array.from({ length: 7 }, network), []]);
    expect(sleeps).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(states[0]).toMatchObject({
      reason: expect.stringContaining('network error') as unknown,
    });
  });
});
