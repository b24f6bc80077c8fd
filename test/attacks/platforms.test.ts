/**
 * Attacks through the platforms, against a real hub process: a hostile (self-hosted) Bot API
 * server, hostile iMessage rows and SMS, Discord catch-up loss, failed downloads and a full disk.
 * Each test is named after the attack and what must happen instead.
 */
import { readdir, readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeTelegram } from '../fakes/fake-telegram';
import { attachedHelper } from '../support/attached';
import { resultText, type HelperClient } from '../support/helper-client';
import type { HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { pairTelegramUser, startTelegramHub } from '../support/telegram-hub';

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
});
