/**
 * The menu-bar app once its hub runs: the popover, notifications (with their fallback), the IPC
 * host, and the tray kept in step with what waits — all wired to one hub.
 */
import type { Hub } from '../app/hub';
import { UI_EVENT_CHANNEL } from '../../shared/ui-method-names';
import type { UiEvent } from '../../shared/ui-api';
import { attentionChanges, trayLook, type AttentionSnapshot } from '../ui/attention';
import type { ShellDeps } from './electron-types';
import { registerUiIpc } from './ipc';
import { loginItemView } from './login-item';
import { Notifier } from './notifier';
import { isHubUrl, Popover } from './popover';
import type { QuitController } from './quit';
import type { TrayService } from './tray-service';

export type RunningApp = {
  hub: Hub;
  popover: Popover;
  notifier: Notifier;
  /** Shows the popover (never toggles it closed), scrolled to a prompt when given its key. */
  show: (promptKey?: string) => void;
  refresh: () => void;
  /** Sends an event to the popover's page (it re-reads what changed). */
  push: (event: UiEvent) => void;
};

const WATCHED = [
  'pairings',
  'permissions',
  'platforms',
  'settings',
  'sessions',
  'senders',
  'secrets',
  'remotes',
] as const;

export function wireRunningApp(
  deps: ShellDeps & {
    hub: Hub;
    tray: TrayService;
    quitter: QuitController;
    preload: string;
    log: (message: string) => void;
  },
): RunningApp {
  const { hub, tray, quitter, app } = deps;
  const origin = new URL(hub.dashboardUrl).origin;
  const popover = new Popover({ ...deps, url: hub.dashboardUrl });
  quitter.add({
    name: 'popover',
    run: () => {
      popover.allowClose();
      if (!popover.window.isDestroyed()) popover.window.destroy();
    },
  });
  const push = (event: UiEvent): void => {
    if (!popover.window.isDestroyed()) popover.window.webContents.send(UI_EVENT_CHANNEL, event);
  };
  const show = (promptKey?: string): void => {
    popover.show(tray.bounds());
    if (promptKey) push({ type: 'focus', target: promptKey });
  };

  const notifier = new Notifier({
    createNotification: deps.createNotification,
    notifications: deps.notifications,
    ui: hub.ui,
    open: show,
    // Platform errors already turn the tray icon; prompts open the popover at themselves.
    fallback: (kind, key) => {
      if (kind !== 'error') show(key);
    },
    log: deps.log,
  });
  notifier.clearStale();
  quitter.add({ name: 'notifications', run: () => notifier.withdrawAll() });

  const stopIpc = registerUiIpc({
    ipcMain: deps.ipcMain,
    ui: hub.ui,
    log: deps.log,
    trusted: (event) =>
      event.sender.id === popover.window.webContents.id &&
      isHubUrl(event.senderFrame?.url ?? '', origin),
  });
  quitter.add({ name: 'IPC handlers', run: stopIpc });

  let last: AttentionSnapshot = { pairings: [], permissions: [], platforms: [] };
  const refresh = (): void => {
    const next: AttentionSnapshot = {
      pairings: hub.core.webPairings(),
      permissions: hub.core.webPermissions(),
      platforms: hub.core.adapterStatuses(),
    };
    for (const change of attentionChanges(last, next)) notifier.apply(change);
    last = next;
    const remoteDown = hub.remotes
      .uiList()
      .find((r) => r.keepConnected && r.link.state === 'waiting')?.name;
    tray.setState({
      phase: 'running',
      look: trayLook(next),
      pending: next.pairings.length + next.permissions.length,
      paused: hub.settings.get().paused,
      loginItem: loginItemView(app, deps.platform),
      remotesAtStart: hub.settings.get().remotes.connectAtStart,
      ...(remoteDown === undefined ? {} : { remoteDown }),
    });
  };
  for (const what of WATCHED)
    hub.events.on(what, () => {
      refresh();
      push({ type: 'changed', what });
    });
  refresh();
  return { hub, popover, notifier, show, refresh, push };
}
