/**
 * The menu-bar icon: a template image for each look (idle / needs you / error), a tooltip that
 * says why, a left click that toggles the popover and a right click (or ctrl-click) that pops the
 * menu. Setters are idempotent; the OS object is touched in one render.
 *
 * No `setContextMenu`: with a context menu set, macOS opens it on every click (electron/electron
 * #2830), and since electron/electron#24200 `click` is emitted as well, so a left click would open
 * the menu and the popover together. The menu is popped on demand with `popUpContextMenu` instead. macOS does not
 * turn a ctrl-click on a status item into a right click (max-mapper/menubar#275); it arrives as
 * `click` carrying `ctrlKey` (the modifiers Electron adds to tray clicks, electron/electron#2354).
 *
 * Linux is the exception: its tray (StatusNotifierItem) has no popUpContextMenu and leaves the
 * meaning of a click to the desktop, so there the menu is set with `setContextMenu` on each render
 * (Electron's Tray docs: changes need `setContextMenu` again on Linux).
 */
import type { Menu, MenuItemConstructorOptions } from 'electron';
import type { TrayLook } from '../ui/attention';
import type { Rectangle, TrayLike } from './electron-types';
import type { LoginItemView } from './login-item';

export type TrayPhase = 'starting' | 'running';

export type TrayState = {
  phase: TrayPhase;
  look: TrayLook;
  pending: number;
  paused: boolean;
  loginItem: LoginItemView;
  /** "Connect remotes at start" (settings `remotes.connectAtStart`). */
  remotesAtStart: boolean;
  /** A remote the hub keeps linked whose link is down, for the tooltip ("devbox"). */
  remoteDown?: string;
};

export type TrayActions = {
  toggle: (trayBounds: Rectangle) => void;
  open: () => void;
  connectClaude: () => void;
  togglePause: () => void;
  toggleRemotesAtStart: () => void;
  toggleLaunchAtLogin: () => void;
  approveLoginItem: () => void;
  revealLog: () => void;
  quit: () => void;
};

const STARTING: TrayState = {
  phase: 'starting',
  look: 'idle',
  pending: 0,
  paused: false,
  loginItem: { wanted: false, label: 'Start at login' },
  remotesAtStart: false,
};

export class TrayService {
  readonly #tray: TrayLike;
  readonly #images: Readonly<Record<TrayLook, string>>;
  readonly #buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  readonly #actions: TrayActions;
  readonly #extraItems: () => MenuItemConstructorOptions[];
  /** macOS (and Windows) pop the menu on demand; Linux sets it on the icon. */
  readonly #popsMenu: boolean;
  #state: TrayState = STARTING;
  renders = 0;

  constructor(deps: {
    createTray: (image: string) => TrayLike;
    images: Readonly<Record<TrayLook, string>>;
    buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
    actions: TrayActions;
    /** More menu items (e.g. an updater's), shown above Quit. */
    extraItems?: () => MenuItemConstructorOptions[];
    platform: NodeJS.Platform;
  }) {
    this.#popsMenu = deps.platform !== 'linux';
    this.#images = deps.images;
    this.#buildMenu = deps.buildMenu;
    this.#actions = deps.actions;
    this.#extraItems = deps.extraItems ?? (() => []);
    this.#tray = deps.createTray(deps.images.idle);
    // Every click counts: a quick second click closes the popover instead of being swallowed.
    if (deps.platform === 'darwin') this.#tray.setIgnoreDoubleClickEvents(true);
    this.#tray.on('click', (event, bounds) => {
      if (event.ctrlKey) this.popMenu();
      else if (this.#state.phase === 'running') deps.actions.toggle(bounds);
      else this.popMenu();
    });
    if (this.#popsMenu) this.#tray.on('right-click', () => this.popMenu());
    this.#render();
  }

  setState(state: TrayState): void {
    const old = this.#state;
    if (
      old.phase === state.phase &&
      old.look === state.look &&
      old.pending === state.pending &&
      old.paused === state.paused &&
      old.remotesAtStart === state.remotesAtStart &&
      old.remoteDown === state.remoteDown &&
      old.loginItem.label === state.loginItem.label &&
      old.loginItem.wanted === state.loginItem.wanted
    )
      return;
    this.#state = state;
    this.#render();
  }

  /** What the icon shows now. */
  get state(): TrayState {
    return this.#state;
  }

  bounds(): Rectangle {
    return this.#tray.getBounds();
  }

  destroy(): void {
    this.#tray.destroy();
  }

  /** Pops the menu under the icon, built from the current state. */
  popMenu(): void {
    if (this.#popsMenu) this.#tray.popUpContextMenu(this.#buildMenu(this.menuTemplate()));
  }

  menuTemplate(): MenuItemConstructorOptions[] {
    const state = this.#state;
    const running = state.phase === 'running';
    const a = this.#actions;
    const login = state.loginItem;
    return [
      { label: 'Open Switchboard', enabled: running, click: () => a.open() },
      { label: 'Connect Claude Code', enabled: running, click: () => a.connectClaude() },
      { type: 'separator' },
      {
        label: 'Pause all channels',
        type: 'checkbox',
        checked: state.paused,
        enabled: running,
        click: () => a.togglePause(),
      },
      {
        label: 'Connect remotes at start',
        type: 'checkbox',
        checked: state.remotesAtStart,
        enabled: running,
        click: () => a.toggleRemotesAtStart(),
      },
      {
        label: login.label,
        type: 'checkbox',
        checked: login.wanted,
        enabled: running && !login.unavailable,
        click: () => (login.needsApproval ? a.approveLoginItem() : a.toggleLaunchAtLogin()),
      },
      { type: 'separator' },
      ...this.#extraItems(),
      { label: 'Show Log File', click: () => a.revealLog() },
      { label: 'Quit Switchboard', click: () => a.quit() },
    ];
  }

  #render(): void {
    const state = this.#state;
    this.renders += 1;
    this.#tray.setImage(this.#images[state.look]);
    const tip =
      state.phase === 'starting'
        ? 'Switchboard — starting…'
        : state.look === 'attention'
          ? `Switchboard — ${state.pending} waiting for you`
          : state.look === 'error'
            ? 'Switchboard — a platform has a problem'
            : state.remoteDown !== undefined
              ? `Switchboard — remote "${state.remoteDown}" is not linked`
              : state.paused
                ? 'Switchboard — paused'
                : 'Switchboard';
    this.#tray.setToolTip(tip);
    if (!this.#popsMenu) this.#tray.setContextMenu(this.#buildMenu(this.menuTemplate()));
  }
}
