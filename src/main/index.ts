/**
 * The Electron entry of the menu-bar app: hands the real Electron objects to the shell.
 * Everything it wires is tested with fakes in test/unit/main/shell.
 */
import { join } from 'node:path';
import { homedir, tmpdir } from 'node:os';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  Notification,
  nativeImage,
  screen,
  shell,
  Tray,
} from 'electron';
import { resolveHome } from '../shared/paths';
import { createHub } from './app/hub';
import { createLogger } from './log';
import { startDesktop } from './shell/desktop';

const log = createLogger((line) => process.stderr.write(line));
const assets = app.isPackaged
  ? join(process.resourcesPath, 'assets')
  : join(__dirname, '../../assets');
const tray = (name: string): string => join(assets, 'tray', `${name}Template.png`);

void app.whenReady().then(() =>
  startDesktop({
    app,
    createTray: (image) =>
      new Tray(typeof image === 'string' ? nativeImage.createFromPath(image) : image),
    createWindow: (options) => new BrowserWindow(options),
    createNotification: (options) => new Notification(options),
    // buildFromTemplate is Electron's own factory for Menu instances.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    buildMenu: (template) => Menu.buildFromTemplate(template),
    ipcMain,
    shell,
    screen,
    preload: join(__dirname, 'preload.cjs'),
    trayImages: { idle: tray('idle'), attention: tray('attention'), error: tray('error') },
    log: (message) => log.info(message),
    startHub: (desktop) =>
      createHub({
        home: resolveHome({
          env: process.env,
          platform: process.platform,
          homedir: homedir(),
          tmpdir: tmpdir(),
        }),
        rendererDir: join(__dirname, '../renderer'),
        log,
        desktop,
        // The packaged app ships the helper as a standalone executable: Claude Code needs no Node.
        ...(app.isPackaged
          ? { helper: { command: join(process.resourcesPath, 'bin', 'switchboard-mcp'), args: [] } }
          : {}),
      }),
  }).catch((error: unknown) => {
    log.error(
      `Switchboard could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    app.exit(1);
  }),
);
