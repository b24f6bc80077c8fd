/**
 * The single place where what a person typed becomes what Claude reads: text and meta pass
 * through content hygiene here and nowhere else, before they are stored.
 */
import type { ChannelMeta } from '../../shared/channel';
import { sanitizeContent, sanitizeMeta } from '../../shared/hygiene';
import type { InboundMessage } from '../adapters/adapter';

export type CleanInbound = { text: string; meta: ChannelMeta };

export function toChannelEvent(message: InboundMessage): CleanInbound {
  const image = message.attachments.find((a) => a.mime.startsWith('image/') && a.path);
  const others = message.attachments.filter((a) => a !== image);
  const first = others[0];
  // Standard keys first: sanitizeMeta keeps the first 40 keys, and an adapter's keys never replace ours.
  const standard: Record<string, string | undefined> = {
    platform: message.platform,
    chat_id: message.chatId,
    message_id: message.externalId,
    user: message.senderName,
    user_id: message.senderId,
    ts: new Date(message.at).toISOString(),
    thread_id: message.threadId || undefined,
    reply_to: message.replyTo,
    image_path: image?.path,
    attachment_count:
      message.attachments.length > 0 ? String(message.attachments.length) : undefined,
    attachments:
      message.attachments.length > 1
        ? message.attachments.map((a) => a.path ?? a.name).join('; ')
        : undefined,
    attachment_file_id: first?.fileId,
    attachment_name: first?.name,
    attachment_mime: first?.mime,
    attachment_kind: first?.kind,
    attachment_size: first ? String(first.size) : undefined,
    attachment_path: first?.path,
  };
  const extra = Object.entries(message.extraMeta ?? {}).filter(([key]) => !(key in standard));
  const meta = sanitizeMeta({ ...standard, ...Object.fromEntries(extra) });
  let text = sanitizeContent(message.text);
  if (text.trim() === '' && message.attachments.length > 0) {
    // File paths stay in meta; the content only says that something was sent.
    text =
      image && others.length === 0
        ? '(photo)'
        : `(${message.attachments.length} file${message.attachments.length > 1 ? 's' : ''})`;
  }
  return { text, meta };
}
