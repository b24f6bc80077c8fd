/**
 * The Telegram channel against a fake Bot API server, through the real hub process and real
 * helpers: pairing, group mention gating, forum topics, photos, chunked replies, files, permission
 * buttons, and the single poller that survives 409 and 429 without losing or repeating updates.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT, type FakeTelegram } from '../fakes/fake-telegram';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { attachedHelper } from '../support/attached';
import { resultText, type HelperClient } from '../support/helper-client';
import type { HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { pairTelegramUser, startTelegramHub, telegramStatus } from '../support/telegram-hub';
import { webchat } from '../support/webchat-client';

const ANN = { id: 4001, first_name: 'Ann' };
const BOB = { id: 4002, first_name: 'Bob' };
const dm = (user: { id: number; first_name: string }) => ({
  chat: { id: user.id, type: 'private' as const, first_name: user.first_name },
  from: { ...user, is_bot: false },
});
const GROUP = { id: -100500, type: 'supergroup' as const, title: 'Team', is_forum: true as const };

describe('Telegram channel', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let telegram: FakeTelegram;
  const helpers: HelperClient[] = [];
  const cli = (...args: string[]) => runCli([...args, '--home', home.dir]);
  const helper = (session: string): Promise<HelperClient> =>
    attachedHelper(home.dir, session, helpers);

  beforeEach(async () => {
    home = await tempDir();
  });
  afterEach(async () => {
    await Promise.all(helpers.splice(0).map((h) => h.close()));
    await hub.stop();
    await telegram.stop();
    await home.cleanup();
  });

  it('pairs a new user from a DM and then delivers their messages with Telegram meta', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir));
    const claude = await helper('main');
    await pairTelegramUser(home.dir, telegram, ANN);
    const texts = () =>
      telegram
        .sent('sendMessage')
        .filter((c) => c.params['chat_id'] === ANN.id)
        .map((c) => String(c.params['text']));
    await eventually(() => expect(texts().some((t) => t.startsWith('✅ Paired'))).toBe(true));
    expect(texts()[0]).toMatch(/pairing code: [A-Z0-9]{6}/);
    expect(telegram.sent('setMyCommands')[0]?.params['commands']).toEqual(
      expect.arrayContaining([expect.objectContaining({ command: 'sessions' })]),
    );

    telegram.message({ ...dm(ANN), text: 'hello from Telegram' });
    const event = await claude.events.next();
    expect(event.content).toBe('hello from Telegram');
    expect(event.meta).toMatchObject({
      platform: 'telegram',
      chat_id: `tg:${ANN.id}`,
      user: 'Ann',
      user_id: String(ANN.id),
    });

    const reply = await claude.callTool('reply', {
      chat_id: `tg:${ANN.id}`,
      text: 'hi Ann',
      reply_to: event.meta['message_id'],
    });
    expect(resultText(reply)).toMatch(/^sent \(id: \d+\)$/);
    const sent = telegram.sent('sendMessage').at(-1);
    expect(sent?.params).toMatchObject({
      chat_id: ANN.id,
      text: 'hi Ann',
      reply_parameters: { message_id: Number(event.meta['message_id']) },
    });
    // While Claude worked on it, the chat showed "typing…".
    expect(
      telegram
        .sent('sendChatAction')
        .some((c) => c.params['chat_id'] === ANN.id && c.params['action'] === 'typing'),
    ).toBe(true);
  });

  it('lets group messages through only when they mention or reply to the bot, and routes forum topics to their bound session', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir, {
      settings: {
        access: { telegram: { groups: { [`tg:${GROUP.id}`]: { requireMention: true } } } },
      },
    }));
    const alpha = await helper('alpha');
    const beta = await helper('beta');
    const from = { ...BOB, is_bot: false };
    telegram.message({ chat: GROUP, from, text: 'just chatting' });
    const mention = `@${BOT.username} what is up?`;
    telegram.message({
      chat: GROUP,
      from,
      text: mention,
      extra: { entities: [{ type: 'mention', offset: 0, length: BOT.username.length + 1 }] },
    });
    await beta.events.next();
    expect(beta.events.items.map((e) => e.content)).toEqual([mention]);

    // A forum topic, bound to alpha: its messages (replies to the bot count as mentions) go there with thread_id.
    telegram.message({
      chat: GROUP,
      from,
      text: `@${BOT.username} topic hello`,
      extra: {
        is_topic_message: true,
        message_thread_id: 77,
        entities: [{ type: 'mention', offset: 0, length: BOT.username.length + 1 }],
      },
    });
    await beta.events.count(2);
    expect((await cli('chats', 'bind', `tg:${GROUP.id}`, 'alpha', '--thread', '77')).code).toBe(0);
    const botMessage = { message_id: 5, date: 0, chat: GROUP, from: BOT, text: 'earlier answer' };
    telegram.message({
      chat: GROUP,
      from,
      text: 'replying to the bot in the topic',
      extra: {
        is_topic_message: true,
        message_thread_id: 77,
        reply_to_message: botMessage as never,
      },
    });
    const inTopic = await alpha.events.next();
    expect(inTopic.content).toBe('replying to the bot in the topic');
    expect(inTopic.meta).toMatchObject({ chat_id: `tg:${GROUP.id}`, thread_id: '77' });
    await alpha.callTool('reply', { chat_id: `tg:${GROUP.id}`, text: 'answer in the topic' });
    expect(telegram.sent('sendMessage').at(-1)?.params).toMatchObject({
      chat_id: GROUP.id,
      message_thread_id: 77,
      text: 'answer in the topic',
    });
    expect(alpha.events.items).toHaveLength(1);
  });

  it('downloads photos after the gate and gives Claude a readable image_path', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir));
    const claude = await helper('main');
    await pairTelegramUser(home.dir, telegram, ANN);
    const bytes = Buffer.from('89504e470d0a1a0a-fake-photo', 'utf8');
    telegram.addFile('big-photo', 'photos/file_1.jpg', bytes);
    telegram.message({
      ...dm(ANN),
      extra: {
        caption: 'look',
        photo: [
          { file_id: 'small-photo', file_unique_id: 's', width: 90, height: 90, file_size: 10 },
          {
            file_id: 'big-photo',
            file_unique_id: 'b',
            width: 1280,
            height: 960,
            file_size: bytes.length,
          },
        ],
      },
    });
    const event = await claude.events.next();
    expect(event.content).toBe('look');
    const path = event.meta['image_path'] ?? '';
    expect(path.startsWith(`${home.dir}/inbox/`)).toBe(true);
    expect(await readFile(path)).toEqual(bytes);
    // A stranger's photo is never downloaded.
    const calls = telegram.sent('getFile').length;
    telegram.message({
      ...dm(BOB),
      extra: { photo: [{ file_id: 'big-photo', file_unique_id: 'b', width: 1, height: 1 }] },
    });
    await eventually(async () =>
      expect(JSON.parse((await cli('pair', 'list', '--json')).stdout)).toHaveLength(1),
    );
    expect(telegram.sent('getFile')).toHaveLength(calls);
  });

  it('lists documents and voice notes as attachments that Claude downloads on demand, within the 20 MB cap', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir, {
      settings: { telegram: { ackReaction: '👀' } },
    }));
    const claude = await helper('main');
    await pairTelegramUser(home.dir, telegram, ANN);
    telegram.addFile('doc-1', 'documents/file_9.pdf', Buffer.from('%PDF-1.7 report'));
    telegram.message({
      ...dm(ANN),
      extra: {
        caption: 'the report',
        document: {
          file_id: 'doc-1',
          file_unique_id: 'd1',
          file_name: '../../Q3 report.pdf',
          mime_type: 'application/pdf',
          file_size: 15,
        },
      },
    });
    const event = await claude.events.next();
    expect(event.meta).toMatchObject({
      attachment_file_id: 'doc-1',
      attachment_kind: 'document',
      attachment_mime: 'application/pdf',
      attachment_size: '15',
      attachment_name: '../../Q3 report.pdf',
    });
    expect(event.meta['attachment_path']).toBeUndefined();
    expect(telegram.sent('getFile')).toHaveLength(0);
    // The owner saw the message arrive: the configured acknowledgement reaction.
    await eventually(() =>
      expect(telegram.sent('setMessageReaction').at(-1)?.params).toMatchObject({
        chat_id: ANN.id,
        reaction: [{ type: 'emoji', emoji: '👀' }],
      }),
    );

    const fetched = await claude.callTool('download_attachment', {
      chat_id: `tg:${ANN.id}`,
      file_id: 'doc-1',
    });
    const path = resultText(fetched);
    expect(path.startsWith(`${home.dir}/inbox/`)).toBe(true);
    expect(path).not.toContain('..');
    expect(await readFile(path, 'utf8')).toBe('%PDF-1.7 report');

    telegram.message({
      ...dm(ANN),
      extra: {
        voice: {
          file_id: 'voice-big',
          file_unique_id: 'v',
          duration: 600,
          file_size: 25 * 1024 * 1024,
        },
      },
    });
    const voice = await claude.events.next();
    expect(voice.meta).toMatchObject({ attachment_kind: 'voice', attachment_mime: 'audio/ogg' });
    const tooBig = await claude.callTool('download_attachment', {
      chat_id: `tg:${ANN.id}`,
      message_id: voice.meta['message_id'] ?? '',
    });
    expect(tooBig.isError).toBe(true);
    expect(resultText(tooBig)).toContain('20 MB');
    const foreign = await claude.callTool('download_attachment', {
      chat_id: `tg:${ANN.id}`,
      file_id: 'not-from-this-chat',
    });
    expect(foreign.isError).toBe(true);
  });

  it('chunks a long reply at 4096 UTF-16 units without splitting an emoji, and sends files as photo or document', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir));
    const claude = await helper('main');
    await pairTelegramUser(home.dir, telegram, ANN);
    telegram.message({ ...dm(ANN), text: 'long please' });
    await claude.events.next();
    const text = `${'x'.repeat(4095)}😀${'y'.repeat(100)}`;
    const before = telegram.sent('sendMessage').length;
    await claude.callTool('reply', { chat_id: `tg:${ANN.id}`, text });
    const parts = telegram
      .sent('sendMessage')
      .slice(before)
      .map((c) => String(c.params['text']));
    expect(parts).toHaveLength(2);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      expect(part.isWellFormed()).toBe(true);
    }
    expect(parts.join('')).toBe(text);

    const dir = await tempDir('sb-files-');
    await writeFile(`${dir.dir}/chart.png`, Buffer.alloc(64, 1));
    await writeFile(`${dir.dir}/notes.txt`, 'notes');
    const result = await claude.callTool('reply', {
      chat_id: `tg:${ANN.id}`,
      text: 'files',
      files: [`${dir.dir}/chart.png`, `${dir.dir}/notes.txt`],
    });
    expect(result.isError).toBeFalsy();
    expect(telegram.sent('sendPhoto').at(-1)?.files[0]).toMatchObject({
      name: 'chart.png',
      size: 64,
    });
    expect(telegram.sent('sendDocument').at(-1)?.files[0]).toMatchObject({
      name: 'notes.txt',
      size: 5,
    });
    await dir.cleanup();

    // Invalid MarkdownV2 still reaches the person, as plain text.
    const md = await claude.callTool('reply', {
      chat_id: `tg:${ANN.id}`,
      text: 'Done. Really!',
      format: 'markdownv2',
    });
    expect(md.isError).toBeFalsy();
    expect(telegram.sent('sendMessage').at(-1)?.params).toEqual(
      expect.not.objectContaining({ parse_mode: 'MarkdownV2' }),
    );
  });

  it('settles a permission prompt from the owner’s button, refuses another user’s press, and edits the prompt', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir));
    const claude = await helper('main');
    await pairTelegramUser(home.dir, telegram, ANN);
    await pairTelegramUser(home.dir, telegram, BOB);
    await claude.requestPermission({
      request_id: 'qrstu',
      tool_name: 'Bash',
      description: 'Run tests',
      input_preview: '{"command":"npm test"}',
    });
    const prompt = await eventually(() => {
      const found = telegram
        .sent('sendMessage')
        .find((c) => c.params['chat_id'] === ANN.id && String(c.params['text']).startsWith('🔐'));
      if (!found) throw new Error('no prompt yet');
      return found;
    });
    const keyboard =
      (
        prompt.params['reply_markup'] as {
          inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
        }
      ).inline_keyboard[0] ?? [];
    expect(keyboard.map((b) => b.text)).toEqual(['Details', 'Allow', 'Deny']);
    expect(
      telegram
        .sent('sendMessage')
        .some((c) => c.params['chat_id'] === BOB.id && String(c.params['text']).startsWith('🔐')),
    ).toBe(false);
    const promptId = await eventually(() => {
      const edits = telegram.calls.filter(
        (c) => c.method === 'sendMessage' && c.params['chat_id'] === ANN.id,
      );
      return edits.length;
    });
    expect(promptId).toBeGreaterThan(0);

    const press = (user: { id: number; first_name: string }, data: string) =>
      telegram.push({
        callback_query: {
          id: `cb-${user.id}-${data}`,
          from: { ...user, is_bot: false },
          chat_instance: 'x',
          data,
          message: { message_id: 1, date: 0, chat: dm(ANN).chat } as never,
        },
      });
    press(BOB, 'sb:a:qrstu');
    await eventually(() =>
      expect(
        telegram
          .sent('answerCallbackQuery')
          .find((c) => c.params['callback_query_id'] === `cb-${BOB.id}-sb:a:qrstu`)?.params['text'],
      ).toContain('Only an owner'),
    );
    expect(claude.verdicts.items).toEqual([]);
    press(ANN, 'sb:a:qrstu');
    expect(await claude.verdicts.next()).toEqual({ request_id: 'qrstu', behavior: 'allow' });
    await eventually(() => {
      const edit = telegram.sent('editMessageText').find((c) => c.params['chat_id'] === ANN.id);
      expect(String(edit?.params['text'])).toContain('✅ Allowed Bash');
      expect(edit?.params['reply_markup']).toEqual({ inline_keyboard: [] });
    });
  });

  it('edits the Telegram prompt when the request is answered in the web chat', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir));
    const claude = await helper('main');
    await pairTelegramUser(home.dir, telegram, ANN);
    await claude.requestPermission({
      request_id: 'vwxyz',
      tool_name: 'Write',
      description: 'Save',
      input_preview: '{}',
    });
    await eventually(() =>
      expect(
        telegram.sent('sendMessage').some((c) => String(c.params['text']).includes('vwxyz')),
      ).toBe(true),
    );
    const res = await webchat(hub).request('/api/permissions/vwxyz', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ behavior: 'deny' }),
    });
    expect(res.status).toBe(200);
    expect(await claude.verdicts.next()).toEqual({ request_id: 'vwxyz', behavior: 'deny' });
    await eventually(() =>
      expect(String(telegram.sent('editMessageText').at(-1)?.params['text'])).toContain(
        '❌ Denied Write (session main) from the dashboard',
      ),
    );
  });

  it('shows a 409 conflict in the status, keeps retrying, and then delivers every update exactly once', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir));
    const claude = await helper('main');
    await pairTelegramUser(home.dir, telegram, ANN);
    telegram.mode = 'conflict';
    await eventually(async () => {
      const status = await telegramStatus(home.dir);
      expect(status?.state).toBe('error');
      expect(status?.detail).toContain('409');
    });
    for (let i = 0; i < 5; i++) telegram.message({ ...dm(ANN), text: `during conflict ${i}` });
    telegram.mode = 'ok';
    await claude.events.count(5, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(claude.events.items.map((e) => e.content)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `during conflict ${i}`),
    );
    expect((await telegramStatus(home.dir))?.state).toBe('connected');
  });

  it('waits out a 429 and keeps one getUpdates consumer however many helpers attach', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir));
    await Promise.all(['one', 'two', 'three'].map((name) => helper(name)));
    telegram.mode = 'rate-limited';
    await pairTelegramUser(home.dir, telegram, ANN);
    expect(telegram.maxConcurrentPolls).toBe(1);
  });

  it('reports a rejected token clearly instead of looping', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir, {
      token: '123456789:WRONG_token_that_the_fake_rejects_000',
    }));
    await eventually(async () =>
      expect((await telegramStatus(home.dir))?.detail).toContain('rejected the bot token'),
    );
    const calls = telegram.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(telegram.calls.length).toBe(calls);
  });
});
