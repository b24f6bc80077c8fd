/**
 * Remotes (issue #18): machines whose Claude Code sessions reach this hub through `ssh -R`. Each
 * has a credential of which only a verifier is kept (`stored_key`, `server_key`: see
 * src/shared/remote-credential.ts), the generation of that credential (`key_id`, new on every
 * rotation), and — once `switchboard remote connect` has been used — how to reach it.
 */
export const migration010 = `
CREATE TABLE remotes (
  name TEXT PRIMARY KEY,
  key_id TEXT NOT NULL,
  stored_key TEXT NOT NULL,
  server_key TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  rotated_at INTEGER,
  host TEXT,
  ssh_options TEXT NOT NULL DEFAULT '[]',
  remote_socket TEXT,
  keep_connected INTEGER NOT NULL DEFAULT 0 CHECK (keep_connected IN (0, 1)),
  last_seen_at INTEGER
) STRICT;
`;
