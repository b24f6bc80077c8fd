/**
 * The slices of Electron objects the shell uses, typed from the real `electron` typings, so every
 * service takes them injected and tests pass fakes of exactly this shape.
 */
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  IpcMain,
  IpcMainInvokeEvent,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  Notification,
  NotificationConstructorOptions,
  Rectangle,
  Shell,
  Tray,
} from 'electron';

// `on` keeps Electron's own overloads, so the real objects fit as they are; fakes in tests are
// cast at that one point.
export type TrayLike = Pick<
  Tray,
  'setImage' | 'setToolTip' | 'setContextMenu' | 'getBounds' | 'destroy' | 'on'
>;

export type WindowLike = Pick<
  BrowserWindow,
  | 'loadURL'
  | 'show'
  | 'hide'
  | 'isVisible'
  | 'setPosition'
  | 'getBounds'
  | 'focus'
  | 'destroy'
  | 'isDestroyed'
  | 'on'
> & {
  webContents: Pick<BrowserWindow['webContents'], 'setWindowOpenHandler' | 'send' | 'id' | 'on'>;
};

export type NotificationLike = Pick<Notification, 'show' | 'close' | 'on'>;

export type ShellDeps = {
  app: Pick<
    App,
    | 'requestSingleInstanceLock'
    | 'quit'
    | 'exit'
    | 'setLoginItemSettings'
    | 'getLoginItemSettings'
    | 'on'
  > & {
    dock?: Pick<NonNullable<App['dock']>, 'hide'>;
  };
  createTray: (image: NativeImage | string) => TrayLike;
  createWindow: (options: BrowserWindowConstructorOptions) => WindowLike;
  createNotification: (options: NotificationConstructorOptions) => NotificationLike;
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  shell: Pick<Shell, 'openExternal'>;
  screen: { getDisplayNearestPoint: (point: { x: number; y: number }) => { workArea: Rectangle } };
};

export type { IpcMainInvokeEvent, MenuItemConstructorOptions, NativeImage };
