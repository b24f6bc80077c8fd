/**
 * Permission prompts with inline buttons [Details] [Allow] [Deny]. Presses are checked by the hub
 * (owners only); the message is edited with the outcome wherever the prompt was settled.
 */
import type { Api } from 'grammy';
import type { CallbackQuery } from 'grammy/types';
import type { AdapterHost, PromptOutcome, PromptView } from '../adapter';
import { outcomeText, promptText } from '../prompt-text';
import { telegramChatId } from './inbound';

const DATA = /^sb:(d|a|n):([a-km-z]{5})$/;

export async function sendPrompt(
  api: Api,
  chatId: string,
  threadId: string,
  view: PromptView,
): Promise<string> {
  const sent = await api.sendMessage(telegramChatId(chatId), promptText(view), {
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
    `${promptText(view).split('\n')[0] ?? ''}\n${outcomeText(view, outcome)}`,
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
    const text = host.isOwner('telegram', senderId)
      ? (details(requestId) ?? 'This prompt is no longer open.')
      : 'Only an owner can see this.';
    await api.answerCallbackQuery(query.id, { text: text.slice(0, 200), show_alert: true });
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
