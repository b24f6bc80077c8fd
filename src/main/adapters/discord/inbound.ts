/**
 * discord.js messages → InboundMessage: DMs, opted-in guild channels, threads (chat = parent
 * channel, thread_id = the thread), mentions and replies to the bot, attachments listed for lazy
 * download. Other bots and webhooks are dropped unless allowed for that channel; never our own.
 */
import { ChannelType, type Message } from 'discord.js';
import type { Attachment } from '../../store/messages';
import type { InboundMessage } from '../adapter';

export const DISCORD_PREFIX = 'dc:';

export function chatIdOf(channelId: string): string {
  return `${DISCORD_PREFIX}${channelId}`;
}

export function channelIdOf(chatId: string): string {
  if (!chatId.startsWith(DISCORD_PREFIX)) throw new Error(`not a Discord chat id: ${chatId}`);
  return chatId.slice(DISCORD_PREFIX.length);
}

const THREADS = new Set([
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);

export function toInbound(
  message: Message,
  botId: string,
  allowBotsIn: ReadonlySet<string>,
): InboundMessage | undefined {
  if (message.author.id === botId) return undefined;
  const channel = message.channel;
  const thread =
    THREADS.has(channel.type) && 'parentId' in channel && channel.parentId ? channel : undefined;
  const home = thread?.parentId ?? message.channelId;
  if ((message.author.bot || message.webhookId) && !allowBotsIn.has(home)) return undefined;
  const attachments: Attachment[] = [...message.attachments.values()].map((a) => ({
    fileId: a.url,
    name: a.name,
    mime: a.contentType ?? 'application/octet-stream',
    size: a.size,
    kind: a.contentType?.startsWith('image/') ? 'image' : 'file',
  }));
  if (message.content === '' && attachments.length === 0) return undefined;
  const dm = channel.type === ChannelType.DM;
  return {
    platform: 'discord',
    chatId: chatIdOf(home),
    ...(thread ? { threadId: thread.id } : {}),
    chatKind: dm ? 'dm' : thread ? 'thread' : 'group',
    groupId: chatIdOf(home),
    chatTitle: dm
      ? (message.author.globalName ?? message.author.username)
      : 'name' in channel && channel.name
        ? `#${channel.name}`
        : home,
    mentionsBot:
      !dm && (message.mentions.users.has(botId) || message.mentions.repliedUser?.id === botId),
    externalId: message.id,
    senderId: message.author.id,
    senderName: message.member?.displayName ?? message.author.globalName ?? message.author.username,
    text: message.content,
    attachments,
    ...(message.reference?.messageId ? { replyTo: message.reference.messageId } : {}),
    ...(message.author.bot ? { extraMeta: { author_is_bot: 'true' } } : {}),
    at: message.createdTimestamp,
  };
}
