/**
 * The Discord channel against a fake Discord (REST + JSON gateway), through the real hub process
 * and real helpers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeDiscord } from '../fakes/fake-discord';
import { attachedHelper } from '../support/attached';
import { runCli } from '../support/cli';
import {
  ANN,
  BOB,
  DISCORD_BOT,
  DM_ANN,
  DM_BOB,
  GENERAL,
  OTHER_BOT,
  THREAD,
  startDiscordHub,
} from '../support/discord-hub';
import { resultText } from '../support/helper-client';
import { eventually } from '../support/eventually';
import type { HelperClient } from '../support/helper-client';
import type { HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';

describe('Discord channel', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let discord: FakeDiscord;
  const helpers: HelperClient[] = [];
  const cli = (...args: string[]) => runCli([...args, '--home', home.dir]);
  const patches = (channelId: string) =>
    discord.calls.filter(
      (c) => c.method === 'PATCH' && c.path.startsWith(`/channels/${channelId}/messages/`),
    );
  const sentTo = (channelId: string) =>
    discord.calls.filter(
      (c) => c.method === 'POST' && c.path === `/channels/${channelId}/messages`,
    );

  beforeEach(async () => {
    home = await tempDir();
  });
  afterEach(async () => {
    await Promise.all(helpers.splice(0).map((h) => h.close()));
    await hub.stop();
    await discord.stop();
    await home.cleanup();
  });

  async function pair(user: typeof ANN, dm: string): Promise<void> {
    discord.post(dm, user, 'hello bot');
    const code = await eventually(async () => {
      const pending = JSON.parse((await cli('pair', 'list', '--json')).stdout) as Array<{
        code: string;
        sender: string;
      }>;
      const mine = pending.find((p) => p.sender === user.id);
      if (!mine) throw new Error('no pairing yet');
      return mine.code;
    }, 20_000);
    expect((await cli('pair', 'approve', code)).code).toBe(0);
  }

  it('pairs a DM sender and delivers their messages with Discord meta', async () => {
    ({ hub, discord } = await startDiscordHub(home.dir));
    const claude = await attachedHelper(home.dir, 'main', helpers);
    await pair(ANN, DM_ANN);
    await eventually(() =>
      expect(sentTo(DM_ANN).some((c) => String(c.body['content']).includes('Paired'))).toBe(true),
    );
    discord.post(DM_ANN, ANN, 'hi from Discord');
    const event = await claude.events.next(15_000);
    expect(event.meta).toMatchObject({
      platform: 'discord',
      chat_id: `dc:${DM_ANN}`,
      user_id: ANN.id,
    });
  }, 40_000);

  const GROUPS = {
    access: { discord: { groups: { [`dc:${GENERAL}`]: { requireMention: true } } } },
  };
  const mention = { mentions: [DISCORD_BOT] };

  it('lets guild messages through only when they mention the bot, and routes a thread to its bound session', async () => {
    ({ hub, discord } = await startDiscordHub(home.dir, GROUPS));
    const alpha = await attachedHelper(home.dir, 'alpha', helpers);
    const beta = await attachedHelper(home.dir, 'beta', helpers);
    discord.post(GENERAL, BOB, 'just chatting');
    discord.post(GENERAL, BOB, `<@${DISCORD_BOT.id}> what is the plan?`, mention);
    const first = await beta.events.next(15_000);
    expect(first.content).toBe(`<@${DISCORD_BOT.id}> what is the plan?`);
    expect(first.meta).toMatchObject({ chat_id: `dc:${GENERAL}`, user_id: BOB.id });

    // The thread inherits the channel's opt-in; bound to alpha, it goes there with thread_id.
    expect((await cli('chats', 'bind', `dc:${GENERAL}`, 'alpha', '--thread', THREAD)).code).toBe(1);
    discord.post(THREAD, BOB, `<@${DISCORD_BOT.id}> first in thread`, mention);
    await beta.events.count(2, 15_000);
    expect((await cli('chats', 'bind', `dc:${GENERAL}`, 'alpha', '--thread', THREAD)).code).toBe(0);
    discord.post(THREAD, BOB, `<@${DISCORD_BOT.id}> in the thread`, mention);
    const inThread = await alpha.events.next(15_000);
    expect(inThread.meta).toMatchObject({ chat_id: `dc:${GENERAL}`, thread_id: THREAD });
    await alpha.callTool('reply', { chat_id: `dc:${GENERAL}`, text: 'answer in the thread' });
    expect(sentTo(THREAD).at(-1)?.body['content']).toBe('answer in the thread');
    expect(beta.events.items.map((e) => e.content)).not.toContain('just chatting');
  }, 60_000);

  it('answers and reads a channel whose first message came from one of its threads', async () => {
    // The channel itself never spoke: its only row is the thread's (it used to be "not a known chat").
    ({ hub, discord } = await startDiscordHub(home.dir, GROUPS));
    const alpha = await attachedHelper(home.dir, 'alpha', helpers);
    discord.post(THREAD, BOB, `<@${DISCORD_BOT.id}> first words, in a thread`, mention);
    const first = await alpha.events.next(15_000);
    expect(first.meta).toMatchObject({ chat_id: `dc:${GENERAL}`, thread_id: THREAD });
    const named = await alpha.callTool('reply', {
      chat_id: `dc:${GENERAL}`,
      thread_id: THREAD,
      text: 'named thread',
    });
    expect(resultText(named)).toMatch(/^sent/);
    const plain = await alpha.callTool('reply', { chat_id: `dc:${GENERAL}`, text: 'no thread' });
    expect(resultText(plain)).toMatch(/^sent/);
    expect(sentTo(THREAD).map((c) => c.body['content'])).toEqual(['named thread', 'no thread']);
    expect(sentTo(GENERAL)).toEqual([]);
    const history = await alpha.callTool('fetch_messages', { chat_id: `dc:${GENERAL}` });
    expect(resultText(history)).toContain('first words, in a thread');
  }, 60_000);

  it('drops other bots’ messages unless that channel allows them, and never reads its own', async () => {
    ({ hub, discord } = await startDiscordHub(home.dir, GROUPS));
    const claude = await attachedHelper(home.dir, 'main', helpers);
    discord.post(GENERAL, OTHER_BOT, `<@${DISCORD_BOT.id}> build failed`, mention);
    discord.post(GENERAL, DISCORD_BOT, `<@${DISCORD_BOT.id}> my own echo`, mention);
    discord.post(GENERAL, BOB, `<@${DISCORD_BOT.id}> marker`, mention);
    expect((await claude.events.next(15_000)).content).toContain('marker');
    await hub.stop();
    await discord.stop();
    ({ hub, discord } = await startDiscordHub(home.dir, {
      ...GROUPS,
      discord: { allowBotsIn: [GENERAL] },
    }));
    await eventually(
      async () =>
        expect(
          (
            JSON.parse((await cli('status', '--json')).stdout) as {
              platforms: Array<{ platform: string; state: string }>;
            }
          ).platforms.find((p) => p.platform === 'discord')?.state,
        ).toBe('connected'),
      15_000,
    );
    discord.post(GENERAL, OTHER_BOT, `<@${DISCORD_BOT.id}> build failed again`, mention);
    const fromBot = await claude.events.waitFor(
      (e) => e.content.includes('build failed again'),
      15_000,
    );
    expect(fromBot.meta['author_is_bot']).toBe('true');
    expect(claude.events.items.some((e) => e.content.includes('my own echo'))).toBe(false);
  }, 60_000);

  it('chunks a long reply at 2000 without breaking a code block, and survives a 429', async () => {
    ({ hub, discord } = await startDiscordHub(home.dir));
    const claude = await attachedHelper(home.dir, 'main', helpers);
    await pair(ANN, DM_ANN);
    discord.post(DM_ANN, ANN, 'show me code');
    await claude.events.next(15_000);
    const code = Array.from({ length: 120 }, (_, i) => `const value${i} = ${i}; // 😀`).join('\n');
    const text = `Here it is:\n\`\`\`ts\n${code}\n\`\`\`\nDone.`;
    discord.rateLimitNextPost();
    const before = sentTo(DM_ANN).length;
    const result = await claude.callTool('reply', { chat_id: `dc:${DM_ANN}`, text });
    expect(result.isError).toBeFalsy();
    const parts = sentTo(DM_ANN)
      .slice(before)
      .map((c) => String(c.body['content']))
      .filter((p, i, all) => all.indexOf(p) === i);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(2000);
      expect(part.isWellFormed()).toBe(true);
      expect(part.split('\n').filter((l) => l.startsWith('```')).length % 2).toBe(0);
    }
    expect(resultText(result)).toMatch(/^sent \d+ messages/);
  }, 60_000);

  it('settles a prompt from the owner’s button, refuses another user’s, and edits the prompt', async () => {
    ({ hub, discord } = await startDiscordHub(home.dir));
    const claude = await attachedHelper(home.dir, 'main', helpers);
    await pair(ANN, DM_ANN);
    await pair(BOB, DM_BOB);
    await claude.requestPermission({
      request_id: 'pqrst',
      tool_name: 'Bash',
      description: 'Deploy',
      input_preview: '{"command":"make deploy"}',
    });
    const prompt = await eventually(() => {
      const found = discord.history.get(DM_ANN)?.find((m) => String(m['content']).startsWith('🔐'));
      if (!found) throw new Error('no prompt yet');
      return found;
    }, 15_000);
    const buttons =
      (
        prompt['components'] as Array<{ components: Array<{ label: string; custom_id: string }> }>
      )[0]?.components ?? [];
    expect(buttons.map((b) => b.label)).toEqual(['Details', 'Allow', 'Deny']);
    discord.press(BOB, prompt, 'sb:a:pqrst');
    await eventually(
      () =>
        expect(
          discord.calls.filter((c) => c.path.startsWith('/interactions/')).at(-1)?.body,
        ).toMatchObject({ data: { content: 'Only an owner can answer permission prompts.' } }),
      15_000,
    );
    expect(claude.verdicts.items).toEqual([]);
    discord.press(ANN, prompt, 'sb:a:pqrst');
    expect(await claude.verdicts.next(15_000)).toEqual({ request_id: 'pqrst', behavior: 'allow' });
    await eventually(() => {
      const edit = patches(DM_ANN).find((c) => c.path.endsWith(`/${String(prompt['id'])}`));
      expect(String(edit?.body['content'])).toContain('✅ Allowed Bash');
      expect(edit?.body['components']).toEqual([]);
    }, 15_000);
  }, 60_000);

  it('delivers, once, the messages sent while the gateway was disconnected', async () => {
    ({ hub, discord } = await startDiscordHub(home.dir));
    const claude = await attachedHelper(home.dir, 'main', helpers);
    await pair(ANN, DM_ANN);
    discord.post(DM_ANN, ANN, 'before the outage');
    await claude.events.next(15_000);
    discord.forceReconnect();
    for (const text of ['during the outage 1', 'during the outage 2', 'during the outage 3'])
      discord.post(DM_ANN, ANN, text);
    await claude.events.count(4, 30_000);
    discord.post(DM_ANN, ANN, 'after the outage');
    await claude.events.count(5, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(claude.events.items.map((e) => e.content)).toEqual([
      'before the outage',
      'during the outage 1',
      'during the outage 2',
      'during the outage 3',
      'after the outage',
    ]);
    expect(discord.identifies).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('lists attachments for lazy download, reacts, edits its own messages, and refuses to edit others', async () => {
    ({ hub, discord } = await startDiscordHub(home.dir));
    const claude = await attachedHelper(home.dir, 'main', helpers);
    await pair(ANN, DM_ANN);
    discord.files.set('report.pdf', Buffer.from('%PDF-report'));
    discord.post(DM_ANN, ANN, 'the report', {
      attachments: [
        {
          id: '1',
          filename: 'report.pdf',
          size: 11,
          url: `${discord.url}/files/report.pdf`,
          proxy_url: '',
          content_type: 'application/pdf',
        },
      ],
    });
    const event = await claude.events.next(15_000);
    expect(event.meta).toMatchObject({
      attachment_name: 'report.pdf',
      attachment_mime: 'application/pdf',
      attachment_size: '11',
    });
    const downloaded = await claude.callTool('download_attachment', {
      chat_id: `dc:${DM_ANN}`,
      message_id: event.meta['message_id'] ?? '',
    });
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(resultText(downloaded), 'utf8')).toBe('%PDF-report');

    expect(
      (
        await claude.callTool('react', {
          chat_id: `dc:${DM_ANN}`,
          message_id: event.meta['message_id'] ?? '',
          emoji: '👀',
        })
      ).isError,
    ).toBeFalsy();
    expect(discord.calls.some((c) => c.method === 'PUT' && c.path.includes('/reactions/'))).toBe(
      true,
    );
    const sent = await claude.callTool('reply', { chat_id: `dc:${DM_ANN}`, text: 'working…' });
    const id = /id: (\d+)/.exec(resultText(sent))?.[1] ?? '';
    expect(
      (
        await claude.callTool('edit_message', {
          chat_id: `dc:${DM_ANN}`,
          message_id: id,
          text: 'done',
        })
      ).isError,
    ).toBeFalsy();
    expect(patches(DM_ANN).at(-1)?.body['content']).toBe('done');
    expect(
      (
        await claude.callTool('edit_message', {
          chat_id: `dc:${DM_ANN}`,
          message_id: event.meta['message_id'] ?? '',
          text: 'forged',
        })
      ).isError,
    ).toBe(true);
  }, 60_000);

  it('explains a missing Message Content intent in the status', async () => {
    ({ hub, discord } = await startDiscordHub(home.dir, undefined, 0));
    await eventually(async () => {
      const status = JSON.parse((await cli('status', '--json')).stdout) as {
        platforms: Array<{ platform: string; detail: string }>;
      };
      expect(status.platforms.find((p) => p.platform === 'discord')?.detail).toContain(
        'Message Content intent is off',
      );
    }, 15_000);
  }, 30_000);
});
