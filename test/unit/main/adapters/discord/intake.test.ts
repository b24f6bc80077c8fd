import { describe, expect, it } from 'vitest';
import { DiscordIntake, type LaneMessage } from '../../../../../src/main/adapters/discord/intake';

type M = LaneMessage & { text: string };

/** A channel history on "Discord" and a hub that can be told to fail. */
function setup(options: { marks?: Record<string, string>; dm?: boolean } = {}) {
  const history = new Map<string, M[]>();
  const handled: string[] = [];
  const saved = new Map<string, string>(Object.entries(options.marks ?? {}));
  const failNext = new Set<string>();
  let nextId = 1000n;
  const say = (channelId: string, text: string): M => {
    const message = { id: String((nextId += 1n)), channelId, text };
    history.set(channelId, [...(history.get(channelId) ?? []), message]);
    return message;
  };
  let fetches = 0;
  const intake = new DiscordIntake<M>({
    marks: () => saved,
    saveMark: (channelId, id) => saved.set(channelId, id),
    fetchAfter: (channelId, after, limit) => {
      fetches += 1;
      return Promise.resolve(
        (history.get(channelId) ?? []).filter((m) => BigInt(m.id) > BigInt(after)).slice(0, limit),
      );
    },
    handle: (message) => {
      if (failNext.delete(message.text)) return Promise.reject(new Error('disk trouble'));
      handled.push(message.text);
      return Promise.resolve();
    },
    startMark: () => (options.dm ? [...saved.values()].sort().at(-1) : undefined),
    isPermanent: (error) => String(error).includes('Missing Access'),
    log: () => undefined,
    pageSize: 2,
    retryMs: () => 1,
  });
  const settle = async () => {
    for (let i = 0; i < 20; i++) {
      await intake.idle();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { intake, say, handled, saved, failNext, settle, fetches: () => fetches };
}

describe('Discord intake lanes', () => {
  it('catches up from the saved mark, page after page, at start, before anything live', async () => {
    const { intake, say, handled, saved, settle } = setup({ marks: { c1: '1000' } });
    for (let i = 0; i < 5; i++) say('c1', `missed ${i}`);
    intake.live(say('c1', 'live'));
    expect(handled).toEqual([]);
    intake.connected();
    await settle();
    expect(handled).toEqual(['missed 0', 'missed 1', 'missed 2', 'missed 3', 'missed 4', 'live']);
    expect(saved.get('c1')).toBe('1006');
  });

  it('never moves the mark past a message the hub did not take: it is fetched and taken again', async () => {
    const { intake, say, handled, saved, failNext, settle } = setup();
    intake.live(say('c1', 'one'));
    await settle();
    failNext.add('two');
    intake.live(say('c1', 'two'));
    intake.live(say('c1', 'three'));
    await settle();
    expect(handled).toEqual(['one', 'two', 'three']);
    expect(saved.get('c1')).toBe('1003');
  });

  it('holds live messages during a disconnect until the lane caught up', async () => {
    const { intake, say, handled, settle } = setup();
    intake.live(say('c1', 'before'));
    await settle();
    intake.disconnected();
    say('c1', 'missed');
    intake.live(say('c1', 'live'));
    await settle();
    expect(handled).toEqual(['before']);
    intake.connected();
    await settle();
    expect(handled).toEqual(['before', 'missed', 'live']);
  });

  it('reads a new DM channel from the newest mark anywhere, so its first messages are not lost', async () => {
    const { intake, say, handled, settle } = setup({ marks: { other: '1000' }, dm: true });
    intake.connected();
    say('dm', 'sent while we were away');
    intake.live(say('dm', 'then live'));
    await settle();
    expect(handled).toEqual(['sent while we were away', 'then live']);
  });

  it('gives up catching up a channel it cannot read, and takes what was held', async () => {
    const handled: string[] = [];
    const intake = new DiscordIntake<M>({
      marks: () => new Map([['c1', '5']]),
      saveMark: () => {
        throw new Error('SQLITE_FULL');
      },
      fetchAfter: () => Promise.reject(new Error('Missing Access')),
      handle: (m) => {
        handled.push(m.text);
        return Promise.resolve();
      },
      startMark: () => undefined,
      isPermanent: (error) => String(error).includes('Missing Access'),
      log: () => undefined,
    });
    intake.live({ id: '9', channelId: 'c1', text: 'live' });
    intake.connected();
    await intake.idle();
    expect(handled).toEqual(['live']);
  });
});
