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
});
