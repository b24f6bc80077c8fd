/**
 * A session's permission prompts as an attacker can shape them: Claude writes the description,
 * so it can make it long enough that Telegram refuses the prompt and the owner never sees it —
 * leaving the terminal as the only place to answer. A real hub on the fake Telegram Bot API
 * (which refuses messages over 4,096 characters, as Telegram does) and on the fake Discord (which
 * refuses content over 2,000, as Discord does).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeDiscord } from '../fakes/fake-discord';
import type { FakeTelegram } from '../fakes/fake-telegram';
import { runCli } from '../support/cli';
import { ANN, DM_ANN, startDiscordHub } from '../support/discord-hub';
import { eventually } from '../support/eventually';
import { connectHelper, type HelperClient } from '../support/helper-client';
import type { HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { startTelegramHub } from '../support/telegram-hub';
import { uiCall, waitAttachedUi } from '../support/ui-client';

const OWNER = { id: 7001, first_name: 'Olga' };

describe('attacks through permission prompts', { timeout: 90_000 }, () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let telegram: FakeTelegram;
  let claude: HelperClient;

  beforeEach(async () => {
    home = await tempDir('sb-attack-prompts-');
    ({ hub, telegram } = await startTelegramHub(home.dir));
    claude = await connectHelper({ home: home.dir, session: 'work' });
    await waitAttachedUi(hub, ['work']);
    telegram.message({
      chat: { id: OWNER.id, type: 'private', first_name: OWNER.first_name },
      from: { ...OWNER, is_bot: false },
      text: '/start',
    });
    const code = await eventually(async () => {
      const found = (await uiCall(hub, 'getState')).pairings[0];
      if (!found) throw new Error('no pairing yet');
      return found.code;
    });
    await uiCall(hub, 'decidePairing', code, 'approve', { owner: true });
  });
  afterEach(async () => {
    await claude.close();
    await hub.stop();
    await telegram.stop();
    await home.cleanup();
  });

  const toOwner = (): string[] =>
    telegram
      .sent('sendMessage')
      .filter((c) => c.params['chat_id'] === OWNER.id)
      .map((c) => String(c.params['text']));

  it('a 10,000-character description → the owner still gets the prompt, within 4,096, with its buttons', async () => {
    // The most Claude Code sends (and the helper accepts): 10,000 characters.
    const filler = 'Lorem ipsum dolor sit amet. '.repeat(400);
    const description = `Deploy to production. ${filler}`.slice(0, 10_000 - 7) + 'THE END';
    expect(description).toHaveLength(10_000);
    await claude.requestPermission({
      request_id: 'pqrst',
      tool_name: 'Bash',
      description,
      input_preview: `{"command":"${'x'.repeat(3000)}"}`,
    });
    const prompt = await eventually(() => {
      const found = telegram
        .sent('sendMessage')
        .find((c) => c.params['chat_id'] === OWNER.id && String(c.params['text']).startsWith('🔐'));
      if (!found) throw new Error('no prompt yet');
      return found;
    });
    const text = String(prompt.params['text']);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain('session work');
    expect(text).toContain('Bash');
    expect(text).toContain('Tap Details for the full text.');
    expect(text).toContain('Reply "yes pqrst" or "no pqrst".');
    expect(prompt.params['reply_markup']).toBeDefined();

    // Details: the full text reaches the owner as messages under the prompt.
    const before = toOwner().length;
    telegram.push({
      callback_query: {
        id: 'cb-details',
        from: { ...OWNER, is_bot: false },
        chat_instance: 'x',
        data: 'sb:d:pqrst',
        message: {
          message_id: 1,
          date: 0,
          chat: { id: OWNER.id, type: 'private', first_name: OWNER.first_name },
        } as never,
      },
    });
    // Details come as several messages, one after another: wait for the last words.
    await eventually(() => expect(toOwner().slice(before).join('')).toContain('THE END'));
    expect(toOwner().length).toBeGreaterThan(before + 1);
    for (const part of toOwner()) expect(part.length).toBeLessThanOrEqual(4096);
    // And the owner can answer it there.
    telegram.push({
      callback_query: {
        id: 'cb-allow',
        from: { ...OWNER, is_bot: false },
        chat_instance: 'x',
        data: 'sb:a:pqrst',
        message: {
          message_id: 1,
          date: 0,
          chat: { id: OWNER.id, type: 'private', first_name: OWNER.first_name },
        } as never,
      },
    });
    expect(await claude.verdicts.next()).toEqual({ request_id: 'pqrst', behavior: 'allow' });
  });
});

describe('attacks through permission prompts on Discord', { timeout: 90_000 }, () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let discord: FakeDiscord;
  let claude: HelperClient;

  beforeEach(async () => {
    home = await tempDir('sb-attack-prompts-dc-');
    ({ hub, discord } = await startDiscordHub(home.dir));
    for (const args of [
      ['senders', 'allow', 'discord', ANN.id],
      ['senders', 'role', 'discord', ANN.id, 'owner'],
    ])
      expect((await runCli([...args, '--home', home.dir])).code).toBe(0);
    claude = await connectHelper({ home: home.dir, session: 'work' });
    await waitAttachedUi(hub, ['work']);
    discord.post(DM_ANN, ANN, 'hello');
    await claude.events.waitFor((e) => e.content === 'hello', 15_000);
  });
  afterEach(async () => {
    await claude.close();
    await hub.stop();
    await discord.stop();
    await home.cleanup();
  });

  it('a 10,000-character description → the owner gets the prompt within 2,000, and Details within 2,000', async () => {
    const description = `Deploy to production. ${'Lorem ipsum dolor sit amet. '.repeat(400)}`
      .slice(0, 9_993)
      .concat('THE END');
    await claude.requestPermission({
      request_id: 'vwxyz',
      tool_name: 'Bash',
      description,
      input_preview: `{"command":"${'x'.repeat(3000)}"}`,
    });
    const prompt = await eventually(() => {
      const found = discord.history.get(DM_ANN)?.find((m) => String(m['content']).startsWith('🔐'));
      if (!found) throw new Error('no prompt yet');
      return found;
    }, 15_000);
    const text = String(prompt['content']);
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text).toContain('session work');
    expect(text).toContain('Press Details for the full text.');
    const buttons =
      (prompt['components'] as Array<{ components: Array<{ label: string }> }>)[0]?.components ??
      [];
    expect(buttons.map((b) => b.label)).toEqual(['Details', 'Allow', 'Deny']);
    // Details answers the owner alone, within Discord's limit, saying where the rest is.
    discord.press(ANN, prompt, 'sb:d:vwxyz');
    const details = await eventually(() => {
      const call = discord.calls.filter((c) => c.path.startsWith('/interactions/')).at(-1);
      const data = call?.body['data'] as { content?: string; flags?: number } | undefined;
      if (!data?.content) throw new Error('no details yet');
      return data.content;
    }, 15_000);
    expect(details.length).toBeLessThanOrEqual(2000);
    expect(details).toContain('Deploy to production.');
    expect(details).toContain('dashboard');
    discord.press(ANN, prompt, 'sb:a:vwxyz');
    expect(await claude.verdicts.next(15_000)).toEqual({ request_id: 'vwxyz', behavior: 'allow' });
  });
});
