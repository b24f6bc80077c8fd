/**
 * Fakes of the Electron objects the shell takes (the binary cannot run here). They record what
 * the shell does and let tests fire the events Electron would.
 */
import type {
  BrowserWindowConstructorOptions,
  MenuItemConstructorOptions,
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

export class FakeTray extends Emitter {
  image = '';
  tooltip = '';
  menu: MenuItemConstructorOptions[] = [];
  destroyed = false;
  setImage(image: string): void {
    this.image = image;
  }
  setToolTip(tip: string): void {
    this.tooltip = tip;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu as MenuItemConstructorOptions[];
  }
  getBounds() {
    return { x: 1000, y: 0, width: 22, height: 24 };
  }
  destroy(): void {
    this.destroyed = true;
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
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {}
  setPosition(x: number, y: number): void {
    if (!Number.isInteger(x) || !Number.isInteger(y))
      throw new Error('Error processing argument at index 0, conversion failure');
    this.position = [x, y];
  }
  getBounds() {
    return { x: this.position[0], y: this.position[1], width: 420, height: 620 };
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
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
  press(index: number): void {
    this.emit('action', {}, index);
  }
}

export class FakeApp extends Emitter {
  lock = true;
  quitCalls = 0;
  exitCode: number | undefined;
  dockHidden = false;
  openAtLogin = false;
  readonly dock = { hide: () => void (this.dockHidden = true) };
  requestSingleInstanceLock(): boolean {
    return this.lock;
  }
  quit(): void {
    this.quitCalls += 1;
    const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
    this.emit('before-quit', event);
    if (!event.prevented) this.exitCode ??= 0;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  setLoginItemSettings(settings: { openAtLogin?: boolean }): void {
    this.openAtLogin = settings.openAtLogin ?? false;
  }
  getLoginItemSettings() {
    return { openAtLogin: this.openAtLogin } as ReturnType<
      ShellDeps['app']['getLoginItemSettings']
    >;
  }
}

export type FakeShell = {
  deps: ShellDeps;
  app: FakeApp;
  trays: FakeTray[];
  windows: FakeWindow[];
  notifications: FakeNotification[];
  opened: string[];
  handlers: Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;
};

export function fakeShell(): FakeShell {
  const app = new FakeApp();
  const trays: FakeTray[] = [];
  const windows: FakeWindow[] = [];
  const notifications: FakeNotification[] = [];
  const opened: string[] = [];
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const deps = {
    app,
    createTray: () => {
      const tray = new FakeTray();
      trays.push(tray);
      return tray as unknown as TrayLike;
    },
    createWindow: (options: BrowserWindowConstructorOptions) => {
      const window = new FakeWindow(options);
      windows.push(window);
      return window as unknown as WindowLike;
    },
    createNotification: (options: NotificationConstructorOptions) => {
      const notification = new FakeNotification(options);
      notifications.push(notification);
      return notification as unknown as NotificationLike;
    },
    buildMenu: (template: MenuItemConstructorOptions[]) => template,
    ipcMain: {
      handle: (
        channel: string,
        handler: (event: unknown, ...args: unknown[]) => Promise<unknown>,
      ) => void handlers.set(channel, handler),
      removeHandler: (channel: string) => void handlers.delete(channel),
    },
    shell: { openExternal: (url: string) => Promise.resolve(void opened.push(url)) },
    screen: {
      getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 24, width: 1440, height: 876 } }),
    },
  } as unknown as ShellDeps;
  return { deps, app, trays, windows, notifications, opened, handlers };
}
