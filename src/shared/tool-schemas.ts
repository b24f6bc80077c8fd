/**
 * Argument schemas of the helper's tools. The helper advertises them to Claude Code; the hub parses
 * every call with the same schemas, so neither side trusts the other's input.
 */
import { z } from 'zod';

const chatId = z
  .string()
  .min(1)
  .max(512)
  .describe(
    'The chat to act in, exactly as the chat_id attribute of the <channel> message (e.g. "web:main", "tg:123").',
  );
const messageId = z
  .string()
  .min(1)
  .max(256)
  .describe(
    'A message id, exactly as the message_id attribute of a <channel> message or a previous tool result.',
  );

export const MAX_REPLY_CHARS = 64 * 1024;
export const MAX_FILES_PER_REPLY = 10;

export const replyArgs = z.object({
  chat_id: chatId,
  text: z
    .string()
    .max(MAX_REPLY_CHARS)
    .describe(
      'The message to send. Long text is split into several messages where the platform needs it.',
    ),
  reply_to: messageId
    .optional()
    .describe('Optional message_id to answer in a thread / as a quoted reply.'),
  thread_id: z
    .string()
    .max(128)
    .optional()
    .describe(
      'The thread_id attribute, to answer inside that topic or thread (default: where this session last heard from the chat).',
    ),
  files: z
    .array(z.string().min(1).max(4096))
    .max(MAX_FILES_PER_REPLY)
    .optional()
    .describe(
      'Optional absolute paths of files to attach (images are shown inline where the platform can).',
    ),
  format: z
    .enum(['text', 'markdownv2'])
    .optional()
    .describe(
      'How to render text: plain (default) or Telegram MarkdownV2. Other platforms send plain text.',
    ),
});

export const reactArgs = z.object({
  chat_id: chatId,
  message_id: messageId,
  emoji: z.string().min(1).max(64).describe('One emoji to react with, e.g. "👍".'),
});

export const editMessageArgs = z.object({
  chat_id: chatId,
  message_id: messageId.describe(
    'The id of a message this bot sent earlier (from a reply result).',
  ),
  text: z.string().min(1).max(MAX_REPLY_CHARS).describe('The new text of the message.'),
});

export const fetchMessagesArgs = z.object({
  chat_id: chatId,
  limit: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('How many recent messages to return, 1–100 (default 20), oldest first.'),
  before: messageId.optional().describe('Optional message_id: return only messages older than it.'),
  thread_id: z
    .string()
    .max(128)
    .optional()
    .describe('Optional thread_id attribute: only that topic or thread of the chat.'),
});

export const downloadAttachmentArgs = z
  .object({
    chat_id: chatId,
    message_id: messageId.optional().describe('The message whose attachments to download.'),
    file_id: z
      .string()
      .min(1)
      .max(512)
      .optional()
      .describe('The attachment_file_id attribute, where the message has one.'),
  })
  .refine((args) => args.message_id !== undefined || args.file_id !== undefined, {
    message: 'give message_id or file_id',
  });

export const TOOL_NAMES = [
  'reply',
  'react',
  'edit_message',
  'fetch_messages',
  'download_attachment',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export const toolArgSchemas = {
  reply: replyArgs,
  react: reactArgs,
  edit_message: editMessageArgs,
  fetch_messages: fetchMessagesArgs,
  download_attachment: downloadAttachmentArgs,
} as const satisfies Record<ToolName, z.ZodType>;

export type ReplyArgs = z.infer<typeof replyArgs>;
export type ReactArgs = z.infer<typeof reactArgs>;
export type EditMessageArgs = z.infer<typeof editMessageArgs>;
export type FetchMessagesArgs = z.infer<typeof fetchMessagesArgs>;
export type DownloadAttachmentArgs = z.infer<typeof downloadAttachmentArgs>;
