/**
 * The popover: a frameless, sandboxed window under the tray icon that hides when it loses focus.
 * It may show only the hub's own pages; navigation elsewhere is refused, `window.open` is denied
 * and http(s) links go to the default browser.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { ShellDeps, WindowLike } from './electron-types';

export const POPOVER_SIZE = { width: 420, height: 620 };

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

  constructor(
    deps: Pick<ShellDeps, 'createWindow' | 'screen' | 'shell'> & { preload: string; url: string },
  ) {
    this.#deps = deps;
    const origin = new URL(deps.url).origin;
    this.window = deps.createWindow(popoverOptions(deps.preload));
    this.window.on('blur', () => this.window.hide());
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

  /** Shows the popover centred under the tray icon, kept on screen; hides it when visible. */
  toggle(trayBounds: { x: number; y: number; width: number; height: number }): void {
    if (this.window.isVisible()) {
      this.window.hide();
      return;
    }
    const { workArea } = this.#deps.screen.getDisplayNearestPoint({
      x: trayBounds.x,
      y: trayBounds.y,
    });
    // setPosition throws on non-integers (electron/electron#11040), hence the rounding.
    const x = Math.round(
      Math.min(
        Math.max(trayBounds.x + trayBounds.width / 2 - POPOVER_SIZE.width / 2, workArea.x),
        workArea.x + workArea.width - POPOVER_SIZE.width,
      ),
    );
    const y = Math.round(
      trayBounds.y > workArea.y + workArea.height / 2
        ? trayBounds.y - POPOVER_SIZE.height
        : trayBounds.y + trayBounds.height,
    );
    this.window.setPosition(x, y);
    this.window.show();
    this.window.focus();
  }
}
