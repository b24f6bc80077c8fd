/**
 * The inbox's in-memory view of what waits: every unacknowledged inbound message by chat, oldest
 * first, and which of them are in flight to which session. It mirrors the database (state
 * `received`) so that handing out the next message after an acknowledgement costs no table scan.
 */
import type { PendingRef } from '../store/deliveries';

export type ChatQueue = { chatId: string; threadId: string; ids: number[] };

export class DeliveryQueue {
  readonly #chats = new Map<string, ChatQueue>();
  /** Message id → its chat's key. */
  readonly #keyOf = new Map<number, string>();
  /** Message id → the session it is in flight to. */
  readonly #inflight = new Map<number, string>();
  readonly #perSession = new Map<string, Set<number>>();

  /** Adds a waiting message, keeping its chat's queue in id order; a message already here is kept once. */
  add(ref: PendingRef): void {
    const key = chatKey(ref);
    let queue = this.#chats.get(key);
    if (!queue) {
      queue = { chatId: ref.chatId, threadId: ref.threadId, ids: [] };
      this.#chats.set(key, queue);
    }
    if (this.#keyOf.has(ref.id)) return;
    this.#keyOf.set(ref.id, key);
    const { ids } = queue;
    let at = ids.length;
    while (at > 0 && (ids[at - 1] ?? 0) > ref.id) at--;
    ids.splice(at, 0, ref.id);
  }

  has(id: number): boolean {
    return this.#keyOf.has(id);
  }

  /** The message left the queue (acknowledged, or no longer waiting). */
  remove(id: number): void {
    this.#clearInflight(id);
    const key = this.#keyOf.get(id);
    if (key === undefined) return;
    this.#keyOf.delete(id);
    const queue = this.#chats.get(key);
    if (!queue) return;
    const index = queue.ids.indexOf(id);
    if (index >= 0) queue.ids.splice(index, 1);
    if (queue.ids.length === 0) this.#chats.delete(key);
  }

  /** Chats with waiting messages. */
  chats(): Iterable<ChatQueue> {
    return this.#chats.values();
  }

  size(): number {
    return this.#keyOf.size;
  }

  /** The oldest message of a chat that is not in flight anywhere. */
  nextIn(queue: ChatQueue): number | undefined {
    for (const id of queue.ids) if (!this.#inflight.has(id)) return id;
    return undefined;
  }

  inflightTo(id: number): string | undefined {
    return this.#inflight.get(id);
  }

  inflightCount(sessionId: string): number {
    return this.#perSession.get(sessionId)?.size ?? 0;
  }

  markInflight(id: number, sessionId: string): void {
    this.#inflight.set(id, sessionId);
    let set = this.#perSession.get(sessionId);
    if (!set) {
      set = new Set();
      this.#perSession.set(sessionId, set);
    }
    set.add(id);
  }

  /** Everything in flight to a session is waiting again; returns those ids, oldest first. */
  releaseSession(sessionId: string): number[] {
    const ids = [...(this.#perSession.get(sessionId) ?? [])].sort((a, b) => a - b);
    for (const id of ids) this.#inflight.delete(id);
    this.#perSession.delete(sessionId);
    return ids;
  }

  #clearInflight(id: number): void {
    const sessionId = this.#inflight.get(id);
    if (sessionId === undefined) return;
    this.#inflight.delete(id);
    const set = this.#perSession.get(sessionId);
    set?.delete(id);
    if (set?.size === 0) this.#perSession.delete(sessionId);
  }
}

export function chatKey(chat: { chatId: string; threadId: string }): string {
  return `${chat.chatId}\u0000${chat.threadId}`;
}
