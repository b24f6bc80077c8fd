/**
 * Read-side queries for the dashboard: per-conversation counts, histories by chat and thread,
 * per-session activity, settled prompts, and the owner's read markers (the only write here). Every
 * count is one grouped query, so the conversations list costs the same for 5 chats or 500.
 */
import type { Db } from './db';

export type ConversationCounts = {
  unread: number;
  queued: number;
  awaitingReply: number;
  /** The newest message from a person or Claude (hub notices are not a conversation's news). */
  lastMessageId: number | null;
  /** The newest message someone sent (whose name a DM without a title goes by). */
  lastInboundId: number | null;
};
export type SessionActivity = { lastReceivedAt: number | null; lastRepliedAt: number | null };

type CountRow = {
  chat_id: string;
  thread_id: string;
  unread: number;
  queued: number;
  awaiting: number;
  last_id: number | null;
  last_in_id: number | null;
};

const key = (chatId: string, threadId: string): string => `${chatId}\u0000${threadId}`;

export class UiQueries {
  readonly #counts;
  readonly #history;
  readonly #historyBefore;
  readonly #markRead;
  readonly #activity;
  readonly #settled;
  readonly #queuedBySession;
  readonly #anyDelivered;

  constructor(db: Db) {
    // Unread: after the owner's marker, not the owner's own web chat lines, not hub notices.
    this.#counts = db.prepare<[], CountRow>(
      `SELECT m.chat_id, m.thread_id,
         SUM(CASE WHEN m.id > COALESCE(r.read_up_to, 0) AND NOT (m.direction = 'in' AND m.platform = 'web')
                   AND m.sender_id != 'switchboard' THEN 1 ELSE 0 END) AS unread,
         SUM(CASE WHEN m.state = 'received' THEN 1 ELSE 0 END) AS queued,
         SUM(CASE WHEN m.state = 'delivered' THEN 1 ELSE 0 END) AS awaiting,
         MAX(CASE WHEN m.sender_id != 'switchboard' THEN m.id END) AS last_id,
         MAX(CASE WHEN m.direction = 'in' THEN m.id END) AS last_in_id
       FROM messages m LEFT JOIN conversation_reads r ON r.chat_id = m.chat_id AND r.thread_id = m.thread_id
       GROUP BY m.chat_id, m.thread_id`,
    );
    this.#history = db.prepare<[string, string, number], { id: number }>(
      'SELECT id FROM messages WHERE chat_id = ? AND thread_id = ? ORDER BY id DESC LIMIT ?',
    );
    this.#historyBefore = db.prepare<[string, string, number, number], { id: number }>(
      'SELECT id FROM messages WHERE chat_id = ? AND thread_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
    );
    // Clamped to the conversation's newest message: "read everything so far", never the future.
    this.#markRead = db.prepare(
      `INSERT INTO conversation_reads (chat_id, thread_id, read_up_to, read_at)
       VALUES (@chatId, @threadId, MIN(@upTo, (SELECT COALESCE(MAX(id), 0) FROM messages WHERE chat_id = @chatId AND thread_id = @threadId)), @at)
       ON CONFLICT (chat_id, thread_id) DO UPDATE SET read_up_to = MAX(read_up_to, excluded.read_up_to), read_at = excluded.read_at`,
    );
    this.#activity = db.prepare<
      [],
      { session: string; received: number | null; replied: number | null }
    >(
      `SELECT session,
         MAX(CASE WHEN direction = 'in' THEN delivered_at END) AS received,
         MAX(CASE WHEN direction = 'out' THEN created_at END) AS replied
       FROM messages WHERE session IS NOT NULL GROUP BY session`,
    );
    this.#settled = db.prepare<[number], { id: number; request_id: string }>(
      'SELECT id, request_id FROM permission_requests WHERE verdict IS NOT NULL ORDER BY decided_at DESC, id DESC LIMIT ?',
    );
    this.#queuedBySession = db.prepare<[], { session: string; n: number }>(
      `SELECT COALESCE(c.bound_session, p.bound_session) AS session, COUNT(*) AS n
       FROM messages m
       LEFT JOIN chats c ON c.chat_id = m.chat_id AND c.thread_id = m.thread_id
       LEFT JOIN chats p ON p.chat_id = m.chat_id AND p.thread_id = '' AND m.thread_id != ''
       WHERE m.state = 'received' AND COALESCE(c.bound_session, p.bound_session) IS NOT NULL
       GROUP BY 1`,
    );
    this.#anyDelivered = db.prepare<[], { n: number }>(
      `SELECT COUNT(*) AS n FROM (SELECT 1 FROM messages WHERE direction = 'in' AND platform != 'web'
         AND state IN ('delivered', 'answered') LIMIT 1)`,
    );
  }

  /** Counts per conversation, keyed by `conversationKey`. */
  counts(): Map<string, ConversationCounts> {
    const map = new Map<string, ConversationCounts>();
    for (const row of this.#counts.all())
      map.set(key(row.chat_id, row.thread_id), {
        unread: row.unread,
        queued: row.queued,
        awaitingReply: row.awaiting,
        lastMessageId: row.last_id,
        lastInboundId: row.last_in_id,
      });
    return map;
  }

  /** Ids of one conversation's messages, newest `limit` (before `beforeId`), oldest first. */
  historyIds(chatId: string, threadId: string, limit: number, beforeId?: number): number[] {
    const rows =
      beforeId === undefined
        ? this.#history.all(chatId, threadId, limit)
        : this.#historyBefore.all(chatId, threadId, beforeId, limit);
    return rows.map((r) => r.id).reverse();
  }

  /**
   * The owner has seen this conversation up to message `upTo` (at most its newest message);
   * markers only move forward.
   */
  markRead(chatId: string, threadId: string, upTo: number, at: number): void {
    this.#markRead.run({ chatId, threadId, upTo, at });
  }

  /** When each session last received a message and last replied, by session name. */
  sessionActivity(): Map<string, SessionActivity> {
    return new Map(
      this.#activity
        .all()
        .map((r) => [r.session, { lastReceivedAt: r.received, lastRepliedAt: r.replied }]),
    );
  }

  /** Messages waiting for a session they are bound to (threads inherit their group's binding). */
  queuedBySession(): Map<string, number> {
    return new Map(this.#queuedBySession.all().map((r) => [r.session, r.n]));
  }

  /** The newest settled prompts' row ids and request ids, newest first. */
  settledPromptIds(limit: number): Array<{ id: number; request_id: string }> {
    return this.#settled.all(limit);
  }

  /** Whether a message from a chat platform (not the web chat) ever reached a session. */
  platformMessageDelivered(): boolean {
    return (this.#anyDelivered.get()?.n ?? 0) > 0;
  }
}

export const conversationKey = key;
