/**
 * The Claude Code channel contract, as data: capability names, notification methods, the shapes
 * Claude Code accepts, and the typed-verdict grammar. See docs/architecture.md, "Channel contract".
 */
import { z } from 'zod';

export const SERVER_NAME = 'switchboard';

export const CHANNEL_CAPABILITY = 'claude/channel';
export const PERMISSION_CAPABILITY = 'claude/channel/permission';

export const CHANNEL_NOTIFICATION = 'notifications/claude/channel';
export const PERMISSION_REQUEST_NOTIFICATION = 'notifications/claude/channel/permission_request';
export const PERMISSION_VERDICT_NOTIFICATION = 'notifications/claude/channel/permission';

/** Claude Code drops meta keys that do not match this, and the reserved key `source`. */
export const META_KEY_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
export const RESERVED_META_KEYS: ReadonlySet<string> = new Set(['source']);

/** Request ids are five letters from a–z without `l` (Claude Code avoids 1/l confusion). */
export const REQUEST_ID_PATTERN = /^[a-km-z]{5}$/;

/** The grammar the official plugins accept for typed answers: `yes abcde`, `n abcde`. */
export const TYPED_VERDICT_PATTERN = /^\s*(y|yes|n|no)\s+([a-km-z]{5})\s*$/i;

export const PLATFORMS = ['telegram', 'discord', 'imessage', 'web'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;

/** Prefix of every `chat_id` per platform, so one `reply(chat_id)` tool serves all of them. */
export const CHAT_ID_PREFIX: Readonly<Record<Platform, string>> = {
  telegram: 'tg:',
  discord: 'dc:',
  imessage: 'im:',
  web: 'web:',
};

/** Maps a global chat id (`web:main`) back to its platform, or undefined for an unknown prefix. */
export function platformOfChat(chatId: string): Platform | undefined {
  return PLATFORMS.find((platform) => chatId.startsWith(CHAT_ID_PREFIX[platform]));
}

export const channelMetaSchema = z.record(z.string().regex(META_KEY_PATTERN), z.string());
export type ChannelMeta = z.infer<typeof channelMetaSchema>;

/** What the helper emits as `notifications/claude/channel` params. */
export const channelEventSchema = z.object({
  content: z.string(),
  meta: channelMetaSchema,
});
export type ChannelEvent = z.infer<typeof channelEventSchema>;

export const permissionRequestSchema = z.object({
  request_id: z.string().regex(REQUEST_ID_PATTERN),
  tool_name: z.string().max(200),
  description: z.string().max(10_000),
  input_preview: z.string().max(20_000),
});
export type PermissionRequest = z.infer<typeof permissionRequestSchema>;

export const behaviorSchema = z.enum(['allow', 'deny']);
export type Behavior = z.infer<typeof behaviorSchema>;

export const permissionVerdictSchema = z.object({
  request_id: z.string().regex(REQUEST_ID_PATTERN),
  behavior: behaviorSchema,
});
export type PermissionVerdict = z.infer<typeof permissionVerdictSchema>;

/** Parses a typed answer such as `yes abcde`; undefined when the text is an ordinary message. */
export function parseTypedVerdict(text: string): PermissionVerdict | undefined {
  const match = TYPED_VERDICT_PATTERN.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  const behavior = match[1].toLowerCase().startsWith('y') ? 'allow' : 'deny';
  return { request_id: match[2].toLowerCase(), behavior };
}
