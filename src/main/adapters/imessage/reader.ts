/**
 * Reads new rows of `chat.db` (opened read-only) after a ROWID cursor: message joined with its chat,
 * sender handle and attachments, text from `text` or decoded from `attributedBody`.
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { decodeAttributedBody } from './typedstream';

export type ChatDbRow = {
  rowId: number;
  guid: string;
  text: string;
  date: number;
  fromMe: boolean;
  service: string;
  account: string | null;
  handle: string | null;
  chatGuid: string;
  chatStyle: number;
  chatIdentifier: string;
  chatName: string;
  /** Tapbacks, receipts, group events, retracted messages: not conversation. */
  skip: boolean;
  attachments: Array<{ path: string; mime: string; name: string; size: number }>;
};

type RawRow = {
  rowId: number;
  guid: string;
  text: string | null;
  body: Buffer | null;
  date: number | null;
  fromMe: number;
  service: string | null;
  account: string | null;
  associated: number;
  itemType: number;
  system: number;
  retracted: number;
  handle: string | null;
  chatGuid: string;
  style: number | null;
  identifier: string | null;
  displayName: string | null;
  hasAttachments: number;
};

/** Apple's epoch (2001-01-01) in ms; `message.date` counts nanoseconds from it. */
const APPLE_EPOCH_MS = Date.UTC(2001, 0, 1);

export function fromAppleDate(date: number | null): number {
  if (!date) return Date.now();
  // Very old databases stored seconds; current ones nanoseconds.
  return APPLE_EPOCH_MS + (date > 1e12 ? date / 1e6 : date * 1000);
}

/** Why the database cannot be read, in words a person can act on. */
export class ChatDbError extends Error {
  constructor(
    readonly reason: 'not-found' | 'full-disk-access' | 'other',
    message: string,
  ) {
    super(message);
  }
}

export function explainOpenError(path: string, error: unknown): ChatDbError {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || /no such file|does not exist/i.test(text))
    return new ChatDbError('not-found', `Messages database not found at ${path}`);
  if (
    code === 'EPERM' ||
    code === 'EACCES' ||
    /authori[sz]ation denied|operation not permitted|unable to open|SQLITE_CANTOPEN|SQLITE_AUTH/i.test(
      text,
    )
  ) {
    return new ChatDbError(
      'full-disk-access',
      `Full Disk Access is needed to read ${path} (${text}). Open System Settings → Privacy & Security → Full Disk Access and enable Switchboard — the app itself, not your terminal.`,
    );
  }
  return new ChatDbError('other', `cannot read ${path}: ${text}`);
}

export class ChatDbReader {
  readonly #db: Database.Database;
  readonly #rows;
  readonly #attachments;
  readonly #max;

  constructor(path: string) {
    try {
      // Without Full Disk Access even stat() fails (EPERM), which is the clearest signal there is.
      statSync(path);
      this.#db = new Database(path, { readonly: true, fileMustExist: true });
      this.#db.pragma('busy_timeout = 2000');
      this.#max = this.#db.prepare<[], { max: number | null }>(
        'SELECT MAX(ROWID) AS max FROM message',
      );
      this.#max.get();
    } catch (error) {
      throw explainOpenError(path, error);
    }
    this.#rows = this.#db.prepare<[number, number], RawRow>(
      `SELECT m.ROWID AS rowId, m.guid, m.text, m.attributedBody AS body, m.date, m.is_from_me AS fromMe, m.service, m.account,
              m.associated_message_type AS associated, m.item_type AS itemType, m.is_system_message AS system,
              m.date_retracted AS retracted, m.cache_has_attachments AS hasAttachments,
              h.id AS handle, c.guid AS chatGuid, c.style, c.chat_identifier AS identifier, c.display_name AS displayName
       FROM message m
       JOIN chat_message_join cmj ON cmj.message_id = m.ROWID
       JOIN chat c ON c.ROWID = cmj.chat_id
       LEFT JOIN handle h ON h.ROWID = m.handle_id
       WHERE m.ROWID > ? ORDER BY m.ROWID LIMIT ?`,
    );
    this.#attachments = this.#db.prepare<
      [number],
      { path: string | null; mime: string | null; name: string | null; size: number | null }
    >(
      `SELECT a.filename AS path, a.mime_type AS mime, a.transfer_name AS name, a.total_bytes AS size
       FROM attachment a JOIN message_attachment_join j ON j.attachment_id = a.ROWID WHERE j.message_id = ?`,
    );
  }

  maxRowId(): number {
    return this.#max.get()?.max ?? 0;
  }

  rowsAfter(cursor: number, limit = 500): ChatDbRow[] {
    return this.#rows.all(cursor, limit).map((raw) => {
      const text = raw.text ?? decodeAttributedBody(raw.body) ?? '';
      const attachments = raw.hasAttachments
        ? this.#attachments.all(raw.rowId).flatMap((a) =>
            a.path
              ? [
                  {
                    path: a.path,
                    mime: a.mime ?? 'application/octet-stream',
                    name: a.name ?? a.path.split('/').pop() ?? 'file',
                    size: a.size ?? 0,
                  },
                ]
              : [],
          )
        : [];
      // Read receipts and the like come through as whitespace-only (or U+FFFC-only) rows.
      const empty = text.replace(/[\s\uFFFC]/g, '') === '' && attachments.length === 0;
      return {
        rowId: raw.rowId,
        guid: raw.guid,
        text: text.replace(/\uFFFC/g, '').trim(),
        date: fromAppleDate(raw.date),
        fromMe: raw.fromMe === 1,
        // Unknown stays unknown: only rows Messages marked iMessage may speak for the owner.
        service: raw.service ?? '',
        account: raw.account,
        handle: raw.handle,
        chatGuid: raw.chatGuid,
        chatStyle: raw.style ?? 45,
        chatIdentifier: raw.identifier ?? '',
        chatName: raw.displayName ?? '',
        skip:
          raw.associated !== 0 ||
          raw.itemType !== 0 ||
          raw.system === 1 ||
          raw.retracted > 0 ||
          empty,
        attachments,
      };
    });
  }

  close(): void {
    this.#db.close();
  }
}
