/**
 * The hub's state and decisions, independent of how it is reached: the bridge server, the HTTP
 * server and the control protocol all call into this object.
 */
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Platform, PermissionRequest } from '../../shared/channel';
import type { CallFrame, HelloFrame } from '../../shared/bridge-protocol';
import type {
  WebChat,
  WebMessage,
  WebPairing,
  WebPermission,
  WebSession,
  WebState,
} from '../../shared/webchat-api';
import type { ChannelAdapter, InboundMessage } from '../adapters/adapter';
import type { BridgeConnection, HelloOutcome, SessionEnd } from '../bridge/server';
import { Gate } from '../gate/gate';
import { PairingService } from '../gate/pairing';
import { Inbox } from '../inbox/inbox';
import { drop, type Logger } from '../log';
import { PermissionBroker } from '../permissions/broker';
import { Router } from '../router/router';
import type { Settings } from '../settings/settings';
import type { StoredMessage } from '../store/messages';
import type { StoredPermissionRequest } from '../store/permissions';
import type { Store } from '../store/store';
import type { HubEvents } from '../events/hub-events';
import { AccessService } from './access';
import { InboundPipeline, type InboundOutcome } from './inbound';
import { createPromptFanout, type PromptFanoutWithProblems } from './prompt-fanout';
import { SessionRegistry, type AttachedSession } from '../sessions/session-registry';
import { runToolCall, type ToolCallDeps } from './tool-calls';
import { ToolScope } from './tool-scope';
import type { FilePolicy } from './outbound-files';
import type { ProjectService } from '../launcher/project-service';
import { ProjectCommands } from './project-commands';

/** A chat's "typing…" is (re)started at most this often. */
const TYPING_RESTART_MS = 1_000;

export type HubCoreDeps = {
  store: Store;
  events: HubEvents;
  adapters: ReadonlyMap<Platform, ChannelAdapter>;
  settings: () => Settings;
  home: string;
  inbox: string;
  log: Logger;
  now: () => number;
  /** The attached sessions (made here unless the caller shares one with the launcher). */
  sessions?: SessionRegistry;
  /** Projects and launched sessions; without it the project commands are not offered. */
  projects?: ProjectService;
  /** Token values no file a session sends may contain (bridge, dashboard and bot tokens). */
  secretValues?: () => readonly string[];
  /** The user's home folder and the temp directory (tests point them elsewhere). */
  userHome?: string;
  tmp?: string;
};

export class HubCore {
  readonly sessions: SessionRegistry;
  readonly inbox: Inbox;
  readonly broker: PermissionBroker;
  readonly router: Router;
  readonly gate: Gate;
  readonly access: AccessService;
  readonly #inbound: InboundPipeline;
  readonly #deps: HubCoreDeps;
  readonly #tools: ToolCallDeps;
  readonly #fanout: PromptFanoutWithProblems;
  readonly ownerName: string;

  constructor(deps: HubCoreDeps) {
    this.#deps = deps;
    this.sessions = deps.sessions ?? new SessionRegistry();
    const { store, events, log, now } = deps;
    this.router = new Router(store.chats, this.sessions);
    this.inbox = new Inbox({
      messages: store.messages,
      deliveries: store.deliveries,
      kv: store.kv,
      chats: store.chats,
      router: this.router,
      events,
      log,
      now,
    });
    this.gate = new Gate(store.senders, deps.settings);
    const fanout = createPromptFanout({
      adapters: deps.adapters,
      chats: store.chats,
      router: this.router,
      settings: deps.settings,
      log,
      changed: () => events.emit('permissions'),
    });
    this.#fanout = fanout;
    this.broker = new PermissionBroker({
      store: store.permissions,
      sessions: this.sessions,
      audit: store.audit,
      events,
      log,
      now,
      fanout,
      expireAfterMs: () => deps.settings().permissions.expireAfterMinutes * 60_000,
    });
    const pairing = new PairingService({
      pairings: store.pairings,
      senders: store.senders,
      audit: store.audit,
      now,
      firstPairedIsOwner: (platform) =>
        platform === 'web' || deps.settings().access[platform].firstPairedIsOwner,
    });
    const notify = (
      chat: { platform: Platform; chatId: string; threadId: string },
      text: string,
      keep: boolean,
      format?: 'text' | 'markdownv2',
    ): void => this.notify(chat, text, keep, format);
    this.access = new AccessService({
      pairing,
      chats: store.chats,
      senders: store.senders,
      audit: store.audit,
      events,
      notify,
      now,
    });
    this.#inbound = new InboundPipeline({
      gate: this.gate,
      pairing,
      inbox: this.inbox,
      router: this.router,
      sessions: this.sessions,
      broker: this.broker,
      chats: store.chats,
      audit: store.audit,
      events,
      log,
      notify,
      noteDmChat: (platform, senderId, chatId) =>
        this.access.noteDmChat(platform, senderId, chatId),
      prepare: (message) =>
        deps.adapters.get(message.platform)?.prepare?.(message) ?? Promise.resolve(message),
      ...(deps.projects
        ? {
            projects: {
              supervisor: deps.projects.supervisor,
              commands: new ProjectCommands({
                projects: deps.projects,
                router: this.router,
                audit: store.audit,
                log,
                notify,
                bind: (chatId, threadId, session, by) => this.bind(chatId, threadId, session, by),
              }),
            },
          }
        : {}),
    });
    // "typing…" in the chat while its session works on a delivered message — started once per
    // chat per second: a burst of deliveries must not become a burst of platform requests on the
    // path that records acknowledgements.
    const typingSince = new Map<string, number>();
    events.on('message', (message) => {
      if (message.direction !== 'in' || message.state !== 'delivered') return;
      const key = `${message.chatId}\u0000${message.threadId}`;
      if (now() - (typingSince.get(key) ?? -Infinity) < TYPING_RESTART_MS) return;
      typingSince.set(key, now());
      if (typingSince.size > 1_000) typingSince.delete(typingSince.keys().next().value ?? '');
      deps.adapters.get(message.platform)?.working?.(message.chatId, message.threadId);
    });
    this.ownerName = deps.settings().ownerName ?? safeUserName();
    this.#tools = {
      store,
      gate: this.gate,
      events,
      adapters: deps.adapters,
      scope: new ToolScope(store.chats, deps.settings),
      filePolicy: (session) => this.#filePolicy(session),
      now,
    };
    // Only now: the inbox (above) has reopened what sessions still attached at the last stop had.
    store.sessions.detachAll(now());
  }

  get store(): Store {
    return this.#deps.store;
  }

  /**
   * Sends hub-originated text (pairing codes, command answers, notices) to a chat. `keep` stores it
   * in the conversation, for chats that passed the gate; pairing replies are never stored.
   */
  notify(
    chat: { platform: Platform; chatId: string; threadId: string },
    text: string,
    keep: boolean,
    format: 'text' | 'markdownv2' = 'text',
  ): void {
    const adapter = this.#deps.adapters.get(chat.platform);
    if (!adapter) return;
    const sent = adapter
      .send({ chatId: chat.chatId, threadId: chat.threadId, text, files: [], format })
      .then((result) => {
        if (!keep) return;
        for (const externalId of result.externalIds) {
          const stored = this.#deps.store.messages.insert({
            platform: chat.platform,
            chatId: chat.chatId,
            threadId: chat.threadId,
            direction: 'out',
            externalId,
            senderId: 'switchboard',
            senderName: 'Switchboard',
            text,
            meta: {},
            attachments: [],
            state: 'sent',
            session: null,
            replyTo: null,
            createdAt: this.#deps.now(),
          });
          if (stored) this.#deps.events.emit('message', stored, 'new');
        }
      });
    drop(sent, this.#deps.log);
  }

  // ── bridge ────────────────────────────────────────────────────────────────

  hello(connection: BridgeConnection, frame: HelloFrame): HelloOutcome {
    const session = this.sessions.attach(frame, connection, this.#deps.now());
    this.#deps.store.sessions.attached(session);
    this.#deps.log.info(
      `session "${session.name}" attached (pid ${session.pid}, ${session.cwd}, channels ${session.channels})`,
    );
    this.#deps.events.emit('sessions');
    // Deliver what waited for this session after the welcome frame has gone out.
    queueMicrotask(() => this.inbox.dispatchWaiting());
    return { ok: true, sessionId: session.id, name: session.name };
  }

  closed(connection: BridgeConnection, end: SessionEnd = 'abnormal'): void {
    const session = this.sessions.detach(connection);
    if (!session) return;
    const again = this.inbox.sessionEnded(session, end);
    this.broker.sessionEnded(session);
    // Stopping: the session stays "attached" on disk, so the next start treats its fate as unknown.
    if (end !== 'hub-stopping') this.#deps.store.sessions.detached(session.id, this.#deps.now());
    this.#deps.log.info(`session "${session.name}" detached`);
    this.#deps.events.emit('sessions');
    // Unbound chats now route to another session, if any is attached.
    this.inbox.dispatchWaiting();
    // Messages sent again with nowhere to go: their senders hear so once.
    if (end === 'abnormal') this.#inbound.tellWaiting(again);
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
    void runToolCall(this.#tools, session, frame.tool, frame.args).then((outcome) => {
      if (!outcome.ok)
        this.#deps.log.info(`tool ${frame.tool} from ${session.name} failed: ${outcome.error}`);
      connection.send(
        outcome.ok
          ? { type: 'result', id: frame.id, ok: true, text: outcome.text }
          : { type: 'result', id: frame.id, ok: false, error: outcome.error },
      );
    });
  }

  #filePolicy(session: AttachedSession): FilePolicy {
    const { home, inbox } = this.#deps;
    return {
      cwd: session.cwd,
      home,
      inbox,
      tmp: this.#deps.tmp ?? tmpdir(),
      userHome: this.#deps.userHome ?? homedir(),
      extraRoots: this.#deps.settings().sessions.sendFilesFrom,
      secretValues: this.#deps.secretValues?.() ?? [],
      settingsPath: join(home, 'settings.json'),
      staging: join(home, 'staging'),
    };
  }

  // ── inbound from adapters ────────────────────────────────────────────────

  receive(message: InboundMessage): Promise<InboundOutcome> {
    return this.#inbound.receive(message);
  }

  /** A button pressed on a prompt in a chat: only owners' presses count. */
  answerPrompt(input: {
    platform: Platform;
    senderId: string;
    senderName: string;
    requestId: string;
    behavior: 'allow' | 'deny';
  }): { ok: boolean; text: string } {
    const actor = `${input.platform}:${input.senderId}`;
    if (!this.isOwner(input.platform, input.senderId)) {
      this.#deps.store.audit.write({
        kind: 'permission.ignored-non-owner',
        actor,
        subject: input.requestId,
        detail: { via: input.platform },
      });
      return { ok: false, text: 'Only an owner can answer permission prompts.' };
    }
    const outcome = this.broker.decide({
      requestId: input.requestId,
      behavior: input.behavior,
      by: `${input.senderName} (${actor})`,
      via: input.platform,
    });
    if (!outcome.ok)
      return {
        ok: false,
        text: outcome.reason === 'already-answered' ? 'Already answered.' : outcome.message,
      };
    return { ok: true, text: input.behavior === 'allow' ? 'Allowed.' : 'Denied.' };
  }

  isOwner(platform: Platform, senderId: string): boolean {
    const sender = this.#deps.store.senders.get(platform, senderId);
    return sender?.status === 'allowed' && sender.role === 'owner';
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
      .map((s) => ({ name: s.name, cwd: s.cwd, attachedAt: s.attachedAt, channels: s.channels }));
  }

  webPermissions(): WebPermission[] {
    return this.broker.pending().map((r) => ({
      request_id: r.request_id,
      session: r.sessionName,
      tool_name: r.tool_name,
      description: r.description,
      input_preview: r.input_preview,
      createdAt: r.createdAt,
      problems: this.#fanout.problems(r),
    }));
  }

  /** Where showing a pending prompt in a chat went wrong (for the UI). */
  promptProblems(request: StoredPermissionRequest): string[] {
    return this.#fanout.problems(request);
  }

  webPairings(): WebPairing[] {
    return this.access.pendingPairings().map((p) => ({
      code: p.code,
      platform: p.platform,
      sender: p.senderId,
      name: p.displayName,
      preview: p.preview,
      expiresAt: p.expiresAt,
      becomesOwner: this.access.becomesOwner(p.platform),
    }));
  }

  webState(): WebState {
    const chats: WebChat[] = this.#deps.store.chats.recent().map((c) => ({
      chatId: c.chatId,
      threadId: c.threadId,
      platform: c.platform,
      kind: c.kind,
      title: c.title,
      boundSession: c.boundSession,
      lastMessageAt: c.lastMessageAt,
    }));
    return {
      sessions: this.webSessions(),
      chats,
      permissions: this.webPermissions(),
      pairings: this.webPairings(),
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
