/**
 * The dashboard's read side: conversations with their counts and route, one conversation's
 * history with each message's state and its sender's role, sessions with their activity, prompts
 * pending and settled, and the first-run checklist — all built from the store and the live hub.
 */
import type {
  ConversationView,
  FirstRunView,
  HistoryMessage,
  HistoryPage,
  PromptsView,
  RouteView,
  SenderRole,
  SessionDetailView,
  SettledPromptView,
} from '../../shared/ui-views';
import { VIA_LABEL } from '../adapters/prompt-text';
import type { HubCore } from '../hub/core';
import type { StoredMessage } from '../store/messages';
import type { StoredPermissionRequest } from '../store/permissions';
import { conversationKey, type UiQueries } from '../store/ui-queries';

export type ViewDeps = {
  core: HubCore;
  queries: UiQueries;
  /** Minutes after which an unanswered prompt expires (settings). */
  expireAfterMinutes: () => number;
  now: () => number;
};

const PREVIEW_CHARS = 140;
const HISTORY_PAGE = 100;
const RECENT_PROMPTS = 20;
/** Surfaces on this machine: whoever answers there is the local owner, "you". */
const LOCAL_VIA = new Set(['cli', 'dashboard', 'menubar', 'notification', 'web']);
export const FIRST_RUN_CLAUDE_KEY = 'ui.first-run.claude-connected';
export const FIRST_RUN_DISMISSED_KEY = 'ui.first-run.dismissed';

/** Resolves senders' roles once per call (a history page repeats the same few senders). */
function roleResolver(core: HubCore): (message: StoredMessage) => SenderRole {
  const cache = new Map<string, SenderRole>();
  return (message) => {
    if (message.direction === 'out')
      return message.senderId === 'claude' ? 'claude' : 'switchboard';
    if (message.platform === 'web') return 'you';
    const id = `${message.platform}:${message.senderId}`;
    let role = cache.get(id);
    if (role === undefined) {
      const sender = core.store.senders.get(message.platform, message.senderId);
      role = sender?.status === 'allowed' ? sender.role : 'guest';
      cache.set(id, role);
    }
    return role;
  };
}

function routeView(core: HubCore, chatId: string, threadId: string): RouteView {
  const route = core.router.route(chatId, threadId);
  switch (route.kind) {
    case 'session':
      return { kind: 'session', session: route.session.name };
    case 'wait-bound':
      return { kind: 'wait-bound', session: route.name };
    case 'wait-any':
      return { kind: 'wait-any' };
  }
}

export function conversations(deps: ViewDeps): ConversationView[] {
  const { core, queries } = deps;
  const counts = queries.counts();
  const role = roleResolver(core);
  const chats = core.store.chats.recent(500);
  const titles = new Map(chats.filter((c) => c.threadId === '').map((c) => [c.chatId, c.title]));
  // A DM without a title is named after the person on the other end.
  const people = new Map(
    core.access
      .senders()
      .filter((s) => s.dmChatId !== null && s.displayName !== '')
      .map((s) => [s.dmChatId ?? '', s.displayName]),
  );
  const lastSender = (id: number | null): string =>
    id === null ? '' : (core.store.messages.get(id)?.senderName ?? '');
  const views = chats.map((chat): ConversationView => {
    const count = counts.get(conversationKey(chat.chatId, chat.threadId));
    const last =
      count?.lastMessageId == null ? undefined : core.store.messages.get(count.lastMessageId);
    return {
      chatId: chat.chatId,
      threadId: chat.threadId,
      platform: chat.platform,
      kind: chat.kind,
      title:
        chat.title ||
        (chat.kind === 'dm'
          ? (people.get(chat.chatId) ?? lastSender(count?.lastInboundId ?? null))
          : ''),
      parentTitle: chat.threadId === '' ? null : (titles.get(chat.chatId) ?? null),
      boundSession: chat.boundSession,
      route: routeView(core, chat.chatId, chat.threadId),
      lastMessageAt: Math.max(chat.lastMessageAt, last?.createdAt ?? 0),
      lastMessage: last
        ? { text: last.text.slice(0, PREVIEW_CHARS), sender: last.senderName, role: role(last) }
        : null,
      unread: count?.unread ?? 0,
      queued: count?.queued ?? 0,
      awaitingReply: count?.awaitingReply ?? 0,
    };
  });
  return views.sort((a, b) => b.lastMessageAt - a.lastMessageAt);
}

export function history(
  deps: ViewDeps,
  chatId: string,
  threadId: string,
  beforeId: number | null,
): HistoryPage {
  const { core, queries } = deps;
  const role = roleResolver(core);
  const ids = queries.historyIds(chatId, threadId, HISTORY_PAGE + 1, beforeId ?? undefined);
  const hasMore = ids.length > HISTORY_PAGE;
  const messages: HistoryMessage[] = [];
  for (const id of hasMore ? ids.slice(1) : ids) {
    const m = core.store.messages.get(id);
    if (!m) continue;
    messages.push({
      id: m.id,
      direction: m.direction,
      role: role(m),
      sender: m.senderName,
      text: m.text,
      ts: m.createdAt,
      state: m.state,
      session: m.session,
      deliveredAt: m.deliveredAt,
      editedAt: m.editedAt,
      attachments: m.attachments.map(({ fileId, name, mime, size }) => ({
        fileId,
        name,
        mime,
        size,
      })),
      reactions: m.reactions,
    });
  }
  return { messages, hasMore };
}

export function sessionDetails(deps: ViewDeps): SessionDetailView[] {
  const { core, queries } = deps;
  const activity = queries.sessionActivity();
  const queued = queries.queuedBySession();
  const chats = core.store.chats.recent(500);
  const common = (name: string) => ({
    queued: queued.get(name) ?? 0,
    boundChats: chats
      .filter((c) => c.boundSession === name)
      .map((c) => ({
        chatId: c.chatId,
        threadId: c.threadId,
        platform: c.platform,
        title: c.title,
      })),
    lastReceivedAt: activity.get(name)?.lastReceivedAt ?? null,
    lastRepliedAt: activity.get(name)?.lastRepliedAt ?? null,
  });
  const live = core.sessions.list().map((s): SessionDetailView => ({
    name: s.name,
    host: s.remote ?? null,
    cwd: s.cwd,
    pid: s.pid,
    state: s.channels === 'disabled' ? 'channels-off' : 'attached',
    channels: s.channels,
    attachedAt: s.attachedAt,
    detachedAt: null,
    ...common(s.name),
  }));
  const seen = new Set(live.map((s) => s.name));
  const gone: SessionDetailView[] = [];
  for (const record of core.store.sessions.recent(50)) {
    if (seen.has(record.name)) continue;
    seen.add(record.name);
    gone.push({
      name: record.name,
      // Only remote sessions have a ':' in their name (`REMOTE:session`).
      host: record.name.includes(':') ? (record.name.split(':')[0] ?? null) : null,
      cwd: record.cwd,
      pid: record.pid,
      state: 'detached',
      channels: null,
      attachedAt: record.attachedAt,
      detachedAt: record.detachedAt ?? record.lastSeenAt,
      ...common(record.name),
    });
  }
  return [...live.reverse(), ...gone];
}

/** "you" for local surfaces and for the owner paired first on a platform (yourself, by design). */
function decider(core: HubCore, request: StoredPermissionRequest): string {
  const via = request.decidedVia ?? '';
  if (LOCAL_VIA.has(via)) return 'you';
  const by = request.decidedBy ?? '';
  const match = /^(.*) \((\w+):(.+)\)$/.exec(by);
  if (!match) return by;
  const [, name = by, platform = '', senderId = ''] = match;
  const owners = core.store.senders
    .list()
    .filter((s) => s.platform === platform && s.role === 'owner' && s.status === 'allowed')
    .sort((a, b) => a.createdAt - b.createdAt);
  return owners[0]?.senderId === senderId ? 'you' : name;
}

export function prompts(deps: ViewDeps): PromptsView {
  const { core, queries } = deps;
  const ttl = deps.expireAfterMinutes() * 60_000;
  const pending = core.broker.pending().map((r) => ({
    request_id: r.request_id,
    session: r.sessionName,
    tool_name: r.tool_name,
    description: r.description,
    input_preview: r.input_preview,
    createdAt: r.createdAt,
    expiresAt: r.createdAt + ttl,
    problems: core.promptProblems(r),
  }));
  const recent: SettledPromptView[] = [];
  for (const { id, request_id } of queries.settledPromptIds(RECENT_PROMPTS)) {
    const r = core.store.permissions.byRequestId(request_id).find((p) => p.id === id);
    if (!r?.verdict) continue;
    recent.push({
      request_id: r.request_id,
      session: r.sessionName,
      tool_name: r.tool_name,
      description: r.description,
      verdict: r.verdict,
      by: r.verdict === 'expired' ? 'Switchboard' : decider(core, r),
      via:
        r.verdict === 'expired'
          ? (r.decidedVia ?? '')
          : (VIA_LABEL[r.decidedVia ?? ''] ?? r.decidedVia ?? ''),
      decidedAt: r.decidedAt ?? r.createdAt,
    });
  }
  return { pending, recent };
}

/** Each step from real state; "connected" is remembered once a channel session has attached. */
export function firstRun(deps: ViewDeps, platformAdded: boolean): FirstRunView {
  const { core, queries } = deps;
  const kv = core.store.kv;
  let claude = kv.get(FIRST_RUN_CLAUDE_KEY) !== undefined;
  if (!claude && core.sessions.list().some((s) => s.channels !== 'disabled')) {
    kv.set(FIRST_RUN_CLAUDE_KEY, String(deps.now()));
    claude = true;
  }
  const pair = core.access
    .senders()
    .some((s) => s.platform !== 'web' && s.role === 'owner' && s.status === 'allowed');
  return {
    steps: {
      claude,
      platform: platformAdded,
      pair,
      message: queries.platformMessageDelivered(),
    },
    dismissed: kv.get(FIRST_RUN_DISMISSED_KEY) === '1',
  };
}
