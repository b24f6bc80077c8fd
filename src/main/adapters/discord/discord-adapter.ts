/**
 * The Discord adapter on discord.js: DMs (partial channels), opted-in guild channels and their
 * threads, buttons for permission prompts, and catch-up over REST of what was said while the
 * gateway was disconnected or the hub stopped — the gateway does not replay it (intake.ts).
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  Partials,
  type Interaction,
  type Message,
} from 'discord.js';
import type { KeyValueStore } from '../../store/kv';
import type { AdapterHost, AdapterStatus, ChannelAdapter, PromptView } from '../adapter';
import { detailsText, outcomeText, promptHeader, promptText, PROMPT_LIMITS } from '../prompt-text';
import { channelIdOf, toInbound } from './inbound';
import { DiscordIntake } from './intake';
import { DISCORD_CDN_ORIGINS, download, editText, react, sendable, sendReply } from './outbound';

export type DiscordOptions = {
  token: string;
  /** REST base in discord.js's `rest.api` form, e.g. https://discord.com/api. */
  api?: string;
  inbox: string;
  kv: KeyValueStore;
  /** Channels (ids) whose other bots' and webhooks' messages are accepted. */
  allowBotsIn: () => ReadonlySet<string>;
};

/** kv keys of the catch-up marks: `discord.last.<channel id>` → newest handled message id. */
const MARK_PREFIX = 'discord.last.';

/** Message Content (or its limited variant) must be on in the Developer Portal. */
const MESSAGE_CONTENT_FLAGS = (1 << 18) | (1 << 19);

export function createDiscordAdapter(options: DiscordOptions): ChannelAdapter {
  const client = new Client({
    intents: [
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
    ],
    partials: [Partials.Channel],
    ...(options.api ? { rest: { api: options.api } } : {}),
  });
  const status: AdapterStatus = {
    platform: 'discord',
    state: 'stopped',
    detail: 'not started',
    lastEventAt: null,
  };
  const prompts = new Map<string, PromptView>();
  /** Where each message lives (a thread or the channel), for edits and reactions. */
  const homes = new Map<string, string>();
  const typing = new Map<string, NodeJS.Timeout>();
  let host: AdapterHost | undefined;

  const setStatus = (state: AdapterStatus['state'], detail: string): void => {
    if (status.state === state && status.detail === detail) return;
    status.state = state;
    status.detail = detail;
    host?.log(`discord: ${state}${detail ? ` — ${detail}` : ''}`);
    host?.statusChanged();
  };
  const remember = (messageId: string, channelId: string): void => {
    homes.set(messageId, channelId);
    if (homes.size > 5000) homes.delete(homes.keys().next().value ?? '');
  };
  const intake = new DiscordIntake<Message>({
    marks: () => options.kv.entries(MARK_PREFIX),
    saveMark: (channelId, id) => options.kv.set(`${MARK_PREFIX}${channelId}`, id),
    fetchAfter: async (channelId, after, limit) => {
      const channel = await client.channels.fetch(channelId);
      if (!channel?.isTextBased()) return [];
      const page = await channel.messages.fetch({ after, limit, cache: false });
      return [...page.values()].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    },
    handle: receive,
    // A DM channel we never saw may have been opened while we were away: read it from the
    // newest message we handled anywhere, which is before the gap began.
    startMark: (message) => (message.channel.isDMBased() ? newestMark() : undefined),
    isPermanent: (error) =>
      error instanceof DiscordAPIError && [10003, 50001, 50013].includes(Number(error.code)),
    log: (text) => host?.log(`discord: ${text}`),
  });

  function newestMark(): string | undefined {
    let newest: string | undefined;
    for (const id of options.kv.entries(MARK_PREFIX).values())
      if (newest === undefined || BigInt(id) > BigInt(newest)) newest = id;
    return newest;
  }

  /** One message to the hub; resolves once it is handled (stored, gated or ignored). */
  async function receive(message: Message): Promise<void> {
    remember(message.id, message.channelId);
    const botId = client.user?.id ?? '';
    const inbound = toInbound(message, botId, options.allowBotsIn());
    if (!inbound || !host) return;
    status.lastEventAt = Date.now();
    await host.receive(inbound);
  }

  async function onInteraction(interaction: Interaction): Promise<void> {
    if (!interaction.isButton() || !host) return;
    const match = /^sb:(d|a|n):([a-km-z]{5})$/.exec(interaction.customId);
    if (!match?.[1] || !match[2]) return;
    const requestId = match[2];
    if (match[1] === 'd') {
      const view = prompts.get(requestId);
      const owner = host.isOwner('discord', interaction.user.id);
      await interaction.reply({
        content: owner
          ? view
            ? detailsText(view, PROMPT_LIMITS.discord)
            : 'This prompt is no longer open.'
          : 'Only an owner can see this.',
        ephemeral: true,
      });
      return;
    }
    const outcome = host.answerPrompt({
      platform: 'discord',
      senderId: interaction.user.id,
      senderName: interaction.user.globalName ?? interaction.user.username,
      requestId,
      behavior: match[1] === 'a' ? 'allow' : 'deny',
    });
    await interaction.reply({ content: outcome.text, ephemeral: true });
  }

  client.on(Events.MessageCreate, (message) => intake.live(message));
  client.on(
    Events.InteractionCreate,
    (interaction) =>
      void onInteraction(interaction).catch((error: unknown) =>
        host?.log(`discord: interaction failed: ${String(error)}`),
      ),
  );
  // Whatever is said while the gateway is away must be read over REST before live messages.
  client.on(Events.ShardDisconnect, () => {
    intake.disconnected();
    setStatus('error', 'disconnected from the Discord gateway; reconnecting');
  });
  client.on(Events.ShardReconnecting, () => {
    intake.disconnected();
    setStatus('starting', 'reconnecting to the Discord gateway');
  });
  client.on(Events.ShardResume, () => {
    setStatus('connected', `@${client.user?.username ?? ''}`);
    intake.connected();
  });
  client.on(Events.ShardReady, () => {
    const flags = client.application?.flags.bitfield ?? MESSAGE_CONTENT_FLAGS;
    const contentOff = (flags & MESSAGE_CONTENT_FLAGS) === 0;
    setStatus(
      'connected',
      contentOff
        ? 'the Message Content intent is off: enable it for this bot in the Discord Developer Portal (Bot → Privileged Gateway Intents), or guild messages arrive empty'
        : `@${client.user?.username ?? ''}`,
    );
    // A fresh session (first start or a failed resume): fetch every gap.
    intake.connected();
  });
  client.on(Events.Error, (error) => setStatus('error', error.message));

  return {
    platform: 'discord',
    async start(_signal, adapterHost) {
      host = adapterHost;
      setStatus('starting', 'connecting to Discord');
      // login resolves once the gateway handshake starts; failures (bad token) are a state, not a crash.
      client.login(options.token).catch((error: unknown) => {
        const text = error instanceof Error ? error.message : String(error);
        setStatus(
          'error',
          /token/i.test(text)
            ? 'Discord rejected the bot token. Set a valid one with `switchboard secrets set discord`.'
            : `cannot connect to Discord: ${text.replaceAll(options.token, '***')}`,
        );
      });
      await Promise.resolve();
    },
    async stop() {
      intake.stop();
      for (const timer of typing.values()) clearInterval(timer);
      typing.clear();
      await client.destroy();
      setStatus('stopped', '');
    },
    status: () => ({ ...status }),
    async send(request) {
      const home = request.threadId === '' ? channelIdOf(request.chatId) : request.threadId;
      clearInterval(typing.get(home));
      typing.delete(home);
      const result = await sendReply(client, request);
      for (const id of result.externalIds) remember(id, home);
      return result;
    },
    edit: (chatId, externalId, text) =>
      editText(client, chatId, threadOf(chatId, externalId), externalId, text),
    react: (chatId, externalId, emoji) =>
      react(client, chatId, threadOf(chatId, externalId), externalId, emoji),
    fetchAttachments: (_chatId, attachments) =>
      download(options.inbox, attachments, [
        ...DISCORD_CDN_ORIGINS,
        ...(options.api ? [new URL(options.api).origin] : []),
      ]),
    working(chatId, threadId) {
      const home = threadId === '' ? channelIdOf(chatId) : threadId;
      const fire = (): void =>
        void sendable(client, chatId, threadId)
          .then((c) => c.sendTyping())
          .catch(() => undefined);
      fire();
      clearInterval(typing.get(home));
      const started = Date.now();
      const timer = setInterval(
        () => (Date.now() - started > 120_000 ? clearInterval(timer) : fire()),
        8_000,
      );
      timer.unref();
      typing.set(home, timer);
    },
    async sendPrompt(chatId, threadId, view) {
      prompts.set(view.requestId, view);
      const channel = await sendable(client, chatId, threadId);
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(`sb:d:${view.requestId}`)
          .setLabel('Details')
          .setStyle(ButtonStyle.Secondary),
        new ButtonBuilder()
          .setCustomId(`sb:a:${view.requestId}`)
          .setLabel('Allow')
          .setStyle(ButtonStyle.Success),
        new ButtonBuilder()
          .setCustomId(`sb:n:${view.requestId}`)
          .setLabel('Deny')
          .setStyle(ButtonStyle.Danger),
      );
      const sent = await channel.send({
        content: promptText(view, PROMPT_LIMITS.discord, {
          more: 'Press Details for the full text.',
        }),
        components: [row],
      });
      remember(sent.id, channel.id);
      return sent.id;
    },
    async settlePrompt(chatId, handle, view, outcome) {
      prompts.delete(view.requestId);
      const channel = await sendable(client, chatId, threadOf(chatId, handle));
      await (
        await channel.messages.fetch(handle)
      ).edit({
        content: `${promptHeader(view)}\n${outcomeText(view, outcome)}`,
        components: [],
      });
    },
  };

  function threadOf(chatId: string, messageId: string): string {
    const home = homes.get(messageId);
    return home === undefined || home === channelIdOf(chatId) ? '' : home;
  }
}
