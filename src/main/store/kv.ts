/** Named values that survive restarts (adapter cursors and offsets). */
import type { Db } from './db';

export class KeyValueStore {
  readonly #get;
  readonly #set;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { value: string }>('SELECT value FROM kv WHERE key = ?');
    this.#set = db.prepare<[string, string]>(
      'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get(key: string): string | undefined {
    return this.#get.get(key)?.value;
  }

  set(key: string, value: string): void {
    this.#set.run(key, value);
  }
}
