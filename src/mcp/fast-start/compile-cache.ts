/**
 * Node's compile cache for the npm helper's core file: V8 code cached on disk, so later starts
 * skip compiling what the last one compiled. Node's default directory sits in the shared temp
 * directory on Linux, where another local user could plant entries; the cache goes to a private
 * per-user directory instead (0700, ours, not a link) — or nowhere.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { homedir } from 'node:os';

/** The per-user cache directory for this platform. */
export function compileCacheDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: string,
  home: string,
): string {
  if (platform === 'darwin') return `${home}/Library/Caches/Switchboard/compile-cache`;
  const xdg = env['XDG_CACHE_HOME'];
  return `${xdg !== undefined && xdg !== '' ? xdg : `${home}/.cache`}/switchboard/compile-cache`;
}

/** True when `dir` is a real directory owned by this user that no one else can write or read. */
export function isPrivateDir(dir: string): boolean {
  try {
    const info = lstatSync(dir);
    return (
      info.isDirectory() &&
      (process.getuid === undefined || info.uid === process.getuid()) &&
      (info.mode & 0o077) === 0
    );
  } catch {
    return false;
  }
}

/** Enables the compile cache when a private directory can be had; a quiet no-op otherwise. */
export function enablePrivateCompileCache(): void {
  // Node before 22.1 has no compile cache; the helper still runs there.
  const enable = (nodeModule as { enableCompileCache?: (dir: string) => unknown })
    .enableCompileCache;
  if (typeof enable !== 'function') return;
  // NODE_COMPILE_CACHE / NODE_DISABLE_COMPILE_CACHE are the user's explicit choice: Node applies them.
  if (process.env['NODE_COMPILE_CACHE'] || process.env['NODE_DISABLE_COMPILE_CACHE']) return;
  const dir = compileCacheDir(process.env, process.platform, homedir());
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    return;
  }
  if (isPrivateDir(dir)) enable(dir);
}
