/**
 * The `remotes` table: each remote's credential verifier (never the secret) and how to reach it.
 * Read on every authentication, so a removed or rotated credential stops working at once.
 */
import type { RemoteVerifier } from '../../shared/remote-credential';
import type { Db } from './db';

export type RemoteRecord = {
  name: string;
  verifier: RemoteVerifier;
  createdAt: number;
  rotatedAt: number | null;
  /** `[user@]host` as given to `switchboard remote connect`; null before the first connect. */
  host: string | null;
  /** `Key=Value` options passed to ssh as `-o Key=Value`. */
  sshOptions: string[];
  /** The forwarded socket's absolute path on the remote, learned when the link is prepared. */
  remoteSocket: string | null;
  /** Whether the hub keeps this remote connected (reconnecting, and at start when allowed). */
  keepConnected: boolean;
  lastSeenAt: number | null;
};

type Row = {
  name: string;
  key_id: string;
  stored_key: string;
  server_key: string;
  created_at: number;
  rotated_at: number | null;
  host: string | null;
  ssh_options: string;
  remote_socket: string | null;
  keep_connected: number;
  last_seen_at: number | null;
};

function toRecord(row: Row): RemoteRecord {
  let sshOptions: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.ssh_options);
    if (Array.isArray(parsed)) sshOptions = parsed.filter((o) => typeof o === 'string');
  } catch {
    // A damaged value means no options, not a crash; the next connect writes it again.
  }
  return {
    name: row.name,
    verifier: { keyId: row.key_id, storedKey: row.stored_key, serverKey: row.server_key },
    createdAt: row.created_at,
    rotatedAt: row.rotated_at,
    host: row.host,
    sshOptions,
    remoteSocket: row.remote_socket,
    keepConnected: row.keep_connected === 1,
    lastSeenAt: row.last_seen_at,
  };
}

export class RemoteStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  get(name: string): RemoteRecord | undefined {
    const row = this.#db.prepare<[string], Row>('SELECT * FROM remotes WHERE name = ?').get(name);
    return row ? toRecord(row) : undefined;
  }

  list(): RemoteRecord[] {
    return this.#db.prepare<[], Row>('SELECT * FROM remotes ORDER BY name').all().map(toRecord);
  }

  /** Adds a remote; false when the name is taken. */
  add(name: string, verifier: RemoteVerifier, now: number): boolean {
    const result = this.#db
      .prepare(
        `INSERT INTO remotes (name, key_id, stored_key, server_key, created_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`,
      )
      .run(name, verifier.keyId, verifier.storedKey, verifier.serverKey, now);
    return result.changes === 1;
  }

  /** Replaces the verifier (a rotation); false when there is no such remote. */
  rotate(name: string, verifier: RemoteVerifier, now: number): boolean {
    const result = this.#db
      .prepare(
        'UPDATE remotes SET key_id = ?, stored_key = ?, server_key = ?, rotated_at = ? WHERE name = ?',
      )
      .run(verifier.keyId, verifier.storedKey, verifier.serverKey, now, name);
    return result.changes === 1;
  }

  remove(name: string): boolean {
    return this.#db.prepare('DELETE FROM remotes WHERE name = ?').run(name).changes === 1;
  }

  /** Records how to reach the remote and whether to keep it connected. */
  setLink(
    name: string,
    link: { host: string; sshOptions: readonly string[]; keepConnected: boolean },
  ): void {
    this.#db
      .prepare('UPDATE remotes SET host = ?, ssh_options = ?, keep_connected = ? WHERE name = ?')
      .run(link.host, JSON.stringify(link.sshOptions), link.keepConnected ? 1 : 0, name);
  }

  setKeepConnected(name: string, keep: boolean): void {
    this.#db
      .prepare('UPDATE remotes SET keep_connected = ? WHERE name = ?')
      .run(keep ? 1 : 0, name);
  }

  setRemoteSocket(name: string, path: string): void {
    this.#db.prepare('UPDATE remotes SET remote_socket = ? WHERE name = ?').run(path, name);
  }

  seen(name: string, now: number): void {
    this.#db.prepare('UPDATE remotes SET last_seen_at = ? WHERE name = ?').run(now, name);
  }
}
