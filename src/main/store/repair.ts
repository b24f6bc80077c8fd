/**
 * `switchboard doctor --repair`: backs the database up (with its WAL), then copies every row SQLite
 * can still read from the backup into a new database with the current schema, and puts that in
 * place. Rows on unreadable pages are skipped (and counted); the backup keeps everything for
 * a deeper recovery. Run only with the hub stopped (the caller holds the hub lock).
 */
import { chmodSync, copyFileSync, existsSync, renameSync, statSync, unlinkSync } from 'node:fs';
import Database from 'better-sqlite3';
import { migrate, NewerSchemaError, quickCheck, type Db } from './db';
import { MIGRATIONS } from './migrations';

/** `gaps`: stretches of the table that could not be read (-1: its definition is lost). */
export type TableReport = { table: string; recovered: number; gaps: number };

export type RepairReport =
  | { outcome: 'nothing-to-repair' }
  | { outcome: 'repaired'; backup: string; wasEmpty: boolean; tables: TableReport[] };

const SIDE_FILES = ['-wal', '-shm'] as const;
/** Rows read per query; after an unreadable row the scan skips ahead in growing steps. */
const BATCH = 500;

export function repairDatabase(
  path: string,
  now: Date,
  migrations: readonly string[] = MIGRATIONS,
): RepairReport {
  if (!existsSync(path)) return { outcome: 'nothing-to-repair' };
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const backup = `${path}.backup-${stamp}`;
  for (const suffix of ['', ...SIDE_FILES]) {
    if (!existsSync(`${path}${suffix}`)) continue;
    copyFileSync(`${path}${suffix}`, `${backup}${suffix}`);
    chmodSync(`${backup}${suffix}`, 0o600);
  }
  const wasEmpty = statSync(path).size === 0;
  const fresh = `${path}.repair-${stamp}`;
  const target = new Database(fresh);
  let tables: TableReport[] = [];
  try {
    target.pragma('journal_mode = DELETE');
    migrate(target, migrations);
    // Rows go in as they were; one transaction, so one sync at the end instead of one per batch.
    target.pragma('foreign_keys = OFF');
    if (!wasEmpty) tables = target.transaction(() => copyReadableRows(backup, target))();
    const problem = quickCheck(target);
    if (problem !== undefined) throw new Error(`the new database fails its check: ${problem}`);
    target.pragma('journal_mode = WAL');
  } catch (error) {
    target.close();
    unlinkSync(fresh);
    throw error;
  }
  target.close();
  for (const suffix of SIDE_FILES)
    if (existsSync(`${path}${suffix}`)) unlinkSync(`${path}${suffix}`);
  renameSync(fresh, path);
  chmodSync(path, 0o600);
  return { outcome: 'repaired', backup, wasEmpty, tables };
}

function copyReadableRows(backup: string, target: Db): TableReport[] {
  const known = target.pragma('user_version', { simple: true }) as number;
  // A copy is opened, never the original: recovery may touch the file (WAL replay).
  const source = new Database(backup, { fileMustExist: true });
  try {
    // A truncated file is refused outright unless SQLite may read past its damaged header
    // (writable_schema, which better-sqlite3's defensive mode forbids); nothing is written to it.
    source.unsafeMode(true);
    source.pragma('writable_schema = ON');
    source.pragma('query_only = ON');
    let version = 0;
    try {
      version = source.pragma('user_version', { simple: true }) as number;
    } catch {
      // An unreadable header: every table will report what it could read.
    }
    if (version > known) throw new NewerSchemaError(version, known);
    const tables = target
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((r) => r.name);
    return tables.map((table) => copyTable(source, target, table));
  } finally {
    source.close();
  }
}

const columnsOf = (db: Db, table: string): string[] =>
  db
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((r) => r.name);

function copyTable(source: Db, target: Db, table: string): TableReport {
  const report: TableReport = { table, recovered: 0, gaps: 0 };
  let columns: string[];
  try {
    const theirs = new Set(columnsOf(source, table));
    columns = columnsOf(target, table).filter((c) => theirs.has(c));
  } catch {
    report.gaps = -1; // the table's definition itself is lost
    return report;
  }
  if (columns.length === 0) return report;
  const list = columns.map((c) => `"${c}"`).join(', ');
  const read = source.prepare<[number, number], Record<string, unknown> & { _rowid_: number }>(
    `SELECT rowid AS _rowid_, ${list} FROM "${table}" WHERE rowid > ? ORDER BY rowid LIMIT ?`,
  );
  const write = target.prepare(
    `INSERT OR IGNORE INTO "${table}" (${list}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  let after = Number.MIN_SAFE_INTEGER;
  // Whole batches while they read; one row at a time after a batch fails, up to the unreadable
  // row; then skip ahead in growing steps until rows can be read again.
  let batch = BATCH;
  let step = 0;
  for (;;) {
    let rows: Array<Record<string, unknown> & { _rowid_: number }>;
    try {
      rows = read.all(after, batch);
      // A damaged b-tree can lead a scan back to rows already read: that is no progress.
      if (rows.some((row) => row._rowid_ <= after)) throw new Error('the scan went backwards');
    } catch {
      if (batch > 1 && step === 0) {
        batch = 1;
        continue;
      }
      if (step === 0) report.gaps++;
      step = step === 0 ? 1 : step * 2;
      if (step > 2 ** 52) break;
      after = Math.max(after, 0) + step;
      continue;
    }
    if (rows.length === 0) break;
    for (const { _rowid_: _, ...row } of rows) report.recovered += write.run(row).changes;
    after = rows[rows.length - 1]?._rowid_ ?? after;
    if (step > 0) batch = BATCH;
    step = 0;
  }
  return report;
}
