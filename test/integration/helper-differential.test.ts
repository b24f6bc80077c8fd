/**
 * The three forms of the helper — the standalone executable (startup snapshot), the npm helper
 * (early answers, lean core) and the plain unbundled source — run the same scripted sessions on
 * the raw pipe and must produce the same stdout bytes, the same exit codes and the same effects on
 * the hub. The builds are compared with each other, never with frozen bytes, so changes to the
 * protocol (the bridge handshake, delivery pacing) flow through all three alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitAttached } from '../support/attached';
import { runCli } from '../support/cli';
import {
  HUB_DOWN_SESSIONS,
  INITIALIZED,
  call,
  initialize,
  permissionRequest,
} from '../support/differential-sessions';
import { eventually } from '../support/eventually';
import { hubEffects, type HubEffects } from '../support/hub-effects';
import { startHub } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { HELPER_BUILDS, runSession, type Outcome } from '../support/scripted-session';
import { webchat } from '../support/webchat-client';

const parse = (stdout: string): Array<Record<string, unknown>> =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the snapshot, npm and source builds of the helper, with the hub down', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    home = await tempDir();
  });
  afterAll(() => home.cleanup());

  for (const session of HUB_DOWN_SESSIONS) {
    it(`${session.name}: the same stdout bytes and exit`, { timeout: 120_000 }, async () => {
      const outcomes: Record<string, Outcome> = {};
      for (const build of HELPER_BUILDS)
        outcomes[build.name] = await runSession(build, session.steps, {
          home: home.dir,
          session: session.name,
        });
      const reference = outcomes['source'] as Outcome;
      session.check(reference, parse(reference.stdout));
      expect(outcomes['npm']).toEqual(reference);
      expect(outcomes['snapshot']).toEqual(reference);
    });
  }
});

type HubRun = { tools: Outcome; relay: Outcome; effects: HubEffects };

/** One build against its own fresh hub: tool calls, then a relayed permission prompt. */
async function withHub(build: (typeof HELPER_BUILDS)[number]): Promise<HubRun> {
  const home = await tempDir();
  const hub = await startHub(home.dir);
  try {
    const chat = webchat(hub);
    // The chat must have reached the hub before tools may act in it.
    await chat.post('a message from the owner');
    // Sessions that show no channel events get no deliveries: the transcripts stay comparable.
    const env = { SWITCHBOARD_CHANNELS: 'disabled' };
    const attached = (name: string) => ({ run: () => waitAttached(home.dir, [name]), lines: 0 });
    const tools = await runSession(
      build,
      [
        { send: [initialize(1)], lines: 1 },
        { send: [INITIALIZED], lines: 0 },
        attached('tools'),
        // A session acts only in chats that wrote to it or are bound to it.
        { run: async () => expect(await chat.bind('tools')).toBe(200), lines: 0 },
        { send: [call(2, 'reply', { chat_id: 'web:main', text: 'from the helper' })], lines: 1 },
        { send: [call(3, 'reply', { chat_id: 'tg:42', text: 'nope' })], lines: 1 },
        {
          send: [call(4, 'edit_message', { chat_id: 'web:main', message_id: 'x', text: 'y' })],
          lines: 1,
        },
        {
          send: [call(5, 'download_attachment', { chat_id: 'web:main', message_id: 'x' })],
          lines: 1,
        },
        { send: [call(6, 'reply', { chat_id: 'web:main' })], lines: 1 },
        { end: true },
      ],
      { home: home.dir, session: 'tools', env },
    );
    const relay = await runSession(
      build,
      [
        { send: [initialize(1), INITIALIZED], lines: 1 },
        attached('relay'),
        { send: [permissionRequest('abcde')], lines: 0 },
        {
          run: async () => {
            await eventually(async () => {
              const listed = await runCli(['permissions', 'list', '--json', '--home', home.dir]);
              expect(listed.stdout).toContain('abcde');
            });
            expect((await runCli(['permissions', 'allow', 'abcde', '--home', home.dir])).code).toBe(
              0,
            );
          },
          lines: 1,
        },
        { end: true },
      ],
      { home: home.dir, session: 'relay', env },
    );
    await hub.stop();
    return {
      tools: { ...tools, stdout: withoutMessageIds(tools.stdout) },
      relay,
      effects: hubEffects(home.dir),
    };
  } finally {
    await hub.stop();
    await home.cleanup();
  }
}

/** The ids the hub gives messages it sends are its own (time and randomness): not the helper's. */
function withoutMessageIds(stdout: string): string {
  return stdout.replace(/sent \(id: [^)]+\)/g, 'sent (id: …)');
}

describe('the snapshot, npm and source builds of the helper, with the hub up', () => {
  it(
    'make the same tool calls and relay the same permission prompt, with the same effects',
    {
      timeout: 300_000,
    },
    async () => {
      const runs: Record<string, HubRun> = {};
      for (const build of HELPER_BUILDS) runs[build.name] = await withHub(build);
      const reference = runs['source'] as HubRun;
      const [opened, sent, refused] = parse(reference.tools.stdout);
      expect(reference.tools.missed).toEqual([]);
      expect(JSON.stringify(opened)).toContain('protocolVersion');
      expect(JSON.stringify(sent)).toMatch(/sent \(id: /);
      expect(JSON.stringify(refused)).toContain('"isError":true');
      expect(parse(reference.relay.stdout)[1]).toEqual({
        jsonrpc: '2.0',
        method: 'notifications/claude/channel/permission',
        params: { request_id: 'abcde', behavior: 'allow' },
      });
      expect(reference.effects['messages']).toContainEqual(
        expect.objectContaining({ direction: 'out', text: 'from the helper', session: 'tools' }),
      );
      expect(reference.effects['permissions']).toEqual([
        expect.objectContaining({ session_name: 'relay', request_id: 'abcde', verdict: 'allow' }),
      ]);
      expect(reference.effects['sessions']).toEqual([
        expect.objectContaining({ name: 'tools', detached: 1 }),
        expect.objectContaining({ name: 'relay', detached: 1 }),
      ]);
      expect(runs['npm']).toEqual(reference);
      expect(runs['snapshot']).toEqual(reference);
    },
  );
});
