/**
 * The localhost web chat. Its transport is the hub itself: inbound posts come from the HTTP API,
 * outbound messages are stored and pushed to the browser over the WebSocket by the HTTP layer, so
 * this adapter only has to give outbound messages ids and publish outbound files.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { sanitizeFileName } from '../../../shared/hygiene';
import { newFileId, type FileStore } from '../../store/files';
import { assertInInbox } from '../inbox-path';
import type { MessageStore } from '../../store/messages';
import {
  type AdapterStatus,
  type ChannelAdapter,
  type SendRequest,
  type SendResult,
} from '../adapter';

export function newWebId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

export function createWebchatAdapter(deps: {
  outbox: string;
  files: FileStore;
  messages: MessageStore;
  now: () => number;
}): ChannelAdapter {
  const status: AdapterStatus = {
    platform: 'web',
    state: 'connected',
    detail: 'served by the hub',
    lastEventAt: null,
  };

  async function send(request: SendRequest): Promise<SendResult> {
    const attachments: SendResult['attachments'] = [];
    if (request.files.length > 0) await mkdir(deps.outbox, { recursive: true, mode: 0o700 });
    for (const file of request.files) {
      const id = newFileId();
      const path = assertInInbox(
        deps.outbox,
        `${deps.outbox}/${id}-${sanitizeFileName(file.name)}`,
      );
      await copyFile(file.path, path, constants.COPYFILE_EXCL);
      deps.files.add({
        id,
        path,
        name: file.name,
        mime: file.mime,
        size: file.size,
        chatId: request.chatId,
        createdAt: deps.now(),
      });
      attachments.push({ fileId: id, name: file.name, mime: file.mime, size: file.size, path });
    }
    status.lastEventAt = deps.now();
    return { externalIds: [newWebId('m')], attachments };
  }

  return {
    platform: 'web',
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    status: () => ({ ...status }),
    send,
    // The hub updates the stored copy and the browser sees it through the event stream.
    edit: () => Promise.resolve(),
    react: () => Promise.resolve(),
    // Uploads are already in the inbox.
    fetchAttachments: (_chatId, attachments) =>
      Promise.resolve(attachments.flatMap((a) => (a.path ? [a.path] : []))),
  };
}
