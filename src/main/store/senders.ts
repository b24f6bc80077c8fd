/** The allowlist: senders allowed or blocked per platform, and their role. */
import type { Platform } from '../../shared/channel';
import type { Db } from './db';

export type SenderStatus = 'allowed' | 'blocked';
export type SenderRole = 'owner' | 'member';

export type Sender = {
  platform: Platform;
  senderId: string;
  displayName: string;
  status: SenderStatus;
  role: SenderRole;
  dmChatId: string | null;
  addedBy: string;
  createdAt: number;
  updatedAt: number;
};

type Row = {
  platform: string;
  sender_id: string;
  display_name: string;
  status: string;
  role: string;
  dm_chat_id: string | null;
  added_by: string;
  created_at: number;
  updated_at: number;
};

function fromRow(row: Row): Sender {
  return {
    platform: row.platform as Platform,
    senderId: row.sender_id,
    displayName: row.display_name,
    status: row.status as SenderStatus,
    role: row.role as SenderRole,
    dmChatId: row.dm_chat_id,
    addedBy: row.added_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SenderStore {
  readonly #get;
  readonly #upsert;
  readonly #remove;
  readonly #list;
  readonly #ownerCount;
  readonly #allowedCount;
  readonly #allowedInDm;
  readonly #noteOwner;
  readonly #hadOwner;

  constructor(db: Db) {
    this.#get = db.prepare<[string, string], Row>(
      'SELECT * FROM senders WHERE platform = ? AND sender_id = ?',
    );
    this.#upsert = db.prepare(
      `INSERT INTO senders (platform, sender_id, display_name, status, role, dm_chat_id, added_by, created_at, updated_at)
       VALUES (@platform, @senderId, @displayName, @status, @role, @dmChatId, @addedBy, @at, @at)
       ON CONFLICT (platform, sender_id) DO UPDATE SET
         display_name = CASE WHEN excluded.display_name = '' THEN senders.display_name ELSE excluded.display_name END,
         status = excluded.status, role = excluded.role,
         dm_chat_id = COALESCE(excluded.dm_chat_id, senders.dm_chat_id), updated_at = excluded.updated_at`,
    );
    this.#remove = db.prepare<[string, string]>(
      'DELETE FROM senders WHERE platform = ? AND sender_id = ?',
    );
    this.#list = db.prepare<[], Row>('SELECT * FROM senders ORDER BY platform, created_at');
    this.#allowedInDm = db.prepare<[string, string], { n: number }>(
      `SELECT COUNT(*) AS n FROM senders WHERE platform = ? AND dm_chat_id = ? AND status = 'allowed'`,
    );
    this.#ownerCount = db.prepare<[string], { n: number }>(
      `SELECT COUNT(*) AS n FROM senders WHERE platform = ? AND role = 'owner' AND status = 'allowed'`,
    );
    this.#allowedCount = db.prepare<[string], { n: number }>(
      `SELECT COUNT(*) AS n FROM senders WHERE platform = ? AND status = 'allowed'`,
    );
    this.#noteOwner = db.prepare<[string, number]>(
      'INSERT INTO owner_history (platform, first_owner_at) VALUES (?, ?) ON CONFLICT (platform) DO NOTHING',
    );
    this.#hadOwner = db.prepare<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM owner_history WHERE platform = ?',
    );
  }

  get(platform: Platform, senderId: string): Sender | undefined {
    const row = this.#get.get(platform, senderId);
    return row ? fromRow(row) : undefined;
  }

  put(
    sender: {
      platform: Platform;
      senderId: string;
      displayName: string;
      status: SenderStatus;
      role: SenderRole;
      dmChatId: string | null;
      addedBy: string;
    },
    at: number,
  ): Sender {
    this.#upsert.run({ ...sender, at });
    if (sender.role === 'owner') this.#noteOwner.run(sender.platform, at);
    const stored = this.get(sender.platform, sender.senderId);
    if (!stored) throw new Error('sender vanished after upsert');
    return stored;
  }

  remove(platform: Platform, senderId: string): boolean {
    return this.#remove.run(platform, senderId).changes > 0;
  }

  list(): Sender[] {
    return this.#list.all().map(fromRow);
  }

  /** Whether an allowed sender talks to us in this DM chat. */
  allowedInDm(platform: Platform, chatId: string): boolean {
    return (this.#allowedInDm.get(platform, chatId)?.n ?? 0) > 0;
  }

  ownerCount(platform: Platform): number {
    return this.#ownerCount.get(platform)?.n ?? 0;
  }

  /** Senders allowed on the platform, whatever their role. */
  allowedCount(platform: Platform): number {
    return this.#allowedCount.get(platform)?.n ?? 0;
  }

  /** Whether anyone was ever an owner on the platform (blocked or removed since, or not). */
  everHadOwner(platform: Platform): boolean {
    return (this.#hadOwner.get(platform)?.n ?? 0) > 0;
  }
}
