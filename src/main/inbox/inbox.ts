/**
 * The durable inbox: every accepted message is written before anything else happens, then handed
 * to its session a few at a time. A message stays `received` until the session's helper
 * acknowledges it (it wrote the event into Claude Code's stdin and the pipe took it); a session that
 * ends abnormally gets its recent, unanswered deliveries sent again to the next session that takes
 * the chat, marked `redelivered="true"` — as is every second hand-over of any message.
 */
import type { InboundMessage } from '../adapters/adapter';
import type { SessionEnd } from '../bridge/server';
import type { HubEvents } from '../events/hub-events';
import type { AttachedSession } from '../sessions/session-registry';
import type { Logger } from '../log';
import type { Router } from '../router/router';
import type { ChatStore } from '../store/chats';
import type { DeliveryStore, PendingRef } from '../store/deliveries';
import type { KeyValueStore } from '../store/kv';
import type { MessageStore, StoredMessage } from '../store/messages';
import { toChannelEvent } from './channel-event';
import { chatKey, DeliveryQueue, type ChatQueue } from './delivery-queue';
import { DELIVERY_WINDOW, REDELIVER_WITHIN_MS } from './delivery-policy';

const ALIVE_KEY = 'inbox.alive_at';

export type InboxDeps = {
  messages: MessageStore;
  deliveries: DeliveryStore;
  kv: KeyValueStore;
  chats: ChatStore;
  router: Router;
  events: HubEvents;
  log: Logger;
  now: () => number;
  /** Unacknowledged deliveries allowed per session (default DELIVERY_WINDOW). */
  window?: number;
  /** Deliveries this recent are sent again after an abnormal end (default REDELIVER_WITHIN_MS). */
  redeliverWithinMs?: number;
};

export class Inbox {
  readonly #deps: InboxDeps;
  readonly #queue = new DeliveryQueue();
  /** Chat → the session its messages go to right now (null: they wait); cleared when routes change. */
  readonly #routes = new Map<string, AttachedSession | null>();
  readonly #window: number;
  readonly #redeliverWithin: number;
  /** Delivered messages whose update event is due (see #announce). */
  readonly #announcing: number[] = [];
  /** Sessions whose window has room again (see acknowledge). */
  readonly #refilling = new Set<AttachedSession>();

  constructor(deps: InboxDeps) {
    this.#deps = deps;
    this.#window = deps.window ?? DELIVERY_WINDOW;
    this.#redeliverWithin = deps.redeliverWithinMs ?? REDELIVER_WITHIN_MS;
    // After a restart no session's fate is known: whatever was delivered shortly before the hub
    // stopped goes out again (a helper that comes back recognises and skips what it already wrote).
    const aliveAt = Number(deps.kv.get(ALIVE_KEY) ?? 0);
    if (aliveAt > 0) {
      const reopened = deps.deliveries.reopenAll(aliveAt - this.#redeliverWithin);
      if (reopened.length > 0)
        deps.log.info(`${reopened.length} recent deliveries will be sent again after a restart`);
    }
    for (const ref of deps.deliveries.pending()) this.#queue.add(ref);
    this.heartbeat();
  }

  /** Records that the hub is alive now; a restart reopens what was delivered shortly before this. */
  heartbeat(): void {
    this.#deps.kv.set(ALIVE_KEY, String(this.#deps.now()));
  }

  /** Stores and dispatches one inbound message; undefined when it is a duplicate. */
  accept(message: InboundMessage): StoredMessage | undefined {
    const { messages, chats, events, now } = this.#deps;
    const clean = toChannelEvent(message);
    const threadId = message.threadId ?? '';
    chats.touch(
      {
        chatId: message.chatId,
        threadId,
        platform: message.platform,
        kind: message.chatKind,
        title: message.chatTitle ?? '',
      },
      now(),
    );
    const stored = messages.insert({
      platform: message.platform,
      chatId: message.chatId,
      threadId,
      direction: 'in',
      externalId: message.externalId,
      senderId: message.senderId,
      senderName: message.senderName,
      text: clean.text,
      meta: clean.meta,
      attachments: message.attachments,
      state: 'received',
      session: null,
      replyTo: message.replyTo ?? null,
      createdAt: message.at,
    });
    if (!stored) {
      this.#deps.log.debug(`dropped duplicate ${message.platform} message ${message.externalId}`);
      return undefined;
    }
    this.#queue.add(stored);
    events.emit('message', stored, 'new');
    const session = this.#routeOf(stored);
    if (session) this.#pump(session);
    return stored;
  }

  /** Routes changed (a session came or went, a binding changed): send what now can go, oldest first. */
  dispatchWaiting(): void {
    this.#routes.clear();
    const sessions = new Set<AttachedSession>();
    for (const queue of this.#queue.chats()) {
      const session = this.#routeOf(queue);
      if (session) sessions.add(session);
    }
    for (const session of sessions) this.#pump(session);
  }

  /** The helper wrote the event to Claude Code: the message is delivered; the next one may go. */
  acknowledge(session: AttachedSession, deliveryId: string): void {
    const id = Number(deliveryId);
    if (!Number.isSafeInteger(id)) return;
    // Only what is in flight to this very session: a stale or foreign id changes nothing.
    if (this.#queue.inflightTo(id) !== session.id) {
      this.#deps.log.debug(`ignored an acknowledgement of ${deliveryId} from "${session.name}"`);
      return;
    }
    this.#queue.remove(id);
    if (this.#deps.deliveries.acknowledged(id, session, this.#deps.now())) this.#announce(id);
    // Refill once the acknowledgements read together are all recorded: one refill per read.
    this.#refilling.add(session);
    if (this.#refilling.size === 1)
      queueMicrotask(() => {
        for (const next of [...this.#refilling]) {
          this.#refilling.delete(next);
          this.#pump(next);
        }
      });
  }

  /**
   * Tells surfaces a message is delivered — after the acknowledgements that arrived with this one
   * are recorded, so listeners (UI pushes, "typing…") never delay recording the next.
   */
  #announce(id: number): void {
    this.#announcing.push(id);
    if (this.#announcing.length > 1) return;
    setImmediate(() => {
      const due = this.#announcing.splice(0);
      try {
        for (const next of due) {
          const message = this.#deps.messages.get(next);
          if (message) this.#deps.events.emit('message', message, 'update');
        }
      } catch (error) {
        // The hub stopped in between (the store is closed): nobody is left to tell.
        this.#deps.log.debug(`delivered events not announced: ${String(error)}`);
      }
    });
  }

  /**
   * A session went away. Clean: what it had not acknowledged was never written, and goes out again
   * unmarked. Abnormal: that, and what it acknowledged within the redelivery window without Claude
   * answering or reacting, goes out again marked `redelivered`. Returns the messages waiting again.
   */
  sessionEnded(session: AttachedSession, end: SessionEnd): StoredMessage[] {
    this.#routes.clear();
    const released = this.#queue.releaseSession(session.id);
    if (end === 'clean') for (const id of released) this.#deps.deliveries.returned(id);
    let reopened: PendingRef[] = [];
    if (end === 'abnormal') {
      reopened = this.#deps.deliveries.reopen(session.id, this.#deps.now() - this.#redeliverWithin);
      for (const ref of reopened) this.#queue.add(ref);
    }
    if (released.length + reopened.length > 0)
      this.#deps.log.info(
        `session "${session.name}" ended (${end}): ${released.length} unacknowledged and ${reopened.length} recent deliveries wait again`,
      );
    const reopenedIds = new Set(reopened.map((r) => r.id));
    const again: StoredMessage[] = [];
    for (const id of [...released, ...reopenedIds].sort((a, b) => a - b)) {
      const message = this.#deps.messages.get(id);
      if (!message) continue;
      again.push(message);
      if (reopenedIds.has(id)) this.#deps.events.emit('message', message, 'update');
    }
    return again;
  }

  /** How many messages wait or are in flight (for status and tests). */
  waitingCount(): number {
    return this.#queue.size();
  }

  #routeOf(chat: { chatId: string; threadId: string }): AttachedSession | undefined {
    const key = chatKey(chat);
    let session = this.#routes.get(key);
    if (session === undefined) {
      const route = this.#deps.router.route(chat.chatId, chat.threadId);
      session = route.kind === 'session' ? route.session : null;
      this.#routes.set(key, session);
    }
    return session ?? undefined;
  }

  /** Fills the session's window with the oldest messages routed to it. */
  #pump(session: AttachedSession): void {
    let free = this.#window - this.#queue.inflightCount(session.id);
    if (free <= 0) return;
    const mine: ChatQueue[] = [];
    for (const queue of this.#queue.chats()) if (this.#routeOf(queue) === session) mine.push(queue);
    while (free > 0) {
      let best: number | undefined;
      for (const queue of mine) {
        const id = this.#queue.nextIn(queue);
        if (id !== undefined && (best === undefined || id < best)) best = id;
      }
      if (best === undefined) return;
      if (this.#handOver(session, best)) free -= 1;
    }
  }

  #handOver(session: AttachedSession, id: number): boolean {
    const handOver = this.#deps.deliveries.handOver(id, session.id);
    if (!handOver) {
      // No longer waiting (delivered by another path): forget it.
      this.#queue.remove(id);
      return false;
    }
    this.#queue.markInflight(id, session.id);
    session.connection.send({
      type: 'deliver',
      deliveryId: String(id),
      content: handOver.text,
      meta: handOver.attempts > 1 ? { ...handOver.meta, redelivered: 'true' } : handOver.meta,
    });
    return true;
  }
}
