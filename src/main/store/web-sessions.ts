/**
 * Browser sessions of the dashboard: one per login, each with two random values — a secret the
 * page keeps (in its own origin's sessionStorage) and sends as a header, and a cookie that only
 * downloads use. Only their SHA-256 hashes are stored, so the database never holds a credential;
 * a session is revoked by deleting its row, and sessions unused for a month are pruned.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db';

export type WebSession = { id: string; label: string; createdAt: number; lastUsedAt: number };

/** What a login hands out, once: the values themselves are never stored. */
export type NewWebSession = WebSession & { secret: string; cookie: string };

type Row = { id: string; label: string; created_at: number; last_used_at: number };

const hash = (value: string): string => createHash('sha256').update(value).digest('hex');
const random = (): string => randomBytes(32).toString('base64url');
const fromRow = (row: Row): WebSession => ({
  id: row.id,
  label: row.label,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

/** A session's last use is written at most this often (reads must not each cost a write). */
const TOUCH_EVERY_MS = 10 * 60_000;

export class WebSessionStore {
  readonly #insert;
  readonly #bySecret;
  readonly #byCookie;
  readonly #touch;
  readonly #delete;
  readonly #deleteAll;
  readonly #prune;
  readonly #list;

  constructor(db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO web_sessions (id, secret_hash, cookie_hash, label, created_at, last_used_at)
       VALUES (@id, @secretHash, @cookieHash, @label, @now, @now)`,
    );
    this.#bySecret = db.prepare<[string], Row>(
      'SELECT id, label, created_at, last_used_at FROM web_sessions WHERE secret_hash = ?',
    );
    this.#byCookie = db.prepare<[string], Row>(
      'SELECT id, label, created_at, last_used_at FROM web_sessions WHERE cookie_hash = ?',
    );
    this.#touch = db.prepare('UPDATE web_sessions SET last_used_at = ? WHERE id = ?');
    this.#delete = db.prepare('DELETE FROM web_sessions WHERE id = ?');
    this.#deleteAll = db.prepare('DELETE FROM web_sessions');
    this.#prune = db.prepare('DELETE FROM web_sessions WHERE last_used_at < ?');
    this.#list = db.prepare<[], Row>(
      'SELECT id, label, created_at, last_used_at FROM web_sessions ORDER BY last_used_at DESC',
    );
  }

  create(label: string, now: number): NewWebSession {
    const session = {
      id: randomBytes(8).toString('hex'),
      secret: random(),
      cookie: random(),
      label: label.slice(0, 200),
      createdAt: now,
      lastUsedAt: now,
    };
    this.#insert.run({
      id: session.id,
      secretHash: hash(session.secret),
      cookieHash: hash(session.cookie),
      label: session.label,
      now,
    });
    return session;
  }

  /** The session a page's secret belongs to, marking it used. */
  bySecret(secret: string, now: number): WebSession | undefined {
    return this.#used(this.#bySecret.get(hash(secret)), now);
  }

  /** The session a download cookie belongs to, marking it used. */
  byCookie(cookie: string, now: number): WebSession | undefined {
    return this.#used(this.#byCookie.get(hash(cookie)), now);
  }

  list(): WebSession[] {
    return this.#list.all().map(fromRow);
  }

  revoke(id: string): boolean {
    return this.#delete.run(id).changes > 0;
  }

  /** Signs every browser out; returns how many sessions there were. */
  revokeAll(): number {
    return this.#deleteAll.run().changes;
  }

  /** Forgets sessions not used since `before`. */
  prune(before: number): number {
    return this.#prune.run(before).changes;
  }

  #used(row: Row | undefined, now: number): WebSession | undefined {
    if (!row) return undefined;
    if (now - row.last_used_at >= TOUCH_EVERY_MS) {
      this.#touch.run(now, row.id);
      row.last_used_at = now;
    }
    return fromRow(row);
  }
}
