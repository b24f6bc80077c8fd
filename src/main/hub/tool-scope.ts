/**
 * Session isolation: which conversations a session's tools may touch. A session acts only in
 * chats routed to it — bound to it (the chat, or the thread), or that delivered a message to it —
 * unless settings `sessions.allChats` names it. Without this, a prompt-injected Claude in one
 * repository could read (fetch_messages) or phish (reply) every conversation of every session.
 *
 * Routing an unbound chat to "the most recent session" grants nothing by itself: a session that
 * just attached reaches a chat only once that chat's next message is delivered to it.
 */
import type { Settings } from '../settings/settings';
import type { AttachedSession } from '../sessions/session-registry';
import type { ChatStore } from '../store/chats';

export type Scope = { all: true } | { all: false; threads: ReadonlySet<string> };

export class ToolScope {
  readonly #chats: ChatStore;
  readonly #settings: () => Settings;

  constructor(chats: ChatStore, settings: () => Settings) {
    this.#chats = chats;
    this.#settings = settings;
  }

  /** The threads of a chat this session may act in (`''` is the chat outside any thread). */
  of(session: AttachedSession, chatId: string): Scope {
    const wide = this.#settings().sessions.allChats;
    if (wide.includes('*') || wide.includes(session.name)) return { all: true };
    const threads = new Set(this.#chats.threadsTalkedIn(chatId, session.name));
    const rows = this.#chats.threadsOf(chatId);
    const parentBound = rows.some((c) => c.threadId === '' && c.boundSession === session.name);
    for (const row of rows) {
      // A thread follows its chat's binding unless it has one of its own (as the router does).
      if (row.boundSession === session.name || (parentBound && row.boundSession === null))
        threads.add(row.threadId);
    }
    if (parentBound) threads.add('');
    return { all: false, threads };
  }

  mayAct(session: AttachedSession, chatId: string, threadId: string): boolean {
    const scope = this.of(session, chatId);
    return scope.all || scope.threads.has(threadId);
  }

  /** Why a session may not act in a chat, and how the user can change that. */
  refusal(session: AttachedSession, chatId: string, threadId: string): string {
    const where = threadId === '' ? `chat ${chatId}` : `thread ${threadId} of chat ${chatId}`;
    return `${where} is not routed to this session ("${session.name}"): it never sent you a message and is not bound to you. A session acts only in its own conversations; to change that, bind the chat to "${session.name}" (/use ${session.name} in the chat, \`switchboard chats bind\`, or the dashboard), or name this session in settings "sessions.allChats".`;
  }
}
