/**
 * The application menu. A menu-bar app shows none, but macOS routes key equivalents through it:
 * without an Edit menu, Cmd+C / Cmd+V / Cmd+A do nothing in the popover; Electron's default menu
 * has Close Window (Cmd+W), Reload and DevTools, which would destroy the popover or reload the
 * page under the user. So: our own menu, with Reload and DevTools only in development.
 */
import type { MenuItemConstructorOptions } from './electron-types';

export function appMenuTemplate(options: { packaged: boolean }): MenuItemConstructorOptions[] {
  return [
    {
      label: 'Switchboard',
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'quit' }],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'pasteAndMatchStyle' },
        { role: 'delete' },
        { role: 'selectAll' },
      ],
    },
    ...(options.packaged
      ? []
      : [
          {
            label: 'Develop',
            submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
          } satisfies MenuItemConstructorOptions,
        ]),
  ];
}
