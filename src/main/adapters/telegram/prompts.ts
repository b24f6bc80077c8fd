/**
 * Permission prompts with inline buttons [Details] [Allow] [Deny]. The prompt is built to fit
 * Telegram's 4,096-character limit; Details sends the full text to an owner as messages (a callback
 * answer holds only 200 characters). Presses are checked by the hub (owners only); the message is
 * edited with the outcome wherever the prompt was settled.
 */
import type { Api } from 'grammy';
import type { CallbackQuery } from 'grammy/types';
import { chunkText } from '../../../shared/chunk';
import type { AdapterHost, PromptOutcome, PromptView } from '../adapter';
import { outcomeText, promptHeader, promptText, PROMPT_LIMITS } from '../prompt-text';
import { telegramChatId } from './inbound';

const DATA = /^sb:(d|a|n):([a-km-z]{5})$/;
/** At most this many messages of details; the dashboard has the rest. */
const MAX_DETAIL_MESSAGES = 3;

export async function sendPrompt(
  api: Api,
  chatId: string,
  threadId: string,
  view: PromptView,
): Promise<string> {
  const text = promptText(view, PROMPT_LIMITS.telegram, { more: 'Tap Details for the full text.' });
  const sent = await api.sendMessage(telegramChatId(chatId), text, {
    ...(threadId === '' ? {} : { message_thread_id: Number(threadId) }),
    reply_markup: {
      inline_keyboard: [
        [
          { text: 'Details', callback_data: `sb:d:${view.requestId}` },
          { text: 'Allow', callback_data: `sb:a:${view.requestId}` },
          { text: 'Deny', callback_data: `sb:n:${view.requestId}` },
        ],
      ],
    },
  });
  return String(sent.message_id);
}

export async function settlePrompt(
  api: Api,
  chatId: string,
  handle: string,
  view: PromptView,
  outcome: PromptOutcome,
): Promise<void> {
  await api.editMessageText(
    telegramChatId(chatId),
    Number(handle),
    `${promptHeader(view)}\n${outcomeText(view, outcome)}`,
    { reply_markup: { inline_keyboard: [] } },
  );
}

/** Handles a button press; always answers the callback so the client stops its spinner. */
export async function onPromptButton(
  api: Api,
  host: AdapterHost,
  query: CallbackQuery,
  details: (requestId: string) => string | undefined,
): Promise<void> {
  const match = DATA.exec(query.data ?? '');
  if (!match?.[1] || !match[2]) {
    await api.answerCallbackQuery(query.id);
    return;
  }
  const [, action, requestId] = match;
  const senderId = String(query.from.id);
  if (action === 'd') {
    await showDetails(api, host, query, senderId, details(requestId));
    return;
  }
  const senderName =
    [query.from.first_name, query.from.last_name].filter(Boolean).join(' ') ||
    String(query.from.id);
  const outcome = host.answerPrompt({
    platform: 'telegram',
    senderId,
    senderName,
    requestId,
    behavior: action === 'a' ? 'allow' : 'deny',
  });
  await api.answerCallbackQuery(query.id, { text: outcome.text, show_alert: !outcome.ok });
}

/** The full text, to an owner only, as messages under the prompt. */
async function showDetails(
  api: Api,
  host: AdapterHost,
  query: CallbackQuery,
  senderId: string,
  text: string | undefined,
): Promise<void> {
  const message = query.message;
  if (!host.isOwner('telegram', senderId) || text === undefined || !message) {
    const why = host.isOwner('telegram', senderId)
      ? 'This prompt is no longer open.'
      : 'Only an owner can see this.';
    await api.answerCallbackQuery(query.id, { text: why, show_alert: true });
    return;
  }
  await api.answerCallbackQuery(query.id, { text: 'Details below.' });
  const parts = chunkText(text, { limit: PROMPT_LIMITS.telegram });
  const shown = parts.slice(0, MAX_DETAIL_MESSAGES);
  if (parts.length > shown.length)
    shown.push('… the rest is in the Switchboard dashboard (Approvals).');
  for (const part of shown)
    await api.sendMessage(message.chat.id, part, {
      ...(message.message_thread_id === undefined
        ? {}
        : { message_thread_id: message.message_thread_id }),
      reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
    });
}
