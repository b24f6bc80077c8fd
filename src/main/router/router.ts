/**
 * Which session a chat's messages go to: its bound session (and only that one, waiting while it is
 * away), else the most recently attached session.
 */
import type { AttachedSession, SessionRegistry } from '../sessions/session-registry';
import type { ChatStore } from '../store/chats';

export type Route =
  | { kind: 'session'; session: AttachedSession }
  | { kind: 'wait-bound'; name: string }
  | { kind: 'wait-any' };

export class Router {
  readonly #chats: ChatStore;
  readonly #sessions: SessionRegistry;

  constructor(chats: ChatStore, sessions: SessionRegistry) {
    this.#chats = chats;
    this.#sessions = sessions;
  }

  route(chatId: string, threadId: string): Route {
    const bound =
      this.#chats.get(chatId, threadId)?.boundSession ??
      (threadId === '' ? null : (this.#chats.get(chatId, '')?.boundSession ?? null));
    if (bound !== null) {
      const session = this.#sessions.byName(bound);
      return session && receivesChannels(session)
        ? { kind: 'session', session }
        : { kind: 'wait-bound', name: bound };
    }
    const session = this.#sessions.mostRecent(receivesChannels);
    return session ? { kind: 'session', session } : { kind: 'wait-any' };
  }
}

/** A session whose Claude Code drops channel events (started without the flag) gets no chats. */
export function receivesChannels(session: AttachedSession): boolean {
  return session.channels !== 'disabled';
}
