/** How far the owner has read each conversation in the dashboard, for unread counts. */
export const migration008 = `
CREATE TABLE conversation_reads (
  chat_id TEXT NOT NULL,
  thread_id TEXT NOT NULL DEFAULT '',
  read_up_to INTEGER NOT NULL,
  read_at INTEGER NOT NULL,
  PRIMARY KEY (chat_id, thread_id)
) STRICT;
CREATE INDEX messages_session ON messages(session, direction, id);
`;
