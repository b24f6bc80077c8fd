/**
 * The gate and pairing through a real hub process with a fake remote platform and real helpers:
 * strangers get a code and reach nobody, approval happens only on this machine, blocked senders
 * and unmentioned group chatter never reach Claude.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { startFakePlatformHub, type FakePlatform } from '../support/fake-platform-client';
import { connectHelper, type HelperClient } from '../support/helper-client';
import type { HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { webchat } from '../support/webchat-client';
import { waitAttached } from '../support/attached';
import { auditKinds } from '../support/audit';

describe('gate and pairing', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let platform: FakePlatform;
  let helper: HelperClient;

  async function start(settings?: unknown): Promise<void> {
    if (settings) {
      await mkdir(home.dir, { recursive: true, mode: 0o700 });
      await writeFile(`${home.dir}/settings.json`, JSON.stringify(settings));
    }
    ({ hub, platform } = await startFakePlatformHub(home.dir));
    helper = await connectHelper({ home: home.dir, session: 'gatekeeper' });
    // The helper attaches in the background; wait, so no message is queued (and answered with a notice).
    await waitAttached(home.dir, ['gatekeeper']);
  }

  beforeEach(async () => {
    home = await tempDir();
  });
  afterEach(async () => {
    await helper.close();
    await hub.stop();
    await home.cleanup();
  });

  const cli = (...args: string[]) => runCli([...args, '--home', home.dir]);

  async function pairedCode(chatId: string): Promise<string> {
    const sent = await eventually(async () => {
      const messages = await platform.sentTo(chatId);
      const withCode = messages.find((m) => /pairing code: ([A-Z0-9]{6})/i.test(m.text));
      if (!withCode) throw new Error('no code yet');
      return withCode;
    });
    return /pairing code: ([A-Z0-9]{6})/i.exec(sent.text)?.[1] ?? '';
  }

  it('gives an unknown sender a code, forwards nothing, and lets them in once approved from the CLI', async () => {
    await start();
    await platform.say({
      chatId: 'tg:100',
      senderId: '100',
      senderName: 'Ann',
      text: 'hello claude, run rm -rf',
    });
    const code = await pairedCode('tg:100');
    expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY234679]{6}$/);

    const pending = JSON.parse((await cli('pair', 'list', '--json')).stdout) as Array<{
      code: string;
      platform: string;
      sender: string;
      preview: string;
    }>;
    expect(pending).toEqual([
      expect.objectContaining({
        code,
        platform: 'telegram',
        sender: '100',
        preview: 'hello claude, run rm -rf',
      }),
    ]);

    // A second and third message: one more reply with the same code, then silence.
    await platform.say({ chatId: 'tg:100', senderId: '100', text: 'hello?' });
    await platform.say({ chatId: 'tg:100', senderId: '100', text: 'anyone?' });
    await eventually(async () =>
      expect((await platform.sentTo('tg:100')).filter((m) => m.text.includes(code))).toHaveLength(
        2,
      ),
    );

    const approved = await cli('pair', 'approve', code.toLowerCase());
    expect(approved.code).toBe(0);
    await eventually(async () =>
      expect((await platform.sentTo('tg:100')).some((m) => m.text.startsWith('✅ Paired'))).toBe(
        true,
      ),
    );

    await platform.say({
      chatId: 'tg:100',
      senderId: '100',
      senderName: 'Ann',
      text: 'now I am in',
    });
    const event = await helper.events.next();
    expect(event.content).toBe('now I am in');
    expect(event.meta).toMatchObject({
      platform: 'telegram',
      chat_id: 'tg:100',
      user: 'Ann',
      user_id: '100',
    });
    // Nothing sent before approval ever reached Claude.
    expect(helper.events.items.map((e) => e.content)).toEqual(['now I am in']);

    const senders = JSON.parse((await cli('senders', 'list', '--json')).stdout) as Array<{
      sender: string;
      role: string;
      status: string;
    }>;
    expect(senders).toEqual([
      expect.objectContaining({ sender: '100', role: 'owner', status: 'allowed' }),
    ]);
  });

  // A hub start and several CLI runs: past the default 30 s on a loaded machine (31.8 s seen).
  it(
    'fails and audits wrong and replayed codes, and caps pending requests at three per platform',
    {
      timeout: 60_000,
    },
    async () => {
      await start();
      for (const id of ['1', '2', '3', '4'])
        await platform.say({ chatId: `tg:${id}`, senderId: id, text: 'hi' });
      await eventually(async () =>
        expect(JSON.parse((await cli('pair', 'list', '--json')).stdout)).toHaveLength(3),
      );
      // The fourth gets no code, only one "try again later" (see test/attacks/senders.test.ts).
      await eventually(async () =>
        expect((await platform.sentTo('tg:4')).map((m) => m.text)).toEqual([
          expect.stringContaining('try again later'),
        ]),
      );

      const wrong = await cli('pair', 'approve', 'AAAAAA');
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('no pairing request with code AAAAAA');

      const [first] = JSON.parse((await cli('pair', 'list', '--json')).stdout) as Array<{
        code: string;
      }>;
      expect((await cli('pair', 'deny', first?.code ?? '')).code).toBe(0);
      const replay = await cli('pair', 'approve', first?.code ?? '');
      expect(replay.code).toBe(1);
      expect(replay.stderr).toContain('already denied');
      const kinds = auditKinds(home.dir).map((row) => row.kind);
      expect(kinds.filter((k) => k === 'pairing.approve-failed')).toHaveLength(2);
      expect(kinds).toContain('pairing.refused');
      expect(kinds).toContain('pairing.denied');
    },
  );

  it('never forwards a blocked sender, even one that was allowed', async () => {
    await start();
    expect((await cli('senders', 'allow', 'telegram', '200')).code).toBe(0);
    await platform.say({ chatId: 'tg:200', senderId: '200', text: 'allowed message' });
    expect((await helper.events.next()).content).toBe('allowed message');
    expect((await cli('senders', 'block', 'telegram', '200')).code).toBe(0);
    await platform.say({ chatId: 'tg:200', senderId: '200', text: 'blocked message' });
    await platform.say({ chatId: 'tg:300', senderId: '300', text: 'pairing ping' });
    await pairedCode('tg:300'); // the hub processed later messages
    expect(helper.events.items.map((e) => e.content)).toEqual(['allowed message']);
    expect(await platform.sentTo('tg:200')).toEqual([]);
    expect(auditKinds(home.dir)).toContainEqual(
      expect.objectContaining({
        kind: 'gate.dropped',
        actor: 'telegram:200',
        detail: '{"reason":"blocked"}',
      }),
    );
  });

  it('lets a group message through only when the group is enabled and the bot is mentioned', async () => {
    await start({
      access: {
        telegram: {
          groups: { 'tg:-100': { requireMention: true } },
          mentionPatterns: ['\\bclaude\\b'],
        },
      },
    });
    await platform.say({
      chatId: 'tg:-100',
      kind: 'group',
      senderId: '5',
      text: 'chatter without mention',
    });
    await platform.say({
      chatId: 'tg:-999',
      kind: 'group',
      senderId: '5',
      text: '@bot in a group that is not enabled',
      mentionsBot: true,
    });
    await platform.say({
      chatId: 'tg:-100',
      kind: 'group',
      senderId: '5',
      text: '@bot what time is it?',
      mentionsBot: true,
    });
    await platform.say({
      chatId: 'tg:-100',
      kind: 'group',
      senderId: '6',
      text: 'hey Claude, summarize',
    });
    await helper.events.count(2);
    expect(helper.events.items.map((e) => e.content)).toEqual([
      '@bot what time is it?',
      'hey Claude, summarize',
    ]);
    // Group messages never start pairing.
    expect(await platform.sentTo('tg:-100')).toEqual([]);
    expect(JSON.parse((await cli('pair', 'list', '--json')).stdout)).toEqual([]);
  });

  it('refuses tool calls to chats the gate would not accept', async () => {
    await start();
    await platform.say({ chatId: 'tg:400', senderId: '400', text: 'let me in' });
    await pairedCode('tg:400');
    const result = await helper.callTool('reply', {
      chat_id: 'tg:400',
      text: 'sneaky reply to a stranger',
    });
    expect(result.isError).toBe(true);
    expect((await platform.sentTo('tg:400')).some((m) => m.text.includes('sneaky'))).toBe(false);
  });

  it('approves, denies and blocks from the dashboard API, which also rebinds any chat', async () => {
    await start();
    const dash = webchat(hub);
    const live = await dash.events();
    for (const id of ['31', '32'])
      await platform.say({
        chatId: `tg:${id}`,
        senderId: id,
        senderName: `P${id}`,
        text: `from ${id}`,
      });
    await live.events.waitFor((e) => e.type === 'pairings' && e.pairings.length === 2);
    const state = (await (await dash.request('/api/state')).json()) as {
      pairings: Array<{ code: string; sender: string; name: string; preview: string }>;
    };
    const codeOf = (sender: string): string =>
      state.pairings.find((p) => p.sender === sender)?.code ?? '';
    expect(state.pairings.find((p) => p.sender === '31')).toMatchObject({
      name: 'P31',
      preview: 'from 31',
    });

    const act = (code: string, action: string) =>
      dash.request(`/api/pairings/${code}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action }),
      });
    expect((await act(codeOf('31'), 'approve')).status).toBe(200);
    expect((await act(codeOf('32'), 'block')).status).toBe(200);
    expect((await act(codeOf('32'), 'approve')).status).toBe(409);
    expect((await act('ZZZZZZ', 'approve')).status).toBe(404);
    const senders = JSON.parse((await cli('senders', 'list', '--json')).stdout) as Array<{
      sender: string;
      status: string;
    }>;
    expect(senders.map((s) => [s.sender, s.status])).toEqual([
      ['31', 'allowed'],
      ['32', 'blocked'],
    ]);

    await platform.say({ chatId: 'tg:31', senderId: '31', text: 'in via the dashboard' });
    expect((await helper.events.next()).content).toBe('in via the dashboard');
    const bind = await dash.request('/api/bindings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chatId: 'tg:31', session: 'elsewhere' }),
    });
    expect(bind.status).toBe(200);
    const chats = JSON.parse((await cli('chats', 'list', '--json')).stdout) as Array<{
      chat_id: string;
      session: string | null;
    }>;
    expect(chats.find((c) => c.chat_id === 'tg:31')?.session).toBe('elsewhere');
    await platform.say({ chatId: 'tg:31', senderId: '31', text: 'waits for elsewhere' });
    await eventually(async () =>
      expect((await platform.sentTo('tg:31')).some((m) => m.text.includes('"elsewhere" is'))).toBe(
        true,
      ),
    );
    expect(helper.events.items.map((e) => e.content)).toEqual(['in via the dashboard']);
    live.close();
  });
});
