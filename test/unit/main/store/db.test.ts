import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NewerSchemaError, openDatabase, type Db } from '../../../../src/main/store/db';
import { MIGRATIONS } from '../../../../src/main/store/migrations';
import { openStore } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

describe('openDatabase', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  const open: Db[] = [];
  const track = (db: Db): Db => {
    open.push(db);
    return db;
  };

  beforeEach(async () => {
    dir = await tempDir('sb-db-');
  });
  afterEach(async () => {
    for (const db of open.splice(0)) if (db.open) db.close();
    await dir.cleanup();
  });

  it('applies every migration and records the count in user_version', () => {
    const db = track(openDatabase(join(dir.dir, 'a.db')));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
      )
      .all()
      .map((r) => r.name);
    expect(tables).toEqual([
      'audit',
      'chats',
      'conversation_reads',
      'files',
      'kv',
      'messages',
      'owner_history',
      'pairings',
      'permission_requests',
      'remotes',
      'senders',
      'sessions',
      'web_sessions',
    ]);
  });

  it('turns on WAL and foreign keys', () => {
    const db = track(openDatabase(join(dir.dir, 'a.db')));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('is idempotent on reopen and keeps the data', () => {
    const path = join(dir.dir, 'a.db');
    const first = openStore(path, () => 1);
    first.audit.write({ kind: 'k', actor: 'a', subject: 's' });
    first.close();
    const again = openStore(path, () => 2);
    try {
      expect(again.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(again.audit.recent()).toHaveLength(1);
    } finally {
      again.close();
    }
  });

  it('refuses a database written by a newer Switchboard', () => {
    const path = join(dir.dir, 'newer.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => track(openDatabase(path))).toThrow(NewerSchemaError);
    expect(() => track(openDatabase(path))).toThrow(
      `schema version ${MIGRATIONS.length + 1}, newer than this Switchboard knows (${MIGRATIONS.length})`,
    );
  });

  it('applies only the migrations not yet applied', () => {
    const path = join(dir.dir, 'step.db');
    track(openDatabase(path, ['CREATE TABLE one (x INTEGER);'])).close();
    const db = track(
      openDatabase(path, ['CREATE TABLE one (x INTEGER);', 'CREATE TABLE two (y INTEGER);']),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(2);
  });

  it('rolls back a failing migration and leaves the version where it was', () => {
    const path = join(dir.dir, 'broken.db');
    expect(() =>
      track(
        openDatabase(path, [
          'CREATE TABLE good (x INTEGER);',
          'CREATE TABLE half (y INTEGER); CREATE TABLE oops (;',
        ]),
      ),
    ).toThrow();
    for (const db of open.splice(0)) if (db.open) db.close();
    const db = track(new Database(path));
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const half = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE name = 'half'")
      .get();
    expect(half).toBeUndefined();
  });
});
