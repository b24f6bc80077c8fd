/**
 * Carries out the helper's tool calls: parses the arguments again (the helper is not trusted),
 * applies the outbound gate, asks the chat's platform adapter to act, and records the result.
 */
import { platformOfChat, type Platform } from '../../shared/channel';
import { sanitizeContent } from '../../shared/hygiene';
import { toolArgSchemas, TOOL_NAMES, type ToolName } from '../../shared/tool-schemas';
import type { ChannelAdapter } from '../adapters/adapter';
import type { Gate } from '../gate/gate';
import type { Store } from '../store/store';
import type { StoredMessage } from '../store/messages';
import type { HubEvents } from '../events/hub-events';
import { checkOutboundFiles } from './outbound-files';
import type { AttachedSession } from '../sessions/session-registry';

export type ToolCallDeps = {
  store: Store;
  gate: Gate;
  events: HubEvents;
  adapters: ReadonlyMap<Platform, ChannelAdapter>;
  home: string;
  inbox: string;
  now: () => number;
};

export type ToolOutcome = { ok: true; text: string } | { ok: false; error: string };

export async function runToolCall(
  deps: ToolCallDeps,
  session: AttachedSession,
  tool: string,
  rawArgs: unknown,
): Promise<ToolOutcome> {
  if (!(TOOL_NAMES as readonly string[]).includes(tool))
    return { ok: false, error: `unknown tool ${tool}` };
  const parsed = toolArgSchemas[tool as ToolName].safeParse(rawArgs);
  if (!parsed.success)
    return {
      ok: false,
      error: `invalid arguments: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    };
  const chatId = parsed.data.chat_id;
  const platform = platformOfChat(chatId);
  const adapter = platform && deps.adapters.get(platform);
  if (!platform || !adapter)
    return {
      ok: false,
      error: `unknown chat_id "${chatId}": use the chat_id attribute of a <channel> message verbatim`,
    };
  // Outbound gate: only chats that reached us and that the inbound gate still accepts.
  const chat = deps.store.chats.get(chatId);
  if (!chat)
    return {
      ok: false,
      error: `chat ${chatId} is not a known chat; Switchboard only sends to chats that have messaged it`,
    };
  if (!deps.gate.mayWrite(chat))
    return {
      ok: false,
      error: `chat ${chatId} is not allowed any more (sender blocked or removed, or group disabled); the owner can change that in Switchboard`,
    };
  try {
    switch (tool as ToolName) {
      case 'reply':
        return await reply(deps, session, adapter, toolArgSchemas.reply.parse(parsed.data));
      case 'react': {
        const args = toolArgSchemas.react.parse(parsed.data);
        const target = findMessage(deps, chatId, args.message_id);
        await adapter.react(chatId, args.message_id, args.emoji);
        if (target) {
          const reactions = [
            ...target.reactions.filter((r) => r.by !== 'claude'),
            { emoji: args.emoji, by: 'claude' },
          ];
          deps.store.messages.setReactions(target.id, reactions);
          emitUpdate(deps, target.id);
        }
        return { ok: true, text: `reacted ${args.emoji}` };
      }
      case 'edit_message': {
        const args = toolArgSchemas.edit_message.parse(parsed.data);
        const target = deps.store.messages.byExternalId(chatId, 'out', args.message_id);
        if (!target)
          return {
            ok: false,
            error: `message ${args.message_id} is not one Switchboard sent in ${chatId}; only your own messages can be edited`,
          };
        await adapter.edit(chatId, args.message_id, args.text);
        deps.store.messages.updateText(target.id, args.text, deps.now());
        emitUpdate(deps, target.id);
        return { ok: true, text: `edited (id: ${args.message_id})` };
      }
      case 'fetch_messages': {
        const args = toolArgSchemas.fetch_messages.parse(parsed.data);
        const before =
          args.before === undefined ? undefined : findMessage(deps, chatId, args.before)?.id;
        const lines = deps.store.messages.history(chatId, args.limit ?? 20, before).map(formatLine);
        return { ok: true, text: lines.length === 0 ? '(no messages)' : lines.join('\n') };
      }
      case 'download_attachment': {
        const args = toolArgSchemas.download_attachment.parse(parsed.data);
        const attachments =
          args.file_id !== undefined
            ? [deps.store.messages.findAttachment(chatId, args.file_id)].filter(
                (a) => a !== undefined,
              )
            : (findMessage(deps, chatId, args.message_id ?? '')?.attachments ?? []);
        if (attachments.length === 0 && args.file_id !== undefined)
          return { ok: false, error: `no attachment ${args.file_id} in ${chatId}` };
        if (attachments.length === 0 && !findMessage(deps, chatId, args.message_id ?? ''))
          return { ok: false, error: `no message ${args.message_id ?? ''} in ${chatId}` };
        const paths = await adapter.fetchAttachments(chatId, attachments);
        return {
          ok: true,
          text: paths.length === 0 ? 'that message has no attachments' : paths.join('\n'),
        };
      }
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

async function reply(
  deps: ToolCallDeps,
  session: AttachedSession,
  adapter: ChannelAdapter,
  args: ReturnType<typeof toolArgSchemas.reply.parse>,
): Promise<ToolOutcome> {
  const files = await checkOutboundFiles(args.files ?? [], deps.home, deps.inbox);
  const threadId =
    args.thread_id ?? deps.store.messages.lastThreadFor(args.chat_id, session.name) ?? '';
  const result = await adapter.send({
    chatId: args.chat_id,
    threadId,
    text: args.text,
    ...(args.reply_to === undefined ? {} : { replyTo: args.reply_to }),
    files,
    format: args.format ?? 'text',
  });
  let lastId = 0;
  result.externalIds.forEach((externalId, index) => {
    const stored = deps.store.messages.insert({
      platform: adapter.platform,
      chatId: args.chat_id,
      threadId,
      direction: 'out',
      externalId,
      senderId: 'claude',
      senderName: session.name,
      text: index === 0 ? sanitizeContent(args.text) : '',
      meta: {},
      attachments: index === 0 ? result.attachments : [],
      state: 'sent',
      session: session.name,
      replyTo: args.reply_to ?? null,
      createdAt: deps.now(),
    });
    if (stored) {
      lastId = stored.id;
      deps.events.emit('message', stored, 'new');
    }
  });
  for (const id of deps.store.messages.markAnswered(
    args.chat_id,
    session.name,
    lastId || Number.MAX_SAFE_INTEGER,
  ))
    emitUpdate(deps, id);
  const ids = result.externalIds.join(', ');
  return {
    ok: true,
    text:
      result.externalIds.length === 1
        ? `sent (id: ${ids})`
        : `sent ${result.externalIds.length} messages (ids: ${ids})`,
  };
}

function findMessage(
  deps: ToolCallDeps,
  chatId: string,
  externalId: string,
): StoredMessage | undefined {
  return (
    deps.store.messages.byExternalId(chatId, 'in', externalId) ??
    deps.store.messages.byExternalId(chatId, 'out', externalId)
  );
}

function emitUpdate(deps: ToolCallDeps, id: number): void {
  const message = deps.store.messages.get(id);
  if (message) deps.events.emit('message', message, 'update');
}

function formatLine(message: StoredMessage): string {
  const who = message.direction === 'out' ? `${message.senderName} (you)` : message.senderName;
  const files =
    message.attachments.length > 0 ? ` [${message.attachments.length} attachment(s)]` : '';
  const text = message.text.replace(/\n/g, ' ⏎ ');
  return `[${message.externalId}] ${new Date(message.createdAt).toISOString()} ${who}: ${text}${files}`;
}
