/** Chats we have seen, and which session each is bound to. */
import type { Platform } from '../../shared/channel';
import type { Db } from './db';

export type ChatKind = 'dm' | 'group' | 'thread';

export type Chat = {
  chatId: string;
  threadId: string;
  platform: Platform;
  kind: ChatKind;
  groupId: string | null;
  title: string;
  boundSession: string | null;
  createdAt: number;
  lastMessageAt: number;
};

type Row = {
  chat_id: string;
  thread_id: string;
  platform: string;
  kind: string;
  group_id: string | null;
  title: string;
  bound_session: string | null;
  created_at: number;
  last_message_at: number;
};

function fromRow(row: Row): Chat {
  return {
    chatId: row.chat_id,
    threadId: row.thread_id,
    platform: row.platform as Platform,
    kind: row.kind as ChatKind,
    groupId: row.group_id,
    title: row.title,
    boundSession: row.bound_session,
    createdAt: row.created_at,
    lastMessageAt: row.last_message_at,
  };
}

export class ChatStore {
  readonly #upsert;
  readonly #get;
  readonly #bind;
  readonly #list;
  readonly #ownerDms;
  readonly #all;
  readonly #threads;
  readonly #sessionThreads;

  constructor(db: Db) {
    this.#upsert = db.prepare(
      `INSERT INTO chats (chat_id, thread_id, platform, kind, group_id, title, created_at, last_message_at)
       VALUES (@chatId, @threadId, @platform, @kind, @groupId, @title, @at, @at)
       ON CONFLICT (chat_id, thread_id) DO UPDATE SET last_message_at = excluded.last_message_at,
         title = CASE WHEN excluded.title = '' THEN chats.title ELSE excluded.title END`,
    );
    this.#get = db.prepare<[string, string], Row>(
      'SELECT * FROM chats WHERE chat_id = ? AND thread_id = ?',
    );
    this.#bind = db.prepare<[string | null, string, string]>(
      'UPDATE chats SET bound_session = ? WHERE chat_id = ? AND thread_id = ?',
    );
    this.#ownerDms = db.prepare<[], Row>(
      `SELECT c.* FROM chats c JOIN senders s ON s.platform = c.platform AND s.dm_chat_id = c.chat_id
       WHERE c.kind = 'dm' AND s.role = 'owner' AND s.status = 'allowed' ORDER BY c.last_message_at DESC`,
    );
    this.#all = db.prepare<[number], Row>(
      'SELECT * FROM chats ORDER BY last_message_at DESC LIMIT ?',
    );
    this.#list = db.prepare<[string], Row>(
      'SELECT * FROM chats WHERE platform = ? ORDER BY last_message_at DESC',
    );
    this.#threads = db.prepare<[string], Row>(
      'SELECT * FROM chats WHERE chat_id = ? ORDER BY last_message_at DESC',
    );
    this.#sessionThreads = db.prepare<[string, string], { thread_id: string }>(
      'SELECT DISTINCT thread_id FROM messages WHERE chat_id = ? AND session = ?',
    );
  }

  touch(
    chat: {
      chatId: string;
      threadId: string;
      platform: Platform;
      kind: ChatKind;
      title: string;
      groupId?: string | null;
    },
    at: number,
  ): Chat {
    this.#upsert.run({ ...chat, groupId: chat.groupId ?? null, at });
    const stored = this.get(chat.chatId, chat.threadId);
    if (!stored) throw new Error(`chat ${chat.chatId} vanished after upsert`);
    return stored;
  }

  get(chatId: string, threadId = ''): Chat | undefined {
    const row = this.#get.get(chatId, threadId);
    return row ? fromRow(row) : undefined;
  }

  bind(chatId: string, threadId: string, session: string | null): void {
    this.#bind.run(session, chatId, threadId);
  }

  /**
   * The chat as a tool names it: its row for this thread, else its main row, else any row — a chat
   * first seen in a forum topic or a Discord thread has only thread rows.
   */
  resolve(chatId: string, threadId?: string): Chat | undefined {
    return (
      (threadId === undefined ? undefined : this.get(chatId, threadId)) ??
      this.get(chatId, '') ??
      this.threadsOf(chatId)[0]
    );
  }

  /** Every row (thread) of a chat, most recently active first. */
  threadsOf(chatId: string): Chat[] {
    return this.#threads.all(chatId).map(fromRow);
  }

  /** Threads of a chat where this session was given or sent a message. */
  threadsTalkedIn(chatId: string, session: string): string[] {
    return this.#sessionThreads.all(chatId, session).map((row) => row.thread_id);
  }

  listByPlatform(platform: Platform): Chat[] {
    return this.#list.all(platform).map(fromRow);
  }

  /** DM chats with an allowed owner: where permission prompts may be forwarded. */
  ownerDmChats(): Chat[] {
    return this.#ownerDms.all().map(fromRow);
  }

  recent(limit = 200): Chat[] {
    return this.#all.all(limit).map(fromRow);
  }
}
