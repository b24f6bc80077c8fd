/** Pairing requests from unknown senders, waiting for the owner's decision on a local surface. */
import type { Platform } from '../../shared/channel';
import type { Db } from './db';

export type PairingState = 'pending' | 'approved' | 'denied' | 'expired';

export type Pairing = {
  code: string;
  platform: Platform;
  senderId: string;
  displayName: string;
  chatId: string;
  preview: string;
  createdAt: number;
  expiresAt: number;
  replies: number;
  state: PairingState;
  decidedBy: string | null;
  decidedAt: number | null;
};

type Row = {
  code: string;
  platform: string;
  sender_id: string;
  display_name: string;
  chat_id: string;
  preview: string;
  created_at: number;
  expires_at: number;
  replies: number;
  state: string;
  decided_by: string | null;
  decided_at: number | null;
};

function fromRow(row: Row): Pairing {
  return {
    code: row.code,
    platform: row.platform as Platform,
    senderId: row.sender_id,
    displayName: row.display_name,
    chatId: row.chat_id,
    preview: row.preview,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    replies: row.replies,
    state: row.state as PairingState,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}

export class PairingStore {
  readonly #insert;
  readonly #get;
  readonly #pendingForSender;
  readonly #pending;
  readonly #bumpReplies;
  readonly #decide;
  readonly #expire;

  constructor(db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO pairings (code, platform, sender_id, display_name, chat_id, preview, created_at, expires_at, state)
       VALUES (@code, @platform, @senderId, @displayName, @chatId, @preview, @createdAt, @expiresAt, 'pending')`,
    );
    this.#get = db.prepare<[string], Row>('SELECT * FROM pairings WHERE code = ?');
    this.#pendingForSender = db.prepare<[string, string], Row>(
      `SELECT * FROM pairings WHERE platform = ? AND sender_id = ? AND state = 'pending' ORDER BY created_at DESC LIMIT 1`,
    );
    this.#pending = db.prepare<[], Row>(
      `SELECT * FROM pairings WHERE state = 'pending' ORDER BY created_at`,
    );
    this.#bumpReplies = db.prepare<[string]>(
      'UPDATE pairings SET replies = replies + 1 WHERE code = ?',
    );
    this.#decide = db.prepare(
      `UPDATE pairings SET state = @state, decided_by = @by, decided_at = @at WHERE code = @code AND state = 'pending'`,
    );
    this.#expire = db.prepare<[number]>(
      `UPDATE pairings SET state = 'expired' WHERE state = 'pending' AND expires_at <= ?`,
    );
  }

  insert(pairing: Omit<Pairing, 'replies' | 'state' | 'decidedBy' | 'decidedAt'>): void {
    this.#insert.run(pairing);
  }

  get(code: string): Pairing | undefined {
    const row = this.#get.get(code);
    return row ? fromRow(row) : undefined;
  }

  pendingForSender(platform: Platform, senderId: string): Pairing | undefined {
    const row = this.#pendingForSender.get(platform, senderId);
    return row ? fromRow(row) : undefined;
  }

  /** Pending requests, after marking the ones past their expiry. */
  pending(now: number): Pairing[] {
    this.#expire.run(now);
    return this.#pending.all().map(fromRow);
  }

  bumpReplies(code: string): void {
    this.#bumpReplies.run(code);
  }

  decide(code: string, state: 'approved' | 'denied' | 'expired', by: string, at: number): boolean {
    return this.#decide.run({ code, state, by, at }).changes > 0;
  }
}
