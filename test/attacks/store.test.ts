/**
 * A damaged database — emptied (a bad sync, a restore gone wrong, someone's `> file`) or truncated
 * (a disk that filled, a half-copied file) — against the real hub and CLI: the hub never silently
 * starts over (which would forget who is allowed), and `switchboard doctor --repair` keeps a
 * backup and brings back what can be read.
 */
import { readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { startHub } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { webchat } from '../support/webchat-client';

const failedStart = (home: string): Promise<Error | undefined> =>
  startHub(home).then(
    async (hub) => {
      await hub.stop();
      return undefined;
    },
    (error: unknown) => error as Error,
  );

describe('a damaged database', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let db: string;
  beforeEach(async () => {
    home = await tempDir();
    db = `${home.dir}/switchboard.db`;
  });
  afterEach(async () => {
    await home.cleanup();
  });

  /** A hub that knew someone, stopped cleanly. */
  async function withHistory(messages: number): Promise<void> {
    const hub = await startHub(home.dir);
    expect((await runCli(['senders', 'allow', 'telegram', '42', '--home', home.dir])).code).toBe(0);
    for (let i = 0; i < messages; i++)
      await webchat(hub).post(`message ${i} ${'x'.repeat(2_000)}`, {
        nonce: `nonce-${i}-abcdefgh`,
      });
    await hub.stop();
  }

  it('an emptied database is refused, kept as it is, and the message says how to restore', async () => {
    await withHistory(1);
    await writeFile(db, '');
    const error = await failedStart(home.dir);
    expect(error?.message).toMatch(/switchboard\.db is empty \(0 bytes\)/);
    expect(error?.message).toMatch(/Restore it from a backup/);
    expect((await stat(db)).size).toBe(0);
    const check = await runCli(['doctor', '--home', home.dir]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/✗ database: .* is empty/);
  });

  it('a truncated database is refused; doctor --repair backs it up and recovers what it can', async () => {
    await withHistory(60);
    const size = (await stat(db)).size;
    await truncate(db, Math.floor(size * 0.7));
    const damaged = await readFile(db);
    const error = await failedStart(home.dir);
    expect(error?.message).toMatch(/is damaged .*switchboard doctor --repair/);

    const repair = await runCli(['doctor', '--repair', '--json', '--home', home.dir]);
    expect(repair.code).toBe(0);
    const report = JSON.parse(repair.stdout) as {
      backup: string;
      tables: Array<{ table: string; recovered: number }>;
    };
    expect(await readFile(report.backup)).toEqual(damaged);
    expect(report.tables.find((t) => t.table === 'senders')?.recovered).toBe(1);
    const recovered = report.tables.find((t) => t.table === 'messages')?.recovered ?? 0;
    expect(recovered).toBeGreaterThan(10);

    const hub = await startHub(home.dir);
    try {
      const senders = await runCli(['senders', 'list', '--json', '--home', home.dir]);
      expect(JSON.parse(senders.stdout)).toContainEqual(expect.objectContaining({ sender: '42' }));
      expect((await webchat(hub).history()).length).toBeGreaterThan(0);
    } finally {
      await hub.stop();
    }
    expect(await readdir(home.dir)).toContain(report.backup.split('/').pop());
  });

  it('doctor --repair refuses to run while the hub runs', async () => {
    const hub = await startHub(home.dir);
    try {
      const repair = await runCli(['doctor', '--repair', '--home', home.dir]);
      expect(repair.code).toBe(4);
      expect(repair.stderr).toMatch(/already running/);
    } finally {
      await hub.stop();
    }
  });
});
