/**
 * A Messages database for tests with the real schema (the tables, columns and types macOS 14/15
 * have; only what Switchboard reads is filled), and helpers that insert rows the way Messages
 * does — from this test process, while the hub reads it from its own.
 */
import Database from 'better-sqlite3';
import { encodeAttributedBody } from './typedstream';

const SCHEMA = `
CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, country TEXT, service TEXT NOT NULL, uncanonicalized_id TEXT, person_centric_id TEXT, UNIQUE (id, service));
CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, style INTEGER, state INTEGER, account_id TEXT, properties BLOB, chat_identifier TEXT, service_name TEXT, room_name TEXT, account_login TEXT, is_archived INTEGER DEFAULT 0, last_addressed_handle TEXT, display_name TEXT, group_id TEXT, is_filtered INTEGER DEFAULT 0, successful_query INTEGER, engram_id TEXT, server_change_token TEXT, ck_sync_state INTEGER DEFAULT 0, original_group_id TEXT, last_read_message_timestamp INTEGER DEFAULT 0, cloudkit_record_id TEXT, last_addressed_sim_id TEXT, is_blackholed INTEGER DEFAULT 0, syndication_date INTEGER DEFAULT 0, syndication_type INTEGER DEFAULT 0, is_recovered INTEGER DEFAULT 0, is_deleting_incoming_messages INTEGER DEFAULT 0);
CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT, replace INTEGER DEFAULT 0, service_center TEXT, handle_id INTEGER DEFAULT 0, subject TEXT, country TEXT, attributedBody BLOB, version INTEGER DEFAULT 0, type INTEGER DEFAULT 0, service TEXT, account TEXT, account_guid TEXT, error INTEGER DEFAULT 0, date INTEGER, date_read INTEGER, date_delivered INTEGER, is_delivered INTEGER DEFAULT 0, is_finished INTEGER DEFAULT 0, is_emote INTEGER DEFAULT 0, is_from_me INTEGER DEFAULT 0, is_empty INTEGER DEFAULT 0, is_delayed INTEGER DEFAULT 0, is_auto_reply INTEGER DEFAULT 0, is_prepared INTEGER DEFAULT 0, is_read INTEGER DEFAULT 0, is_system_message INTEGER DEFAULT 0, is_sent INTEGER DEFAULT 0, has_dd_results INTEGER DEFAULT 0, is_service_message INTEGER DEFAULT 0, is_forward INTEGER DEFAULT 0, was_downgraded INTEGER DEFAULT 0, is_archive INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0, cache_roomnames TEXT, was_data_detected INTEGER DEFAULT 0, was_deduplicated INTEGER DEFAULT 0, is_audio_message INTEGER DEFAULT 0, is_played INTEGER DEFAULT 0, date_played INTEGER, item_type INTEGER DEFAULT 0, other_handle INTEGER DEFAULT 0, group_title TEXT, group_action_type INTEGER DEFAULT 0, share_status INTEGER DEFAULT 0, share_direction INTEGER DEFAULT 0, is_expirable INTEGER DEFAULT 0, expire_state INTEGER DEFAULT 0, message_action_type INTEGER DEFAULT 0, message_source INTEGER DEFAULT 0, associated_message_guid TEXT, associated_message_type INTEGER DEFAULT 0, balloon_bundle_id TEXT, payload_data BLOB, expressive_send_style_id TEXT, associated_message_range_location INTEGER DEFAULT 0, associated_message_range_length INTEGER DEFAULT 0, time_expressive_send_played INTEGER, message_summary_info BLOB, ck_sync_state INTEGER DEFAULT 0, ck_record_id TEXT, ck_record_change_tag TEXT, destination_caller_id TEXT, is_corrupt INTEGER DEFAULT 0, reply_to_guid TEXT, sort_id INTEGER, is_spam INTEGER DEFAULT 0, has_unseen_mention INTEGER DEFAULT 0, thread_originator_guid TEXT, thread_originator_part TEXT, syndication_ranges TEXT, synced_syndication_ranges TEXT, was_delivered_quietly INTEGER DEFAULT 0, did_notify_recipient INTEGER DEFAULT 0, date_retracted INTEGER DEFAULT 0, date_edited INTEGER DEFAULT 0, was_detonated INTEGER DEFAULT 0, part_count INTEGER, is_stewie INTEGER DEFAULT 0, is_kt_verified INTEGER DEFAULT 0, is_sos INTEGER DEFAULT 0, is_critical INTEGER DEFAULT 0, bia_reference_id TEXT DEFAULT NULL, fallback_hash TEXT DEFAULT NULL, associated_message_emoji TEXT DEFAULT NULL, is_pending_satellite_send INTEGER DEFAULT 0, needs_relay INTEGER DEFAULT 0, schedule_type INTEGER DEFAULT 0, schedule_state INTEGER DEFAULT 0, sent_or_received_off_grid INTEGER DEFAULT 0);
CREATE TABLE chat_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, message_date INTEGER DEFAULT 0, PRIMARY KEY (chat_id, message_id));
CREATE TABLE chat_handle_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE, UNIQUE(chat_id, handle_id));
CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, created_date INTEGER DEFAULT 0, start_date INTEGER DEFAULT 0, filename TEXT, uti TEXT, mime_type TEXT, transfer_state INTEGER DEFAULT 0, is_outgoing INTEGER DEFAULT 0, user_info BLOB, transfer_name TEXT, total_bytes INTEGER DEFAULT 0, is_sticker INTEGER DEFAULT 0, sticker_user_info BLOB, attribution_info BLOB, hide_attachment INTEGER DEFAULT 0, ck_sync_state INTEGER DEFAULT 0, ck_server_change_token_blob BLOB, ck_record_id TEXT, original_guid TEXT, is_commsafety_sensitive INTEGER DEFAULT 0, emoji_image_content_identifier TEXT, emoji_image_short_description TEXT, preview_generation_state INTEGER DEFAULT 0);
CREATE TABLE message_attachment_join (message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, attachment_id INTEGER REFERENCES attachment (ROWID) ON DELETE CASCADE, UNIQUE(message_id, attachment_id));
`;

/** Apple's epoch: nanoseconds since 2001-01-01. */
export function appleDate(ms: number): number {
  return (ms - Date.UTC(2001, 0, 1)) * 1_000_000;
}

let guidCounter = 0;
const guid = (): string => `TEST-${process.pid}-${Date.now()}-${++guidCounter}`;

export type Row = {
  chat: string;
  handle?: string;
  text?: string | null;
  body?: string;
  fromMe?: boolean;
  service?: 'iMessage' | 'SMS' | 'RCS';
  account?: string;
  tapback?: number;
  itemType?: number;
  attachments?: Array<{ path: string; mime: string; name: string; size: number }>;
};

export class ChatDb {
  readonly db: Database.Database;

  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
  }

  static create(path: string): ChatDb {
    const chatDb = new ChatDb(path);
    chatDb.db.exec(SCHEMA);
    return chatDb;
  }

  chat(
    chatGuid: string,
    style: 43 | 45,
    identifier: string,
    displayName = '',
    service = 'iMessage',
  ): number {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO chat (guid, style, chat_identifier, service_name, display_name) VALUES (?, ?, ?, ?, ?)',
      )
      .run(chatGuid, style, identifier, service, displayName);
    return (
      this.db.prepare('SELECT ROWID AS id FROM chat WHERE guid = ?').get(chatGuid) as { id: number }
    ).id;
  }

  handle(id: string, service = 'iMessage'): number {
    this.db.prepare('INSERT OR IGNORE INTO handle (id, service) VALUES (?, ?)').run(id, service);
    return (
      this.db
        .prepare('SELECT ROWID AS id FROM handle WHERE id = ? AND service = ?')
        .get(id, service) as { id: number }
    ).id;
  }

  /** Inserts a message like Messages does (text NULL and the text in attributedBody by default). */
  insert(row: Row): number {
    const chatId = (
      this.db.prepare('SELECT ROWID AS id FROM chat WHERE guid = ?').get(row.chat) as
        { id: number } | undefined
    )?.id;
    if (chatId === undefined) throw new Error(`no chat ${row.chat}`);
    const handleId = row.handle ? this.handle(row.handle, row.service ?? 'iMessage') : 0;
    const date = appleDate(Date.now());
    return this.db.transaction(() => {
      const body = row.body ?? row.text ?? '';
      const result = this.db
        .prepare(
          'INSERT INTO message (guid, text, attributedBody, handle_id, service, account, date, is_from_me, associated_message_type, item_type, cache_has_attachments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          guid(),
          row.text === undefined ? null : row.text,
          encodeAttributedBody(body),
          handleId,
          row.service ?? 'iMessage',
          row.account ?? null,
          date,
          row.fromMe ? 1 : 0,
          row.tapback ?? 0,
          row.itemType ?? 0,
          row.attachments?.length ? 1 : 0,
        );
      const messageId = Number(result.lastInsertRowid);
      this.db
        .prepare(
          'INSERT INTO chat_message_join (chat_id, message_id, message_date) VALUES (?, ?, ?)',
        )
        .run(chatId, messageId, date);
      for (const a of row.attachments ?? []) {
        const attachment = this.db
          .prepare(
            'INSERT INTO attachment (guid, filename, mime_type, transfer_name, total_bytes) VALUES (?, ?, ?, ?, ?)',
          )
          .run(guid(), a.path, a.mime, a.name, a.size);
        this.db
          .prepare('INSERT INTO message_attachment_join (message_id, attachment_id) VALUES (?, ?)')
          .run(messageId, attachment.lastInsertRowid);
      }
      return messageId;
    })();
  }

  close(): void {
    this.db.close();
  }
}
