/**
 * Carries out the helper's tool calls as if a prompt-injected Claude were making them: the
 * arguments are parsed again (the helper is not trusted), the chat must be one that reached us and
 * that the gate still accepts, the session must be one the conversation is routed to
 * (tool-scope.ts), edits touch only the session's own messages, and files pass the file policy
 * (outbound-files.ts). Then the chat's adapter acts and the result is recorded.
 */
import { platformOfChat, type Platform } from '../../shared/channel';
import { sanitizeContent } from '../../shared/hygiene';
import { toolArgSchemas, TOOL_NAMES, type ToolName } from '../../shared/tool-schemas';
import type { ChannelAdapter } from '../adapters/adapter';
import type { Gate } from '../gate/gate';
import type { Store } from '../store/store';
import type { StoredMessage } from '../store/messages';
import type { Chat } from '../store/chats';
import type { HubEvents } from '../events/hub-events';
import type { AttachedSession } from '../sessions/session-registry';
import { OutboundFileError, stageOutboundFiles, type FilePolicy } from './outbound-files';
import type { ToolScope } from './tool-scope';
import { formatHistory } from './tool-history';

export type ToolCallDeps = {
  store: Store;
  gate: Gate;
  events: HubEvents;
  adapters: ReadonlyMap<Platform, ChannelAdapter>;
  scope: ToolScope;
  /** The file policy for this session's `reply` files. */
  filePolicy: (session: AttachedSession) => FilePolicy;
  now: () => number;
};

export type ToolOutcome = { ok: true; text: string } | { ok: false; error: string };

type Call = {
  deps: ToolCallDeps;
  session: AttachedSession;
  adapter: ChannelAdapter;
  chat: Chat;
};

const fail = (error: string): ToolOutcome => ({ ok: false, error });

export async function runToolCall(
  deps: ToolCallDeps,
  session: AttachedSession,
  tool: string,
  rawArgs: unknown,
): Promise<ToolOutcome> {
  if (!(TOOL_NAMES as readonly string[]).includes(tool)) return fail(`unknown tool ${tool}`);
  const parsed = toolArgSchemas[tool as ToolName].safeParse(rawArgs);
  if (!parsed.success)
    return fail(
      `invalid arguments: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  const chatId = parsed.data.chat_id;
  const platform = platformOfChat(chatId);
  const adapter = platform && deps.adapters.get(platform);
  if (!platform || !adapter)
    return fail(
      `unknown chat_id "${chatId}": use the chat_id attribute of a <channel> message verbatim`,
    );
  // Outbound gate: only chats that reached us and that the inbound gate still accepts.
  const threadHint = 'thread_id' in parsed.data ? parsed.data.thread_id : undefined;
  const chat = deps.store.chats.resolve(chatId, threadHint);
  if (!chat)
    return fail(
      `chat ${chatId} is not a known chat; Switchboard only sends to chats that have messaged it`,
    );
  if (!deps.gate.mayWrite(chat))
    return fail(
      `chat ${chatId} is not allowed any more (sender blocked or removed, or group disabled); the owner can change that in Switchboard`,
    );
  const call: Call = { deps, session, adapter, chat };
  try {
    switch (tool as ToolName) {
      case 'reply':
        return await reply(call, toolArgSchemas.reply.parse(parsed.data));
      case 'react':
        return await react(call, toolArgSchemas.react.parse(parsed.data));
      case 'edit_message':
        return await edit(call, toolArgSchemas.edit_message.parse(parsed.data));
      case 'fetch_messages':
        return fetchMessages(call, toolArgSchemas.fetch_messages.parse(parsed.data));
      case 'download_attachment':
        return await download(call, toolArgSchemas.download_attachment.parse(parsed.data));
    }
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

/** Refuses a conversation the session is not part of; undefined when it may act there. */
function outOfScope(call: Call, threadId: string): ToolOutcome | undefined {
  const { deps, session, chat } = call;
  return deps.scope.mayAct(session, chat.chatId, threadId)
    ? undefined
    : fail(deps.scope.refusal(session, chat.chatId, threadId));
}

/** Where a reply goes when Claude names no thread: where it last heard from, else its only one. */
function replyThread(call: Call, asked: string | undefined): string {
  if (asked !== undefined) return asked;
  const { deps, session, chat } = call;
  const last = deps.store.messages.lastThreadFor(chat.chatId, session.name);
  if (last !== undefined) return last;
  const scope = deps.scope.of(session, chat.chatId);
  return !scope.all && scope.threads.size === 1 ? ([...scope.threads][0] ?? '') : '';
}

async function reply(
  call: Call,
  args: ReturnType<typeof toolArgSchemas.reply.parse>,
): Promise<ToolOutcome> {
  const { deps, session, adapter, chat } = call;
  const threadId = replyThread(call, args.thread_id);
  const refused = outOfScope(call, threadId);
  if (refused) return refused;
  let staged;
  try {
    staged = await stageOutboundFiles(args.files ?? [], deps.filePolicy(session));
  } catch (error) {
    if (error instanceof OutboundFileError) return fail(error.message);
    throw error;
  }
  let result;
  try {
    result = await adapter.send({
      chatId: chat.chatId,
      threadId,
      text: args.text,
      ...(args.reply_to === undefined ? {} : { replyTo: args.reply_to }),
      files: staged.files,
      format: args.format ?? 'text',
    });
  } finally {
    await staged.release();
  }
  let lastId = 0;
  result.externalIds.forEach((externalId, index) => {
    const stored = deps.store.messages.insert({
      platform: adapter.platform,
      chatId: chat.chatId,
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
    chat.chatId,
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

async function react(
  call: Call,
  args: ReturnType<typeof toolArgSchemas.react.parse>,
): Promise<ToolOutcome> {
  const { deps, adapter, chat } = call;
  const target = findMessage(deps, chat.chatId, args.message_id);
  if (!target) return fail(`no message ${args.message_id} in ${chat.chatId}`);
  const refused = outOfScope(call, target.threadId);
  if (refused) return refused;
  await adapter.react(chat.chatId, args.message_id, args.emoji);
  const reactions = [
    ...target.reactions.filter((r) => r.by !== 'claude'),
    { emoji: args.emoji, by: 'claude' },
  ];
  deps.store.messages.setReactions(target.id, reactions);
  emitUpdate(deps, target.id);
  return { ok: true, text: `reacted ${args.emoji}` };
}

async function edit(
  call: Call,
  args: ReturnType<typeof toolArgSchemas.edit_message.parse>,
): Promise<ToolOutcome> {
  const { deps, session, adapter, chat } = call;
  const target = deps.store.messages.byExternalId(chat.chatId, 'out', args.message_id);
  if (!target)
    return fail(
      `message ${args.message_id} is not one Switchboard sent in ${chat.chatId}; only your own messages can be edited`,
    );
  if (target.senderId !== 'claude')
    return fail(`message ${args.message_id} is a Switchboard notice; sessions cannot edit it`);
  if (target.session !== session.name)
    return fail(
      `message ${args.message_id} was sent by another session; a session can edit only the messages it sent`,
    );
  const refused = outOfScope(call, target.threadId);
  if (refused) return refused;
  await adapter.edit(chat.chatId, args.message_id, args.text);
  deps.store.messages.updateText(target.id, sanitizeContent(args.text), deps.now());
  emitUpdate(deps, target.id);
  return { ok: true, text: `edited (id: ${args.message_id})` };
}

function fetchMessages(
  call: Call,
  args: ReturnType<typeof toolArgSchemas.fetch_messages.parse>,
): ToolOutcome {
  const { deps, session, chat } = call;
  const scope = deps.scope.of(session, chat.chatId);
  if (args.thread_id !== undefined) {
    const refused = outOfScope(call, args.thread_id);
    if (refused) return refused;
  } else if (!scope.all && scope.threads.size === 0) {
    return fail(deps.scope.refusal(session, chat.chatId, ''));
  }
  const threads =
    args.thread_id !== undefined ? [args.thread_id] : scope.all ? undefined : [...scope.threads];
  const before =
    args.before === undefined ? undefined : findMessage(deps, chat.chatId, args.before)?.id;
  const limit = args.limit ?? 20;
  const messages =
    threads === undefined
      ? deps.store.messages.history(chat.chatId, limit, before)
      : deps.store.messages.historyInThreads(chat.chatId, threads, limit, before);
  return { ok: true, text: formatHistory(messages, session.name) };
}

async function download(
  call: Call,
  args: ReturnType<typeof toolArgSchemas.download_attachment.parse>,
): Promise<ToolOutcome> {
  const { deps, adapter, chat } = call;
  const byFile =
    args.file_id === undefined
      ? undefined
      : deps.store.messages.findAttachmentMessage(chat.chatId, args.file_id);
  if (args.file_id !== undefined && !byFile)
    return fail(`no attachment ${args.file_id} in ${chat.chatId}`);
  const message = byFile?.message ?? findMessage(deps, chat.chatId, args.message_id ?? '');
  if (!message) return fail(`no message ${args.message_id ?? ''} in ${chat.chatId}`);
  const refused = outOfScope(call, message.threadId);
  if (refused) return refused;
  const paths = await adapter.fetchAttachments(
    chat.chatId,
    byFile ? [byFile.attachment] : message.attachments,
  );
  return {
    ok: true,
    text: paths.length === 0 ? 'that message has no attachments' : paths.join('\n'),
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
