/**
 * Attacks through the platforms, against a real hub process: a hostile (self-hosted) Bot API
 * server, hostile iMessage rows and SMS, Discord catch-up loss, failed downloads and a full disk.
 * Each test is named after the attack and what must happen instead.
 */
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeDiscord } from '../fakes/fake-discord';
import type { FakeTelegram } from '../fakes/fake-telegram';
import { attachedHelper } from '../support/attached';
import { resultText, type HelperClient } from '../support/helper-client';
import type { HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { mountSmallDisk, type SmallDisk } from '../support/small-disk';
import { pairTelegramUser, startTelegramHub, telegramStatus } from '../support/telegram-hub';
import { eventually } from '../support/eventually';
import { ChatDb } from '../support/chat-db';
import { runCli } from '../support/cli';
import {
  ANN as DC_ANN,
  BOB as DC_BOB,
  DM_ANN,
  DM_BOB,
  startDiscordHub,
} from '../support/discord-hub';
import { startHub } from '../support/hub-process';
import { ROOT } from '../support/paths';

const ANN = { id: 4001, first_name: 'Ann' };
const annDm = {
  chat: { id: ANN.id, type: 'private' as const, first_name: ANN.first_name },
  from: { ...ANN, is_bot: false },
};

describe('attacks through Telegram', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let telegram: FakeTelegram;
  const helpers: HelperClient[] = [];

  beforeEach(async () => {
    home = await tempDir();
  });
  afterEach(async () => {
    await Promise.all(helpers.splice(0).map((h) => h.close()));
    await hub.stop();
    await telegram.stop();
    await home.cleanup();
  });

  it('a hostile Bot API server names a file "../../…" → the download stays one file inside the inbox', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir));
    const claude = await attachedHelper(home.dir, 'main', helpers);
    await pairTelegramUser(home.dir, telegram, ANN);
    telegram.addFile(
      'evil-doc',
      'documents/file_1.pdf',
      Buffer.from('%PDF evil'),
      '../../../escaped',
    );
    telegram.message({
      ...annDm,
      extra: {
        document: {
          file_id: 'evil-doc',
          file_unique_id: 'whatever',
          file_name: '../../../../escaped.pdf',
          file_size: 9,
        },
      },
    });
    const event = await claude.events.next();
    const fetched = await claude.callTool('download_attachment', {
      chat_id: `tg:${ANN.id}`,
      message_id: event.meta['message_id'] ?? '',
    });
    expect(fetched.isError).toBeFalsy();
    const path = resultText(fetched);
    const inbox = `${home.dir}/inbox`;
    expect(path.startsWith(`${inbox}/`)).toBe(true);
    expect(path.slice(inbox.length + 1)).not.toMatch(/[/\\]|\.\./);
    expect(await readFile(path, 'utf8')).toBe('%PDF evil');
    // Nothing landed next to the inbox or above the home.
    expect((await readdir(home.dir)).filter((f) => f.includes('escaped'))).toEqual([]);
    expect((await readdir(`${home.dir}/..`)).filter((f) => f.includes('escaped'))).toEqual([]);
  });

  it('a photo whose download fails → the message and caption are kept, Claude is told, and download_attachment retries', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir));
    const claude = await attachedHelper(home.dir, 'main', helpers);
    await pairTelegramUser(home.dir, telegram, ANN);
    // Telegram does not know the file (yet): getFile fails.
    telegram.message({
      ...annDm,
      extra: {
        caption: 'the whiteboard',
        photo: [{ file_id: 'late-photo', file_unique_id: 'lp', width: 800, height: 600 }],
      },
    });
    const event = await claude.events.next();
    expect(event.content).toBe('the whiteboard');
    expect(event.meta['image_path']).toBeUndefined();
    expect(event.meta).toMatchObject({
      attachment_file_id: 'late-photo',
      attachment_kind: 'photo',
    });
    expect(event.meta['attachment_unavailable']).toMatch(/photo-\d+\.jpg.*download_attachment/);
    // The next message is not held up behind it.
    telegram.message({ ...annDm, text: 'and one more' });
    expect((await claude.events.next()).content).toBe('and one more');
    telegram.addFile('late-photo', 'photos/late.jpg', Buffer.from('jpeg bytes'));
    const retried = await claude.callTool('download_attachment', {
      chat_id: `tg:${ANN.id}`,
      message_id: event.meta['message_id'] ?? '',
    });
    expect(retried.isError).toBeFalsy();
    expect(await readFile(resultText(retried), 'utf8')).toBe('jpeg bytes');
  });

  it('a group upgraded to a supergroup → its settings, binding and history move to the new id, and the log and status say so', async () => {
    const OLD = { id: -4123, title: 'Team' };
    const NEW = -1004123;
    ({ hub, telegram } = await startTelegramHub(home.dir, {
      settings: {
        access: { telegram: { groups: { [`tg:${OLD.id}`]: { requireMention: false } } } },
      },
    }));
    const work = await attachedHelper(home.dir, 'work', helpers);
    await attachedHelper(home.dir, 'main', helpers);
    const annInGroup = { from: { ...ANN, is_bot: false } };
    telegram.message({
      ...annInGroup,
      chat: { id: OLD.id, type: 'group', title: OLD.title },
      text: 'in the old group',
    });
    // The newest session would get it; bind the group to "work" first.
    await eventually(async () =>
      expect(
        (await runCli(['chats', 'bind', `tg:${OLD.id}`, 'work', '--home', home.dir])).code,
      ).toBe(0),
    );
    await eventually(() =>
      expect(helpers.flatMap((h) => h.events.items.map((e) => e.content))).toContain(
        'in the old group',
      ),
    );
    telegram.migrateGroup(OLD, NEW, { ...ANN, is_bot: false });
    telegram.message({
      ...annInGroup,
      chat: { id: NEW, type: 'supergroup', title: OLD.title },
      text: 'in the new supergroup',
    });
    const event = await eventually(() => {
      const found = work.events.items.find((e) => e.content === 'in the new supergroup');
      if (!found) throw new Error('not delivered to work yet');
      return found;
    }, 15_000);
    expect(event.meta['chat_id']).toBe(`tg:${NEW}`);
    const history = resultText(
      await work.callTool('fetch_messages', { chat_id: `tg:${NEW}`, limit: 10 }),
    );
    expect(history).toContain('in the old group');
    expect(history).toContain('in the new supergroup');
    const settings = JSON.parse(await readFile(`${home.dir}/settings.json`, 'utf8')) as {
      access: { telegram: { groups: Record<string, unknown> } };
    };
    expect(Object.keys(settings.access.telegram.groups)).toEqual([`tg:${NEW}`]);
    expect((await telegramStatus(home.dir))?.detail).toContain(`upgraded to supergroup tg:${NEW}`);
    expect(hub.stderr()).toContain(`group tg:${OLD.id} was upgraded to supergroup tg:${NEW}`);
  });

  it('a group upgraded while the hub missed it → the next reply learns the new id from Telegram, and everything moves', async () => {
    const OLD = { id: -4200, title: 'Ops' };
    const NEW = -1004200;
    ({ hub, telegram } = await startTelegramHub(home.dir, {
      settings: {
        access: { telegram: { groups: { [`tg:${OLD.id}`]: { requireMention: false } } } },
      },
    }));
    const claude = await attachedHelper(home.dir, 'main', helpers);
    telegram.message({
      from: { ...ANN, is_bot: false },
      chat: { id: OLD.id, type: 'group', title: OLD.title },
      text: 'hello ops',
    });
    await claude.events.next();
    telegram.migrateGroup(OLD, NEW, { ...ANN, is_bot: false }, false);
    const refused = await claude.callTool('reply', { chat_id: `tg:${OLD.id}`, text: 'hi' });
    expect(refused.isError).toBe(true);
    expect(resultText(refused)).toContain(`its chat_id is now tg:${NEW}`);
    telegram.message({
      from: { ...ANN, is_bot: false },
      chat: { id: NEW, type: 'supergroup', title: OLD.title },
      text: 'hello again',
    });
    expect((await claude.events.next()).meta['chat_id']).toBe(`tg:${NEW}`);
    expect(
      (await claude.callTool('reply', { chat_id: `tg:${NEW}`, text: 'hi' })).isError,
    ).toBeFalsy();
  });

  it('a hostile Bot API server claims a DM "migrated" → refused; the DM keeps its binding and history', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir));
    const claude = await attachedHelper(home.dir, 'main', helpers);
    await pairTelegramUser(home.dir, telegram, ANN);
    telegram.message({ ...annDm, text: 'mine' });
    await claude.events.next();
    telegram.message({
      chat: { id: ANN.id, type: 'group', title: 'fake' },
      from: { ...ANN, is_bot: false },
      extra: { migrate_to_chat_id: -100999 },
    });
    telegram.message({
      chat: { id: -100999, type: 'supergroup', title: 'fake' },
      from: { ...ANN, is_bot: false },
      extra: { migrate_from_chat_id: ANN.id },
    });
    telegram.message({ ...annDm, text: 'still mine' });
    expect((await claude.events.next()).content).toBe('still mine');
    const history = resultText(
      await claude.callTool('fetch_messages', { chat_id: `tg:${ANN.id}`, limit: 10 }),
    );
    expect(history).toContain('] ');
    expect(history).toContain('mine');
    expect(hub.stderr()).toContain(`refused to move tg:${ANN.id}`);
  });
});

describe('a full disk', () => {
  let disk: SmallDisk | undefined;
  let hub: HubProcess | undefined;
  let telegram: FakeTelegram | undefined;
  const helpers: HelperClient[] = [];

  afterEach(async () => {
    await Promise.all(helpers.splice(0).map((h) => h.close()));
    await hub?.stop();
    await telegram?.stop();
    await disk?.cleanup();
    hub = undefined;
    telegram = undefined;
    disk = undefined;
  });

  it('a full disk while Telegram messages arrive → intake pauses with a clear status, nothing is confirmed to Telegram, and everything arrives once space returns', async (ctx) => {
    const mounted = await mountSmallDisk(24);
    if ('skip' in mounted) {
      // Said out loud: without a real small file system this attack is covered only by the
      // intake guard's unit tests, which throw SQLITE_FULL/ENOSPC at the store boundary.
      console.warn(`disk-full test skipped: ${mounted.skip}`);
      ctx.skip();
      return;
    }
    disk = mounted;
    const home = `${disk.dir}/home`;
    ({ hub, telegram } = await startTelegramHub(home));
    const claude = await attachedHelper(home, 'main', helpers);
    await pairTelegramUser(home, telegram, ANN);
    telegram.message({ ...annDm, text: 'before the disk filled up' });
    expect((await claude.events.next()).content).toBe('before the disk filled up');

    expect(disk.fill()).toBeGreaterThan(1 << 20);
    const texts = Array.from({ length: 6 }, (_, i) => `while full ${i}: ${'x'.repeat(3000)}`);
    for (const text of texts.slice(0, 3)) telegram.message({ ...annDm, text });
    telegram.addFile('photo-on-full-disk', 'photos/full.jpg', Buffer.alloc(256 * 1024, 7));
    telegram.message({
      ...annDm,
      extra: {
        caption: 'photo while full',
        photo: [{ file_id: 'photo-on-full-disk', file_unique_id: 'pf', width: 9, height: 9 }],
      },
    });
    for (const text of texts.slice(3)) telegram.message({ ...annDm, text });

    await eventually(async () => {
      const status = await telegramStatus(home);
      expect(status?.state).toBe('error');
      expect(status?.detail).toContain('disk is full');
    }, 20_000);
    // Not one of them was confirmed to Telegram, and the hub is still up.
    expect(telegram.pending()).toBeGreaterThanOrEqual(6);
    expect(hub.process.exitCode).toBeNull();

    await disk.free();
    const expected = [...texts.slice(0, 3), 'photo while full', ...texts.slice(3)];
    const events = await claude.events.count(1 + expected.length, 30_000);
    expect(events.slice(1).map((e) => e.content)).toEqual(expected);
    const photo = events[4]?.meta['image_path'] ?? '';
    expect((await readFile(photo)).length).toBe(256 * 1024);
    await eventually(async () => expect((await telegramStatus(home))?.state).toBe('connected'));
    expect(hub.stderr()).toMatch(/intake paused: the disk is full/);
    expect(hub.stderr()).toMatch(/intake resumed/);
  }, 90_000);

  it('a full disk while iMessage rows arrive → the ROWID cursor stays put and every row arrives once space returns', async (ctx) => {
    const mounted = await mountSmallDisk(24);
    if ('skip' in mounted) {
      console.warn(`disk-full test skipped: ${mounted.skip}`);
      ctx.skip();
      return;
    }
    disk = mounted;
    const outside = await tempDir('sb-chatdb-');
    try {
      const home = `${disk.dir}/home`;
      const chatDb = ChatDb.create(`${outside.dir}/chat.db`);
      const dm = 'iMessage;-;+15551230000';
      chatDb.chat(dm, 45, '+15551230000');
      hub = await startHub(home, [], {
        SWITCHBOARD_IMESSAGE_DB: chatDb.path,
        SWITCHBOARD_OSASCRIPT: `${ROOT}/test/fakes/fake-osascript.sh`,
        FAKE_OSASCRIPT_LOG: `${outside.dir}/osascript.log`,
      });
      expect(
        (await runCli(['senders', 'allow', 'imessage', '+15551230000', '--home', home])).code,
      ).toBe(0);
      const claude = await attachedHelper(home, 'main', helpers);
      chatDb.insert({ chat: dm, handle: '+15551230000', text: 'first' });
      expect((await claude.events.next()).content).toBe('first');
      disk.fill();
      const texts = Array.from({ length: 5 }, (_, i) => `row ${i} ${'y'.repeat(3000)}`);
      for (const text of texts) chatDb.insert({ chat: dm, handle: '+15551230000', text });
      await eventually(async () => {
        const status = JSON.parse((await runCli(['status', '--json', '--home', home])).stdout) as {
          platforms: Array<{ platform: string; detail: string }>;
        };
        expect(status.platforms.find((p) => p.platform === 'imessage')?.detail).toContain(
          'disk is full',
        );
      }, 20_000);
      await disk.free();
      const events = await claude.events.count(1 + texts.length, 30_000);
      expect(events.slice(1).map((e) => e.content)).toEqual(texts);
      chatDb.close();
    } finally {
      await outside.cleanup();
    }
  }, 90_000);
});

describe('attacks on Discord catch-up', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess | undefined;
  let discord: FakeDiscord;
  const helpers: HelperClient[] = [];
  const cli = (...args: string[]) => runCli([...args, '--home', home.dir]);

  beforeEach(async () => {
    home = await tempDir();
  });
  afterEach(async () => {
    await Promise.all(helpers.splice(0).map((h) => h.close()));
    await hub?.stop();
    hub = undefined;
    await discord.stop();
    await home.cleanup();
  });

  async function pair(user: typeof DC_ANN, dm: string): Promise<void> {
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
  const texts = (claude: HelperClient, dm: string) =>
    claude.events.items.filter((e) => e.meta['chat_id'] === `dc:${dm}`).map((e) => e.content);

  it('150 messages missed during an outage → all 150 arrive, in order, before the next live one', async () => {
    ({ hub, discord } = await startDiscordHub(home.dir));
    const claude = await attachedHelper(home.dir, 'main', helpers);
    await pair(DC_ANN, DM_ANN);
    discord.post(DM_ANN, DC_ANN, 'before');
    await claude.events.next(15_000);
    discord.forceReconnect();
    const missed = Array.from({ length: 150 }, (_, i) => `missed ${i}`);
    for (const text of missed) discord.post(DM_ANN, DC_ANN, text);
    await eventually(() => expect(discord.identifies).toBe(2), 20_000);
    await eventually(() => expect(texts(claude, DM_ANN)).toHaveLength(151), 30_000);
    discord.post(DM_ANN, DC_ANN, 'live after');
    await eventually(() => expect(texts(claude, DM_ANN)).toHaveLength(152), 15_000);
    expect(texts(claude, DM_ANN)).toEqual(['before', ...missed, 'live after']);
  }, 90_000);

  it('live messages while catch-up is still working → every channel’s missed messages arrive first, none lost', async () => {
    ({ hub, discord } = await startDiscordHub(home.dir));
    const claude = await attachedHelper(home.dir, 'main', helpers);
    await pair(DC_ANN, DM_ANN);
    await pair(DC_BOB, DM_BOB);
    discord.post(DM_ANN, DC_ANN, 'ann before');
    discord.post(DM_BOB, DC_BOB, 'bob before');
    await claude.events.count(2, 15_000);
    discord.historyDelayMs = 1_500;
    discord.forceReconnect();
    for (let i = 0; i < 3; i++) {
      discord.post(DM_ANN, DC_ANN, `ann missed ${i}`);
      discord.post(DM_BOB, DC_BOB, `bob missed ${i}`);
    }
    // As soon as the new session is up (catch-up now waits on slow history reads), both write live.
    await eventually(() => expect(discord.identifies).toBe(2), 20_000);
    await eventually(() => expect(discord.connected()).toBe(true));
    discord.post(DM_ANN, DC_ANN, 'ann live');
    discord.post(DM_BOB, DC_BOB, 'bob live');
    await eventually(() => expect(claude.events.items.length).toBe(10), 30_000);
    expect(texts(claude, DM_ANN)).toEqual([
      'ann before',
      'ann missed 0',
      'ann missed 1',
      'ann missed 2',
      'ann live',
    ]);
    expect(texts(claude, DM_BOB)).toEqual([
      'bob before',
      'bob missed 0',
      'bob missed 1',
      'bob missed 2',
      'bob live',
    ]);
  }, 90_000);

  it('messages sent while the hub was stopped → delivered once at the next start', async () => {
    ({ hub, discord } = await startDiscordHub(home.dir));
    const claude = await attachedHelper(home.dir, 'main', helpers);
    await pair(DC_ANN, DM_ANN);
    discord.post(DM_ANN, DC_ANN, 'before the restart');
    await claude.events.next(15_000);
    await hub.stop();
    for (const text of ['while stopped 1', 'while stopped 2']) discord.post(DM_ANN, DC_ANN, text);
    hub = await startHub(home.dir, [], {
      SWITCHBOARD_DISCORD_TOKEN: discord.token,
      SWITCHBOARD_DISCORD_API: `${discord.url}/api`,
    });
    await eventually(() => expect(texts(claude, DM_ANN)).toHaveLength(3), 30_000);
    discord.post(DM_ANN, DC_ANN, 'after the restart');
    await eventually(() => expect(texts(claude, DM_ANN)).toHaveLength(4), 15_000);
    expect(texts(claude, DM_ANN)).toEqual([
      'before the restart',
      'while stopped 1',
      'while stopped 2',
      'after the restart',
    ]);
  }, 90_000);
});

describe('attacks through iMessage', () => {
  const ANN_PHONE = '+15551230000';
  const OWNER_PHONE = '+15550001111';
  const DM = `iMessage;-;${ANN_PHONE}`;
  const SELF = `iMessage;-;${OWNER_PHONE}`;
  const SMS_SELF = `SMS;-;${OWNER_PHONE}`;
  let home: { dir: string; cleanup: () => Promise<void> };
  let chatDb: ChatDb;
  let hub: HubProcess | undefined;
  const helpers: HelperClient[] = [];
  let log: string;
  const cli = (...args: string[]) => runCli([...args, '--home', home.dir]);

  async function start(settings: Record<string, unknown> = {}): Promise<HubProcess> {
    await writeFile(
      `${home.dir}/settings.json`,
      JSON.stringify({ imessage: { selfHandles: ['me@icloud.com'], ...settings } }),
    );
    hub = await startHub(home.dir, [], {
      SWITCHBOARD_IMESSAGE_DB: chatDb.path,
      SWITCHBOARD_OSASCRIPT: `${ROOT}/test/fakes/fake-osascript.sh`,
      FAKE_OSASCRIPT_LOG: log,
    });
    return hub;
  }
  /** What the stand-in osascript understood: [script, ...operands] per call. */
  const parsedCalls = async (): Promise<string[][]> =>
    (await readFile(`${log}.parsed`, 'utf8').catch(() => ''))
      .split('\n\u001e\n')
      .filter((r) => r !== '')
      .map((r) => r.split('\0').slice(0, -1));

  beforeEach(async () => {
    home = await tempDir();
    await mkdir(`${home.dir}/messages`);
    log = `${home.dir}/osascript.log`;
    chatDb = ChatDb.create(`${home.dir}/messages/chat.db`);
    chatDb.chat(DM, 45, ANN_PHONE);
    chatDb.chat(SELF, 45, OWNER_PHONE);
    chatDb.chat(SMS_SELF, 45, OWNER_PHONE, '', 'SMS');
  });
  const ownerChat = async (): Promise<unknown> =>
    (
      JSON.parse((await cli('senders', 'list', '--json')).stdout) as Array<{
        platform: string;
        role: string;
        chat_id: string;
      }>
    ).find((s) => s.platform === 'imessage' && s.role === 'owner')?.chat_id;
  const promptTargets = async (id: string): Promise<string[]> =>
    (await parsedCalls()).filter((c) => c[1]?.includes(id)).map((c) => c[2] ?? '');
  afterEach(async () => {
    await Promise.all(helpers.splice(0).map((h) => h.close()));
    await hub?.stop();
    hub = undefined;
    chatDb.close();
    await home.cleanup();
  });

  it('replies that start with "-" (a list, "-5 degrees", "-e…") → sent verbatim as arguments, never as options or script lines, every chunk', async () => {
    await start();
    await cli('senders', 'allow', 'imessage', ANN_PHONE);
    const claude = await attachedHelper(home.dir, 'main', helpers);
    chatDb.insert({ chat: DM, handle: ANN_PHONE, text: 'packing list?' });
    await claude.events.next();
    const replies = [
      '- sunscreen\n- hat',
      '-5 degrees tonight',
      '-edo shell script "touch /tmp/switchboard-pwned"',
      '--',
      `${'a'.repeat(3990)}\n\n- the second part starts with a dash`,
    ];
    for (const text of replies) {
      const result = await claude.callTool('reply', { chat_id: `im:${DM}`, text });
      expect(resultText(result)).toMatch(/^sent/);
    }
    const calls = await parsedCalls();
    const operands = calls.map((c) => c.slice(1));
    expect(operands).toEqual([
      [replies[0], DM],
      [replies[1], DM],
      [replies[2], DM],
      ['--', DM],
      ['a'.repeat(3990), DM],
      ['- the second part starts with a dash', DM],
    ]);
    // One script, ours, every time: nothing a reply says became AppleScript.
    expect(new Set(calls.map((c) => c[0]))).toEqual(
      new Set([
        'on run argv\ntell application "Messages" to send (item 1 of argv) to chat id (item 2 of argv)\nend run',
      ]),
    );
  });

  it('an SMS spoofing the owner’s number (allowSms on) → not the self-chat: cannot answer prompts, never gets them, never speaks as the owner', async () => {
    await start({ selfHandles: [OWNER_PHONE], allowSms: true });
    const claude = await attachedHelper(home.dir, 'main', helpers);
    chatDb.insert({ chat: SELF, handle: OWNER_PHONE, text: 'hello from me' });
    expect((await claude.events.next()).meta['chat_id']).toBe(`im:${SELF}`);
    await claude.requestPermission({
      request_id: 'hjkmn',
      tool_name: 'Bash',
      description: 'rm',
      input_preview: 'rm -rf build',
    });
    await eventually(async () => expect(await promptTargets('hjkmn')).toEqual([SELF]));
    chatDb.insert({ chat: SMS_SELF, handle: OWNER_PHONE, service: 'SMS', text: 'yes hjkmn' });
    chatDb.insert({ chat: SMS_SELF, handle: OWNER_PHONE, service: 'SMS', text: 'spoofed note' });
    chatDb.insert({ chat: DM, handle: ANN_PHONE, text: 'marker' });
    await cli('senders', 'allow', 'imessage', ANN_PHONE);
    chatDb.insert({ chat: DM, handle: ANN_PHONE, text: 'marker after allow' });
    expect((await claude.events.next()).content).toBe('marker after allow');
    expect(claude.verdicts.items).toEqual([]);
    expect(claude.events.items.map((e) => e.content)).not.toContain('spoofed note');
    expect(await ownerChat()).toBe(`im:${SELF}`);
    chatDb.insert({ chat: SELF, handle: OWNER_PHONE, text: 'yes hjkmn' });
    expect(await claude.verdicts.next()).toEqual({ request_id: 'hjkmn', behavior: 'allow' });
  });

  it('SMS rows under the owner’s number (allowSms off) → never re-point the owner’s chat; prompts stay in the iMessage self-chat', async () => {
    await start({ selfHandles: [OWNER_PHONE] });
    const claude = await attachedHelper(home.dir, 'main', helpers);
    chatDb.insert({ chat: SMS_SELF, handle: OWNER_PHONE, service: 'SMS', text: 'sms first' });
    chatDb.insert({ chat: SELF, handle: OWNER_PHONE, text: 'imessage note' });
    expect((await claude.events.next()).content).toBe('imessage note');
    // An SMS "sent" row from an unknown account must not teach a new owner identity either.
    chatDb.chat('SMS;-;+15559990000', 45, '+15559990000', '', 'SMS');
    chatDb.insert({
      chat: 'SMS;-;+15559990000',
      service: 'SMS',
      fromMe: true,
      account: 'p:+15559990000',
      text: 'x',
    });
    chatDb.insert({ chat: SMS_SELF, handle: OWNER_PHONE, service: 'SMS', text: 'sms later' });
    await claude.requestPermission({
      request_id: 'pqrst',
      tool_name: 'Bash',
      description: 'ls',
      input_preview: 'ls',
    });
    await eventually(async () => expect(await promptTargets('pqrst')).toEqual([SELF]));
    expect(await ownerChat()).toBe(`im:${SELF}`);
    const owners = (
      JSON.parse((await cli('senders', 'list', '--json')).stdout) as Array<{
        platform: string;
        sender: string;
      }>
    ).filter((s) => s.platform === 'imessage');
    expect(owners.map((s) => s.sender)).toEqual([OWNER_PHONE]);
  });

  it('a chat.db row whose attachment points outside Messages’ folder (a key file, a symlink out) → never copied, Claude gets no path to it', async () => {
    await start();
    await cli('senders', 'allow', 'imessage', ANN_PHONE);
    const claude = await attachedHelper(home.dir, 'main', helpers);
    const secret = `${home.dir}/id_ed25519`;
    await writeFile(secret, 'PRIVATE KEY');
    const folder = `${home.dir}/messages/Attachments/ff/00/EVIL`;
    await mkdir(folder, { recursive: true });
    await symlink(secret, `${folder}/innocent.jpg`);
    chatDb.insert({
      chat: DM,
      handle: ANN_PHONE,
      text: 'two files',
      attachments: [
        { path: secret, mime: 'application/octet-stream', name: '../../id_ed25519', size: 11 },
        { path: `${folder}/innocent.jpg`, mime: 'image/jpeg', name: 'innocent.jpg', size: 11 },
      ],
    });
    const event = await claude.events.next();
    expect(event.meta['image_path']).toBeUndefined();
    expect(event.meta['attachment_path']).toBeUndefined();
    expect(event.meta['attachment_unavailable']).toContain("not in Messages' folder");
    const fetched = await claude.callTool('download_attachment', {
      chat_id: `im:${DM}`,
      message_id: event.meta['message_id'] ?? '',
    });
    expect(fetched.isError).toBe(true);
    const copies = await readdir(`${home.dir}/inbox`).catch(() => []);
    for (const name of copies)
      expect(await readFile(`${home.dir}/inbox/${name}`, 'utf8')).not.toContain('PRIVATE KEY');
  });
});
