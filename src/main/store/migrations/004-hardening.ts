/**
 * Hardening: permission prompts are found by request id and counted per session through indexes
 * (recording one stays O(1) however many exist), and browser sessions of the dashboard are kept
 * as hashes of their secrets, never the secrets themselves.
 */
export const migration004 = `
CREATE INDEX permission_requests_request ON permission_requests(request_id);
CREATE INDEX permission_requests_open ON permission_requests(session_id) WHERE verdict IS NULL;

CREATE TABLE web_sessions (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL UNIQUE,
  cookie_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL
) STRICT;
`;
