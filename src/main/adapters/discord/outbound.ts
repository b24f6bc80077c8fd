/**
 * What Switchboard sends to Discord: replies chunked at 2000 UTF-16 units without splitting
 * surrogate pairs or code fences, reply references, up to 10 files of 25 MB, reactions (Unicode
 * or custom `<:name:id>`), edits of our own messages, attachment downloads into the inbox.
 */
import { DiscordAPIError, type Client, type SendableChannels } from 'discord.js';
import { chunkText } from '../../../shared/chunk';
import type { Attachment } from '../../store/messages';
import { PlatformError, type SendRequest, type SendResult } from '../adapter';
import { downloadToInbox } from '../download';
import { inboxPath } from '../inbox-path';
import { channelIdOf } from './inbound';

export const DISCORD_TEXT_LIMIT = 2000;
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
export const MAX_FILES = 10;

export function describe(error: unknown): string {
  return error instanceof DiscordAPIError
    ? `Discord refused: ${error.message} (${String(error.code)})`
    : error instanceof Error
      ? error.message
      : String(error);
}

/** The channel a request writes to: the thread when there is one, else the chat's channel. */
export async function sendable(
  client: Client,
  chatId: string,
  threadId: string,
): Promise<SendableChannels> {
  const id = threadId === '' ? channelIdOf(chatId) : threadId;
  const channel = await client.channels.fetch(id).catch((error: unknown) => {
    throw new PlatformError(describe(error));
  });
  if (!channel?.isSendable()) throw new PlatformError(`Discord channel ${id} cannot be written to`);
  return channel;
}

export async function sendReply(client: Client, request: SendRequest): Promise<SendResult> {
  if (request.files.length > MAX_FILES)
    throw new PlatformError(`Discord takes at most ${MAX_FILES} files per message`);
  const tooBig = request.files.find((f) => f.size > MAX_FILE_BYTES);
  if (tooBig) throw new PlatformError(`${tooBig.name} is larger than Discord's 25 MB limit`);
  const channel = await sendable(client, request.chatId, request.threadId);
  const chunks =
    request.text.trim() === ''
      ? []
      : chunkText(request.text, { limit: DISCORD_TEXT_LIMIT, fences: true });
  const ids: string[] = [];
  try {
    for (const [index, chunk] of chunks.entries()) {
      const last = index === chunks.length - 1;
      const sent = await channel.send({
        content: chunk,
        ...(index === 0 && request.replyTo
          ? { reply: { messageReference: request.replyTo, failIfNotExists: false } }
          : {}),
        ...(last && request.files.length > 0
          ? { files: request.files.map((f) => ({ attachment: f.path, name: f.name })) }
          : {}),
        allowedMentions: { parse: [] },
      });
      ids.push(sent.id);
    }
    if (chunks.length === 0 && request.files.length > 0) {
      ids.push(
        (
          await channel.send({
            files: request.files.map((f) => ({ attachment: f.path, name: f.name })),
          })
        ).id,
      );
    }
  } catch (error) {
    throw new PlatformError(describe(error));
  }
  return { externalIds: ids, attachments: [] };
}

export async function editText(
  client: Client,
  chatId: string,
  threadId: string,
  externalId: string,
  text: string,
): Promise<void> {
  if (text.length > DISCORD_TEXT_LIMIT)
    throw new PlatformError(`Discord messages hold at most ${DISCORD_TEXT_LIMIT} characters`);
  const channel = await sendable(client, chatId, threadId);
  try {
    const message = await channel.messages.fetch(externalId);
    if (message.author.id !== client.user?.id)
      throw new PlatformError('only messages Switchboard sent can be edited');
    await message.edit({ content: text });
  } catch (error) {
    throw error instanceof PlatformError ? error : new PlatformError(describe(error));
  }
}

export async function react(
  client: Client,
  chatId: string,
  threadId: string,
  externalId: string,
  emoji: string,
): Promise<void> {
  const channel = await sendable(client, chatId, threadId);
  try {
    // Custom emoji are given as <:name:id> or name:id; Unicode emoji as themselves.
    const custom = /^<?a?:?(\w+):(\d+)>?$/.exec(emoji);
    await (
      await channel.messages.fetch(externalId)
    ).react(custom ? `${custom[1] ?? ''}:${custom[2] ?? ''}` : emoji);
  } catch (error) {
    throw new PlatformError(describe(error));
  }
}

/** Discord's CDN hosts: attachment URLs anywhere else are not fetched. */
export const DISCORD_CDN_ORIGINS = ['https://cdn.discordapp.com', 'https://media.discordapp.net'];

/**
 * Downloads attachments into the inbox (25 MB). Their URLs come from the REST server, so only
 * the CDN's origins (or the configured API's own, for a stand-in server) are fetched: a hostile
 * server cannot make the hub fetch a local URL into the inbox for Claude to read.
 */
export async function download(
  inbox: string,
  attachments: readonly Attachment[],
  origins: readonly string[] = DISCORD_CDN_ORIGINS,
): Promise<string[]> {
  const paths: string[] = [];
  for (const a of attachments) {
    if (a.path) {
      paths.push(a.path);
      continue;
    }
    if (a.size > MAX_FILE_BYTES) throw new PlatformError(`${a.name} is larger than 25 MB`);
    if (!origins.includes(originOf(a.fileId)))
      throw new PlatformError(`${a.name} is not on Discord's CDN; Switchboard does not fetch it`);
    // A random part per file: two attachments with one name never share a path.
    paths.push(
      await downloadToInbox(
        a.fileId,
        inbox,
        inboxPath(inbox, 'dc', a.name),
        a.name,
        MAX_FILE_BYTES,
      ),
    );
  }
  return paths;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
