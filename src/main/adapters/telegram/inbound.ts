/**
 * Telegram messages → InboundMessage. Decides the chat kind, forum topic, whether the bot was
 * addressed, and lists attachments (photos to be downloaded after the gate, the rest lazily).
 */
import type { Message, MessageEntity, UserFromGetMe } from 'grammy/types';
import type { Attachment } from '../../store/messages';
import type { InboundMessage } from '../adapter';

export const TELEGRAM_PREFIX = 'tg:';

export function chatIdOf(chatId: number | string): string {
  return `${TELEGRAM_PREFIX}${String(chatId)}`;
}

/** The numeric chat id Telegram expects, from our `tg:…` id. */
export function telegramChatId(chatId: string): number {
  const id = Number(chatId.slice(TELEGRAM_PREFIX.length));
  if (!chatId.startsWith(TELEGRAM_PREFIX) || !Number.isSafeInteger(id))
    throw new Error(`not a Telegram chat id: ${chatId}`);
  return id;
}

function senderName(message: Message): string {
  const from = message.from;
  if (!from) return 'unknown';
  const full = [from.first_name, from.last_name].filter(Boolean).join(' ');
  return full || from.username || String(from.id);
}

/** A mention of the bot by @username, a text mention of its user, a command to it, or a reply to it. */
export function mentionsBot(message: Message, bot: UserFromGetMe): boolean {
  if (message.reply_to_message?.from?.id === bot.id) return true;
  const text = message.text ?? message.caption ?? '';
  const entities: MessageEntity[] = message.entities ?? message.caption_entities ?? [];
  const handle = `@${bot.username}`.toLowerCase();
  return entities.some((entity) => {
    const slice = text.slice(entity.offset, entity.offset + entity.length).toLowerCase();
    if (entity.type === 'mention') return slice === handle;
    if (entity.type === 'text_mention') return entity.user.id === bot.id;
    if (entity.type === 'bot_command') return slice.endsWith(handle);
    return false;
  });
}

function attachmentsOf(message: Message): Attachment[] {
  const list: Attachment[] = [];
  const largestPhoto = message.photo?.reduce((a, b) =>
    (a.file_size ?? a.width * a.height) >= (b.file_size ?? b.width * b.height) ? a : b,
  );
  if (largestPhoto)
    list.push({
      fileId: largestPhoto.file_id,
      name: `photo-${message.message_id}.jpg`,
      mime: 'image/jpeg',
      size: largestPhoto.file_size ?? 0,
      kind: 'photo',
    });
  const document = message.document;
  if (document)
    list.push({
      fileId: document.file_id,
      name: document.file_name ?? `document-${message.message_id}`,
      mime: document.mime_type ?? 'application/octet-stream',
      size: document.file_size ?? 0,
      kind: 'document',
    });
  const media: Array<
    [
      string,
      { file_id: string; file_size?: number; mime_type?: string } | undefined,
      string,
      string,
    ]
  > = [
    ['voice', message.voice, 'audio/ogg', 'ogg'],
    ['audio', message.audio, 'audio/mpeg', 'mp3'],
    ['video', message.video, 'video/mp4', 'mp4'],
    ['video_note', message.video_note, 'video/mp4', 'mp4'],
    ['animation', message.animation, 'video/mp4', 'mp4'],
    [
      'sticker',
      message.sticker,
      message.sticker?.is_animated ? 'application/x-tgsticker' : 'image/webp',
      message.sticker?.is_animated ? 'tgs' : 'webp',
    ],
  ];
  for (const [kind, file, mime, ext] of media) {
    if (!file) continue;
    const named = (file as { file_name?: string }).file_name;
    list.push({
      fileId: file.file_id,
      name: named ?? `${kind}-${message.message_id}.${ext}`,
      mime: file.mime_type ?? mime,
      size: file.file_size ?? 0,
      kind,
    });
  }
  return list;
}

/** Undefined for what is not a conversation message (channel posts, service messages). */
export function toInbound(message: Message, bot: UserFromGetMe): InboundMessage | undefined {
  const chat = message.chat;
  if (
    chat.type === 'channel' ||
    !message.from ||
    (message.from.is_bot && message.from.id === bot.id)
  )
    return undefined;
  const text = message.text ?? message.caption ?? '';
  const attachments = attachmentsOf(message);
  if (text === '' && attachments.length === 0) return undefined;
  const topic =
    message.is_topic_message && message.message_thread_id !== undefined
      ? String(message.message_thread_id)
      : undefined;
  const title = chat.type === 'private' ? senderName(message) : chat.title;
  return {
    platform: 'telegram',
    chatId: chatIdOf(chat.id),
    ...(topic === undefined ? {} : { threadId: topic }),
    chatKind: chat.type === 'private' ? 'dm' : 'group',
    chatTitle: title,
    mentionsBot: chat.type !== 'private' && mentionsBot(message, bot),
    botUsername: bot.username,
    externalId: String(message.message_id),
    senderId: String(message.from.id),
    senderName: senderName(message),
    text,
    attachments,
    ...(message.reply_to_message && !message.reply_to_message.forum_topic_created
      ? { replyTo: String(message.reply_to_message.message_id) }
      : {}),
    ...(message.from.username ? { extraMeta: { username: message.from.username } } : {}),
    at: message.date * 1000,
  };
}

/**
 * A group upgraded to a supergroup: Telegram says so in the old group (`migrate_to_chat_id`) and
 * in the new supergroup (`migrate_from_chat_id`); either one gives both ids.
 */
export function migrationOf(message: Message): { from: string; to: string } | undefined {
  if (message.migrate_to_chat_id !== undefined && message.chat.type === 'group')
    return { from: chatIdOf(message.chat.id), to: chatIdOf(message.migrate_to_chat_id) };
  if (message.migrate_from_chat_id !== undefined && message.chat.type === 'supergroup')
    return { from: chatIdOf(message.migrate_from_chat_id), to: chatIdOf(message.chat.id) };
  return undefined;
}
