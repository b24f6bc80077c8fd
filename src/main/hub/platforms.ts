/**
 * Which platform adapters run, and their lifecycle: the web chat always; Telegram when a token is
 * set (environment or keychain); adapters passed in by the caller (the shell, tests). A platform
 * can be restarted on its own — after its token changes — without touching the others. Messages
 * reach the hub through the intake guard: while the store cannot write (a full disk), `receive`
 * waits and retries instead of failing, so no adapter moves its cursor past an unstored message,
 * and the platforms with a message waiting say why in their status.
 */
import type { Platform } from '../../shared/channel';
import type { AdapterHost, AdapterStatus, ChannelAdapter } from '../adapters/adapter';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets/secret-store';
import type { Settings } from '../settings/settings';
import type { KeyValueStore } from '../store/kv';
import type { HubCore } from './core';
import type { HubEvents } from '../events/hub-events';
import { migrateChat } from './chat-migration';
import { IntakeGuard, pausedDetail } from './intake';

type Running = { adapter: ChannelAdapter; aborter: AbortController };

export type PlatformDeps = {
  /** The live map the hub core reads; this class keeps it current. */
  adapters: Map<Platform, ChannelAdapter>;
  secrets: SecretStore;
  env: Readonly<Record<string, string | undefined>>;
  inbox: string;
  kv: KeyValueStore;
  settings: () => Settings;
  /** Changes settings (validated, saved, then live): a migrated group's entry moves. */
  updateSettings: (change: (draft: Settings) => void) => Promise<unknown>;
  events: HubEvents;
  log: Logger;
};

export class Platforms {
  readonly #deps: PlatformDeps;
  readonly #running = new Map<Platform, Running>();
  readonly #intake: IntakeGuard;
  #core: HubCore | undefined;

  constructor(deps: PlatformDeps) {
    this.#deps = deps;
    this.#intake = new IntakeGuard({
      log: deps.log.child('intake'),
      changed: () => deps.events.emit('platforms'),
      now: Date.now,
    });
  }

  async startAll(core: HubCore, fixed: readonly ChannelAdapter[]): Promise<void> {
    this.#core = core;
    for (const adapter of fixed) await this.#start(adapter);
    if (!fixed.some((a) => a.platform === 'telegram')) await this.restart('telegram');
    if (!fixed.some((a) => a.platform === 'imessage')) await this.restartImessage();
    if (!fixed.some((a) => a.platform === 'discord')) await this.restartDiscord();
  }

  /** Discord runs when a token is set (environment or keychain). */
  async restartDiscord(): Promise<string> {
    await this.#stop('discord');
    if (this.#deps.settings().paused) return 'discord is paused';
    let token: string | undefined;
    try {
      token = await this.#deps.secrets.get('discord');
    } catch (error) {
      this.#deps.log.warn(`discord: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (token === undefined) return 'discord is not configured (no token)';
    const api = this.#deps.env['SWITCHBOARD_DISCORD_API'];
    const { createDiscordAdapter } = await import('../adapters/discord/discord-adapter');
    const settings = this.#deps.settings;
    await this.#start(
      createDiscordAdapter({
        token,
        inbox: this.#deps.inbox,
        kv: this.#deps.kv,
        ...(api ? { api } : {}),
        allowBotsIn: () => new Set(settings().discord.allowBotsIn),
      }),
    );
    return 'discord started';
  }

  /** iMessage runs on macOS when enabled in settings, and anywhere SWITCHBOARD_IMESSAGE_DB is set. */
  async restartImessage(): Promise<string> {
    await this.#stop('imessage');
    const { env } = this.#deps;
    const dbOverride = env['SWITCHBOARD_IMESSAGE_DB'];
    const enabled =
      (dbOverride !== undefined && dbOverride !== '') ||
      (process.platform === 'darwin' && this.#deps.settings().imessage.enabled);
    if (!enabled) return 'imessage is off';
    if (this.#deps.settings().paused) return 'imessage is paused';
    const { createImessageAdapter, DEFAULT_CHAT_DB } =
      await import('../adapters/imessage/imessage-adapter');
    await this.#start(
      createImessageAdapter({
        dbPath: dbOverride || DEFAULT_CHAT_DB,
        osascript: env['SWITCHBOARD_OSASCRIPT'] || '/usr/bin/osascript',
        inbox: this.#deps.inbox,
        kv: this.#deps.kv,
        settings: () => this.#deps.settings().imessage,
      }),
    );
    return 'imessage started';
  }

  /** (Re)creates a configured platform from its current secret; stops it when none is set. */
  async restart(platform: 'telegram'): Promise<string> {
    await this.#stop(platform);
    if (this.#deps.settings().paused)
      return `${platform} is paused (resume from the menu bar or dashboard)`;
    let token: string | undefined;
    try {
      token = await this.#deps.secrets.get(platform);
    } catch (error) {
      this.#deps.log.warn(`${platform}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (token === undefined) return `${platform} is not configured (no token)`;
    const apiRoot = this.#deps.env['SWITCHBOARD_TELEGRAM_API_ROOT'];
    const pollSeconds = Number(this.#deps.env['SWITCHBOARD_TELEGRAM_POLL_TIMEOUT'] ?? '');
    // Loaded only when a token is set: CLI commands and token-less hubs never pay for grammy.
    const { createTelegramAdapter } = await import('../adapters/telegram/telegram-adapter');
    await this.#start(
      createTelegramAdapter({
        token,
        inbox: this.#deps.inbox,
        kv: this.#deps.kv,
        ...(this.#deps.settings().telegram.ackReaction === undefined
          ? {}
          : { ackReaction: this.#deps.settings().telegram.ackReaction }),
        ...(apiRoot ? { apiRoot } : {}),
        ...(Number.isInteger(pollSeconds) && pollSeconds > 0
          ? { pollTimeoutSeconds: pollSeconds }
          : {}),
      }),
    );
    return `${platform} started`;
  }

  async stopAll(): Promise<void> {
    for (const platform of [...this.#running.keys()]) await this.#stop(platform);
  }

  async #start(adapter: ChannelAdapter): Promise<void> {
    const core = this.#core;
    if (!core) throw new Error('platforms started before the hub core');
    const log = this.#deps.log.child(adapter.platform);
    const aborter = new AbortController();
    const host: AdapterHost = {
      receive: async (message) =>
        (await this.#intake.run(adapter.platform, () => core.receive(message), aborter.signal))
          .kind === 'stored',
      answerPrompt: (input) => core.answerPrompt(input),
      isOwner: (platform, senderId) => core.isOwner(platform, senderId),
      log: (message) => log.info(message),
      statusChanged: () => this.#deps.events.emit('platforms'),
      claimOwner: (platform, senderId, dmChatId, name) =>
        core.access.claimOwner(platform, senderId, dmChatId, name),
      migrateChat: (platform, from, to) =>
        migrateChat(
          {
            core,
            settings: this.#deps.settings,
            updateSettings: this.#deps.updateSettings,
            log,
          },
          { platform, from, to },
        ),
    };
    this.#deps.adapters.set(adapter.platform, this.#withIntakeStatus(adapter));
    this.#running.set(adapter.platform, { adapter, aborter });
    await adapter.start(aborter.signal, host);
    this.#deps.events.emit('platforms');
  }

  /**
   * The adapter as the hub sees it: its own status, unless one of its messages is waiting for the
   * store. Adapters are plain objects of functions (factories), so a spread keeps every method.
   */
  #withIntakeStatus(adapter: ChannelAdapter): ChannelAdapter {
    if (adapter.platform === 'web') return adapter;
    const intake = this.#intake;
    return {
      ...adapter,
      status(): AdapterStatus {
        const own = adapter.status();
        const pause = intake.paused();
        return pause && intake.waiting(adapter.platform) && own.state !== 'stopped'
          ? { ...own, state: 'error', detail: pausedDetail(pause) }
          : own;
      },
    };
  }

  async #stop(platform: Platform): Promise<void> {
    const running = this.#running.get(platform);
    if (!running) return;
    this.#running.delete(platform);
    this.#deps.adapters.delete(platform);
    running.aborter.abort();
    await running.adapter.stop();
    this.#deps.events.emit('platforms');
  }
}
