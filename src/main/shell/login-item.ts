/**
 * Start at login, as macOS reports it. Since macOS 13 the app registers itself through
 * SMAppService, and `app.getLoginItemSettings().status` says where that stands: `enabled`,
 * `not-registered`, `requires-approval` (the user must allow it in System Settings → General →
 * Login Items) or `not-found` (Electron's docs, app.getLoginItemSettings). A switch that silently
 * does nothing is worse than none, so the menu says which it is and where to approve it.
 */
import type { AppLike } from './electron-types';

/** Opens System Settings at Login Items (the URL Apple's own apps and others use, macOS 13+). */
export const LOGIN_ITEMS_SETTINGS_URL =
  'x-apple.systempreferences:com.apple.LoginItems-Settings.extension';

export type LoginItemStatus = 'not-registered' | 'enabled' | 'requires-approval' | 'not-found';

export type LoginItemView = {
  /** The switch is on: the user asked for it (it may still await approval). */
  wanted: boolean;
  label: string;
  needsApproval?: boolean;
  unavailable?: boolean;
  /** What to tell the user after they turned it on, when it is not simply on. */
  advice?: string;
};

export function loginItemView(
  app: Pick<AppLike, 'getLoginItemSettings'>,
  platform: NodeJS.Platform,
): LoginItemView {
  // Electron's login items exist on macOS and Windows only.
  if (platform !== 'darwin' && platform !== 'win32')
    return { wanted: false, unavailable: true, label: 'Start at login (not on this system)' };
  const settings = app.getLoginItemSettings();
  const status = settings.status as LoginItemStatus | undefined;
  switch (status) {
    case 'requires-approval':
      return {
        wanted: true,
        needsApproval: true,
        label: 'Start at login — approve in System Settings…',
        advice:
          'Allow Switchboard in System Settings → General → Login Items (under “Open at Login”) to start it when you log in.',
      };
    case 'not-found':
      return {
        wanted: false,
        unavailable: true,
        label: 'Start at login (unavailable: move Switchboard to Applications)',
        advice:
          'macOS could not find Switchboard to start it at login; move it to the Applications folder and turn it on again.',
      };
    case 'enabled':
      return { wanted: true, label: 'Start at login' };
    case 'not-registered':
    case undefined:
      return { wanted: settings.openAtLogin, label: 'Start at login' };
  }
}

/** Turns start at login on or off and returns what macOS now says. */
export function setLoginItem(
  app: Pick<AppLike, 'getLoginItemSettings' | 'setLoginItemSettings'>,
  platform: NodeJS.Platform,
  enabled: boolean,
): LoginItemView {
  if (platform === 'darwin' || platform === 'win32')
    app.setLoginItemSettings({ openAtLogin: enabled });
  return loginItemView(app, platform);
}
