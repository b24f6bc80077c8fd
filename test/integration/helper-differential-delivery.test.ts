/**
 * The differential suite's delivery half (the rest is helper-differential.test.ts): the three forms
 * of the helper receive channel events from a real hub, acknowledge them and end — cleanly (SIGINT
 * with Claude Code still their parent: `bye`, nothing sent again) and abnormally (SIGHUP, a closing
 * terminal: the hub sends the recent events again, marked `redelivered`, to the next session). The
 * stdout bytes, exit codes and the hub's records (delivery state, hand-over counts) must be equal.
 */
import { describe, expect, it } from 'vitest';
import { waitAttached, waitDetached } from '../support/attached';
import { INITIALIZED, initialize } from '../support/differential-sessions';
import { hubEffects, type HubEffects } from '../support/hub-effects';
import { startHub } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { HELPER_BUILDS, runSession, type Outcome, type Step } from '../support/scripted-session';
import { webchat, type WebchatClient } from '../support/webchat-client';

type DeliveryRun = { clean: Outcome; cut: Outcome; next: Outcome; effects: HubEffects };

/**
 * What differs between two hubs, not between two helpers: a message's time and the id the hub made
 * for it (time and randomness). Ids become their order of first appearance in the run, so that an
 * event sent again must still carry the id it had the first time.
 */
function normalised(outcomes: Outcome[]): Outcome[] {
  const ids = new Map<string, string>();
  return outcomes.map((outcome) => ({
    ...outcome,
    stdout: outcome.stdout
      .replace(/"ts":"[^"]*"/g, '"ts":"…"')
      .replace(/"message_id":"([^"]*)"/g, (_, id: string) => {
        if (!ids.has(id)) ids.set(id, `#${ids.size + 1}`);
        return `"message_id":"${ids.get(id) ?? ''}"`;
      }),
  }));
}

const lines = (outcome: Outcome): Array<Record<string, unknown>> =>
  outcome.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** Opens a session, waits until the hub has it, posts `texts` and expects one event for each. */
function receiving(home: string, name: string, chat: WebchatClient, texts: string[]): Step[] {
  return [
    { send: [initialize(1), INITIALIZED], lines: 1 },
    { run: () => waitAttached(home, [name]), lines: 0 },
    {
      run: async () => {
        for (const text of texts) expect((await chat.post(text)).status).toBe(201);
      },
      lines: texts.length,
    },
  ];
}

async function withHub(build: (typeof HELPER_BUILDS)[number]): Promise<DeliveryRun> {
  const home = await tempDir();
  const hub = await startHub(home.dir);
  try {
    const chat = webchat(hub);
    const env = { SWITCHBOARD_CHANNELS: 'enabled' };
    const run = (name: string, steps: Step[]) =>
      runSession(build, steps, { home: home.dir, session: name, env });
    const clean = await run('clean', [
      ...receiving(home.dir, 'clean', chat, ['one', 'two']),
      { signal: 'SIGINT' },
    ]);
    await waitDetached(home.dir, 'clean');
    const cut = await run('cut', [
      ...receiving(home.dir, 'cut', chat, ['three']),
      { signal: 'SIGHUP' },
    ]);
    await waitDetached(home.dir, 'cut');
    // The next session gets what the cut one may never have shown: 'three', marked.
    const next = await run('next', [
      { send: [initialize(1), INITIALIZED], lines: 2 },
      { end: true },
    ]);
    await hub.stop();
    const [cleanOut, cutOut, nextOut] = normalised([clean, cut, next]) as [
      Outcome,
      Outcome,
      Outcome,
    ];
    return { clean: cleanOut, cut: cutOut, next: nextOut, effects: hubEffects(home.dir) };
  } finally {
    await hub.stop();
    await home.cleanup();
  }
}

describe('the snapshot, npm and source builds of the helper, receiving channel events', () => {
  it(
    'emit and acknowledge the same events and end cleanly or abnormally alike',
    { timeout: 300_000 },
    async () => {
      const runs: Record<string, DeliveryRun> = {};
      for (const build of HELPER_BUILDS) runs[build.name] = await withHub(build);
      const reference = runs['source'] as DeliveryRun;
      for (const outcome of [reference.clean, reference.cut, reference.next]) {
        expect(outcome.missed).toEqual([]);
        expect(outcome.code).toBe(0);
      }
      const events = (outcome: Outcome) =>
        lines(outcome)
          .filter((line) => line['method'] === 'notifications/claude/channel')
          .map((line) => line['params'] as { content: string; meta: Record<string, string> });
      expect(events(reference.clean).map((e) => e.content)).toEqual(['one', 'two']);
      expect(events(reference.cut).map((e) => e.content)).toEqual(['three']);
      const [again] = events(reference.next);
      expect(again).toMatchObject({
        content: 'three',
        meta: { message_id: '#3', redelivered: 'true' },
      });
      for (const e of [...events(reference.clean), ...events(reference.cut)])
        expect(e.meta['redelivered']).toBeUndefined();
      const inbound = (reference.effects['messages'] ?? []).filter(
        (m) => (m as { direction: string }).direction === 'in',
      );
      expect(inbound).toEqual([
        expect.objectContaining({ text: 'one', state: 'delivered', session: 'clean', attempts: 1 }),
        expect.objectContaining({ text: 'two', state: 'delivered', session: 'clean', attempts: 1 }),
        expect.objectContaining({
          text: 'three',
          state: 'delivered',
          session: 'next',
          attempts: 2,
        }),
      ]);
      expect(runs['npm']).toEqual(reference);
      expect(runs['snapshot']).toEqual(reference);
    },
  );
});
