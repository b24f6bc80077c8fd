/**
 * Moving a chat to a new id, when the platform gave it one (a Telegram group upgraded to a
 * supergroup). Its rows (binding, title, every thread) and its history move in one transaction.
 * Message ids restart in the new chat, so the moved history keeps its own ids made unique with
 * the old chat's id (`57@tg:-4123`): a new message can never collide with an old one and be
 * dropped as a duplicate.
 */
import type { Db } from './db';

/** What moved: the history's size and the binding that came along. */
export type ChatMove = { from: string; to: string; messages: number; boundSession: string | null };

/** Moves chat `from` (every thread) and its history to `to`, in one transaction. */
export function moveChat(db: Db, from: string, to: string): ChatMove {
  type Row = {
    thread_id: string;
    bound_session: string | null;
    title: string;
    group_id: string | null;
  };
  const rows = db.prepare<[string], Row>('SELECT * FROM chats WHERE chat_id = ?');
  const existing = db.prepare<[string, string], Row>(
    'SELECT * FROM chats WHERE chat_id = ? AND thread_id = ?',
  );
  const rename = db.prepare<[string, string | null, string, string]>(
    'UPDATE chats SET chat_id = ?, group_id = ? WHERE chat_id = ? AND thread_id = ?',
  );
  const merge = db.prepare<[string | null, string, string, string]>(
    `UPDATE chats SET bound_session = COALESCE(bound_session, ?),
       title = CASE WHEN title = '' THEN ? ELSE title END WHERE chat_id = ? AND thread_id = ?`,
  );
  const drop = db.prepare<[string, string]>(
    'DELETE FROM chats WHERE chat_id = ? AND thread_id = ?',
  );
  const history = db.prepare<[string, string, string]>(
    `UPDATE messages SET chat_id = ?, external_id = external_id || '@' || ? WHERE chat_id = ?`,
  );
  return db.transaction((): ChatMove => {
    let boundSession: string | null = null;
    for (const row of rows.all(from)) {
      boundSession ??= row.bound_session;
      const groupId = row.group_id === from ? to : row.group_id;
      if (existing.get(to, row.thread_id)) {
        merge.run(row.bound_session, row.title, to, row.thread_id);
        drop.run(from, row.thread_id);
      } else rename.run(to, groupId, from, row.thread_id);
    }
    const moved = history.run(to, from, from).changes;
    return { from, to, messages: moved, boundSession };
  })();
}
