/**
 * The UI contract's implementation, shared by both hosts (Electron IPC and the dashboard's HTTP):
 * every method takes arguments already parsed with `uiMethods`, acts as the local owner, and
 * returns plain data. Expected refusals throw `UiError` with a message for the user.
 */
import type {
  UiMethod,
  UiResults,
  UiState,
  SettingsPatch,
  SenderView,
  SettingsView,
  UpdateView,
} from '../../shared/ui-api';
import type { uiMethods } from '../../shared/ui-api';
import type { z } from 'zod';
import type { HubCore } from '../hub/core';
import type { Platforms } from '../hub/platforms';
import type { HubEvents } from '../events/hub-events';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsService } from '../settings/settings-service';
import type { Sender } from '../store/senders';
import { SERVER_NAME } from '../../shared/channel';
import { connectClaude, type HelperEntry } from '../claude/claude-cli';
import type { ProjectService } from '../launcher/project-service';
import { projectMethods } from './ui-projects';
import { UiQueries } from '../store/ui-queries';
import * as views from './ui-views';

/* eslint-disable @typescript-eslint/require-await --
 * Every method returns a Promise so both transports treat calls alike; some have nothing to await. */

export class UiError extends Error {}

/** What only the desktop app can do; absent in the headless hub. */
export type DesktopHooks = {
  getLaunchAtLogin: () => boolean;
  /** May throw UiError (e.g. the app runs from its disk image). */
  setLaunchAtLogin: (enabled: boolean) => void;
  openExternal: (url: string) => Promise<void>;
  /** Why nothing should be registered from this copy of the app (it runs from a disk image…). */
  installProblem?: () => string | undefined;
  /** The app's updater as the UI shows it; null when it has none. */
  update?: () => UpdateView | null;
  /** Restarts into a downloaded update; resolves to a message for the user. May throw UiError. */
  installUpdate?: () => Promise<string>;
};

export type UiHostDeps = {
  core: HubCore;
  platforms: Platforms;
  settings: SettingsService;
  secrets: SecretStore;
  events: HubEvents;
  desktop?: DesktopHooks;
  /** How Claude Code starts the helper on this machine, for "Connect Claude Code". */
  helper: HelperEntry;
  /** Where to look for the `claude` CLI (PATH, CLAUDE_BIN, HOME). */
  env: NodeJS.ProcessEnv;
  /** Who acts, for the audit log: "menu bar" or "dashboard". */
  via: string;
  /** Projects and the sessions Switchboard starts for them. */
  projects: ProjectService;
  now?: () => number;
};

type Args<K extends UiMethod> = z.infer<(typeof uiMethods)[K]>;
export type UiHost = { [K in UiMethod]: (...args: Args<K>) => Promise<UiResults[K]> };

function senderView(s: Sender): SenderView {
  return {
    platform: s.platform,
    sender: s.senderId,
    name: s.displayName,
    status: s.status,
    role: s.role,
  };
}

export function createUiHost(deps: UiHostDeps): UiHost {
  const { core, settings, secrets } = deps;
  const by = `local owner (${deps.via})`;
  const viewDeps: views.ViewDeps = {
    core,
    queries: new UiQueries(core.store.db),
    expireAfterMinutes: () => settings.get().permissions.expireAfterMinutes,
    now: deps.now ?? Date.now,
  };
  // Remember "Claude Code connected" the moment a channel session attaches, even unwatched.
  deps.events.on('sessions', () => void views.firstRun(viewDeps, false));

  function settingsView(): SettingsView {
    const current = settings.get();
    return {
      dmPolicy: {
        telegram: current.access.telegram.dmPolicy,
        discord: current.access.discord.dmPolicy,
        imessage: current.access.imessage.dmPolicy,
      },
      forwardToChats: current.permissions.forwardToChats,
      launchAtLogin: deps.desktop ? deps.desktop.getLaunchAtLogin() : null,
      paused: current.paused,
      launcherChannel: current.launcher.channel,
      remoteKeys: current.launcher.remoteKeys,
    };
  }

  async function state(): Promise<UiState> {
    const web = core.webState();
    const [telegram, discord, projects] = await Promise.all([
      secrets.source('telegram'),
      secrets.source('discord'),
      deps.projects.views(),
    ]);
    return {
      platforms: core.adapterStatuses(),
      sessions: web.sessions,
      pairings: web.pairings,
      pairingQueues: core.access.pairingQueues(),
      permissions: web.permissions,
      chats: web.chats,
      senders: core.access.senders().map(senderView),
      projects,
      secrets: { telegram, discord },
      settings: settingsView(),
      settingsProblems: [...settings.problems()],
      ownerName: web.ownerName,
      host: deps.desktop ? 'desktop' : 'web',
      update: deps.desktop?.update?.() ?? null,
    };
  }

  async function applySettings(patch: SettingsPatch): Promise<SettingsView> {
    if (patch.launchAtLogin !== undefined) {
      if (!deps.desktop)
        throw new UiError('starting at login is only available in the menu-bar app');
      deps.desktop.setLaunchAtLogin(patch.launchAtLogin);
    }
    const wasPaused = settings.get().paused;
    await settings.update((draft) => {
      if (patch.dmPolicy) draft.access[patch.dmPolicy.platform].dmPolicy = patch.dmPolicy.policy;
      if (patch.forwardToChats !== undefined)
        draft.permissions.forwardToChats = patch.forwardToChats;
      if (patch.paused !== undefined) draft.paused = patch.paused;
      if (patch.launcherChannel !== undefined) draft.launcher.channel = patch.launcherChannel;
      if (patch.remoteKeys !== undefined) draft.launcher.remoteKeys = patch.remoteKeys;
    });
    if (patch.paused !== undefined && patch.paused !== wasPaused) {
      await deps.platforms.restart('telegram');
      await deps.platforms.restartImessage();
      await deps.platforms.restartDiscord();
    }
    return settingsView();
  }

  return {
    ...projectMethods(deps.projects, by),
    getState: state,
    async decidePairing(code, action, options) {
      const pairing = core.access.pendingPairings().find((p) => p.code === code.toUpperCase());
      const outcome =
        action === 'approve'
          ? core.access.approve(
              code,
              by,
              options?.owner === undefined ? {} : { owner: options.owner },
            )
          : core.access.deny(code, by);
      if (!outcome.ok) throw new UiError(outcome.message);
      if (action === 'block' && pairing)
        core.access.setSender(pairing.platform, pairing.senderId, { status: 'blocked' }, by);
      return { ok: true };
    },
    async decidePermission(requestId, behavior) {
      const outcome = core.broker.decide({
        requestId,
        behavior,
        by,
        via: deps.via === 'menu bar' ? 'menubar' : 'dashboard',
      });
      if (!outcome.ok) throw new UiError(outcome.message);
      return { ok: true };
    },
    async bindChat(chatId, threadId, session) {
      if (!core.store.chats.get(chatId, threadId)) throw new UiError(`no chat ${chatId}`);
      core.bind(chatId, threadId, session, by);
      return { ok: true };
    },
    async setSender(platform, sender, change) {
      return senderView(core.access.setSender(platform, sender, change, by));
    },
    async removeSender(platform, sender) {
      if (!core.access.removeSender(platform, sender, by))
        throw new UiError(`no sender ${sender} on ${platform}`);
      return { ok: true };
    },
    async setSecret(name, token) {
      try {
        await secrets.set(name, token);
      } catch (error) {
        throw new UiError(error instanceof Error ? error.message : String(error));
      }
      deps.events.emit('secrets');
      return {
        message:
          name === 'telegram'
            ? await deps.platforms.restart('telegram')
            : await deps.platforms.restartDiscord(),
      };
    },
    async removeSecret(name) {
      await secrets.remove(name).catch((error: unknown) => {
        throw new UiError(error instanceof Error ? error.message : String(error));
      });
      deps.events.emit('secrets');
      return {
        message:
          name === 'telegram'
            ? await deps.platforms.restart('telegram')
            : await deps.platforms.restartDiscord(),
      };
    },
    updateSettings: applySettings,
    async connectClaude() {
      const problem = deps.desktop?.installProblem?.();
      if (problem) throw new UiError(problem);
      try {
        const outcome = await connectClaude(SERVER_NAME, deps.helper, deps.env);
        return {
          found: outcome.claude.found,
          ...(outcome.claude.found ? { version: outcome.claude.version } : {}),
          ...(outcome.registered === undefined ? {} : { registered: outcome.registered }),
          detail: outcome.detail,
          ...(outcome.warning ? { warning: outcome.warning } : {}),
          launchCommand: outcome.launchCommand,
          alias: outcome.alias,
        };
      } catch (error) {
        throw new UiError(error instanceof Error ? error.message : String(error));
      }
    },
    async installUpdate() {
      if (!deps.desktop?.installUpdate)
        throw new UiError('updates are installed by the menu-bar app');
      return { message: await deps.desktop.installUpdate() };
    },
    getConversations: async () => views.conversations(viewDeps),
    getHistory: async (chatId, threadId, beforeId) =>
      views.history(viewDeps, chatId, threadId, beforeId),
    async markRead(chatId, threadId, upTo) {
      viewDeps.queries.markRead(chatId, threadId, upTo, viewDeps.now());
      return { ok: true };
    },
    getSessions: async () => views.sessionDetails(viewDeps),
    getPrompts: async () => views.prompts(viewDeps),
    async getFirstRun() {
      const [telegram, discord] = await Promise.all([
        secrets.source('telegram'),
        secrets.source('discord'),
      ]);
      const added =
        [telegram, discord].some((s) => s === 'env' || s === 'keychain') ||
        core.adapterStatuses().some((p) => p.platform !== 'web');
      return views.firstRun(viewDeps, added);
    },
    async dismissFirstRun() {
      core.store.kv.set(views.FIRST_RUN_DISMISSED_KEY, '1');
      return { ok: true };
    },
    async openExternal(url) {
      if (!deps.desktop) throw new UiError('opening links is up to the browser');
      await deps.desktop.openExternal(url);
      return { ok: true };
    },
  };
}
