import { readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DamagedDatabaseError, openDatabase } from '../../../../src/main/store/db';
import { repairDatabase } from '../../../../src/main/store/repair';
import { openStore } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

/** A database with senders and many messages, closed cleanly (checkpointed into the main file). */
function populate(path: string, messages: number): void {
  const store = openStore(path, () => 1);
  const insert = store.db.prepare(
    `INSERT INTO messages (platform, chat_id, direction, external_id, sender_id, sender_name, text, state, created_at)
     VALUES ('web', 'web:main', 'in', ?, 'me', 'Me', ?, 'received', 1)`,
  );
  store.db.transaction(() => {
    for (let i = 0; i < messages; i++) insert.run(`m${i}`, `message ${i} ${'x'.repeat(200)}`);
  })();
  store.db
    .prepare(
      `INSERT INTO senders (platform, sender_id, display_name, status, role, added_by, created_at, updated_at)
       VALUES ('telegram', '42', 'Ann', 'allowed', 'owner', 'test', 1, 1)`,
    )
    .run();
  store.close();
}

describe('damaged databases', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let path: string;
  beforeEach(async () => {
    dir = await tempDir('sb-repair-');
    path = join(dir.dir, 'switchboard.db');
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('refuses an empty database file and leaves it as it is', async () => {
    await writeFile(path, '');
    expect(() => openDatabase(path)).toThrow(DamagedDatabaseError);
    expect(() => openDatabase(path)).toThrow(/is empty .* Restore it from a backup/);
    expect((await stat(path)).size).toBe(0);
  });

  it('refuses a truncated database, saying how to repair it, and leaves it as it is', async () => {
    populate(path, 3_000);
    const size = (await stat(path)).size;
    await truncate(path, Math.floor(size * 0.6));
    expect(() => openDatabase(path)).toThrow(/damaged .*switchboard doctor --repair/);
    expect((await stat(path)).size).toBe(Math.floor(size * 0.6));
  });

  it('refuses a file that is not a database at all', async () => {
    await writeFile(
      path,
      'this is not SQLite, just text that someone saved here by mistake\n'.repeat(100),
    );
    expect(() => openDatabase(path)).toThrow(DamagedDatabaseError);
  });

  it('repairs a truncated database: backs it up first, keeps every readable row', async () => {
    populate(path, 3_000);
    const original = await readFile(path);
    await truncate(path, Math.floor(original.length * 0.6));
    const truncated = await readFile(path);
    const report = repairDatabase(path, new Date('2026-01-02T03:04:05Z'));
    expect(report.outcome).toBe('repaired');
    if (report.outcome !== 'repaired') return;
    expect(await readFile(report.backup)).toEqual(truncated);
    expect((await stat(report.backup)).mode & 0o777).toBe(0o600);
    const messages = report.tables.find((t) => t.table === 'messages');
    expect(messages?.recovered).toBeGreaterThan(1_000);
    expect(messages?.recovered).toBeLessThan(3_000);
    expect(messages?.gaps).toBeGreaterThan(0);
    const store = openStore(path, () => 2);
    try {
      expect(store.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({
        n: messages?.recovered,
      });
      expect(store.senders.get('telegram', '42')).toMatchObject({ role: 'owner' });
    } finally {
      store.close();
    }
  });

  it('repairs an empty database by keeping it aside and starting a new one', async () => {
    await writeFile(path, '');
    const report = repairDatabase(path, new Date('2026-01-02T03:04:05Z'));
    expect(report).toMatchObject({ outcome: 'repaired', wasEmpty: true });
    openDatabase(path).close();
    expect((await readdir(dir.dir)).sort()).toEqual([
      'switchboard.db',
      'switchboard.db.backup-2026-01-02T03-04-05-000Z',
    ]);
    expect((await stat(`${path}.backup-2026-01-02T03-04-05-000Z`)).size).toBe(0);
  });

  it('leaves a healthy database with all its rows', () => {
    populate(path, 50);
    const report = repairDatabase(path, new Date());
    expect(
      report.outcome === 'repaired' && report.tables.find((t) => t.table === 'messages'),
    ).toEqual({
      table: 'messages',
      recovered: 50,
      gaps: 0,
    });
  });
});
