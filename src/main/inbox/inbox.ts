/**
 * The durable inbox: every accepted message is written before anything else happens, then handed
 * to its session; a message stays `received` until the session's helper acknowledges it, so a
 * helper or hub that goes away loses nothing — it is sent again on the next attach.
 */
import type { InboundMessage } from '../adapters/adapter';
import type { HubEvents } from '../events/hub-events';
import type { AttachedSession } from '../sessions/session-registry';
import type { Logger } from '../log';
import type { Router } from '../router/router';
import type { ChatStore } from '../store/chats';
import type { MessageStore, StoredMessage } from '../store/messages';
import { toChannelEvent } from './channel-event';

export type InboxDeps = {
  messages: MessageStore;
  chats: ChatStore;
  router: Router;
  events: HubEvents;
  log: Logger;
  now: () => number;
};

export class Inbox {
  readonly #deps: InboxDeps;
  /** Message id → id of the session it was sent to and that has not acknowledged it yet. */
  readonly #inflight = new Map<number, string>();

  constructor(deps: InboxDeps) {
    this.#deps = deps;
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
    events.emit('message', stored, 'new');
    this.#send(stored);
    return stored;
  }

  /** Sends every waiting message whose route is now attached, oldest first. */
  dispatchWaiting(): void {
    for (const message of this.#deps.messages.waiting()) this.#send(message);
  }

  /** The helper emitted the event: the message is delivered. */
  acknowledge(session: AttachedSession, deliveryId: string): void {
    const id = Number(deliveryId);
    if (!Number.isSafeInteger(id)) return;
    if (this.#inflight.get(id) === session.id) this.#inflight.delete(id);
    if (this.#deps.messages.markDelivered(id, session.name, this.#deps.now())) {
      const message = this.#deps.messages.get(id);
      if (message) this.#deps.events.emit('message', message, 'update');
    }
  }

  /** A session went away: what it had not acknowledged becomes sendable again. */
  release(session: AttachedSession): void {
    for (const [id, sessionId] of this.#inflight)
      if (sessionId === session.id) this.#inflight.delete(id);
  }

  #send(message: StoredMessage): void {
    const route = this.#deps.router.route(message.chatId, message.threadId);
    if (route.kind !== 'session') return;
    const { session } = route;
    // Already with a session that is still attached: wait for its acknowledgement.
    if (this.#inflight.has(message.id)) return;
    this.#inflight.set(message.id, session.id);
    session.connection.send({
      type: 'deliver',
      deliveryId: String(message.id),
      content: message.text,
      meta: message.meta,
    });
  }
}
