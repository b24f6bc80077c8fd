import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../../../src/main/adapters/adapter';
import { EchoGuard } from '../../../../../src/main/adapters/imessage/echo-guard';
import { createImessageFiles } from '../../../../../src/main/adapters/imessage/files';
import { sendReply } from '../../../../../src/main/adapters/imessage/outbound';
import { tempDir } from '../../../../support/paths';

describe('iMessage files', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    home = await tempDir();
    await mkdir(`${home.dir}/Messages`);
  });
  afterEach(() => home.cleanup());
  const files = () =>
    createImessageFiles({ messagesDir: `${home.dir}/Messages`, inbox: `${home.dir}/inbox` });

  it('says a file Messages has not downloaded yet is not on this Mac, and copies nothing', async () => {
    await expect(
      files().copyIn(`${home.dir}/Messages/Attachments/x/missing.jpg`, 'missing.jpg'),
    ).rejects.toThrow(/not on this Mac yet/);
    expect(await readdir(home.dir)).toEqual(['Messages']);
  });

  it('stages each sent file in a fresh folder and clears staged copies older than a day', async () => {
    const root = `${home.dir}/Messages/Attachments/Switchboard`;
    await mkdir(`${root}/old`, { recursive: true });
    const dayAgo = new Date(Date.now() - 25 * 60 * 60_000);
    await utimes(`${root}/old`, dayAgo, dayAgo);
    await writeFile(`${home.dir}/a.txt`, 'a');
    const first = await files().stage(`${home.dir}/a.txt`, 'a.txt');
    const second = await files().stage(`${home.dir}/a.txt`, 'a.txt');
    expect(first).not.toBe(second);
    expect((await readdir(root)).sort()).toHaveLength(2);
    await expect(files().stage(`${home.dir}/gone.txt`, 'gone.txt')).rejects.toThrow(PlatformError);
    expect(await readdir(root)).toHaveLength(2);
  });

  it('says how many parts of a reply went out when Messages fails midway', async () => {
    let calls = 0;
    const sender = {
      sendText: () => (++calls === 2 ? Promise.reject(new Error('timeout')) : Promise.resolve()),
      sendFile: () => Promise.resolve(),
    };
    await expect(
      sendReply(
        { sender, files: files(), echoes: new EchoGuard() },
        {
          chatId: 'im:iMessage;-;+15551230000',
          threadId: '',
          text: `${'a'.repeat(3990)}\n\n${'b'.repeat(3990)}\n\n${'c'.repeat(10)}`,
          files: [],
          format: 'text',
        },
      ),
    ).rejects.toThrow(/1 of 3 parts were sent before Messages failed \(do not send those again\)/);
  });
});
