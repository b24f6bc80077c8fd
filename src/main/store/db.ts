/**
 * Opens the hub's SQLite database (WAL, foreign keys, busy timeout) and brings its schema up to
 * date. The applied migration count lives in `PRAGMA user_version`.
 *
 * A damaged database is never silently replaced: an empty file (which SQLite would happily treat
 * as a new database, forgetting the allowlist) and a file that fails SQLite's quick check both
 * stop the hub with what to do — restore a backup, or `switchboard doctor --repair`, which backs
 * the file up first and recovers what it can (store/repair.ts). A new database is created under a
 * temporary name and renamed into place, so a crash never leaves an empty file behind.
 */
import { existsSync, renameSync, statSync, unlinkSync } from 'node:fs';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export class NewerSchemaError extends Error {
  constructor(found: number, known: number) {
    super(
      `the database has schema version ${found}, newer than this Switchboard knows (${known}); update Switchboard`,
    );
  }
}

/** The database file is there but cannot be used as it is; the message says what to do. */
export class DamagedDatabaseError extends Error {
  constructor(
    readonly path: string,
    readonly problem: 'empty' | 'corrupt',
    detail: string,
  ) {
    super(
      problem === 'empty'
        ? `${path} is empty (0 bytes): the allowlist, chats and history it held are not in it. Switchboard has left it untouched. Restore it from a backup (with the hub stopped, copy the backup over it), or run \`switchboard doctor --repair\` to keep the empty file aside and start a new database.`
        : `${path} is damaged (${detail}). Switchboard has left it untouched. Run \`switchboard doctor --repair\` with the hub stopped: it backs the file up first, then recovers every row it can still read into a new database.`,
    );
  }
}

export function openDatabase(path: string, migrations: readonly string[] = MIGRATIONS): Db {
  if (existsSync(path)) {
    if (statSync(path).size === 0) throw new DamagedDatabaseError(path, 'empty', '0 bytes');
  } else createAtomically(path);
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a platform is told "received" right after a commit, which must survive a power loss.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const problem = quickCheck(db);
    if (problem !== undefined) throw new DamagedDatabaseError(path, 'corrupt', problem);
    migrate(db, migrations);
  } catch (error) {
    db.close();
    if (isCorruption(error))
      throw new DamagedDatabaseError(path, 'corrupt', (error as Error).message);
    throw error;
  }
  return db;
}

export function migrate(db: Db, migrations: readonly string[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw new NewerSchemaError(current, migrations.length);
  for (let version = current; version < migrations.length; version++) {
    const sql = migrations[version] ?? '';
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** SQLite's own consistency check (b-trees, free list, page counts); undefined when it is ok. */
export function quickCheck(db: Db): string | undefined {
  const rows = db.pragma('quick_check(5)') as Array<{ quick_check: string }>;
  const problems = rows.map((r) => r.quick_check).filter((text) => text !== 'ok');
  return problems.length === 0 ? undefined : problems.join('; ');
}

const isCorruption = (error: unknown): boolean =>
  /^SQLITE_(CORRUPT|NOTADB)/.test((error as { code?: string } | null)?.code ?? '');

/** Writes the header of a new, empty database under a temporary name, then renames it into place. */
function createAtomically(path: string): void {
  const temporary = `${path}.new-${process.pid}`;
  const db = new Database(temporary);
  try {
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  for (const suffix of ['-wal', '-shm'])
    if (existsSync(`${temporary}${suffix}`)) unlinkSync(`${temporary}${suffix}`);
  renameSync(temporary, path);
}
