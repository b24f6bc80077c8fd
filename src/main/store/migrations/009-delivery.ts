/**
 * Delivery state for the redelivery guarantee: how many times a message was handed to a helper
 * (a second hand-over is always marked `redelivered`), and the id of the attached session that had
 * it last (names are reused by later sessions; ids are not), so the deliveries of a session that
 * ended abnormally can be found and sent again.
 */
export const migration009 = `
ALTER TABLE messages ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN session_id TEXT;
CREATE INDEX messages_recently_delivered ON messages(session_id, delivered_at) WHERE state = 'delivered';
CREATE INDEX messages_delivered_at ON messages(delivered_at) WHERE state = 'delivered';
`;
