/** The first schema: sessions, chats, messages (both directions), files, permission requests, audit. */
export const migration001 = `
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  cwd TEXT NOT NULL,
  pid INTEGER NOT NULL,
  attached_at INTEGER NOT NULL,
  detached_at INTEGER,
  last_seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_name ON sessions(name);

CREATE TABLE chats (
  chat_id TEXT NOT NULL,
  thread_id TEXT NOT NULL DEFAULT '',
  platform TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('dm', 'group', 'thread')),
  title TEXT NOT NULL DEFAULT '',
  bound_session TEXT,
  created_at INTEGER NOT NULL,
  last_message_at INTEGER NOT NULL,
  PRIMARY KEY (chat_id, thread_id)
) STRICT;

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  thread_id TEXT NOT NULL DEFAULT '',
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  external_id TEXT NOT NULL,
  sender_id TEXT NOT NULL,
  sender_name TEXT NOT NULL,
  text TEXT NOT NULL,
  meta TEXT NOT NULL DEFAULT '{}',
  attachments TEXT NOT NULL DEFAULT '[]',
  reactions TEXT NOT NULL DEFAULT '[]',
  state TEXT NOT NULL CHECK (state IN ('received', 'delivered', 'answered', 'sent')),
  session TEXT,
  reply_to TEXT,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER,
  edited_at INTEGER,
  UNIQUE (platform, chat_id, direction, external_id)
) STRICT;
CREATE INDEX messages_waiting ON messages(id) WHERE state = 'received';
CREATE INDEX messages_chat ON messages(chat_id, id);

CREATE TABLE files (
  id TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  chat_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE permission_requests (
  id INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL,
  session_name TEXT NOT NULL,
  request_id TEXT NOT NULL,
  tool_name TEXT NOT NULL,
  description TEXT NOT NULL,
  input_preview TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  verdict TEXT CHECK (verdict IN ('allow', 'deny', 'expired')),
  decided_by TEXT,
  decided_via TEXT,
  decided_at INTEGER,
  UNIQUE (session_id, request_id)
) STRICT;

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  ts INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'
) STRICT;
`;
