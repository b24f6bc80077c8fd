/**
 * Where tmux is. An app started from the Dock gets launchd's PATH (/usr/bin:/bin:/usr/sbin:/sbin),
 * which misses Homebrew and MacPorts, so their directories are searched too.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

const COMMON_DIRS = [
  '/opt/homebrew/bin',
  '/usr/local/bin',
  '/opt/local/bin',
  '/home/linuxbrew/.linuxbrew/bin',
  '/usr/bin',
  '/bin',
];

export const TMUX_INSTALL_HINT =
  'tmux is not installed. Install it (macOS: `brew install tmux`; Debian/Ubuntu: `sudo apt install tmux`), or set SWITCHBOARD_TMUX to its path.';

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** SWITCHBOARD_TMUX, else the first `tmux` on PATH or in the usual install directories. */
export async function findTmux(
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | undefined> {
  const override = env['SWITCHBOARD_TMUX'];
  if (override) return isAbsolute(override) && (await executable(override)) ? override : undefined;
  const dirs = [...(env['PATH'] ?? '').split(delimiter).filter(isAbsolute), ...COMMON_DIRS];
  for (const dir of new Set(dirs)) {
    const candidate = join(dir, 'tmux');
    if (await executable(candidate)) return candidate;
  }
  return undefined;
}

/** The same search for any program name (used for `claude` given by name). */
export async function findOnPath(
  name: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | undefined> {
  if (isAbsolute(name)) return (await executable(name)) ? name : undefined;
  for (const dir of (env['PATH'] ?? '').split(delimiter).filter(isAbsolute)) {
    const candidate = join(dir, name);
    if (await executable(candidate)) return candidate;
  }
  return undefined;
}
