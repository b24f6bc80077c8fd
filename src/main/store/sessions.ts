/** A record of every session that ever attached, for `switchboard sessions` and the UI. */
import type { Db } from './db';

export type SessionRecord = {
  id: string;
  name: string;
  cwd: string;
  pid: number;
  attachedAt: number;
  detachedAt: number | null;
  lastSeenAt: number;
};

type Row = {
  id: string;
  name: string;
  cwd: string;
  pid: number;
  attached_at: number;
  detached_at: number | null;
  last_seen_at: number;
};

export class SessionStore {
  readonly #upsert;
  readonly #detach;
  readonly #recent;
  readonly #detachAll;

  constructor(db: Db) {
    this.#upsert = db.prepare(
      `INSERT INTO sessions (id, name, cwd, pid, attached_at, last_seen_at) VALUES (@id, @name, @cwd, @pid, @attachedAt, @attachedAt)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, cwd = excluded.cwd, pid = excluded.pid, attached_at = excluded.attached_at,
         detached_at = NULL, last_seen_at = excluded.last_seen_at`,
    );
    this.#detach = db.prepare<[number, number, string]>(
      'UPDATE sessions SET detached_at = ?, last_seen_at = ? WHERE id = ?',
    );
    this.#detachAll = db.prepare<[number]>(
      'UPDATE sessions SET detached_at = ? WHERE detached_at IS NULL',
    );
    this.#recent = db.prepare<[number], Row>(
      'SELECT * FROM sessions ORDER BY last_seen_at DESC LIMIT ?',
    );
  }

  attached(session: {
    id: string;
    name: string;
    cwd: string;
    pid: number;
    attachedAt: number;
  }): void {
    this.#upsert.run(session);
  }

  detached(id: string, at: number): void {
    this.#detach.run(at, at, id);
  }

  /** After a crash nothing is attached any more; called when the hub starts. */
  detachAll(at: number): void {
    this.#detachAll.run(at);
  }

  recent(limit = 50): SessionRecord[] {
    return this.#recent.all(limit).map((row) => ({
      id: row.id,
      name: row.name,
      cwd: row.cwd,
      pid: row.pid,
      attachedAt: row.attached_at,
      detachedAt: row.detached_at,
      lastSeenAt: row.last_seen_at,
    }));
  }
}
