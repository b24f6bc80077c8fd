/**
 * The Electron entry of the menu-bar app: hands the real Electron objects to the shell, and keeps
 * the log (rotated, user-only) in ~/Library/Logs/Switchboard. Everything it wires is tested with
 * fakes in test/unit/main/shell.
 */
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { homedir, tmpdir } from 'node:os';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  nativeImage,
  powerMonitor,
  screen,
  shell,
  Tray,
} from 'electron';
import { resolveHome } from '../shared/paths';
import { createHub } from './app/hub';
import { createLogger } from './log';
import { createLogFile } from './log-file';
import { devHelperEntry } from './shell/dev-helper';
import { startDesktop } from './shell/desktop';

const logFile = createLogFile(join(app.getPath('logs'), 'switchboard.log'));
const log = createLogger((line) => {
  process.stderr.write(line);
  logFile.write(line);
});
const assets = app.isPackaged
  ? join(process.resourcesPath, 'assets')
  : join(__dirname, '../../assets');
const tray = (name: string): string => join(assets, 'tray', `${name}Template.png`);
const home = resolveHome({
  env: process.env,
  platform: process.platform,
  homedir: homedir(),
  tmpdir: tmpdir(),
});
const defaultHome = resolveHome({
  env: {},
  platform: process.platform,
  homedir: homedir(),
  tmpdir: tmpdir(),
});
// The helper finds a non-default state directory the way the hub was told of it.
const helperEnv = home === defaultHome ? {} : { env: { SWITCHBOARD_HOME: home } };
const introduced = join(app.getPath('userData'), '.notifications-introduced');

async function main(): Promise<void> {
  await app.whenReady();
  const firstRun = await access(introduced).then(
    () => false,
    () => true,
  );
  await startDesktop({
    app,
    createTray: (image) =>
      new Tray(typeof image === 'string' ? nativeImage.createFromPath(image) : image),
    createWindow: (options) => new BrowserWindow(options),
    createNotification: (options) => new Notification(options),
    // Notification Center's methods exist on macOS only.
    notifications: {
      removeAll: () => {
        if (process.platform === 'darwin') Notification.removeAll();
      },
      remove: (id) => {
        if (process.platform === 'darwin') Notification.remove(id);
      },
    },
    // buildFromTemplate is Electron's own factory for Menu instances.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    buildMenu: (template) => Menu.buildFromTemplate(template),
    setApplicationMenu: (menu) => Menu.setApplicationMenu(menu),
    ipcMain,
    shell,
    dialog,
    powerMonitor,
    screen,
    platform: process.platform,
    home,
    packaged: app.isPackaged,
    preload: join(__dirname, 'preload.cjs'),
    trayImages: { idle: tray('idle'), attention: tray('attention'), error: tray('error') },
    log: (message) => log.info(message),
    logFile: logFile.path,
    flushLog: () => logFile.flush(),
    introduceNotifications: {
      needed: firstRun,
      done: () => void writeFile(introduced, '').catch(() => undefined),
    },
    startHub: async (desktop) =>
      createHub({
        home,
        rendererDir: join(__dirname, '../renderer'),
        log,
        desktop,
        // Claude Code runs the helper: the standalone executable in the app, or in a checkout a
        // real Node — never process.execPath, which is Electron here.
        helper: {
          ...(app.isPackaged
            ? { command: join(process.resourcesPath, 'bin', 'switchboard-mcp'), args: [] }
            : await devHelperEntry({
                env: process.env,
                distDir: join(__dirname, '..'),
                electronPath: process.execPath,
                log: (message) => log.warn(message),
              })),
          ...helperEnv,
        },
      }),
  });
}

main().catch(async (error: unknown) => {
  log.error(
    `Switchboard could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  await logFile.flush();
  app.exit(1);
});
