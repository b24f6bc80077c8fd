/**
 * Attacks by people who write to the bot: taking the owner role, filling the pairing queue,
 * steering a group to another session, reading which projects run, and commands meant for other
 * bots. A real hub process on the fake Telegram Bot API, real helpers, the real CLI.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT, type FakeTelegram } from '../fakes/fake-telegram';
import { connectHelper } from '../support/helper-client';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import type { HelperClient } from '../support/helper-client';
import { waitAttachedUi } from '../support/ui-client';
import type { HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { startTelegramHub } from '../support/telegram-hub';
import { uiCall } from '../support/ui-client';

const GROUP = { id: -100777, type: 'supergroup' as const, title: 'Ops' };
const OWNER = { id: 501, first_name: 'Olga' };
const MALLORY = { id: 666, first_name: 'Mallory' };

// Each test runs a hub, the fake Bot API and several steps: generous on a shared, loaded machine.
describe('attacks by senders', { timeout: 90_000 }, () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess | undefined;
  let telegram: FakeTelegram | undefined;
  const helpers: HelperClient[] = [];

  beforeEach(async () => {
    home = await tempDir('sb-attack-senders-');
  });
  afterEach(async () => {
    for (const h of helpers.splice(0)) await h.close();
    await hub?.stop();
    await telegram?.stop();
    hub = undefined;
    await home.cleanup();
  });

  const cli = (...args: string[]) => runCli([...args, '--home', home.dir]);
  const ui = () => hub as HubProcess;
  const roleOf = async (id: number): Promise<string | undefined> =>
    (await uiCall(ui(), 'getState')).senders.find((s) => s.sender === String(id))?.role;
  /** DMs the bot, then approves the code from the dashboard API (as the UI does). */
  async function pair(user: { id: number; first_name: string }): Promise<void> {
    dm(user, '/start');
    const code = await eventually(async () => {
      const found = (await uiCall(ui(), 'getState')).pairings.find(
        (p) => p.sender === String(user.id),
      );
      if (!found) throw new Error('no pairing yet');
      return found.code;
    });
    await uiCall(ui(), 'decidePairing', code, 'approve');
  }
  async function attachedHelper(name: string): Promise<HelperClient> {
    const helper = await connectHelper({ home: home.dir, session: name });
    helpers.push(helper);
    await waitAttachedUi(ui(), [name]);
    return helper;
  }
  const textsTo = (chatId: number): string[] =>
    (telegram?.sent('sendMessage') ?? [])
      .filter((c) => c.params['chat_id'] === chatId)
      .map((c) => String(c.params['text']));
  const dm = (user: { id: number; first_name: string }, text: string): void =>
    void telegram?.message({
      chat: { id: user.id, type: 'private', first_name: user.first_name },
      from: { ...user, is_bot: false },
      text,
    });

  async function start(settings?: unknown): Promise<void> {
    ({ hub, telegram } = await startTelegramHub(home.dir, settings ? { settings } : {}));
  }

  it('the owner is blocked, then a stranger is approved → the stranger is a member, not owner', async () => {
    await start();
    await pair(OWNER);
    expect(await roleOf(OWNER.id)).toBe('owner');
    expect((await cli('senders', 'block', 'telegram', String(OWNER.id))).code).toBe(0);

    await pair(MALLORY);
    expect(await roleOf(MALLORY.id)).toBe('member');
    await eventually(() =>
      expect(textsTo(MALLORY.id).some((t) => t.startsWith('✅ Paired'))).toBe(true),
    );
    expect(textsTo(MALLORY.id).join('\n')).not.toContain('You are the owner');
  });

  it('someone was allowed with `senders allow`, then a stranger pairs → the stranger is a member', async () => {
    await start();
    await uiCall(ui(), 'setSender', 'telegram', '42', { status: 'allowed' });
    dm(MALLORY, 'let me in');
    const pending = await eventually(async () => {
      const list = JSON.parse((await cli('pair', 'list', '--json')).stdout) as Array<{
        code: string;
        becomes_owner: boolean;
      }>;
      if (list.length === 0) throw new Error('no pairing yet');
      return list[0];
    });
    expect(pending?.becomes_owner).toBe(false);
    expect((await cli('pair', 'approve', pending?.code ?? '')).stdout).toContain('as member');
    expect(await roleOf(MALLORY.id)).toBe('member');
  });

  it('the approver chooses: `pair approve CODE --owner` makes an owner, --member a member', async () => {
    await start();
    await uiCall(ui(), 'setSender', 'telegram', '42', { status: 'allowed' });
    dm(OWNER, 'hi');
    const code = await eventually(async () => {
      const [p] = JSON.parse((await cli('pair', 'list', '--json')).stdout) as Array<{
        code: string;
      }>;
      if (!p) throw new Error('no pairing yet');
      return p.code;
    });
    expect((await cli('pair', 'approve', code, '--owner', '--member')).code).toBe(2);
    expect((await cli('pair', 'deny', code, '--owner')).code).toBe(2);
    const approved = await cli('pair', 'approve', code, '--owner');
    expect(approved.stdout).toContain('as owner');
    expect(await roleOf(OWNER.id)).toBe('owner');
  });

  it('three throwaway accounts fill the queue → the fourth is told "try again later" once, and the UI shows the full queue', async () => {
    await start();
    for (const id of [701, 702, 703]) dm({ id, first_name: `throwaway ${id}` }, 'hi');
    await eventually(async () => expect((await uiCall(ui(), 'getState')).pairings).toHaveLength(3));
    const fourth = { id: 704, first_name: 'Real person' };
    dm(fourth, 'hello, I am real');
    dm(fourth, 'hello?');
    dm(fourth, 'anyone?');
    await eventually(() => expect(textsTo(fourth.id)).toHaveLength(1));
    expect(textsTo(fourth.id)[0]).toMatch(/try again later/i);
    // Later messages stay unanswered: the bot cannot be made to spam.
    dm(fourth, 'still there?');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(textsTo(fourth.id)).toHaveLength(1);

    expect((await uiCall(ui(), 'getState')).pairingQueues).toEqual([
      { platform: 'telegram', pending: 3, capacity: 3, turnedAway: 1 },
    ]);
  });

  describe('in an enabled group without mention gating', () => {
    const groupSettings = {
      access: { telegram: { groups: { [`tg:${GROUP.id}`]: { requireMention: false } } } },
    };
    const say = (user: { id: number; first_name: string }, text: string): void =>
      void telegram?.message({ chat: GROUP, from: { ...user, is_bot: false }, text });
    const binding = async (): Promise<string | null | undefined> =>
      (await uiCall(ui(), 'getState')).chats.find((c) => c.chatId === `tg:${GROUP.id}`)
        ?.boundSession;
    const bind = (session: string) => uiCall(ui(), 'bindChat', `tg:${GROUP.id}`, '', session);

    it('a member sends /use@bot NAME → refused, the group stays where it was', async () => {
      await start(groupSettings);
      const work = await attachedHelper('work');
      await attachedHelper('side-project');
      say(OWNER, 'hello team');
      await eventually(async () => expect(await binding()).toBeNull());
      await bind('work');

      say(MALLORY, `/use@${BOT.username} side-project`);
      await eventually(() =>
        expect(textsTo(GROUP.id).some((t) => /only an owner/i.test(t))).toBe(true),
      );
      expect(await binding()).toBe('work');
      expect(work.events.items.map((e) => e.content)).not.toContain(
        `/use@${BOT.username} side-project`,
      );
    });

    it('a member sends /sessions → no session names', async () => {
      await start(groupSettings);
      await attachedHelper('acquisition-target-x');
      say(MALLORY, '/sessions');
      const answer = await eventually(() => {
        const text = textsTo(GROUP.id).find((t) => t.includes('Switchboard is running'));
        if (!text) throw new Error('no answer yet');
        return text;
      });
      expect(answer).not.toContain('acquisition-target-x');
    });

    it('/status@other_ci_bot and /use@other_ci_bot deploy → not ours: no answer, no rebinding', async () => {
      await start(groupSettings);
      await pair(OWNER);
      const work = await attachedHelper('work');
      await attachedHelper('deploy');
      say(OWNER, 'hi');
      await eventually(async () => expect(await binding()).toBeNull());
      await bind('work');

      say(OWNER, '/status@other_ci_bot');
      say(OWNER, '/use@other_ci_bot deploy');
      // Not commands to us: ordinary group messages, so they reach Claude like any other.
      await work.events.waitFor((e) => e.content === '/use@other_ci_bot deploy');
      expect(textsTo(GROUP.id).filter((t) => t.includes('Switchboard is running'))).toEqual([]);
      expect(await binding()).toBe('work');

      // Addressed to us, the owner's command works.
      say(OWNER, `/status@${BOT.username}`);
      await eventually(() =>
        expect(textsTo(GROUP.id).some((t) => t.includes('Switchboard is running'))).toBe(true),
      );
    });
  });

  it('a stranger names themself with terminal escape sequences → `pair list` prints them inert', async () => {
    await start();
    void telegram?.message({
      chat: { id: 808, type: 'private', first_name: 'x' },
      from: { id: 808, is_bot: false, first_name: '\u001b[2J\u001b[31mOWNER' },
      text: 'approve me \u001b]0;title\u0007 \u200bnow',
    });
    const listed = await eventually(async () => {
      const out = (await cli('pair', 'list')).stdout;
      if (!out.includes('808')) throw new Error('not listed yet');
      return out;
    });
    // eslint-disable-next-line no-control-regex -- looking for exactly those
    expect(listed).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\u200B]/);
  });
});
