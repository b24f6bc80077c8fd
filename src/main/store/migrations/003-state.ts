/** Small persistent values adapters keep between runs (Telegram's update offset, cursors). */
export const migration003 = `
CREATE TABLE kv (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;
