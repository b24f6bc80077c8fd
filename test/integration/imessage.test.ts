/**
 * iMessage through the real hub process: a fixture chat.db with the real schema written by this
 * process while the hub watches it, and a fake osascript on the path that records its argv.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachedHelper } from '../support/attached';
import { ChatDb } from '../support/chat-db';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { resultText, type HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { ROOT, tempDir } from '../support/paths';

const ANN = '+15551230000';
const DM = `iMessage;-;${ANN}`;
const SELF = 'iMessage;-;me@icloud.com';
const GROUP = 'iMessage;+;chat424242';

describe('iMessage channel', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let chatDb: ChatDb;
  let hub: HubProcess | undefined;
  const helpers: HelperClient[] = [];
  let log: string;
  const cli = (...args: string[]) => runCli([...args, '--home', home.dir]);

  async function start(
    extraEnv: Record<string, string> = {},
    dbPath = chatDb.path,
  ): Promise<HubProcess> {
    hub = await startHub(home.dir, [], {
      SWITCHBOARD_IMESSAGE_DB: dbPath,
      SWITCHBOARD_OSASCRIPT: `${ROOT}/test/fakes/fake-osascript.sh`,
      FAKE_OSASCRIPT_LOG: log,
      ...extraEnv,
    });
    return hub;
  }
  const osascriptCalls = async (): Promise<string[][]> =>
    (await readFile(log, 'utf8').catch(() => ''))
      .split('\n\u001e\n')
      .filter((r) => r !== '')
      .map((r) => r.split('\0').filter((a) => a !== ''));
  const imessageStatus = async () =>
    (
      JSON.parse((await cli('status', '--json')).stdout) as {
        platforms: Array<{ platform: string; state: string; detail: string }>;
      }
    ).platforms.find((p) => p.platform === 'imessage');

  beforeEach(async () => {
    home = await tempDir();
    await mkdir(`${home.dir}/messages`);
    log = `${home.dir}/osascript.log`;
    chatDb = ChatDb.create(`${home.dir}/messages/chat.db`);
    chatDb.chat(DM, 45, ANN);
    chatDb.chat(SELF, 45, 'me@icloud.com');
    chatDb.chat(GROUP, 43, 'chat424242', 'Family');
    await writeFile(
      `${home.dir}/settings.json`,
      JSON.stringify({ imessage: { selfHandles: ['Me@iCloud.com'] } }),
    );
  });
  afterEach(async () => {
    await Promise.all(helpers.splice(0).map((h) => h.close()));
    await hub?.stop();
    hub = undefined;
    chatDb.close();
    await home.cleanup();
  });

  it('delivers new rows from allowed senders at once, decoding attributedBody exactly, and skips the rest', async () => {
    chatDb.insert({ chat: DM, handle: ANN, text: 'history before the first start' });
    await start();
    const claude = await attachedHelper(home.dir, 'main', helpers);
    expect((await cli('senders', 'allow', 'imessage', '(555) 123-0000')).code).toBe(0);
    const long = `Grüße 👨‍👩‍👧‍👦 ${'long message '.repeat(30)}end`;
    chatDb.insert({ chat: DM, handle: 'stranger@example.com', text: 'not on the list' });
    chatDb.insert({ chat: DM, handle: ANN, body: long });
    chatDb.insert({ chat: DM, handle: ANN, text: '', body: 'Loved “x”', tapback: 2000 });
    chatDb.insert({ chat: DM, handle: ANN, text: 'my own message on the Mac', fromMe: true });
    chatDb.insert({ chat: DM, handle: ANN, text: 'spoofable SMS', service: 'SMS' });
    chatDb.insert({ chat: DM, handle: ANN, text: 'second' });
    await claude.events.count(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(claude.events.items.map((e) => e.content)).toEqual([long, 'second']);
    expect(claude.events.items[0]?.meta).toMatchObject({
      platform: 'imessage',
      chat_id: `im:${DM}`,
      user_id: ANN,
    });
    // Allowlist by default: strangers get no automatic reply.
    expect(await osascriptCalls()).toEqual([]);
  });

  it('delivers rows that arrived while the hub was stopped, exactly once', async () => {
    await start();
    await cli('senders', 'allow', 'imessage', ANN);
    const claude = await attachedHelper(home.dir, 'main', helpers);
    chatDb.insert({ chat: DM, handle: ANN, text: 'while running' });
    await claude.events.next();
    await hub?.stop();
    for (const text of ['while closed 1', 'while closed 2', 'while closed 3'])
      chatDb.insert({ chat: DM, handle: ANN, text });
    await start();
    await claude.events.count(4, 15_000);
    await hub?.stop();
    await start();
    chatDb.insert({ chat: DM, handle: ANN, text: 'after another restart' });
    await claude.events.count(5, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(claude.events.items.map((e) => e.content)).toEqual([
      'while running',
      'while closed 1',
      'while closed 2',
      'while closed 3',
      'after another restart',
    ]);
  });

  it('sends the text as an osascript argument, verbatim, never inside the script', async () => {
    await start();
    await cli('senders', 'allow', 'imessage', ANN);
    const claude = await attachedHelper(home.dir, 'main', helpers);
    chatDb.insert({ chat: DM, handle: ANN, text: 'hi' });
    await claude.events.next();
    const tricky =
      'He said "end tell" \\ do shell script "rm -rf ~" \n on run {} \'quoted\' & «raw»';
    const result = await claude.callTool('reply', { chat_id: `im:${DM}`, text: tricky });
    expect(result.isError).toBeFalsy();
    const [call] = await osascriptCalls();
    const script = (call ?? []).filter((_a, i, all) => all[i - 1] === '-e');
    expect(script.join('\n')).not.toContain('rm -rf');
    expect(script.join('\n')).toContain('item 1 of argv');
    expect(call?.slice(-2)).toEqual([tricky, DM]);
  });

  it('falls back to the buddy when Messages rejects the chat id (-1728)', async () => {
    await start({ FAKE_OSASCRIPT_FAIL: '-1728' });
    await cli('senders', 'allow', 'imessage', ANN);
    const claude = await attachedHelper(home.dir, 'main', helpers);
    chatDb.insert({ chat: DM, handle: ANN, text: 'hi' });
    await claude.events.next();
    const result = await claude.callTool('reply', { chat_id: `im:${DM}`, text: 'via the buddy' });
    expect(result.isError).toBeFalsy();
    const calls = await osascriptCalls();
    expect(calls).toHaveLength(2);
    expect(calls[0]?.join(' ')).toContain('to chat id (item 2 of argv)');
    expect(calls[1]?.join(' ')).toContain('participant (item 2 of argv)');
    expect(calls[1]?.slice(-2)).toEqual(['via the buddy', ANN]);
  });

  it('reports an AppleScript failure to the tool caller', async () => {
    await start({ FAKE_OSASCRIPT_FAIL: '-1743' });
    await cli('senders', 'allow', 'imessage', ANN);
    const claude = await attachedHelper(home.dir, 'main', helpers);
    chatDb.insert({ chat: DM, handle: ANN, text: 'hi' });
    await claude.events.next();
    const result = await claude.callTool('reply', { chat_id: `im:${DM}`, text: 'x' });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain('Automation');
    await eventually(async () => expect((await imessageStatus())?.detail).toContain('Automation'));
  });

  it('copies received attachments into the inbox for Claude, and stages sent files where Messages can read them', async () => {
    await start();
    await cli('senders', 'allow', 'imessage', ANN);
    const claude = await attachedHelper(home.dir, 'main', helpers);
    // Messages keeps attachments in its own folder (Full Disk Access only), next to chat.db.
    const folder = `${home.dir}/messages/Attachments/1a/10/7A4E-GUID`;
    await mkdir(folder, { recursive: true });
    const photo = `${folder}/IMG_0001.heic`;
    const pdf = `${folder}/menu.pdf`;
    await writeFile(photo, 'heic');
    await writeFile(pdf, '%PDF');
    chatDb.insert({
      chat: DM,
      handle: ANN,
      text: '',
      body: '\uFFFC',
      attachments: [{ path: photo, mime: 'image/heic', name: 'IMG_0001.heic', size: 4 }],
    });
    chatDb.insert({
      chat: DM,
      handle: ANN,
      text: 'the menu',
      attachments: [{ path: pdf, mime: 'application/pdf', name: 'menu.pdf', size: 4 }],
    });
    const [image, doc] = await claude.events.count(2);
    const inbox = `${home.dir}/inbox/`;
    expect(image?.content).toBe('(photo)');
    expect(image?.meta['image_path']?.startsWith(inbox)).toBe(true);
    expect(await readFile(image?.meta['image_path'] ?? '', 'utf8')).toBe('heic');
    expect(doc?.meta).toMatchObject({
      attachment_name: 'menu.pdf',
      attachment_mime: 'application/pdf',
    });
    const copy = doc?.meta['attachment_path'] ?? '';
    expect(copy.startsWith(inbox)).toBe(true);
    expect(await readFile(copy, 'utf8')).toBe('%PDF');

    const sent = await claude.callTool('reply', {
      chat_id: `im:${DM}`,
      text: 'here',
      files: [copy],
    });
    expect(sent.isError).toBeFalsy();
    const call = (await osascriptCalls()).at(-1) ?? [];
    expect(call.join(' ')).toContain('POSIX file (item 1 of argv)');
    const staged = call.at(-2) ?? '';
    expect(staged).toMatch(
      new RegExp(`^${home.dir}/messages/Attachments/Switchboard/[0-9a-f-]{36}/[^/]*menu\\.pdf$`),
    );
    expect(await readFile(staged, 'utf8')).toBe('%PDF');
    expect(call.at(-1)).toBe(DM);
  });

  it('lets a group message through only with a configured mention pattern', async () => {
    await writeFile(
      `${home.dir}/settings.json`,
      JSON.stringify({
        imessage: { selfHandles: ['me@icloud.com'] },
        access: {
          imessage: {
            groups: { [`im:${GROUP}`]: { requireMention: true } },
            mentionPatterns: ['^claude[,:]'],
          },
        },
      }),
    );
    await start();
    const claude = await attachedHelper(home.dir, 'main', helpers);
    chatDb.insert({ chat: GROUP, handle: ANN, text: 'dinner at 8?' });
    chatDb.insert({ chat: GROUP, handle: ANN, text: 'Claude, what should we cook?' });
    const event = await claude.events.next();
    expect(event.content).toBe('Claude, what should we cook?');
    expect(event.meta['chat_id']).toBe(`im:${GROUP}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(claude.events.items).toHaveLength(1);
  });

  it('talks to the owner in the self-chat without echo loops, and sends prompts only there', async () => {
    await start();
    const claude = await attachedHelper(home.dir, 'main', helpers);
    await cli('senders', 'allow', 'imessage', ANN);
    // The owner writes to themselves: Messages stores a sent and a received row.
    chatDb.insert({
      chat: SELF,
      handle: 'me@icloud.com',
      text: 'note to Claude',
      fromMe: true,
      account: 'e:me@icloud.com',
    });
    chatDb.insert({ chat: SELF, handle: 'me@icloud.com', text: 'note to Claude' });
    const event = await claude.events.next();
    expect(event.meta).toMatchObject({
      chat_id: `im:${SELF}`,
      user: 'Me',
      user_id: 'me@icloud.com',
    });
    await claude.callTool('reply', { chat_id: `im:${SELF}`, text: 'noted' });
    // Messages writes both copies of Claude's reply into the self-chat; neither comes back.
    chatDb.insert({
      chat: SELF,
      handle: 'me@icloud.com',
      text: 'noted',
      fromMe: true,
      account: 'e:me@icloud.com',
    });
    chatDb.insert({ chat: SELF, handle: 'me@icloud.com', text: 'noted' });
    chatDb.insert({ chat: SELF, handle: 'me@icloud.com', text: 'a new thought' });
    await claude.events.count(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(claude.events.items.map((e) => e.content)).toEqual(['note to Claude', 'a new thought']);

    await claude.requestPermission({
      request_id: 'hjkmn',
      tool_name: 'Bash',
      description: 'List',
      input_preview: 'ls',
    });
    await eventually(async () =>
      expect((await osascriptCalls()).some((c) => c.at(-2)?.includes('yes hjkmn'))).toBe(true),
    );
    const prompts = (await osascriptCalls()).filter((c) => c.at(-2)?.includes('hjkmn'));
    expect(prompts.map((c) => c.at(-1))).toEqual([SELF]);
    // A contact typing the answer is not the owner's self-chat: ignored.
    chatDb.insert({ chat: DM, handle: ANN, text: 'yes hjkmn' });
    await eventually(async () =>
      expect(
        (await osascriptCalls()).some(
          (c) => c.at(-1) === DM && c.at(-2)?.includes('Only an owner'),
        ),
      ).toBe(true),
    );
    expect(claude.verdicts.items).toEqual([]);
    chatDb.insert({ chat: SELF, handle: 'me@icloud.com', text: 'yes hjkmn' });
    expect(await claude.verdicts.next()).toEqual({ request_id: 'hjkmn', behavior: 'allow' });
  });

  it('says clearly when the database is missing or cannot be opened, without crashing', async () => {
    await start({}, `${home.dir}/nowhere/chat.db`);
    await eventually(async () => expect((await imessageStatus())?.detail).toContain('not found'));
    await hub?.stop();
    await writeFile(`${home.dir}/not-a-db`, 'this is not SQLite');
    await start({}, `${home.dir}/not-a-db`);
    await eventually(async () => expect((await imessageStatus())?.state).toBe('error'));
    expect((await cli('status')).code).toBe(0);
  });
});
