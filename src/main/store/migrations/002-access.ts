/** Access control: who may talk (senders), who asked to (pairings). */
export const migration002 = `
CREATE TABLE senders (
  platform TEXT NOT NULL,
  sender_id TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('allowed', 'blocked')),
  role TEXT NOT NULL CHECK (role IN ('owner', 'member')),
  dm_chat_id TEXT,
  added_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (platform, sender_id)
) STRICT;

CREATE TABLE pairings (
  code TEXT PRIMARY KEY,
  platform TEXT NOT NULL,
  sender_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  preview TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  replies INTEGER NOT NULL DEFAULT 1,
  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'denied', 'expired')),
  decided_by TEXT,
  decided_at INTEGER
) STRICT;
CREATE INDEX pairings_pending ON pairings(platform, state);
CREATE INDEX pairings_sender ON pairings(platform, sender_id);
CREATE INDEX senders_dm_chat ON senders(platform, dm_chat_id);

-- The id groups are opted in by (a thread's parent channel, a forum's group).
ALTER TABLE chats ADD COLUMN group_id TEXT;
`;
