/**
 * Everything Switchboard sends to Telegram: replies (chunked at 4096 UTF-16 units, reply_to on the
 * first part, MarkdownV2 with a plain-text fallback), files (images as photos, the rest as
 * documents), edits, reactions, the typing indicator, and attachment downloads into the inbox.
 */
import { GrammyError, InputFile, type Api } from 'grammy';
import { chunkText } from '../../../shared/chunk';
import type { Attachment } from '../../store/messages';
import { PlatformError, type SendRequest, type SendResult } from '../adapter';
import { downloadToInbox } from '../download';
import { inboxPath } from '../inbox-path';
import { telegramChatId } from './inbound';

export const TELEGRAM_TEXT_LIMIT = 4096;
/** Bot API limits: uploads of photos 10 MB, of other files 50 MB; downloads 20 MB. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** Telegram refused because the group became a supergroup with a new id. */
export class GroupMigratedError extends PlatformError {
  constructor(readonly to: number) {
    super(
      `this group was upgraded to a supergroup by Telegram; its chat_id is now tg:${to}. Send there.`,
    );
  }
}

function describe(error: unknown): string {
  return error instanceof GrammyError
    ? `Telegram refused: ${error.description}`
    : error instanceof Error
      ? error.message
      : String(error);
}

export async function sendReply(api: Api, request: SendRequest): Promise<SendResult> {
  const chat = telegramChatId(request.chatId);
  const thread = request.threadId === '' ? {} : { message_thread_id: Number(request.threadId) };
  const ids: string[] = [];
  const chunks =
    request.text.trim() === '' ? [] : chunkText(request.text, { limit: TELEGRAM_TEXT_LIMIT });
  for (const [index, chunk] of chunks.entries()) {
    const replyTo =
      index === 0 && request.replyTo !== undefined
        ? {
            reply_parameters: {
              message_id: Number(request.replyTo),
              allow_sending_without_reply: true,
            },
          }
        : {};
    try {
      const markdown = request.format === 'markdownv2' ? { parse_mode: 'MarkdownV2' as const } : {};
      ids.push(
        String(
          (await api.sendMessage(chat, chunk, { ...thread, ...replyTo, ...markdown })).message_id,
        ),
      );
    } catch (error) {
      // Text that is not valid MarkdownV2 still reaches the person, as plain text.
      if (
        request.format === 'markdownv2' &&
        error instanceof GrammyError &&
        error.error_code === 400 &&
        /parse entities/i.test(error.description)
      ) {
        ids.push(
          String((await api.sendMessage(chat, chunk, { ...thread, ...replyTo })).message_id),
        );
      } else throw migrated(error) ?? new PlatformError(describe(error));
    }
  }
  for (const file of request.files) {
    const asPhoto = PHOTO_TYPES.has(file.mime) && file.size <= MAX_PHOTO_BYTES;
    if (!asPhoto && file.size > MAX_UPLOAD_BYTES)
      throw new PlatformError(`${file.name} is larger than Telegram's 50 MB limit for bots`);
    try {
      const input = new InputFile(file.path, file.name);
      const sent = asPhoto
        ? await api.sendPhoto(chat, input, thread)
        : await api.sendDocument(chat, input, thread);
      ids.push(String(sent.message_id));
    } catch (error) {
      throw migrated(error) ?? new PlatformError(`${file.name}: ${describe(error)}`);
    }
  }
  return { externalIds: ids, attachments: [] };
}

function migrated(error: unknown): GroupMigratedError | undefined {
  const to = error instanceof GrammyError ? error.parameters.migrate_to_chat_id : undefined;
  return to === undefined ? undefined : new GroupMigratedError(to);
}

export async function editText(
  api: Api,
  chatId: string,
  externalId: string,
  text: string,
): Promise<void> {
  if (text.length > TELEGRAM_TEXT_LIMIT)
    throw new PlatformError(
      `Telegram messages hold at most ${TELEGRAM_TEXT_LIMIT} characters; send the rest with reply`,
    );
  try {
    await api.editMessageText(telegramChatId(chatId), Number(externalId), text);
  } catch (error) {
    throw new PlatformError(describe(error));
  }
}

export async function react(
  api: Api,
  chatId: string,
  externalId: string,
  emoji: string,
): Promise<void> {
  try {
    // Telegram accepts only its own list of reaction emoji; the error says so.
    await api.setMessageReaction(telegramChatId(chatId), Number(externalId), [
      { type: 'emoji', emoji: emoji as never },
    ]);
  } catch (error) {
    throw new PlatformError(describe(error));
  }
}

/** Downloads attachments into the inbox (20 MB Bot API cap), returning local paths. */
export async function download(
  deps: { api: Api; token: string; apiRoot: string; inbox: string },
  attachments: readonly Attachment[],
): Promise<string[]> {
  const paths: string[] = [];
  for (const attachment of attachments) {
    if (attachment.path) {
      paths.push(attachment.path);
      continue;
    }
    if (attachment.size > MAX_DOWNLOAD_BYTES)
      throw new PlatformError(`${attachment.name} is larger than the 20 MB bots may download`);
    const file = await deps.api.getFile(attachment.fileId).catch((error: unknown) => {
      throw new PlatformError(describe(error));
    });
    if (!file.file_path) throw new PlatformError(`Telegram has no download for ${attachment.name}`);
    if ((file.file_size ?? 0) > MAX_DOWNLOAD_BYTES)
      throw new PlatformError(`${attachment.name} is larger than the 20 MB bots may download`);
    // file_unique_id comes from the server (self-hosted ones included): one safe segment only.
    paths.push(
      await downloadToInbox(
        `${deps.apiRoot}/file/bot${deps.token}/${file.file_path}`,
        deps.inbox,
        inboxPath(deps.inbox, 'tg', attachment.name, file.file_unique_id),
        attachment.name,
        MAX_DOWNLOAD_BYTES,
      ),
    );
  }
  return paths;
}
