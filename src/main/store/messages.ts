/** Every message in and out, the inbox's source of truth. */
import type { ChannelMeta, Platform } from '../../shared/channel';
import type { Db } from './db';

export type MessageState = 'received' | 'delivered' | 'answered' | 'sent';

export type Attachment = {
  fileId: string;
  name: string;
  mime: string;
  size: number;
  /** Local copy, once there is one (uploads, downloaded photos). */
  path?: string;
  /** Telegram/Discord kind: photo, document, voice, audio, video, video_note, sticker, animation. */
  kind?: string;
  /**
   * Why the local copy the hub meant to make (a photo, an iMessage file) could not be made; the
   * message is stored anyway and `download_attachment` tries again.
   */
  unavailable?: string;
};
export type Reaction = { emoji: string; by: string };

export type StoredMessage = {
  id: number;
  platform: Platform;
  chatId: string;
  threadId: string;
  direction: 'in' | 'out';
  externalId: string;
  senderId: string;
  senderName: string;
  text: string;
  meta: ChannelMeta;
  attachments: Attachment[];
  reactions: Reaction[];
  state: MessageState;
  session: string | null;
  replyTo: string | null;
  createdAt: number;
  deliveredAt: number | null;
  editedAt: number | null;
};

export type NewMessage = Omit<StoredMessage, 'id' | 'deliveredAt' | 'editedAt' | 'reactions'>;

type Row = {
  id: number;
  platform: string;
  chat_id: string;
  thread_id: string;
  direction: string;
  external_id: string;
  sender_id: string;
  sender_name: string;
  text: string;
  meta: string;
  attachments: string;
  reactions: string;
  state: string;
  session: string | null;
  reply_to: string | null;
  created_at: number;
  delivered_at: number | null;
  edited_at: number | null;
};

function fromRow(row: Row): StoredMessage {
  return {
    id: row.id,
    platform: row.platform as Platform,
    chatId: row.chat_id,
    threadId: row.thread_id,
    direction: row.direction as 'in' | 'out',
    externalId: row.external_id,
    senderId: row.sender_id,
    senderName: row.sender_name,
    text: row.text,
    meta: JSON.parse(row.meta) as ChannelMeta,
    attachments: JSON.parse(row.attachments) as Attachment[],
    reactions: JSON.parse(row.reactions) as Reaction[],
    state: row.state as MessageState,
    session: row.session,
    replyTo: row.reply_to,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    editedAt: row.edited_at,
  };
}

export class MessageStore {
  readonly #insert;
  readonly #byId;
  readonly #byExternal;
  readonly #waiting;
  readonly #markDelivered;
  readonly #markAnswered;
  readonly #history;
  readonly #historyBefore;
  readonly #historyInThreads;
  readonly #updateText;
  readonly #updateReactions;
  readonly #setMeta;
  readonly #withFile;
  readonly #lastThread;

  constructor(db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO messages (platform, chat_id, thread_id, direction, external_id, sender_id, sender_name, text, meta, attachments, state, session, reply_to, created_at)
       VALUES (@platform, @chatId, @threadId, @direction, @externalId, @senderId, @senderName, @text, @meta, @attachments, @state, @session, @replyTo, @createdAt)
       ON CONFLICT (platform, chat_id, direction, external_id) DO NOTHING`,
    );
    this.#byId = db.prepare<[number], Row>('SELECT * FROM messages WHERE id = ?');
    this.#byExternal = db.prepare<[string, string, string], Row>(
      'SELECT * FROM messages WHERE chat_id = ? AND direction = ? AND external_id = ?',
    );
    this.#waiting = db.prepare<[], Row>(
      `SELECT * FROM messages WHERE state = 'received' ORDER BY id`,
    );
    this.#markDelivered = db.prepare<[string, number, number]>(
      `UPDATE messages SET state = 'delivered', session = ?, delivered_at = ? WHERE id = ? AND state = 'received'`,
    );
    this.#markAnswered = db.prepare<[string, string, number], { id: number }>(
      `UPDATE messages SET state = 'answered' WHERE chat_id = ? AND session = ? AND direction = 'in' AND state = 'delivered' AND id < ? RETURNING id`,
    );
    this.#history = db.prepare<[string, number], Row>(
      'SELECT * FROM (SELECT * FROM messages WHERE chat_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
    );
    this.#historyBefore = db.prepare<[string, number, number], Row>(
      'SELECT * FROM (SELECT * FROM messages WHERE chat_id = ? AND id < ? ORDER BY id DESC LIMIT ?) ORDER BY id',
    );
    this.#historyInThreads = db.prepare<[string, string, number, number], Row>(
      `SELECT * FROM (SELECT * FROM messages WHERE chat_id = ? AND thread_id IN (SELECT value FROM json_each(?))
         AND id < ? ORDER BY id DESC LIMIT ?) ORDER BY id`,
    );
    this.#updateText = db.prepare<[string, number, number]>(
      'UPDATE messages SET text = ?, edited_at = ? WHERE id = ?',
    );
    this.#updateReactions = db.prepare<[string, number]>(
      'UPDATE messages SET reactions = ? WHERE id = ?',
    );
    this.#withFile = db.prepare<[string, string], Row>(
      `SELECT * FROM messages WHERE chat_id = ? AND attachments LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT 20`,
    );
    this.#lastThread = db.prepare<[string, string], { thread_id: string }>(
      `SELECT thread_id FROM messages WHERE chat_id = ? AND direction = 'in' AND session = ? ORDER BY id DESC LIMIT 1`,
    );
    this.#setMeta = db.prepare<[string, number]>('UPDATE messages SET meta = ? WHERE id = ?');
  }

  /** Inserts unless the platform already gave us this message; undefined means a duplicate. */
  insert(message: NewMessage): StoredMessage | undefined {
    const result = this.#insert.run({
      ...message,
      meta: JSON.stringify(message.meta),
      attachments: JSON.stringify(message.attachments),
    });
    if (result.changes === 0) return undefined;
    return this.get(Number(result.lastInsertRowid));
  }

  get(id: number): StoredMessage | undefined {
    const row = this.#byId.get(id);
    return row ? fromRow(row) : undefined;
  }

  byExternalId(
    chatId: string,
    direction: 'in' | 'out',
    externalId: string,
  ): StoredMessage | undefined {
    const row = this.#byExternal.get(chatId, direction, externalId);
    return row ? fromRow(row) : undefined;
  }

  /** Inbound messages accepted but not yet acknowledged by any session, oldest first. */
  waiting(): StoredMessage[] {
    return this.#waiting.all().map(fromRow);
  }

  markDelivered(id: number, session: string, at: number): boolean {
    return this.#markDelivered.run(session, at, id).changes > 0;
  }

  /** A reply on a chat answers everything that session had been given there before it. */
  markAnswered(chatId: string, session: string, beforeId: number): number[] {
    return this.#markAnswered.all(chatId, session, beforeId).map((row) => row.id);
  }

  history(chatId: string, limit: number, beforeId?: number): StoredMessage[] {
    const rows =
      beforeId === undefined
        ? this.#history.all(chatId, limit)
        : this.#historyBefore.all(chatId, beforeId, limit);
    return rows.map(fromRow);
  }

  /** Like history, limited to some threads of the chat (`''` is the chat outside any thread). */
  historyInThreads(
    chatId: string,
    threads: readonly string[],
    limit: number,
    beforeId?: number,
  ): StoredMessage[] {
    return this.#historyInThreads
      .all(chatId, JSON.stringify(threads), beforeId ?? Number.MAX_SAFE_INTEGER, limit)
      .map(fromRow);
  }

  updateText(id: number, text: string, at: number): void {
    this.#updateText.run(text, at, id);
  }

  setReactions(id: number, reactions: Reaction[]): void {
    this.#updateReactions.run(JSON.stringify(reactions), id);
  }

  setMeta(id: number, meta: ChannelMeta): void {
    this.#setMeta.run(JSON.stringify(meta), id);
  }

  /** The attachment with this platform file id among a chat's messages, if any. */
  findAttachment(chatId: string, fileId: string): Attachment | undefined {
    return this.findAttachmentMessage(chatId, fileId)?.attachment;
  }

  /** The attachment with this platform file id, and the message that carries it. */
  findAttachmentMessage(
    chatId: string,
    fileId: string,
  ): { message: StoredMessage; attachment: Attachment } | undefined {
    const pattern = `%${JSON.stringify(fileId)
      .slice(1, -1)
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    for (const row of this.#withFile.all(chatId, pattern)) {
      const message = fromRow(row);
      const attachment = message.attachments.find((a) => a.fileId === fileId);
      if (attachment) return { message, attachment };
    }
    return undefined;
  }

  /** The thread of the latest message this session received in a chat: where a reply belongs. */
  lastThreadFor(chatId: string, session: string): string | undefined {
    return this.#lastThread.get(chatId, session)?.thread_id;
  }
}
