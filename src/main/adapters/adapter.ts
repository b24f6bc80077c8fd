/**
 * The one interface every platform implements. Adapters turn platform events into
 * `InboundMessage`s (SDK types never leave their folder) and carry out outbound requests; the hub
 * does gating, storage, routing and delivery for all of them.
 */
import type { Platform } from '../../shared/channel';
import type { Attachment } from '../store/messages';
import type { ChatKind } from '../store/chats';

export type InboundMessage = {
  platform: Platform;
  chatId: string;
  threadId?: string;
  chatKind: ChatKind;
  /** The id groups are opted in by, when it is not chatId (a thread's parent channel). */
  groupId?: string;
  /** False where this chat may not answer permission prompts whatever the sender's role (iMessage: only the self-chat may). */
  mayAnswerPrompts?: boolean;
  /** The adapter saw a structured mention of the bot or a reply to one of its messages. */
  mentionsBot?: boolean;
  /** The bot's own username where commands may name it (`/status@name`); others' are not ours. */
  botUsername?: string;
  chatTitle?: string;
  /** The platform's own id of this message; a second message with the same id is a duplicate. */
  externalId: string;
  senderId: string;
  senderName: string;
  text: string;
  attachments: Attachment[];
  replyTo?: string;
  /** Platform-specific meta (identifier keys, string values), added to the standard keys. */
  extraMeta?: Record<string, string>;
  at: number;
};

export type OutboundFile = { path: string; name: string; size: number; mime: string };

export type SendRequest = {
  chatId: string;
  threadId: string;
  text: string;
  replyTo?: string;
  files: OutboundFile[];
  format: 'text' | 'markdownv2';
};

export type SendResult = { externalIds: string[]; attachments: Attachment[] };

export type AdapterState = 'starting' | 'connected' | 'error' | 'stopped';
export type AdapterStatus = {
  platform: Platform;
  state: AdapterState;
  detail: string;
  lastEventAt: number | null;
};

/** What the hub gives an adapter when it starts: where inbound messages go. */
export type AdapterHost = {
  /**
   * Hands over an inbound message. Resolves once the hub has handled it for good — true when
   * stored for Claude, false when deliberately not (gate, command, duplicate) — and only then may
   * the adapter move its cursor past it. While the store cannot write (a full disk) it waits and
   * retries; it rejects when the adapter stops first or on an unexpected failure, and then the
   * cursor must stay before this message so it is read again.
   */
  receive: (message: InboundMessage) => Promise<boolean>;
  /** A button press on a permission prompt; the hub checks the presser is an owner. */
  answerPrompt: (input: {
    platform: Platform;
    senderId: string;
    senderName: string;
    requestId: string;
    behavior: 'allow' | 'deny';
  }) => { ok: boolean; text: string };
  /** Whether this sender may see a prompt's details (owners only). */
  isOwner: (platform: Platform, senderId: string) => boolean;
  log: (message: string) => void;
  /** Records the machine owner's own identity (iMessage self-chat) as an allowed owner. */
  claimOwner: (platform: Platform, senderId: string, dmChatId: string, name: string) => void;
  /** The adapter's status changed (connected, error…): surfaces refresh. */
  statusChanged: () => void;
  /**
   * The platform moved a group to a new id (a Telegram group upgraded to a supergroup): its
   * settings, binding and history follow. Resolves to a sentence saying what moved.
   */
  migrateChat: (
    platform: Platform,
    from: string,
    to: string,
  ) => Promise<{ ok: true; summary: string } | { ok: false; reason: string }>;
};

/** A permission prompt as platforms render it. */
export type PromptView = {
  requestId: string;
  session: string;
  toolName: string;
  description: string;
  inputPreview: string;
};

export type PromptOutcome = { behavior: 'allow' | 'deny' | 'expired'; by: string; via: string };

export type ChannelAdapter = {
  readonly platform: Platform;
  start: (signal: AbortSignal, host: AdapterHost) => Promise<void>;
  stop: () => Promise<void>;
  status: () => AdapterStatus;
  send: (request: SendRequest) => Promise<SendResult>;
  edit: (chatId: string, externalId: string, text: string) => Promise<void>;
  react: (chatId: string, externalId: string, emoji: string) => Promise<void>;
  /** Local paths of attachments, downloading into the inbox what is not local yet. */
  fetchAttachments: (chatId: string, attachments: readonly Attachment[]) => Promise<string[]>;
  /**
   * Called after the gate accepted a message and before it is stored: the place to download what
   * must be local for Claude (photos). Never called for dropped messages.
   */
  prepare?: (message: InboundMessage) => Promise<InboundMessage>;
  /** A session received a message from this chat: show "typing…" until the reply (or a time limit). */
  working?: (chatId: string, threadId: string) => void;
  /**
   * Shows a permission prompt in a chat (with buttons where the platform has them); returns a
   * handle for settlePrompt. Platforms without it get the prompt as text through send.
   */
  sendPrompt?: (chatId: string, threadId: string, prompt: PromptView) => Promise<string>;
  /** Replaces a prompt with its outcome wherever it was shown. */
  settlePrompt?: (
    chatId: string,
    handle: string,
    prompt: PromptView,
    outcome: PromptOutcome,
  ) => Promise<void>;
};

/** A tool a platform cannot perform; the caller gets this message as an isError result. */
export class UnsupportedError extends Error {}
/** The platform refused or failed; the message says what the user can do. */
export class PlatformError extends Error {}
