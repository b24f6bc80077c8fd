/** Files that passed through the hub (uploads into the inbox, files Claude sent out). */
import { randomBytes } from 'node:crypto';
import type { Db } from './db';

/**
 * A new file id: `f` and 128 random bits. Ids are what `/api/files/<id>` serves, so they must be
 * unguessable, not merely unique (a page elsewhere on 127.0.0.1 could otherwise try them).
 */
export function newFileId(): string {
  return `f${randomBytes(16).toString('hex')}`;
}

export type StoredFile = {
  id: string;
  path: string;
  name: string;
  mime: string;
  size: number;
  chatId: string;
  createdAt: number;
};

type Row = {
  id: string;
  path: string;
  name: string;
  mime: string;
  size: number;
  chat_id: string;
  created_at: number;
};

export class FileStore {
  readonly #insert;
  readonly #get;

  constructor(db: Db) {
    this.#insert = db.prepare(
      'INSERT INTO files (id, path, name, mime, size, chat_id, created_at) VALUES (@id, @path, @name, @mime, @size, @chatId, @createdAt)',
    );
    this.#get = db.prepare<[string], Row>('SELECT * FROM files WHERE id = ?');
  }

  add(file: StoredFile): void {
    this.#insert.run(file);
  }

  get(id: string): StoredFile | undefined {
    const row = this.#get.get(id);
    return row
      ? {
          id: row.id,
          path: row.path,
          name: row.name,
          mime: row.mime,
          size: row.size,
          chatId: row.chat_id,
          createdAt: row.created_at,
        }
      : undefined;
  }
}
