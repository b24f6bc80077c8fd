import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { download } from '../../../../../src/main/adapters/discord/outbound';
import { tempDir } from '../../../../support/paths';

describe('Discord attachment downloads', () => {
  let server: Server;
  let base: string;
  let home: { dir: string; cleanup: () => Promise<void> };

  beforeEach(async () => {
    home = await tempDir();
    server = createServer((req, res) => res.end(`bytes of ${req.url ?? ''}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    vi.useRealTimers();
    await new Promise((resolve) => server.close(resolve));
    await home.cleanup();
  });

  it('keeps two files with the same name fetched in the same millisecond apart', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) });
    const inbox = `${home.dir}/inbox`;
    const file = (id: string) => ({
      fileId: `${base}/${id}`,
      name: 'image.png',
      mime: 'image/png',
      size: 12,
    });
    const [a, b] = await Promise.all([
      download(inbox, [file('first')], [base]),
      download(inbox, [file('second')], [base]),
    ]);
    expect(a[0]).not.toBe(b[0]);
    expect(await readFile(a[0] ?? '', 'utf8')).toBe('bytes of /first');
    expect(await readFile(b[0] ?? '', 'utf8')).toBe('bytes of /second');
    expect(await readdir(inbox)).toHaveLength(2);
  });

  it('names the file after a hostile name only inside the inbox', async () => {
    const inbox = `${home.dir}/inbox`;
    const [path] = await download(
      inbox,
      [{ fileId: `${base}/x`, name: '../../../etc/passwd', mime: 'text/plain', size: 3 }],
      [base],
    );
    expect(path?.startsWith(`${inbox}/dc-`)).toBe(true);
    expect(path?.slice(inbox.length + 1)).not.toMatch(/[/\\]/);
  });

  it('fetches attachment URLs only from Discord’s CDN (or the configured API), never a local URL', async () => {
    const inbox = `${home.dir}/inbox`;
    await expect(
      download(inbox, [{ fileId: `${base}/secret`, name: 'x.txt', mime: 'text/plain', size: 3 }]),
    ).rejects.toThrow(/not on Discord's CDN/);
    expect(await readdir(home.dir)).toEqual([]);
  });
});
