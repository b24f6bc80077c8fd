/**
 * What a remote session may act on: only conversations routed to it — bound to its name, already
 * delivered to it, or where the router would send the chat's next message now. A remote machine
 * is another trust domain: whatever runs there must not read or write the owner's other chats.
 */
import type { Db } from '../store/db';
import type { Router } from '../router/router';
import type { AttachedSession } from '../sessions/session-registry';

export type RemoteScope = {
  mayAct: (session: AttachedSession, chatId: string) => boolean;
};

export function createRemoteScope(db: Db, router: Router): RemoteScope {
  const bound = db.prepare<[string, string], { one: number }>(
    'SELECT 1 AS one FROM chats WHERE chat_id = ? AND bound_session = ? LIMIT 1',
  );
  const delivered = db.prepare<[string, string], { one: number }>(
    "SELECT 1 AS one FROM messages WHERE chat_id = ? AND direction = 'in' AND session = ? LIMIT 1",
  );
  return {
    mayAct(session, chatId) {
      if (bound.get(chatId, session.name) || delivered.get(chatId, session.name)) return true;
      const route = router.route(chatId, '');
      return route.kind === 'session' && route.session.id === session.id;
    },
  };
}
