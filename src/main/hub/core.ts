/**
 * The hub's state and decisions, independent of how it is reached: the bridge server, the HTTP
 * server and the control protocol all call into this object.
 */
import { userInfo } from 'node:os';
import type { Platform, PermissionRequest } from '../../shared/channel';
import type { CallFrame, HelloFrame } from '../../shared/bridge-protocol';
import type {
  WebChat,
  WebMessage,
  WebPermission,
  WebSession,
  WebState,
} from '../../shared/webchat-api';
import type { ChannelAdapter, InboundMessage } from '../adapters/adapter';
import type { BridgeConnection, HelloOutcome } from '../bridge/server';
import { Inbox } from '../inbox/inbox';
import type { Logger } from '../log';
import { PermissionBroker } from '../permissions/broker';
import { Router } from '../router/router';
import type { Settings } from '../settings/settings';
import type { StoredMessage } from '../store/messages';
import type { Store } from '../store/store';
import type { HubEvents } from './events';
import { SessionRegistry, type AttachedSession } from './session-registry';
import { runToolCall } from './tool-calls';

export type HubCoreDeps = {
  store: Store;
  events: HubEvents;
  adapters: ReadonlyMap<Platform, ChannelAdapter>;
  settings: Settings;
  home: string;
  inbox: string;
  log: Logger;
  now: () => number;
};

export class HubCore {
  readonly sessions = new SessionRegistry();
  readonly inbox: Inbox;
  readonly broker: PermissionBroker;
  readonly router: Router;
  readonly #deps: HubCoreDeps;
  readonly ownerName: string;

  constructor(deps: HubCoreDeps) {
    this.#deps = deps;
    this.router = new Router(deps.store.chats, this.sessions);
    this.inbox = new Inbox({
      messages: deps.store.messages,
      chats: deps.store.chats,
      router: this.router,
      events: deps.events,
      log: deps.log,
      now: deps.now,
    });
    this.broker = new PermissionBroker({
      store: deps.store.permissions,
      sessions: this.sessions,
      audit: deps.store.audit,
      events: deps.events,
      log: deps.log,
      now: deps.now,
    });
    this.ownerName = deps.settings.ownerName ?? safeUserName();
    deps.store.sessions.detachAll(deps.now());
  }

  get store(): Store {
    return this.#deps.store;
  }

  // ── bridge ────────────────────────────────────────────────────────────────

  hello(connection: BridgeConnection, frame: HelloFrame): HelloOutcome {
    const session = this.sessions.attach(frame, connection, this.#deps.now());
    this.#deps.store.sessions.attached(session);
    this.#deps.log.info(`session "${session.name}" attached (pid ${session.pid}, ${session.cwd})`);
    this.#deps.events.emit('sessions');
    // Deliver what waited for this session after the welcome frame has gone out.
    queueMicrotask(() => this.inbox.dispatchWaiting());
    return { ok: true, sessionId: session.id, name: session.name };
  }

  closed(connection: BridgeConnection): void {
    const session = this.sessions.detach(connection);
    if (!session) return;
    this.inbox.release(session);
    this.#deps.store.sessions.detached(session.id, this.#deps.now());
    this.#deps.log.info(`session "${session.name}" detached`);
    this.#deps.events.emit('sessions');
    // Unbound chats now route to another session, if any is attached.
    this.inbox.dispatchWaiting();
  }

  delivered(connection: BridgeConnection, deliveryId: string): void {
    const session = this.sessions.byConnection(connection);
    if (session) this.inbox.acknowledge(session, deliveryId);
  }

  permissionRequest(connection: BridgeConnection, request: PermissionRequest): void {
    const session = this.sessions.byConnection(connection);
    if (session) this.broker.request(session, request);
  }

  call(connection: BridgeConnection, frame: CallFrame): void {
    const session = this.sessions.byConnection(connection);
    if (!session) return;
    const deps = { ...this.#deps, adapters: this.#deps.adapters };
    void runToolCall(deps, session, frame.tool, frame.args).then((outcome) => {
      if (!outcome.ok)
        this.#deps.log.info(`tool ${frame.tool} from ${session.name} failed: ${outcome.error}`);
      connection.send(
        outcome.ok
          ? { type: 'result', id: frame.id, ok: true, text: outcome.text }
          : { type: 'result', id: frame.id, ok: false, error: outcome.error },
      );
    });
  }

  // ── inbound from adapters ────────────────────────────────────────────────

  receive(message: InboundMessage): StoredMessage | undefined {
    return this.inbox.accept(message);
  }

  /** Binds a chat to a session name (null: follow the most recent session) and re-routes what waits. */
  bind(chatId: string, threadId: string, session: string | null, by: string): void {
    this.#deps.store.chats.bind(chatId, threadId, session);
    this.#deps.store.audit.write({
      kind: 'binding.changed',
      actor: by,
      subject: chatId,
      detail: { threadId, session },
    });
    this.inbox.dispatchWaiting();
  }

  // ── views ────────────────────────────────────────────────────────────────

  attachedSessions(): AttachedSession[] {
    return this.sessions.list();
  }

  webSessions(): WebSession[] {
    return this.sessions
      .list()
      .map((s) => ({ name: s.name, cwd: s.cwd, attachedAt: s.attachedAt }));
  }

  webPermissions(): WebPermission[] {
    return this.broker.pending().map((r) => ({
      request_id: r.request_id,
      session: r.sessionName,
      tool_name: r.tool_name,
      description: r.description,
      input_preview: r.input_preview,
      createdAt: r.createdAt,
    }));
  }

  webState(): WebState {
    const chats: WebChat[] = this.#deps.store.chats.listByPlatform('web').map((c) => ({
      chatId: c.chatId,
      title: c.title,
      boundSession: c.boundSession,
      lastMessageAt: c.lastMessageAt,
    }));
    return {
      sessions: this.webSessions(),
      chats,
      permissions: this.webPermissions(),
      ownerName: this.ownerName,
    };
  }

  adapterStatuses(): ReturnType<ChannelAdapter['status']>[] {
    return [...this.#deps.adapters.values()].map((a) => a.status());
  }
}

export function toWebMessage(message: StoredMessage): WebMessage {
  return {
    id: message.externalId,
    chatId: message.chatId,
    direction: message.direction,
    sender: message.senderName,
    text: message.text,
    ts: message.createdAt,
    state: message.state,
    session: message.session,
    attachments: message.attachments.map(({ fileId, name, mime, size }) => ({
      fileId,
      name,
      mime,
      size,
    })),
    reactions: message.reactions,
    editedAt: message.editedAt,
  };
}

function safeUserName(): string {
  try {
    return userInfo().username || 'owner';
  } catch {
    return 'owner';
  }
}
