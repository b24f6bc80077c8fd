/**
 * Where a session may send files from, and what it never may: the places are compared by device
 * and inode of every ancestor directory, so case-insensitive names (macOS), `..` and symlinked
 * folders all resolve to the same answer.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

// The places themselves are shared with the helper on remote machines, which checks its uploads.
export {
  NEVER_SENDABLE_IN_HOME,
  NEVER_SENDABLE_SYSTEM,
  PSEUDO_FS_PREFIXES,
} from '../../shared/never-sendable';

/**
 * Linux `statfs` magic numbers of pseudo-filesystems, so one mounted elsewhere (a procfs bind
 * mount under /tmp) is refused as well: proc, sysfs, devtmpfs, devpts, debugfs, tracefs,
 * securityfs, cgroup, cgroup2, bpf, pstore, configfs, efivarfs, fusectl, mqueue, binfmt_misc.
 */
export const PSEUDO_FS_TYPES = new Set([
  0x9fa0, 0x62656572, 0x1373, 0x1cd1, 0x64626720, 0x74726163, 0x73636673, 0x27e0eb, 0x63677270,
  0xcafe4a11, 0x6165676c, 0x62656570, 0xde5e81e4, 0x65735543, 0x19800202, 0x42494e4d,
]);

export type Identity = string; // `${dev}:${ino}`

export function identityOf(info: { dev: number | bigint; ino: number | bigint }): Identity {
  return `${String(info.dev)}:${String(info.ino)}`;
}

/** A place by its identity, with the name to show in messages. */
export type Place = { path: string; id: Identity };

/** Identities of the existing places among these paths (missing ones are skipped). */
export async function placesOf(paths: readonly string[]): Promise<Place[]> {
  const found = await Promise.all(
    paths.map(async (path) => {
      try {
        return { path, id: identityOf(await stat(path)) };
      } catch {
        return undefined;
      }
    }),
  );
  return found.filter((p): p is Place => p !== undefined);
}

/** The identities of a path and each of its ancestors up to `/`, nearest first. */
export async function ancestry(path: string): Promise<Array<{ path: string; id: Identity }>> {
  const chain: Array<{ path: string; id: Identity }> = [];
  for (let at = path; ; at = dirname(at)) {
    try {
      chain.push({ path: at, id: identityOf(await lstat(at)) });
    } catch {
      // A vanished ancestor: the caller's checks of the open file still apply.
    }
    if (dirname(at) === at) break;
  }
  return chain;
}

/** The first of `places` that is this path or one of its ancestors, if any. */
export function within(
  chain: ReadonlyArray<{ id: Identity }>,
  places: readonly Place[],
): Place | undefined {
  for (const link of chain) {
    const place = places.find((p) => p.id === link.id);
    if (place) return place;
  }
  return undefined;
}

/** A path with a leading `~` expanded to the user's home folder. */
export function expandHome(path: string, userHome: string): string {
  if (path === '~') return userHome;
  return path.startsWith('~/') ? join(userHome, path.slice(2)) : path;
}

/**
 * Identities of the regular files in these folders (and of the paths that are files), `depth`
 * levels of subfolders deep, bounded: a hard link to one of them placed elsewhere is still one of
 * them, whatever its name.
 */
export async function fileIdentities(
  dirs: readonly string[],
  depth: number,
  limit = 5_000,
): Promise<Set<Identity>> {
  const ids = new Set<Identity>();
  const visit = async (dir: string, levels: number): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (ids.size >= limit) return;
      const path = join(dir, name);
      const info = await lstat(path).catch(() => undefined);
      if (info?.isFile()) ids.add(identityOf(info));
      else if (info?.isDirectory() && levels > 0) await visit(path, levels - 1);
    }
  };
  for (const dir of dirs) {
    const info = await lstat(dir).catch(() => undefined);
    if (info?.isFile()) ids.add(identityOf(info));
    else if (info?.isDirectory()) await visit(dir, depth);
  }
  return ids;
}

/** The canonical path, or the path itself when it cannot be resolved. */
export async function canonical(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}
