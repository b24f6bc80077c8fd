/**
 * The menu-bar icon: a template image for each look (idle / needs you / error), a tooltip that
 * says why, and the context menu. Setters are idempotent; the OS object is touched in one render.
 */
import type { Menu, MenuItemConstructorOptions } from 'electron';
import type { TrayLook } from '../ui/attention';
import type { TrayLike } from './electron-types';

export type TrayState = {
  look: TrayLook;
  pending: number;
  paused: boolean;
  launchAtLogin: boolean;
};

export type TrayActions = {
  open: () => void;
  connectClaude: () => void;
  togglePause: () => void;
  toggleLaunchAtLogin: () => void;
  quit: () => void;
};

export class TrayService {
  readonly #tray: TrayLike;
  readonly #images: Readonly<Record<TrayLook, string>>;
  readonly #buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  readonly #actions: TrayActions;
  #state: TrayState | undefined;
  renders = 0;

  constructor(deps: {
    createTray: (image: string) => TrayLike;
    images: Readonly<Record<TrayLook, string>>;
    buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
    actions: TrayActions;
  }) {
    this.#images = deps.images;
    this.#buildMenu = deps.buildMenu;
    this.#actions = deps.actions;
    this.#tray = deps.createTray(deps.images.idle);
    this.#tray.on('click', () => deps.actions.open());
  }

  setState(state: TrayState): void {
    const old = this.#state;
    if (
      old &&
      old.look === state.look &&
      old.pending === state.pending &&
      old.paused === state.paused &&
      old.launchAtLogin === state.launchAtLogin
    )
      return;
    this.#state = state;
    this.#render();
  }

  bounds(): ReturnType<TrayLike['getBounds']> {
    return this.#tray.getBounds();
  }

  destroy(): void {
    this.#tray.destroy();
  }

  #render(): void {
    const state = this.#state;
    if (!state) return;
    this.renders += 1;
    this.#tray.setImage(this.#images[state.look]);
    const tip =
      state.look === 'attention'
        ? `Switchboard — ${state.pending} waiting for you`
        : state.look === 'error'
          ? 'Switchboard — a platform has a problem'
          : state.paused
            ? 'Switchboard — paused'
            : 'Switchboard';
    this.#tray.setToolTip(tip);
    this.#tray.setContextMenu(
      this.#buildMenu([
        { label: 'Open Switchboard', click: () => this.#actions.open() },
        { label: 'Connect Claude Code', click: () => this.#actions.connectClaude() },
        { type: 'separator' },
        {
          label: 'Pause all channels',
          type: 'checkbox',
          checked: state.paused,
          click: () => this.#actions.togglePause(),
        },
        {
          label: 'Start at login',
          type: 'checkbox',
          checked: state.launchAtLogin,
          click: () => this.#actions.toggleLaunchAtLogin(),
        },
        { type: 'separator' },
        { label: 'Quit Switchboard', role: 'quit', click: () => this.#actions.quit() },
      ]),
    );
  }
}
