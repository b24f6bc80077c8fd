/**
 * The updater as a desktop extension: its tray items, its view and "Restart to update" for the
 * popover (the UI contract), held back by the hub's pending permission prompts, and stopped when
 * the app quits.
 */
import type { Desktop, DesktopExtension } from './desktop';
import { Updater, type UpdaterDeps } from './updater';

export type UpdaterOptions = Omit<UpdaterDeps, 'pendingPrompts' | 'changed' | 'quitForUpdate'>;

export function updaterExtension(
  options: UpdaterOptions,
  created?: (updater: Updater) => void,
): (desktop: Desktop) => DesktopExtension {
  return (desktop) => {
    const updater = new Updater({
      ...options,
      pendingPrompts: () => desktop.hub.core.webPermissions().length,
      changed: () => desktop.push({ type: 'changed', what: 'update' }),
      quitForUpdate: (install) => desktop.quitForUpdate(install),
    });
    desktop.hub.events.on('permissions', () => updater.promptsChanged());
    created?.(updater);
    return {
      menuItems: () => updater.menuItems(),
      update: { view: () => updater.view(), install: () => updater.restart() },
      stop: () => updater.stop(),
    };
  };
}
