/**
 * The socket's directory, checked before every bind (hub) and connect (CLI): a directory another
 * user made or can write to would let them put their own socket where helpers look for the hub.
 * The rules are `checkPrivateDir` / `checkSocketParent` in src/shared/paths.ts; this file gathers
 * the facts with `lstat` and prepares a missing fallback directory.
 */
import { chmod, lstat, mkdir, readdir, rmdir, stat, unlink } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { dirname } from 'node:path';
import {
  checkPrivateDir,
  checkSocketParent,
  type DirFacts,
  type DirVerdict,
} from '../../shared/paths';

/** The socket cannot be bound or trusted; the message says why and what to do. */
export class SocketDirError extends Error {}

export type SocketLocation = {
  socket: string;
  socketDir: string;
  /** The state directory; the socket lives there unless its path is too long. */
  home: string;
};

const facts = (s: Stats): DirFacts => ({
  isDirectory: s.isDirectory(),
  isSymbolicLink: s.isSymbolicLink(),
  uid: s.uid,
  mode: s.mode,
});

/** The running user, or undefined where uids do not exist (Windows: no Unix sockets anyway). */
export const currentUid = (): number | undefined => process.getuid?.();

/** `missing`: the directory does not exist (no hub has run there), which is no attack. */
export type SocketDirVerdict = DirVerdict | { ok: false; reason: string; missing: true };

/** Checks the socket's directory (and, for a fallback, its parent) right before use. */
export async function verifySocketDir(where: SocketLocation): Promise<SocketDirVerdict> {
  const uid = currentUid();
  if (uid === undefined) return { ok: true };
  const strict = where.socketDir !== where.home;
  let dir: Stats;
  try {
    // The home may be a link the user made; a fallback directory never is.
    dir = strict ? await lstat(where.socketDir) : await stat(where.socketDir);
  } catch (error) {
    const reason = `${where.socketDir}: ${(error as Error).message}`;
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? { ok: false, reason, missing: true }
      : { ok: false, reason };
  }
  const verdict = checkPrivateDir(where.socketDir, facts(dir), uid, strict);
  if (!verdict.ok || !strict) return verdict;
  const parent = dirname(where.socketDir);
  try {
    return checkSocketParent(parent, facts(await stat(parent)), uid);
  } catch (error) {
    return { ok: false, reason: `${parent}: ${(error as Error).message}` };
  }
}

/**
 * Makes a fallback socket directory when it is missing (0700) and tightens it when it is ours;
 * then verifies it. Throws SocketDirError when it is not ours, is a link, or sits somewhere others
 * can swap it.
 */
export async function prepareSocketDir(where: SocketLocation): Promise<void> {
  const uid = currentUid();
  if (where.socketDir !== where.home) {
    await mkdir(where.socketDir, { mode: 0o700 }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    });
    const existing = await lstat(where.socketDir);
    // Only a real directory of ours is tightened; anything else is reported below, untouched.
    if (existing.isDirectory() && existing.uid === uid && (existing.mode & 0o7777) !== 0o700)
      await chmod(where.socketDir, 0o700);
  }
  const verdict = await verifySocketDir(where);
  if (!verdict.ok)
    throw new SocketDirError(
      `cannot use ${where.socketDir} for the Switchboard socket: ${verdict.reason}. Remove it (it is not Switchboard's), or choose a shorter --home so the socket can live in the state directory.`,
    );
}

/**
 * Clears the way for bind: a stale socket (or a link) at the path is removed; an empty directory
 * of ours left there is removed with a warning; anything else stops the hub with a clear message.
 */
export async function clearSocketPath(
  path: string,
  warn: (message: string) => void,
): Promise<void> {
  let entry: Stats;
  try {
    entry = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (entry.isSocket() || entry.isSymbolicLink()) {
    await unlink(path);
    return;
  }
  if (entry.isDirectory()) {
    const empty = (await readdir(path)).length === 0;
    if (empty && entry.uid === currentUid()) {
      warn(`removed the empty directory ${path} that stood where the socket goes`);
      await rmdir(path);
      return;
    }
    throw new SocketDirError(
      `${path} is a directory${empty ? ' that belongs to another user' : ' with files in it'}, where Switchboard's socket goes; move it away and start again`,
    );
  }
  throw new SocketDirError(
    `${path} is a file, not Switchboard's socket; move it away and start again`,
  );
}
