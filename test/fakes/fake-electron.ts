/**
 * Fakes of the Electron objects the shell takes (the binary cannot run here). They record what
 * the shell does and let tests fire the events Electron would, with Electron's argument shapes
 * (checked against electron.d.ts): a tray `click` carries a KeyboardEvent and the icon's bounds,
 * a notification `action` carries `{ actionIndex }` and the deprecated index, `failed` an error
 * string; `before-quit` and a window's `close` can be prevented.
 */
import type {
  BrowserWindowConstructorOptions,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  NotificationConstructorOptions,
} from 'electron';
import type {
  NotificationLike,
  ShellDeps,
  TrayLike,
  WindowLike,
} from '../../src/main/shell/electron-types';

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (...a: unknown[]) => unknown)(...args);
  }
}

const preventable = () => {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
};

export class FakeTray extends Emitter {
  image = '';
  tooltip = '';
  /** Every menu popped, newest last. */
  popped: MenuItemConstructorOptions[][] = [];
  contextMenuSet = false;
  ignoreDoubleClicks = false;
  destroyed = false;
  bounds = { x: 1000, y: 0, width: 22, height: 24 };
  setImage(image: string): void {
    this.image = image;
  }
  setToolTip(tip: string): void {
    this.tooltip = tip;
  }
  setContextMenu(): void {
    this.contextMenuSet = true;
  }
  popUpContextMenu(menu: unknown): void {
    this.popped.push(menu as MenuItemConstructorOptions[]);
  }
  setIgnoreDoubleClickEvents(ignore: boolean): void {
    this.ignoreDoubleClicks = ignore;
  }
  getBounds() {
    return this.bounds;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** A left click (ctrl-click with `ctrlKey`), as macOS reports it. */
  click(modifiers: { ctrlKey?: boolean } = {}): void {
    this.emit('click', { ...modifiers }, this.bounds, { x: this.bounds.x + 5, y: 5 });
  }
  rightClick(): void {
    this.emit('right-click', {}, this.bounds);
  }
  /** The last menu popped. */
  get menu(): MenuItemConstructorOptions[] {
    return this.popped.at(-1) ?? [];
  }
}

export class FakeWebContents extends Emitter {
  readonly id = 7;
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  sent: Array<[string, unknown]> = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  /** Fires will-navigate; returns whether the shell prevented it. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export class FakeWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  visible = false;
  position: [number, number] = [0, 0];
  loaded = '';
  destroyed = false;
  workspaces: { visible: boolean; options: unknown } | undefined;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
  show(): void {
    this.assertAlive();
    this.visible = true;
  }
  hide(): void {
    this.assertAlive();
    this.visible = false;
  }
  isVisible(): boolean {
    this.assertAlive();
    return this.visible;
  }
  focus(): void {}
  setPosition(x: number, y: number): void {
    this.assertAlive();
    if (!Number.isInteger(x) || !Number.isInteger(y))
      throw new Error('Error processing argument at index 0, conversion failure');
    this.position = [x, y];
  }
  setVisibleOnAllWorkspaces(visible: boolean, options?: unknown): void {
    this.workspaces = { visible, options };
  }
  getBounds() {
    return { x: this.position[0], y: this.position[1], width: 420, height: 620 };
  }
  /** What Cmd+W or window.close() do: `close` (preventable), then destruction. */
  close(): void {
    const event = preventable();
    this.emit('close', event);
    if (!event.prevented) this.destroy();
  }
  destroy(): void {
    this.destroyed = true;
    this.visible = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  private assertAlive(): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
  }
}

export class FakeNotification extends Emitter {
  shown = false;
  closed = false;
  constructor(readonly options: NotificationConstructorOptions) {
    super();
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
  }
  /** A button press: Electron 42+ passes `{ actionIndex }` and the deprecated positional index. */
  press(index: number): void {
    this.emit('action', { actionIndex: index, selectionIndex: -1 }, index, -1);
  }
  /** What UNUserNotificationCenter does for an unsigned app. */
  fail(error = 'Notifications are not allowed for this application'): void {
    this.emit('failed', {}, error);
  }
}

export class FakeApp extends Emitter {
  lock = true;
  quitCalls = 0;
  exitCode: number | undefined;
  dockHidden = false;
  openAtLogin = false;
  /** What macOS reports after registering (SMAppService). */
  loginStatus: 'not-registered' | 'enabled' | 'requires-approval' | 'not-found' = 'not-registered';
  /** Status macOS gives a newly registered login item. */
  statusOnRegister: 'enabled' | 'requires-approval' | 'not-found' = 'enabled';
  exePath = '/Applications/Switchboard.app/Contents/MacOS/Switchboard';
  inApplications = true;
  moveResult: boolean | Error = true;
  moves = 0;
  relaunches = 0;
  readonly dock = { hide: () => void (this.dockHidden = true) };
  requestSingleInstanceLock(): boolean {
    return this.lock;
  }
  quit(): void {
    this.quitCalls += 1;
    const event = preventable();
    this.emit('before-quit', event);
    if (!event.prevented) this.exitCode ??= 0;
  }
  exit(code = 0): void {
    this.exitCode ??= code;
  }
  relaunch(): void {
    this.relaunches += 1;
  }
  setLoginItemSettings(settings: { openAtLogin?: boolean }): void {
    this.openAtLogin = settings.openAtLogin ?? false;
    this.loginStatus = this.openAtLogin ? this.statusOnRegister : 'not-registered';
  }
  getLoginItemSettings() {
    return {
      openAtLogin: this.openAtLogin && this.loginStatus === 'enabled',
      status: this.loginStatus,
    } as ReturnType<ShellDeps['app']['getLoginItemSettings']>;
  }
  getPath(name: string): string {
    if (name !== 'exe') throw new Error(`getPath(${name}) not faked`);
    return this.exePath;
  }
  isInApplicationsFolder(): boolean {
    return this.inApplications;
  }
  moveToApplicationsFolder(): boolean {
    this.moves += 1;
    if (this.moveResult instanceof Error) throw this.moveResult;
    return this.moveResult;
  }
}

export type FakeShell = {
  deps: ShellDeps;
  app: FakeApp;
  trays: FakeTray[];
  windows: FakeWindow[];
  notifications: FakeNotification[];
  /** Ids removed from Notification Center; 'ALL' for removeAll. */
  removed: string[];
  opened: string[];
  revealed: string[];
  errorBoxes: Array<{ title: string; content: string }>;
  messageBoxes: MessageBoxOptions[];
  /** The button the next message boxes answer with. */
  messageBoxAnswer: { response: number };
  appMenu: MenuItemConstructorOptions[] | undefined;
  powerMonitor: Emitter;
  cursor: { x: number; y: number };
  handlers: Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;
};

export function fakeShell(platform: NodeJS.Platform = 'darwin'): FakeShell {
  const app = new FakeApp();
  const powerMonitor = new Emitter();
  const fake: FakeShell = {
    deps: undefined as unknown as ShellDeps,
    app,
    trays: [],
    windows: [],
    notifications: [],
    removed: [],
    opened: [],
    revealed: [],
    errorBoxes: [],
    messageBoxes: [],
    messageBoxAnswer: { response: 1 },
    appMenu: undefined,
    powerMonitor,
    cursor: { x: 2000, y: 300 },
    handlers: new Map(),
  };
  fake.deps = {
    app,
    createTray: () => {
      const tray = new FakeTray();
      fake.trays.push(tray);
      return tray as unknown as TrayLike;
    },
    createWindow: (options: BrowserWindowConstructorOptions) => {
      const window = new FakeWindow(options);
      fake.windows.push(window);
      return window as unknown as WindowLike;
    },
    createNotification: (options: NotificationConstructorOptions) => {
      const notification = new FakeNotification(options);
      fake.notifications.push(notification);
      return notification as unknown as NotificationLike;
    },
    notifications: {
      removeAll: () => void fake.removed.push('ALL'),
      remove: (id: string | string[]) => void fake.removed.push(...[id].flat()),
    },
    buildMenu: (template: MenuItemConstructorOptions[]) => template,
    setApplicationMenu: (menu: unknown) =>
      void (fake.appMenu = menu as MenuItemConstructorOptions[]),
    ipcMain: {
      handle: (
        channel: string,
        handler: (event: unknown, ...args: unknown[]) => Promise<unknown>,
      ) => void fake.handlers.set(channel, handler),
      removeHandler: (channel: string) => void fake.handlers.delete(channel),
    },
    shell: {
      openExternal: (url: string) => Promise.resolve(void fake.opened.push(url)),
      showItemInFolder: (path: string) => void fake.revealed.push(path),
    },
    dialog: {
      showErrorBox: (title: string, content: string) =>
        void fake.errorBoxes.push({ title, content }),
      showMessageBox: (options: MessageBoxOptions) => {
        fake.messageBoxes.push(options);
        return Promise.resolve({
          response: fake.messageBoxAnswer.response,
          checkboxChecked: false,
        });
      },
    },
    powerMonitor,
    screen: {
      // Two displays side by side; the one at x ≥ 1440 is the external one.
      getDisplayNearestPoint: (point: { x: number; y: number }) =>
        point.x >= 1440
          ? { workArea: { x: 1440, y: 25, width: 2560, height: 1415 } }
          : { workArea: { x: 0, y: 24, width: 1440, height: 876 } },
      getCursorScreenPoint: () => fake.cursor,
    },
    platform,
  } as unknown as ShellDeps;
  return fake;
}
