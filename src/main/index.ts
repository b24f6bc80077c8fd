/**
 * The Electron entry of the menu-bar app: hands the real Electron objects to the shell, and keeps
 * the log (rotated, user-only) in ~/Library/Logs/Switchboard. Everything it wires is tested with
 * fakes in test/unit/main/shell.
 *
 * With `--smoke-test` the same app starts on folders of its own (state, user data — and with it
 * the single-instance lock — and log, all under one temporary folder removed at exit) and a
 * throwaway keychain service, checks itself and exits (src/main/shell/smoke-test.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { access, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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
import type { AppUpdater } from 'electron-updater';
import type { HelperEntry } from './claude/claude-cli';
import { createLogger } from './log';
import { createLogFile } from './log-file';
import { createOsKeychain } from './secrets/keychain';
import { devHelperEntry } from './shell/dev-helper';
import { startDesktop, type DesktopOptions } from './shell/desktop';
import type { ShellDeps } from './shell/electron-types';
import { createSmokeTest, smokeEnv, wantsSmokeTest } from './shell/smoke-test';
import { updaterExtension } from './shell/updater-extension';
import { systemCodesign, updateSupport } from './shell/updater-support';

const smokeRoot = wantsSmokeTest(process.argv)
  ? mkdtempSync(join(tmpdir(), 'switchboard-smoke-'))
  : undefined;
if (smokeRoot) {
  // Before anything reads them: Chromium's profile and the single-instance lock live in userData.
  app.setPath('userData', join(smokeRoot, 'user-data'));
  app.on('quit', () => rmSync(smokeRoot, { recursive: true, force: true }));
}
const logFile = createLogFile(
  smokeRoot ? join(smokeRoot, 'switchboard.log') : join(app.getPath('logs'), 'switchboard.log'),
);
const log = createLogger((line) => {
  process.stderr.write(line);
  logFile.write(line);
});
const assets = app.isPackaged
  ? join(process.resourcesPath, 'assets')
  : join(__dirname, '../../assets');
const tray = (name: string): string => join(assets, 'tray', `${name}Template.png`);
const home = smokeRoot
  ? join(smokeRoot, 'home')
  : resolveHome({
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

/** How Claude Code (and the smoke test) start the helper: the app's own executable, or in a
 * checkout a real Node — never process.execPath, which is Electron here. Found once. */
let helperEntry: Promise<HelperEntry> | undefined;
function helper(): Promise<HelperEntry> {
  helperEntry ??= (
    app.isPackaged
      ? Promise.resolve({
          command: join(process.resourcesPath, 'bin', 'switchboard-mcp'),
          args: [],
        })
      : devHelperEntry({
          env: process.env,
          distDir: join(__dirname, '..'),
          electronPath: process.execPath,
          log: (message) => log.warn(message),
        })
  ).then((entry) => ({ ...entry, ...helperEnv }));
  return helperEntry;
}

const shellDeps: ShellDeps = {
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
};
const trayImages = { idle: tray('idle'), attention: tray('attention'), error: tray('error') };

/** Updates: on for a Developer ID signed, packaged macOS app with a feed; off, saying why, else. */
function updater(): DesktopOptions['extensions'] {
  // The .app bundle: Contents/MacOS/Switchboard is three levels down.
  const bundle = dirname(dirname(dirname(app.getPath('exe'))));
  const support = updateSupport({
    platform: process.platform,
    packaged: app.isPackaged,
    bundle,
    updateConfig: join(process.resourcesPath, 'app-update.yml'),
    readFile: (path) => readFile(path, 'utf8'),
    codesign: systemCodesign,
  });
  return [
    updaterExtension({
      ...shellDeps,
      version: app.getVersion(),
      support,
      // Loaded only when updates are on: MacUpdater on macOS (electron-builder's app-update.yml).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      engine: () => (require('electron-updater') as { autoUpdater: AppUpdater }).autoUpdater,
      log: (message) => log.info(message),
    }),
  ];
}

async function main(): Promise<void> {
  await app.whenReady();
  const keychainService = `Switchboard Smoke Test ${randomUUID().slice(0, 8)}`;
  const smoke = smokeRoot
    ? createSmokeTest({
        home,
        helper,
        keychain: createOsKeychain(keychainService),
        keychainService,
        trayImages,
        write: (line) => void process.stdout.write(`${line}\n`),
        exit: (code) => app.exit(code),
      })
    : undefined;
  const firstRun =
    !smoke &&
    (await access(introduced).then(
      () => false,
      () => true,
    ));
  const desktop = await startDesktop({
    ...(smoke ? smoke.wrap(shellDeps) : shellDeps),
    home,
    packaged: app.isPackaged,
    preload: join(__dirname, 'preload.cjs'),
    trayImages,
    log: (message) => log.info(message),
    logFile: logFile.path,
    flushLog: () => logFile.flush(),
    introduceNotifications: {
      needed: firstRun,
      done: () => void writeFile(introduced, '').catch(() => undefined),
    },
    extensions: smoke ? [smoke.extension] : updater(),
    startHub: async (hooks) =>
      createHub({
        home,
        rendererDir: join(__dirname, '../renderer'),
        log,
        desktop: hooks,
        // The app's own version (package.json's): an update rotates hub.token on its first start.
        version: app.getVersion(),
        ...(smoke
          ? { env: smokeEnv(process.env), keychain: createOsKeychain(keychainService) }
          : {}),
        helper: await helper(),
      }),
  });
  if (!desktop) smoke?.notStarted();
}

main().catch(async (error: unknown) => {
  log.error(
    `Switchboard could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  await logFile.flush();
  app.exit(1);
});
