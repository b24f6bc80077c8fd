/**
 * The menu-bar app's composition root, from injected Electron objects: one instance, no Dock
 * icon, our own application menu, the tray first (so a slow start or a keychain prompt never
 * leaves the user without an icon), an offer to move a disk-image copy to Applications, then the
 * hub — a failure shown in a dialog with what to do — then everything wired to it, and a quit
 * that stops the hub within a time limit and always exits.
 *
 * Extensions (a smoke-test mode, an updater) plug in through `extensions`: each gets the running
 * desktop, may add tray menu items, and is stopped first when the app quits.
 */
import type { Hub } from '../app/hub';
import { UiError, type DesktopHooks } from '../ui/ui-host';
import type { TrayLook } from '../ui/attention';
import type { UpdateView } from '../../shared/ui-api';
import { appMenuTemplate } from './app-menu';
import type { MenuItemConstructorOptions, ShellDeps } from './electron-types';
import {
  installLocation,
  installProblem,
  offerMoveToApplications,
  type InstallLocation,
} from './install-location';
import { LOGIN_ITEMS_SETTINGS_URL, loginItemView, setLoginItem } from './login-item';
import { QuitController } from './quit';
import { wireRunningApp, type RunningApp } from './running-app';
import { explainStartupError } from './startup-errors';
import { TrayService } from './tray-service';

export type DesktopExtension = {
  /** Tray menu items shown above "Show Log File" (e.g. an updater's "Restart to Update"). */
  menuItems?: () => MenuItemConstructorOptions[];
  /** The updater, for the UI contract (the popover's "Restart to update"). */
  update?: UpdateHooks;
  stop?: () => Promise<void> | void;
};

export type UpdateHooks = {
  view: () => UpdateView;
  /** Restarts into the downloaded update (or says why not yet); the message is for the user. */
  install: () => Promise<string>;
};

export type DesktopOptions = ShellDeps & {
  startHub: (desktop: DesktopHooks) => Promise<Hub>;
  /** The state directory, for messages. */
  home: string;
  preload: string;
  trayImages: Readonly<Record<TrayLook, string>>;
  log: (message: string) => void;
  /** The log file "Show Log File" reveals and error dialogs name. */
  logFile?: string;
  /** Writes out what the log still holds; the last thing before the app exits. */
  flushLog?: () => Promise<void>;
  packaged: boolean;
  /** Whether to post the welcome notification (first run), and record that it was posted. */
  introduceNotifications?: { needed: boolean; done: () => void };
  quitTimeoutMs?: number;
  extensions?: ReadonlyArray<(desktop: Desktop) => DesktopExtension>;
};

export type Desktop = RunningApp & {
  tray: TrayService;
  location: InstallLocation;
  /** Stops everything and exits with `code` (default 0). */
  quit: (code?: number) => Promise<void>;
  /** Stops everything, then lets `install` (autoUpdater.quitAndInstall) quit the app. */
  quitForUpdate: (install: () => void) => Promise<void>;
};

export async function startDesktop(options: DesktopOptions): Promise<Desktop | undefined> {
  const { app, log } = options;
  if (!app.requestSingleInstanceLock()) {
    log('Switchboard is already running');
    app.quit();
    return undefined;
  }
  app.dock?.hide();
  options.setApplicationMenu(options.buildMenu(appMenuTemplate({ packaged: options.packaged })));
  const quitter = new QuitController({ ...options, log, timeoutMs: options.quitTimeoutMs });
  if (options.flushLog) quitter.add({ name: 'log', run: options.flushLog });
  // A menu-bar app lives on without windows: listening is enough to keep Electron from quitting.
  app.on('window-all-closed', () => undefined);

  // Filled in once the hub runs; the tray and app events exist before that.
  const current: { desktop?: Desktop } = {};
  const extensions: DesktopExtension[] = [];
  const tray = new TrayService({
    createTray: options.createTray,
    images: options.trayImages,
    buildMenu: options.buildMenu,
    extraItems: () => extensions.flatMap((e) => e.menuItems?.() ?? []),
    platform: options.platform,
    actions: trayActions(options, () => current.desktop),
  });
  quitter.add({ name: 'tray', run: () => tray.destroy() });
  // Opening the app again (Finder, Spotlight, `open`) while it runs, or a second launch: show the
  // popover — never toggle it away (electron docs: `activate`, `second-instance`).
  app.on('activate', () => current.desktop?.show());
  app.on('second-instance', () => current.desktop?.show());

  const location =
    options.platform === 'darwin' && options.packaged
      ? installLocation(app.getPath('exe'), app.isInApplicationsFolder())
      : 'elsewhere';
  if ((await offerMoveToApplications(options, location, log)) === 'moved') return undefined;

  let hub: Hub;
  try {
    hub = await options.startHub(
      desktopHooks(
        options,
        location,
        () => current.desktop,
        () => extensions,
      ),
    );
  } catch (error) {
    const problem = explainStartupError(error, { home: options.home, logFile: options.logFile });
    log(
      `startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    options.dialog.showErrorBox(problem.title, problem.detail);
    tray.destroy();
    app.exit(1);
    return undefined;
  }
  quitter.add({ name: 'hub', run: () => hub.stop() });
  const running = wireRunningApp({ ...options, hub, tray, quitter });
  const desktop: Desktop = {
    ...running,
    tray,
    location,
    quit: (code) => quitter.quit(code),
    quitForUpdate: (install) => quitter.quitForUpdate(install, () => app.relaunch()),
  };
  current.desktop = desktop;
  if (options.introduceNotifications?.needed) {
    running.notifier.introduce();
    options.introduceNotifications.done();
  }
  for (const extend of options.extensions ?? []) {
    const extension = extend(desktop);
    extensions.push(extension);
    if (extension.stop) quitter.add({ name: 'extension', run: extension.stop });
  }
  return desktop;
}

function trayActions(
  options: DesktopOptions,
  current: () => Desktop | undefined,
): ConstructorParameters<typeof TrayService>[0]['actions'] {
  const { app } = options;
  const settings = (patch: {
    paused?: boolean;
    launchAtLogin?: boolean;
    remotesAtStart?: boolean;
  }): void => {
    const d = current();
    if (d)
      d.hub.ui.updateSettings(patch).then(
        () => d.refresh(),
        (error: unknown) =>
          tell(options, 'Switchboard', error instanceof Error ? error.message : String(error)),
      );
  };
  return {
    toggle: (bounds) => current()?.popover.toggle(bounds),
    open: () => current()?.show(),
    connectClaude: () => {
      const d = current();
      if (d) connectClaude(options, d);
    },
    togglePause: () => {
      const d = current();
      if (d) settings({ paused: !d.hub.settings.get().paused });
    },
    toggleRemotesAtStart: () => {
      const d = current();
      if (d) settings({ remotesAtStart: !d.hub.settings.get().remotes.connectAtStart });
    },
    toggleLaunchAtLogin: () =>
      settings({ launchAtLogin: !loginItemView(app, options.platform).wanted }),
    approveLoginItem: () => void options.shell.openExternal(LOGIN_ITEMS_SETTINGS_URL),
    revealLog: () => {
      if (options.logFile) options.shell.showItemInFolder(options.logFile);
    },
    quit: () => app.quit(),
  };
}

function desktopHooks(
  options: DesktopOptions,
  location: InstallLocation,
  current: () => Desktop | undefined,
  extensions: () => readonly DesktopExtension[],
): DesktopHooks {
  const updater = (): UpdateHooks | undefined => extensions().find((e) => e.update)?.update;
  return {
    update: () => updater()?.view() ?? null,
    installUpdate: async () => {
      const hooks = updater();
      if (!hooks) throw new UiError('this copy of Switchboard has no updater');
      return hooks.install();
    },
    getLaunchAtLogin: () => loginItemView(options.app, options.platform).wanted,
    setLaunchAtLogin: (enabled) => {
      const problem = installProblem(location);
      if (enabled && problem) throw new UiError(problem);
      const view = setLoginItem(options.app, options.platform, enabled);
      current()?.refresh();
      if (enabled && view.advice)
        void adviseLoginItem(options, view.advice, view.needsApproval === true);
    },
    openExternal: (url) => options.shell.openExternal(url),
    installProblem: () => installProblem(location),
  };
}

async function adviseLoginItem(
  options: DesktopOptions,
  advice: string,
  approve: boolean,
): Promise<void> {
  const { response } = await options.dialog.showMessageBox({
    type: 'info',
    message: approve ? 'Approve Switchboard in System Settings' : 'Start at login is not available',
    detail: advice,
    buttons: approve ? ['Open System Settings', 'Later'] : ['OK'],
    defaultId: 0,
  });
  if (approve && response === 0) await options.shell.openExternal(LOGIN_ITEMS_SETTINGS_URL);
}

function connectClaude(options: DesktopOptions, desktop: Desktop): void {
  desktop.hub.ui.connectClaude().then(
    (outcome) =>
      tell(
        options,
        'Connect Claude Code',
        [
          outcome.warning ?? `${outcome.detail}.`,
          `Start Claude Code with: ${outcome.launchCommand}`,
        ].join('\n'),
      ),
    (error: unknown) =>
      tell(
        options,
        'Connect Claude Code failed',
        error instanceof Error ? error.message : String(error),
      ),
  );
}

/** A message for the user: a notification, or a dialog when notifications cannot be shown. */
function tell(options: DesktopOptions, title: string, body: string): void {
  const notification = options.createNotification({ title, body });
  notification.on(
    'failed',
    () => void options.dialog.showMessageBox({ type: 'info', message: title, detail: body }),
  );
  notification.show();
}
