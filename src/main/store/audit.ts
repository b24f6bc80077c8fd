/** Append-only record of access, pairing and permission decisions. Never holds secrets. */
import type { Db } from './db';

export type AuditEntry = {
  kind: string;
  actor: string;
  subject: string;
  detail?: Record<string, unknown>;
};

export class AuditLog {
  readonly #insert;
  readonly #recent;
  readonly #now: () => number;

  constructor(db: Db, now: () => number) {
    this.#now = now;
    this.#insert = db.prepare<[number, string, string, string, string]>(
      'INSERT INTO audit (ts, kind, actor, subject, detail) VALUES (?, ?, ?, ?, ?)',
    );
    this.#recent = db.prepare<
      [number],
      { ts: number; kind: string; actor: string; subject: string; detail: string }
    >('SELECT ts, kind, actor, subject, detail FROM audit ORDER BY id DESC LIMIT ?');
  }

  write(entry: AuditEntry): void {
    this.#insert.run(
      this.#now(),
      entry.kind,
      entry.actor,
      entry.subject,
      JSON.stringify(entry.detail ?? {}),
    );
  }

  recent(limit = 100): Array<AuditEntry & { ts: number }> {
    return this.#recent
      .all(limit)
      .map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
  }
}
