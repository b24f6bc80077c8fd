/** Named values that survive restarts (adapter cursors and offsets). */
import type { Db } from './db';

export class KeyValueStore {
  readonly #get;
  readonly #set;
  readonly #withPrefix;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { value: string }>('SELECT value FROM kv WHERE key = ?');
    this.#set = db.prepare<[string, string]>(
      'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.#withPrefix = db.prepare<[string, string], { key: string; value: string }>(
      'SELECT key, value FROM kv WHERE substr(key, 1, length(?)) = ? ORDER BY key',
    );
  }

  get(key: string): string | undefined {
    return this.#get.get(key)?.value;
  }

  set(key: string, value: string): void {
    this.#set.run(key, value);
  }

  /** Every value whose key starts with `prefix`, keyed by the rest of the key. */
  entries(prefix: string): Map<string, string> {
    return new Map(
      this.#withPrefix.all(prefix, prefix).map((row) => [row.key.slice(prefix.length), row.value]),
    );
  }
}
