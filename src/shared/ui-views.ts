/**
 * What the dashboard's read-side calls return (conversations, histories, sessions, prompts, the
 * first-run checklist). Plain data built by src/main/ui/ui-views.ts from the store; the renderer
 * only shows it.
 */
import type { WebAttachment } from './webchat-api';

export type PlatformName = 'web' | 'telegram' | 'discord' | 'imessage';

/** Where a conversation's next message goes: a session now, or waiting (for one, or for any). */
export type RouteView =
  | { kind: 'session'; session: string }
  | { kind: 'wait-bound'; session: string }
  | { kind: 'wait-any' };

/** One chat (or one thread of a group) on any platform, for the conversations list. */
export type ConversationView = {
  chatId: string;
  threadId: string;
  platform: string;
  kind: 'dm' | 'group' | 'thread';
  title: string;
  /** The group a thread belongs to, by its title, when known. */
  parentTitle: string | null;
  boundSession: string | null;
  route: RouteView;
  lastMessageAt: number;
  /** The newest message's first characters and who sent it, when there is one. */
  lastMessage: { text: string; sender: string; role: SenderRole } | null;
  /** Messages since the owner last opened the conversation (not their own web chat messages). */
  unread: number;
  /** Accepted messages no session has taken yet. */
  queued: number;
  /** Delivered to a session that has not replied in this chat since. */
  awaitingReply: number;
};

/** Who wrote a message: the local owner at the web chat, a platform sender, Claude, the hub. */
export type SenderRole = 'you' | 'owner' | 'member' | 'guest' | 'claude' | 'switchboard';

export type HistoryMessage = {
  /** The database id: stable order, and the cursor for older pages. */
  id: number;
  direction: 'in' | 'out';
  role: SenderRole;
  sender: string;
  text: string;
  ts: number;
  /** In: received (queued), delivered, answered. Out: sent. */
  state: 'received' | 'delivered' | 'answered' | 'sent';
  /** In: the session it was delivered to. Out: the session that sent it (Claude's replies). */
  session: string | null;
  deliveredAt: number | null;
  editedAt: number | null;
  attachments: WebAttachment[];
  reactions: Array<{ emoji: string; by: string }>;
};

export type HistoryPage = { messages: HistoryMessage[]; hasMore: boolean };

/** A session as the Sessions view shows it: live ones first, then the ones seen recently. */
export type SessionDetailView = {
  name: string;
  /** The remote machine it runs on (its name is `REMOTE:session`); null on this machine. */
  host: string | null;
  cwd: string;
  pid: number;
  state: 'attached' | 'channels-off' | 'detached';
  channels: 'enabled' | 'disabled' | 'unknown' | null;
  attachedAt: number;
  detachedAt: number | null;
  /** Messages bound to this session waiting for it. */
  queued: number;
  boundChats: Array<{ chatId: string; threadId: string; platform: string; title: string }>;
  lastReceivedAt: number | null;
  lastRepliedAt: number | null;
};

export type PendingPromptView = {
  request_id: string;
  session: string;
  tool_name: string;
  description: string;
  input_preview: string;
  createdAt: number;
  expiresAt: number;
  /** Where showing it in a chat failed (a platform refused it; sent short instead). */
  problems?: string[];
};

/** A settled prompt: who answered, from where, when (or that it expired, and why). */
export type SettledPromptView = {
  request_id: string;
  session: string;
  tool_name: string;
  description: string;
  verdict: 'allow' | 'deny' | 'expired';
  /** 'you' for the local owner and the owner you paired as yourself; else a person's name. */
  by: string;
  /** Where: 'the dashboard', 'Telegram', … or, for an expiry, the reason. */
  via: string;
  decidedAt: number;
};

export type PromptsView = { pending: PendingPromptView[]; recent: SettledPromptView[] };

export type FirstRunStep = 'claude' | 'platform' | 'pair' | 'message';

/** The first-run checklist: each step done or not, from the hub's real state. */
export type FirstRunView = {
  steps: Record<FirstRunStep, boolean>;
  /** The owner hid the checklist before finishing it. */
  dismissed: boolean;
};

/** Where a remote's ssh link is: not kept up, starting, up, or waiting to retry after a failure. */
export type RemoteLinkState = 'stopped' | 'preparing' | 'connecting' | 'connected' | 'waiting';

/** A remote machine whose sessions reach this hub over ssh (`switchboard remote …`). */
export type RemoteUiView = {
  name: string;
  /** `[user@]host` it was last connected to; null before the first `remote connect`. */
  host: string | null;
  link: {
    state: RemoteLinkState;
    since: number;
    /** Why the last attempt failed (waiting). */
    error: string | null;
    retryAt: number | null;
  };
  /** The hub keeps it linked (set by `remote connect`, cleared by `remote disconnect`). */
  keepConnected: boolean;
  /** Its attached sessions, `REMOTE:session`. */
  sessions: string[];
  lastSeenAt: number | null;
};
