/**
 * The helper's check of the socket's directory before every connect (the hub checks the same
 * before it binds): the rules live in src/shared/paths.ts; this gathers the facts with `lstat`.
 */
import type { Stats } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkPrivateDir, checkSocketParent, type DirFacts } from '../shared/paths';

const facts = (s: Stats): DirFacts => ({
  isDirectory: s.isDirectory(),
  isSymbolicLink: s.isSymbolicLink(),
  uid: s.uid,
  mode: s.mode,
});

/**
 * Undefined when the socket's directory is safe to connect into, else why not. The socket lives
 * in the home (next to the token) or in a fallback directory, which must be a real directory of
 * ours, 0700, in a parent others cannot swap it out of.
 */
export async function checkSocketDir(
  socketPath: string,
  tokenPath: string,
): Promise<string | undefined> {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  const dir = dirname(socketPath);
  const strict = dir !== dirname(tokenPath);
  try {
    const verdict = checkPrivateDir(
      dir,
      facts(strict ? await lstat(dir) : await stat(dir)),
      uid,
      strict,
    );
    if (!verdict.ok) return verdict.reason;
    if (!strict) return undefined;
    const parent = checkSocketParent(dirname(dir), facts(await stat(dirname(dir))), uid);
    return parent.ok ? undefined : parent.reason;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A missing directory means no hub is there yet: not a warning, just "not running".
    return code === 'ENOENT' ? undefined : `${dir}: ${(error as Error).message}`;
  }
}
