/**
 * The menu-bar app's composition root: one instance, no Dock icon, the hub in-process, the tray,
 * the popover, notifications and the IPC host — all from injected Electron objects — and a quit
 * that stops the hub (sockets removed) before the process exits.
 */
import type { Hub } from '../app/hub';
import { UI_EVENT_CHANNEL } from '../../shared/ui-method-names';
import type { UiEvent } from '../../shared/ui-api';
import { attentionChanges, trayLook, type AttentionSnapshot } from '../ui/attention';
import type { DesktopHooks } from '../ui/ui-host';
import type { ShellDeps } from './electron-types';
import { registerUiIpc } from './ipc';
import { Notifier } from './notifier';
import { isHubUrl, Popover } from './popover';
import { TrayService } from './tray-service';
import type { TrayLook } from '../ui/attention';

export type DesktopOptions = ShellDeps & {
  startHub: (desktop: DesktopHooks) => Promise<Hub>;
  preload: string;
  trayImages: Readonly<Record<TrayLook, string>>;
  log: (message: string) => void;
};

export type Desktop = {
  hub: Hub;
  popover: Popover;
  tray: TrayService;
  notifier: Notifier;
  refresh: () => void;
  quit: () => Promise<void>;
};

export async function startDesktop(options: DesktopOptions): Promise<Desktop | undefined> {
  const { app } = options;
  if (!app.requestSingleInstanceLock()) {
    options.log('Switchboard is already running');
    app.quit();
    return undefined;
  }
  app.dock?.hide();

  const hub = await options.startHub({
    getLaunchAtLogin: () => app.getLoginItemSettings().openAtLogin,
    setLaunchAtLogin: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled }),
    openExternal: (url) => options.shell.openExternal(url),
  });
  const origin = new URL(hub.dashboardUrl).origin;
  const popover = new Popover({ ...options, url: hub.dashboardUrl });
  const open = (): void => popover.toggle(tray.bounds());
  const tray: TrayService = new TrayService({
    createTray: options.createTray,
    images: options.trayImages,
    buildMenu: options.buildMenu,
    actions: {
      open,
      togglePause: () => void hub.ui.updateSettings({ paused: !hub.settings.get().paused }),
      toggleLaunchAtLogin: () =>
        void hub.ui.updateSettings({ launchAtLogin: !app.getLoginItemSettings().openAtLogin }),
      connectClaude: () =>
        void hub.ui.connectClaude().then(
          (outcome) => {
            const body = [
              outcome.warning ?? `${outcome.detail}.`,
              `Start Claude Code with: ${outcome.launchCommand}`,
            ].join('\n');
            options.createNotification({ title: 'Connect Claude Code', body }).show();
          },
          (error: unknown) =>
            options
              .createNotification({
                title: 'Connect Claude Code failed',
                body: error instanceof Error ? error.message : String(error),
              })
              .show(),
        ),
      quit: () => app.quit(),
    },
  });
  const notifier = new Notifier({
    createNotification: options.createNotification,
    ui: hub.ui,
    open,
    log: options.log,
  });
  const stopIpc = registerUiIpc({
    ipcMain: options.ipcMain,
    ui: hub.ui,
    log: options.log,
    trusted: (event) =>
      event.sender.id === popover.window.webContents.id &&
      isHubUrl(event.senderFrame?.url ?? '', origin),
  });

  let last: AttentionSnapshot = { pairings: [], permissions: [], platforms: [] };
  const refresh = (): void => {
    const next: AttentionSnapshot = {
      pairings: hub.core.webPairings(),
      permissions: hub.core.webPermissions(),
      platforms: hub.core.adapterStatuses(),
    };
    for (const change of attentionChanges(last, next)) notifier.apply(change);
    last = next;
    tray.setState({
      look: trayLook(next),
      pending: next.pairings.length + next.permissions.length,
      paused: hub.settings.get().paused,
      launchAtLogin: app.getLoginItemSettings().openAtLogin,
    });
  };
  const push = (event: UiEvent): void => {
    if (!popover.window.isDestroyed()) popover.window.webContents.send(UI_EVENT_CHANNEL, event);
  };
  for (const what of [
    'pairings',
    'permissions',
    'platforms',
    'settings',
    'sessions',
    'senders',
    'secrets',
  ] as const) {
    hub.events.on(what, () => {
      refresh();
      push({ type: 'changed', what });
    });
  }
  refresh();

  app.on('second-instance', () => open());
  // A menu-bar app lives on without windows: listening is enough to keep Electron from quitting.
  app.on('window-all-closed', () => undefined);
  let quitting: Promise<void> | undefined;
  const quit = (): Promise<void> => {
    quitting ??= (async () => {
      stopIpc();
      tray.destroy();
      await hub.stop();
    })();
    return quitting;
  };
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    void quit().then(() => app.exit(0));
  });
  return { hub, popover, tray, notifier, refresh, quit };
}
