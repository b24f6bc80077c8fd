/**
 * Where the running app lives. Opened straight from the .dmg, it runs from /Volumes/…; opened from
 * Downloads with the quarantine flag, macOS runs a randomised read-only copy ("App Translocation",
 * …/AppTranslocation/…). Both copies vanish, so nothing that outlives this run — the login item,
 * the helper path given to Claude Code — may point at them: the app offers to move itself to
 * Applications first (`app.moveToApplicationsFolder`, which relaunches it on success).
 */
import type { AppLike, ShellDeps } from './electron-types';

export type InstallLocation = 'applications' | 'disk-image' | 'translocated' | 'elsewhere';

export function installLocation(exePath: string, inApplications: boolean): InstallLocation {
  if (inApplications) return 'applications';
  if (exePath.includes('/AppTranslocation/')) return 'translocated';
  if (exePath.startsWith('/Volumes/')) return 'disk-image';
  return 'elsewhere';
}

/** Why registering anything would be a mistake from here, or undefined when it is fine. */
export function installProblem(location: InstallLocation): string | undefined {
  const where =
    location === 'disk-image'
      ? 'from its disk image'
      : location === 'translocated'
        ? 'from a temporary copy macOS made (App Translocation)'
        : undefined;
  return where
    ? `Switchboard is running ${where}. Move it to the Applications folder first (quit, drag it there, open it again): Claude Code and Login Items would otherwise point at a copy that disappears.`
    : undefined;
}

export type MoveOutcome = 'not-needed' | 'moved' | 'declined' | 'failed';

/** Offers to move a transient copy to Applications. */
export async function offerMoveToApplications(
  deps: { app: Pick<AppLike, 'moveToApplicationsFolder'> } & Pick<ShellDeps, 'dialog'>,
  location: InstallLocation,
  log: (message: string) => void,
): Promise<MoveOutcome> {
  if (location !== 'disk-image' && location !== 'translocated') return 'not-needed';
  const { response } = await deps.dialog.showMessageBox({
    type: 'question',
    message: 'Move Switchboard to your Applications folder?',
    detail:
      location === 'disk-image'
        ? 'It is running from the disk image, which goes away when ejected. Claude Code and Start at login need it in Applications.'
        : 'macOS is running it from a temporary copy. Claude Code and Start at login need it in Applications.',
    buttons: ['Move to Applications', 'Not Now'],
    defaultId: 0,
    cancelId: 1,
  });
  if (response !== 0) return 'declined';
  try {
    // On success the app quits and the moved copy starts (Electron's docs).
    return deps.app.moveToApplicationsFolder() ? 'moved' : 'declined';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`moving to Applications failed: ${message}`);
    deps.dialog.showErrorBox(
      'Switchboard could not move itself',
      `${message}\n\nDrag Switchboard to the Applications folder yourself, then open it from there.`,
    );
    return 'failed';
  }
}
