/**
 * The Telegram adapter on grammy: one long-polling consumer per token for the whole machine
 * (the hub), inbound messages normalised for the gate, replies, files, reactions, edits, the
 * typing indicator, bot commands, and permission prompts with buttons.
 */
import { Bot, type Api } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { KeyValueStore } from '../../store/kv';
import type {
  AdapterHost,
  AdapterStatus,
  ChannelAdapter,
  InboundMessage,
  PromptView,
} from '../adapter';
import { localCopyOrMark, unavailableMeta } from '../attachments';
import { chatIdOf, migrationOf, toInbound } from './inbound';
import { nativeFetch } from './native-fetch';
import { download, editText, GroupMigratedError, react, sendReply } from './outbound';
import { grammySignal, poll } from './polling';
import { onPromptButton, sendPrompt, settlePrompt } from './prompts';
import { createTypingIndicator } from './typing';

export const DEFAULT_API_ROOT = 'https://api.telegram.org';
/** How long a notice (a group that moved) stays in the status. */
const NOTICE_MS = 24 * 60 * 60_000;

export const BOT_COMMANDS = [
  { command: 'start', description: 'Connect to Claude' },
  { command: 'help', description: 'What this bot does' },
  { command: 'status', description: 'Is Claude connected, and which session gets this chat' },
  { command: 'sessions', description: 'List Claude Code sessions' },
  { command: 'use', description: 'Send this chat to a session: /use NAME' },
];

export type TelegramOptions = {
  token: string;
  apiRoot?: string;
  inbox: string;
  kv: KeyValueStore;
  /** Emoji to react with to every message handed to Claude. */
  ackReaction?: string;
  /** Long-poll timeout in seconds; tests shorten it. */
  pollTimeoutSeconds?: number;
};

export function createTelegramAdapter(options: TelegramOptions): ChannelAdapter {
  const apiRoot = (options.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, '');
  const bot = new Bot(options.token, { client: { apiRoot, fetch: nativeFetch as never } });
  const api: Api = bot.api;
  const status: AdapterStatus = {
    platform: 'telegram',
    state: 'stopped',
    detail: 'not started',
    lastEventAt: null,
  };
  const prompts = new Map<string, PromptView>();
  const typing = createTypingIndicator((chatId, threadId) =>
    api.sendChatAction(
      Number(chatId.slice(3)),
      'typing',
      threadId === '' ? {} : { message_thread_id: Number(threadId) },
    ),
  );
  let host: AdapterHost | undefined;
  let me: UserFromGetMe | undefined;
  let running: Promise<void> | undefined;
  let notice: { text: string; at: number } | undefined;
  const offsetKey = `telegram.offset.${options.token.split(':')[0] ?? ''}`;

  function setStatus(state: AdapterStatus['state'], detail: string): void {
    if (status.state !== state || status.detail !== detail)
      host?.log(`telegram: ${state}${detail ? ` — ${detail}` : ''}`);
    const changed = status.state !== state || status.detail !== detail;
    status.state = state;
    status.detail = detail;
    if (changed) host?.statusChanged();
  }

  async function handle(update: Update): Promise<void> {
    status.lastEventAt = Date.now();
    if (update.callback_query && host) {
      // A press is not a message: if answering it fails, the owner presses again.
      await onPromptButton(api, host, update.callback_query, (id) => {
        const view = prompts.get(id);
        return view ? `${view.toolName}: ${view.description}\n${view.inputPreview}` : undefined;
      }).catch((error: unknown) => host?.log(`telegram: button press failed: ${String(error)}`));
      return;
    }
    // Edited messages would reach Claude twice; channel posts are not conversations.
    if (!update.message || !me || !host) return;
    const moved = migrationOf(update.message);
    if (moved) {
      await migrate(moved.from, moved.to);
      return;
    }
    const inbound = toInbound(update.message, me);
    // receive resolves once the hub has the message (stored or deliberately not); if it rejects,
    // the poller does not confirm the update and Telegram gives it to us again.
    if (!inbound || !(await host.receive(inbound)) || options.ackReaction === undefined) return;
    await react(api, inbound.chatId, inbound.externalId, options.ackReaction).catch(
      (error: unknown) => host?.log(`telegram: ack reaction failed: ${String(error)}`),
    );
  }

  /** Carries a group's settings, binding and history to its new id; says so in the status. */
  async function migrate(from: string, to: string): Promise<void> {
    const outcome = await host?.migrateChat('telegram', from, to);
    if (!outcome?.ok) return;
    notice = { text: outcome.summary, at: Date.now() };
    setStatus('connected', connectedDetail());
  }

  /** `@bot`, and for a day the last thing the owner should know about (a group that moved). */
  function connectedDetail(): string {
    const fresh = notice !== undefined && Date.now() - notice.at < NOTICE_MS;
    return `@${me?.username ?? ''}${fresh ? ` · ${notice?.text ?? ''}` : ''}`;
  }

  return {
    platform: 'telegram',
    async start(signal, adapterHost) {
      host = adapterHost;
      setStatus('starting', 'connecting to Telegram');
      running = (async () => {
        // getMe until it works: a network outage at start must not leave the adapter dead.
        for (let wait = 1_000; !me && !signal.aborted; wait = Math.min(wait * 2, 30_000)) {
          try {
            await bot.init(grammySignal(signal));
            me = bot.botInfo;
          } catch (error) {
            const text = error instanceof Error ? error.message : String(error);
            const fatal = /401|404|Unauthorized|Not Found/.test(text);
            setStatus(
              'error',
              fatal
                ? 'Telegram rejected the bot token. Set a valid one with `switchboard secrets set telegram`.'
                : `cannot reach Telegram (${text.replaceAll(options.token, '***')})`,
            );
            if (fatal) return;
            await new Promise((resolve) => setTimeout(resolve, wait));
          }
        }
        if (!me) return;
        await api
          .setMyCommands(BOT_COMMANDS)
          .catch((error: unknown) => host?.log(`telegram: setMyCommands failed: ${String(error)}`));
        setStatus('connected', connectedDetail());
        await poll({
          api,
          handle,
          signal,
          log: (message) => host?.log(`telegram: ${message}`),
          loadOffset: () => Number(options.kv.get(offsetKey) ?? '0'),
          saveOffset: (offset) => options.kv.set(offsetKey, String(offset)),
          onState: (state) =>
            state.state === 'connected'
              ? setStatus('connected', connectedDetail())
              : setStatus('error', state.reason),
          ...(options.pollTimeoutSeconds === undefined
            ? {}
            : { timeoutSeconds: options.pollTimeoutSeconds }),
        });
      })();
      await Promise.resolve();
    },
    async stop() {
      typing.stopAll();
      await running;
      setStatus('stopped', '');
    },
    status: () => ({ ...status }),
    async send(request) {
      typing.stop(request.chatId);
      try {
        return await sendReply(api, request);
      } catch (error) {
        // Telegram names the group's new id: carry everything over, and tell the caller.
        if (error instanceof GroupMigratedError) await migrate(request.chatId, chatIdOf(error.to));
        throw error;
      }
    },
    edit: (chatId, externalId, text) => editText(api, chatId, externalId, text),
    react: (chatId, externalId, emoji) => react(api, chatId, externalId, emoji),
    fetchAttachments: (_chatId, attachments) =>
      download({ api, token: options.token, apiRoot, inbox: options.inbox }, attachments),
    async prepare(message: InboundMessage) {
      // Photos are for Claude to look at: download them now, after the gate accepted the sender.
      // A failed download keeps the message (marked); a full disk pauses intake instead.
      const deps = { api, token: options.token, apiRoot, inbox: options.inbox };
      const attachments = await Promise.all(
        message.attachments.map((a) =>
          a.kind === 'photo'
            ? localCopyOrMark(a, async (photo) => (await download(deps, [photo]))[0] ?? '')
            : Promise.resolve(a),
        ),
      );
      const marked = unavailableMeta(attachments);
      return { ...message, attachments, extraMeta: { ...message.extraMeta, ...marked } };
    },
    working: (chatId, threadId) => typing.start(chatId, threadId),
    async sendPrompt(chatId, threadId, view) {
      prompts.set(view.requestId, view);
      return sendPrompt(api, chatId, threadId, view);
    },
    async settlePrompt(chatId, handle, view, outcome) {
      prompts.delete(view.requestId);
      await settlePrompt(api, chatId, handle, view, outcome);
    },
  };
}
