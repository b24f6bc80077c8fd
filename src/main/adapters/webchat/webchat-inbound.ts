/**
 * Turns what the owner typed or uploaded in the web chat into inbound messages and inbox files.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { sanitizeFileName } from '../../../shared/hygiene';
import { MAX_UPLOAD_BYTES, type PostMessageBody } from '../../../shared/webchat-api';
import { assertInInbox } from '../inbox-path';
import { mimeOf } from '../mime';
import { newFileId, type FileStore, type StoredFile } from '../../store/files';
import type { Attachment } from '../../store/messages';
import type { InboundMessage } from '../adapter';
import { newWebId } from './webchat-adapter';

export class UploadTooLargeError extends Error {}
export class UnknownFileError extends Error {}

export function webChatId(name: string): string {
  return `web:${name}`;
}

export function toInbound(args: {
  chatName: string;
  body: Required<Pick<PostMessageBody, 'text'>> & PostMessageBody;
  ownerName: string;
  files: FileStore;
  now: number;
}): InboundMessage {
  const chatId = webChatId(args.chatName);
  const attachments: Attachment[] = (args.body.files ?? []).map((id) => {
    const file = args.files.get(id);
    if (!file || file.chatId !== chatId)
      throw new UnknownFileError(`no uploaded file ${id} in this chat`);
    return { fileId: file.id, name: file.name, mime: file.mime, size: file.size, path: file.path };
  });
  return {
    platform: 'web',
    chatId,
    chatKind: 'dm',
    chatTitle: args.chatName,
    externalId: args.body.nonce ?? newWebId('m'),
    senderId: 'owner',
    senderName: args.ownerName,
    text: args.body.text,
    attachments,
    at: args.now,
  };
}

/** Streams an upload into the inbox, enforcing the size cap; nothing partial is left behind. */
export async function saveUpload(args: {
  req: IncomingMessage;
  chatName: string;
  fileName: string;
  inbox: string;
  files: FileStore;
  now: number;
}): Promise<StoredFile> {
  const declared = Number(args.req.headers['content-length'] ?? '0');
  if (declared > MAX_UPLOAD_BYTES)
    throw new UploadTooLargeError(`files are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  await mkdir(args.inbox, { recursive: true, mode: 0o700 });
  const id = newFileId();
  const name = sanitizeFileName(args.fileName);
  const path = assertInInbox(args.inbox, `${args.inbox}/${id}-${name}`);
  let size = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES)
        callback(
          new UploadTooLargeError(`files are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`),
        );
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(args.req, limiter, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }
  const headerType = args.req.headers['content-type'] ?? '';
  const mime =
    /^[a-z]+\/[a-z0-9.+-]+$/i.test(headerType) && headerType !== 'application/octet-stream'
      ? headerType
      : mimeOf(name);
  const file: StoredFile = {
    id,
    path,
    name,
    mime,
    size,
    chatId: webChatId(args.chatName),
    createdAt: args.now,
  };
  args.files.add(file);
  return file;
}
