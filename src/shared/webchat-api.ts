/**
 * The web chat's HTTP/WebSocket contract, shared by the hub's server and the React page.
 * Requests are parsed with these schemas on the server; the page uses the types.
 */
import { z } from 'zod';

export const WEB_CHAT_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export const MAX_WEB_TEXT_CHARS = 32 * 1024;
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** The header carrying a browser session's secret on every API call. */
export const SESSION_HEADER = 'x-switchboard-session';
/** The event WebSocket's subprotocol; a browser cannot set headers there. */
export const EVENTS_PROTOCOL = 'switchboard';
/** A second offered subprotocol `switchboard.session.<secret>` carries the session secret. */
export const SESSION_PROTOCOL_PREFIX = 'switchboard.session.';
/** `POST /api/login` (bearer dashboard token) answers with the new browser session's secret. */
export type LoginResponse = { session: string };

export const postMessageBody = z.object({
  text: z
    .string()
    .max(MAX_WEB_TEXT_CHARS, `messages are limited to ${MAX_WEB_TEXT_CHARS} characters`),
  /** Client-chosen id so a retried post is not stored twice. */
  nonce: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
  files: z.array(z.string().max(64)).max(10).default([]),
});
export type PostMessageBody = z.input<typeof postMessageBody>;

export const bindingBody = z.object({ session: z.string().min(1).max(64).nullable() });
export const verdictBody = z.object({
  behavior: z.enum(['allow', 'deny']),
  session: z.string().max(64).optional(),
});

export type WebAttachment = { fileId: string; name: string; mime: string; size: number };

export type WebMessage = {
  id: string;
  chatId: string;
  direction: 'in' | 'out';
  sender: string;
  text: string;
  ts: number;
  state: 'received' | 'delivered' | 'answered' | 'sent';
  session: string | null;
  attachments: WebAttachment[];
  reactions: Array<{ emoji: string; by: string }>;
  editedAt: number | null;
};

/** `channels: 'disabled'`: started without the channel flag; it gets no chats. */
export type WebSession = {
  name: string;
  /** The remote machine it runs on, for sessions named `REMOTE:session`. */
  host?: string;
  cwd: string;
  attachedAt: number;
  channels: 'enabled' | 'disabled' | 'unknown';
};
export type WebChat = {
  chatId: string;
  threadId: string;
  platform: string;
  kind: 'dm' | 'group' | 'thread';
  title: string;
  boundSession: string | null;
  lastMessageAt: number;
};
export type WebPermission = {
  request_id: string;
  session: string;
  tool_name: string;
  description: string;
  input_preview: string;
  createdAt: number;
  /** Where showing the prompt in a chat failed (refused, sent short instead). */
  problems?: string[];
};

/** A pairing request waiting for the owner: who, from where, and the first words they sent. */
export type WebPairing = {
  code: string;
  platform: string;
  sender: string;
  name: string;
  preview: string;
  expiresAt: number;
  /** Approving without choosing makes this person the platform's owner (its very first person). */
  becomesOwner?: boolean;
};

export type WebState = {
  sessions: WebSession[];
  /** Every chat, most recent first (web chats and the platforms'), with its binding. */
  chats: WebChat[];
  permissions: WebPermission[];
  pairings: WebPairing[];
  ownerName: string;
};

export const pairingActionBody = z.object({ action: z.enum(['approve', 'deny', 'block']) });
export const chatBindingBody = z.object({
  chatId: z.string().min(1).max(512),
  threadId: z.string().max(128).default(''),
  session: z.string().min(1).max(64).nullable(),
});

export type WebEvent =
  | { type: 'message'; message: WebMessage }
  | { type: 'sessions'; sessions: WebSession[] }
  | { type: 'permissions'; permissions: WebPermission[] }
  | { type: 'pairings'; pairings: WebPairing[] }
  | { type: 'changed'; what: 'platforms' | 'senders' | 'settings' | 'secrets' | 'remotes' };
