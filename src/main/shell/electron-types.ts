/**
 * The slices of Electron objects the shell uses, typed from the real `electron` typings, so every
 * service takes them injected and tests pass fakes of exactly this shape.
 */
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Dialog,
  IpcMain,
  IpcMainInvokeEvent,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  Notification,
  NotificationConstructorOptions,
  Point,
  PowerMonitor,
  Rectangle,
  Shell,
  Tray,
} from 'electron';

// `on` keeps Electron's own overloads, so the real objects fit as they are; fakes in tests are
// cast at that one point.
export type TrayLike = Pick<
  Tray,
  | 'setImage'
  | 'setToolTip'
  | 'setContextMenu'
  | 'popUpContextMenu'
  | 'setIgnoreDoubleClickEvents'
  | 'getBounds'
  | 'destroy'
  | 'on'
>;

export type WindowLike = Pick<
  BrowserWindow,
  | 'loadURL'
  | 'show'
  | 'hide'
  | 'isVisible'
  | 'setPosition'
  | 'setVisibleOnAllWorkspaces'
  | 'getBounds'
  | 'focus'
  | 'destroy'
  | 'isDestroyed'
  | 'on'
> & {
  webContents: Pick<BrowserWindow['webContents'], 'setWindowOpenHandler' | 'send' | 'id' | 'on'>;
};

export type NotificationLike = Pick<Notification, 'show' | 'close' | 'on'>;

/** Notification Center as a whole (Electron's static Notification methods, macOS). */
export type NotificationCenter = {
  removeAll: () => void;
  remove: (id: string | string[]) => void;
};

export type AppLike = Pick<
  App,
  | 'requestSingleInstanceLock'
  | 'quit'
  | 'exit'
  | 'setLoginItemSettings'
  | 'getLoginItemSettings'
  | 'isInApplicationsFolder'
  | 'moveToApplicationsFolder'
  | 'getPath'
  | 'relaunch'
  | 'on'
> & {
  dock?: Pick<NonNullable<App['dock']>, 'hide'>;
};

export type ShellDeps = {
  app: AppLike;
  createTray: (image: NativeImage | string) => TrayLike;
  createWindow: (options: BrowserWindowConstructorOptions) => WindowLike;
  createNotification: (options: NotificationConstructorOptions) => NotificationLike;
  notifications: NotificationCenter;
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  setApplicationMenu: (menu: Menu | null) => void;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  shell: Pick<Shell, 'openExternal' | 'showItemInFolder'>;
  dialog: Pick<Dialog, 'showErrorBox' | 'showMessageBox'>;
  powerMonitor: Pick<PowerMonitor, 'on'>;
  screen: {
    getDisplayNearestPoint: (point: Point) => { workArea: Rectangle };
    getCursorScreenPoint: () => Point;
  };
  /** `process.platform`, injected so macOS-only behaviour is tested anywhere. */
  platform: NodeJS.Platform;
};

export type { IpcMainInvokeEvent, MenuItemConstructorOptions, NativeImage, Rectangle };
