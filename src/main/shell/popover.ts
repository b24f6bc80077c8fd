/**
 * The popover: a frameless, sandboxed window under the tray icon that hides when it loses focus.
 * It may show only the hub's own pages; navigation elsewhere is refused, `window.open` is denied
 * and http(s) links go to the default browser.
 *
 * It lives as long as the app: Cmd+W or `window.close()` only hide it (a destroyed window would
 * make the next tray click throw "Object has been destroyed"); it is closed for real only when the
 * app quits. It joins every Space and shows over full-screen apps.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Rectangle, ShellDeps, WindowLike } from './electron-types';

export const POPOVER_SIZE = { width: 380, height: 600 };
/** Gap between the popover and the screen edge when the tray icon's place is unknown. */
const EDGE = 8;

export function popoverOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    ...POPOVER_SIZE,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    transparent: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}

/** Whether `url` is one of the hub's own pages (same origin as the dashboard). */
export function isHubUrl(url: string, hubOrigin: string): boolean {
  try {
    return new URL(url).origin === hubOrigin;
  } catch {
    return false;
  }
}

export class Popover {
  readonly window: WindowLike;
  readonly #deps: Pick<ShellDeps, 'screen' | 'shell'>;
  #closable = false;

  constructor(
    deps: Pick<ShellDeps, 'createWindow' | 'screen' | 'shell'> & { preload: string; url: string },
  ) {
    this.#deps = deps;
    const origin = new URL(deps.url).origin;
    this.window = deps.createWindow(popoverOptions(deps.preload));
    // Without this the popover stays on the Space where it was first shown, and may not appear
    // over a full-screen app. The app is a UI element (LSUIElement), so the process-type change
    // Electron makes for `visibleOnFullScreen` costs nothing (electron/electron#26350).
    this.window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    this.window.on('blur', () => this.window.hide());
    this.window.on('close', (event) => {
      if (this.#closable) return;
      event.preventDefault();
      this.window.hide();
    });
    const refuse = (event: { preventDefault: () => void }, url: string): void => {
      if (!isHubUrl(url, origin)) event.preventDefault();
    };
    this.window.webContents.on('will-navigate', refuse);
    this.window.webContents.on('will-redirect', refuse);
    this.window.webContents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//i.test(url) && !isHubUrl(url, origin)) void deps.shell.openExternal(url);
      return { action: 'deny' };
    });
    void this.window.loadURL(deps.url);
  }

  /** Hides the popover when visible, else shows it under the tray icon. */
  toggle(trayBounds: Rectangle): void {
    if (this.window.isVisible()) this.window.hide();
    else this.show(trayBounds);
  }

  /** Shows the popover under the tray icon (never toggles it closed), kept on screen. */
  show(trayBounds: Rectangle): void {
    if (this.window.isDestroyed()) return;
    const [x, y] = this.#position(trayBounds);
    this.window.setPosition(x, y);
    this.window.show();
    this.window.focus();
  }

  /** Lets the window close for real: the app is quitting. */
  allowClose(): void {
    this.#closable = true;
  }

  #position(tray: Rectangle): [number, number] {
    const { width, height } = POPOVER_SIZE;
    // A tray icon hidden behind the notch (or by a menu-bar manager) reports empty bounds at 0,0:
    // use the top-right corner of the display under the cursor instead.
    if (tray.width === 0 || tray.height === 0) {
      const { workArea } = this.#deps.screen.getDisplayNearestPoint(
        this.#deps.screen.getCursorScreenPoint(),
      );
      return [Math.round(workArea.x + workArea.width - width - EDGE), Math.round(workArea.y)];
    }
    const { workArea } = this.#deps.screen.getDisplayNearestPoint({ x: tray.x, y: tray.y });
    // setPosition throws on non-integers (electron/electron#11040), hence the rounding.
    const x = Math.round(
      Math.min(
        Math.max(tray.x + tray.width / 2 - width / 2, workArea.x),
        workArea.x + workArea.width - width,
      ),
    );
    const y = Math.round(
      tray.y > workArea.y + workArea.height / 2 ? tray.y - height : tray.y + tray.height,
    );
    return [x, y];
  }
}
