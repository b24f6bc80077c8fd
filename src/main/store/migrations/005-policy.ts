/**
 * Owners by choice and session isolation: which platforms ever had an owner (approving a pairing
 * makes an owner by itself only on a platform that never had one), and an index to find the
 * conversations a session took part in.
 */
export const migration005 = `
CREATE TABLE owner_history (
  platform TEXT PRIMARY KEY,
  first_owner_at INTEGER NOT NULL
) STRICT;
INSERT INTO owner_history (platform, first_owner_at)
  SELECT platform, MIN(created_at) FROM senders WHERE role = 'owner' GROUP BY platform;

CREATE INDEX messages_chat_session ON messages(chat_id, session, thread_id);
`;
