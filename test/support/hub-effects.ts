/**
 * What a hub did on behalf of its sessions, read from its database: sessions, messages (with their
 * delivery state and hand-over count), permission prompts and the audit trail — without the
 * columns that differ between any two runs (times, process ids, generated ids), so two runs of the
 * same script can be compared.
 */
import Database from 'better-sqlite3';

export type HubEffects = Record<string, unknown[]>;

const QUERIES: Record<string, string> = {
  sessions:
    'SELECT name, cwd, detached_at IS NOT NULL AS detached FROM sessions ORDER BY attached_at, name',
  messages:
    'SELECT platform, chat_id, thread_id, direction, sender_name, text, state, session, attempts FROM messages ORDER BY id',
  permissions:
    'SELECT session_name, request_id, tool_name, description, input_preview, verdict, decided_by, decided_via FROM permission_requests ORDER BY id',
  audit: 'SELECT kind, actor FROM audit ORDER BY id',
};

export function hubEffects(home: string): HubEffects {
  const db = new Database(`${home}/switchboard.db`, { readonly: true });
  try {
    return Object.fromEntries(
      Object.entries(QUERIES).map(([name, sql]) => [name, db.prepare(sql).all()]),
    );
  } finally {
    db.close();
  }
}
