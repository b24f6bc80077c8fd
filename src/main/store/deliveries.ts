/**
 * The delivery state of inbound messages (migration 009): which waiting messages exist, how often
 * each was handed to a helper, which attached session acknowledged it, and reopening the recent
 * deliveries of a session that ended abnormally. The message rows themselves are MessageStore's.
 */
import type { ChannelMeta } from '../../shared/channel';
import type { Db } from './db';

/** Enough of a waiting message to route it without loading its text. */
export type PendingRef = { id: number; chatId: string; threadId: string };

export type HandOver = { attempts: number; text: string; meta: ChannelMeta };
type HandOverRow = { attempts: number; text: string; meta: string };

/** A message reacted to by Claude was seen, whatever its state says. */
const NOT_REACTED = `NOT EXISTS (SELECT 1 FROM json_each(reactions) WHERE json_extract(value, '$.by') = 'claude')`;

export class DeliveryStore {
  readonly #pending;
  readonly #handOver;
  readonly #acknowledged;
  readonly #returned;
  readonly #reopenSession;
  readonly #reopenAll;

  constructor(db: Db) {
    this.#pending = db.prepare<[], { id: number; chat_id: string; thread_id: string }>(
      `SELECT id, chat_id, thread_id FROM messages WHERE state = 'received' AND direction = 'in' ORDER BY id`,
    );
    this.#handOver = db.prepare<[string, number], HandOverRow>(
      `UPDATE messages SET attempts = attempts + 1, session_id = ? WHERE id = ? AND state = 'received' RETURNING attempts, text, meta`,
    );
    this.#acknowledged = db.prepare<[string, string, number, number]>(
      `UPDATE messages SET state = 'delivered', session = ?, session_id = ?, delivered_at = ? WHERE id = ? AND state = 'received'`,
    );
    this.#returned = db.prepare<[number]>(
      `UPDATE messages SET attempts = attempts - 1 WHERE id = ? AND attempts > 0 AND state = 'received'`,
    );
    this.#reopenSession = db.prepare<
      [string, number],
      { id: number; chat_id: string; thread_id: string }
    >(
      `UPDATE messages SET state = 'received'
       WHERE state = 'delivered' AND direction = 'in' AND session_id = ? AND delivered_at >= ? AND ${NOT_REACTED}
       RETURNING id, chat_id, thread_id`,
    );
    this.#reopenAll = db.prepare<[number], { id: number; chat_id: string; thread_id: string }>(
      `UPDATE messages SET state = 'received'
       WHERE state = 'delivered' AND direction = 'in' AND delivered_at >= ? AND ${NOT_REACTED}
         AND session_id IN (SELECT id FROM sessions WHERE detached_at IS NULL)
       RETURNING id, chat_id, thread_id`,
    );
  }

  /** Inbound messages no session has acknowledged yet, oldest first. */
  pending(): PendingRef[] {
    return this.#pending.all().map(toRef);
  }

  /**
   * Records that a message is being handed to a session and returns what to send: its text, meta
   * and how many hand-overs it has had, this one included (more than one: a redelivery). Undefined
   * when it is no longer waiting.
   */
  handOver(id: number, sessionId: string): HandOver | undefined {
    const row = this.#handOver.get(sessionId, id);
    return (
      row && { attempts: row.attempts, text: row.text, meta: JSON.parse(row.meta) as ChannelMeta }
    );
  }

  /** The session's helper wrote the message to Claude Code's pipe. */
  acknowledged(id: number, session: { id: string; name: string }, at: number): boolean {
    return this.#acknowledged.run(session.name, session.id, at, id).changes > 0;
  }

  /** A session that ended cleanly never wrote this hand-over: it does not count. */
  returned(id: number): void {
    this.#returned.run(id);
  }

  /**
   * Makes a session's deliveries since `since` waiting again, except those Claude answered or
   * reacted to; returns them, oldest first.
   */
  reopen(sessionId: string, since: number): PendingRef[] {
    return sortById(this.#reopenSession.all(sessionId, since).map(toRef));
  }

  /**
   * The same for every session still attached when the hub stopped (their fate is unknown after a
   * restart; sessions that had ended were dealt with then). Call before the sessions table is
   * marked all detached.
   */
  reopenAll(since: number): PendingRef[] {
    return sortById(this.#reopenAll.all(since).map(toRef));
  }
}

function toRef(row: { id: number; chat_id: string; thread_id: string }): PendingRef {
  return { id: row.id, chatId: row.chat_id, threadId: row.thread_id };
}

function sortById(refs: PendingRef[]): PendingRef[] {
  return refs.sort((a, b) => a.id - b.id);
}
