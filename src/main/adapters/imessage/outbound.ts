/**
 * A reply through Messages: files are staged where sandboxed Messages can read them before
 * anything is sent (so a file that cannot be staged fails the reply before its text goes out),
 * text is split at 4,000 characters, and if Messages fails midway the error says how many parts
 * already went out, so nobody sends them twice.
 */
import { chunkText } from '../../../shared/chunk';
import { PlatformError, type SendRequest, type SendResult } from '../adapter';
import type { EchoGuard } from './echo-guard';
import type { ImessageFiles } from './files';
import { guidOf } from './handles';
import { AppleScriptError, type Sender } from './sender';

export const IMESSAGE_CHUNK = 4000;

/** Sends one reply (text chunks, then staged files) to the chat; ids are ours (Messages has none for us). */
export async function sendReply(
  deps: { sender: Sender; files: ImessageFiles; echoes: EchoGuard; signature?: string },
  request: SendRequest,
): Promise<SendResult> {
  const guid = guidOf(request.chatId);
  const text =
    deps.signature && request.text.trim() !== ''
      ? `${request.text}\n${deps.signature}`
      : request.text;
  const staged: string[] = [];
  for (const file of request.files) staged.push(await deps.files.stage(file.path, file.name));
  const chunks = text.trim() === '' ? [] : chunkText(text, { limit: IMESSAGE_CHUNK });
  const total = chunks.length + staged.length;
  const ids: string[] = [];
  const sent = (): void => void ids.push(`sent-${Date.now().toString(36)}-${ids.length}`);
  try {
    for (const chunk of chunks) {
      deps.echoes.remember(guid, chunk);
      await deps.sender.sendText(guid, chunk);
      sent();
    }
    for (const path of staged) {
      await deps.sender.sendFile(guid, path);
      sent();
    }
  } catch (error) {
    if (ids.length === 0 || !(error instanceof Error)) throw error;
    const partial = `${ids.length} of ${total} parts were sent before Messages failed (do not send those again): ${error.message}`;
    throw error instanceof AppleScriptError
      ? new AppleScriptError(error.code, partial)
      : new PlatformError(partial);
  }
  return { externalIds: ids, attachments: [] };
}
