/**
 * Opens the hub's SQLite database (WAL, foreign keys, busy timeout) and brings its schema up to
 * date. The applied migration count lives in `PRAGMA user_version`.
 */
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

export function openDatabase(path: string, migrations: readonly string[] = MIGRATIONS): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: a platform is told "received" right after a commit, which must survive a power loss.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, migrations);
  } catch (error) {
    db.close();
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
