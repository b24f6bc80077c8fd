/**
 * Which files the helper on a remote machine uploads for a `reply`. The hub cannot judge paths
 * on another machine, so the helper applies the same rules the hub applies to local sessions:
 * regular files only, never pseudo-filesystems or credential stores (src/shared/never-sendable.ts)
 * nor its own credential (by device and inode, so a hard link is caught too), and only from the
 * session's working directory, the temp directory and the folders in SWITCHBOARD_SEND_FILES_FROM.
 * Places are compared by device and inode of every ancestor, so `..`, symlinks and
 * case-insensitive names all resolve to the same answer.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { MAX_LINK_FILE_BYTES } from '../shared/file-frames';
import {
  NEVER_SENDABLE_IN_HOME,
  NEVER_SENDABLE_SYSTEM,
  PSEUDO_FS_PREFIXES,
} from '../shared/never-sendable';

export type FilePolicy = {
  cwd: string;
  home: string;
  tmp: string;
  /** Extra folders files may come from (SWITCHBOARD_SEND_FILES_FROM, colon-separated). */
  roots: readonly string[];
  /** Files never sent, by identity (the credential file). */
  secrets: readonly string[];
};

export type Sendable =
  | { ok: true; path: string; name: string; size: number; id: string }
  | { ok: false; reason: string };

type Place = { path: string; id: string };
/** A file's identity: device and inode. */
export const idOf = (info: { dev: number; ino: number }): string => `${info.dev}:${info.ino}`;

async function placesOf(paths: readonly string[]): Promise<Place[]> {
  const found: Place[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info) found.push({ path, id: idOf(info) });
  }
  return found;
}

/** The identities of a path and each of its ancestors up to `/`. */
async function ancestry(path: string): Promise<string[]> {
  const ids: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    const info = await stat(at).catch(() => undefined);
    if (info) ids.push(idOf(info));
    if (dirname(at) === at) return ids;
  }
}

export async function checkSendable(path: string, policy: FilePolicy): Promise<Sendable> {
  if (!isAbsolute(path)) return { ok: false, reason: `file path must be absolute: ${path}` };
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return { ok: false, reason: `file not found: ${path}` };
  if (PSEUDO_FS_PREFIXES.some((p) => real === p || real.startsWith(`${p}/`)))
    return { ok: false, reason: `refusing to send from a pseudo-filesystem: ${path}` };
  const info = await stat(real);
  if (!info.isFile()) return { ok: false, reason: `not a regular file: ${path}` };
  if (info.size > MAX_LINK_FILE_BYTES)
    return {
      ok: false,
      reason: `file too large (${info.size} bytes; the limit is ${MAX_LINK_FILE_BYTES}): ${path}`,
    };
  const secrets = await placesOf(policy.secrets);
  if (secrets.some((s) => s.id === idOf(info)))
    return { ok: false, reason: `refusing to send Switchboard's credential: ${path}` };
  const chain = await ancestry(real);
  const never = await placesOf([
    ...NEVER_SENDABLE_IN_HOME.map((p) => join(policy.home, p)),
    ...NEVER_SENDABLE_SYSTEM,
  ]);
  const denied = never.find((place) => chain.includes(place.id));
  if (denied)
    return {
      ok: false,
      reason: `${path} is in ${denied.path}, which holds credentials; it is never sent`,
    };
  const roots = await placesOf([policy.cwd, policy.tmp, ...policy.roots]);
  if (!roots.some((root) => chain.includes(root.id)))
    return {
      ok: false,
      reason: `${path} is outside this session's working directory (${policy.cwd}) and the temp directory; to allow a folder, add it to SWITCHBOARD_SEND_FILES_FROM in the helper's environment on this machine`,
    };
  return { ok: true, path: real, name: basename(real), size: info.size, id: idOf(info) };
}
