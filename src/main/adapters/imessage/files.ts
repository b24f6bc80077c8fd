/**
 * Files between Messages and Claude. Messages is sandboxed: it can read only its own folders, so a
 * file Claude sends is first copied into `~/Library/Messages/Attachments/Switchboard/<uuid>/`
 * (the approach other Messages tools settled on; a path elsewhere fails silently on macOS 15+).
 * The other way, Messages' attachment folder needs Full Disk Access, which the hub has and Claude
 * Code's terminal usually lacks, so received files are copied into the hub's inbox — and only
 * files that really live in Messages' folder: a chat.db row cannot make the hub copy `~/.ssh`.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, realpath, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, sep } from 'node:path';
import { sanitizeFileName } from '../../../shared/hygiene';
import { PlatformError } from '../adapter';
import { isDiskFull } from '../download';
import { assertInInbox, inboxPath } from '../inbox-path';

/** Staged copies older than this are removed (Messages has long read them by then). */
const STAGED_TTL_MS = 24 * 60 * 60_000;

export type ImessageFiles = {
  /** Copies a received attachment from Messages' folder into the inbox; returns the copy. */
  copyIn: (source: string, name: string) => Promise<string>;
  /** Copies a file Claude sends to where Messages may read it; returns that path. */
  stage: (path: string, name: string) => Promise<string>;
};

/** The two copies, for the Messages folder next to `chat.db` and the hub's inbox. */
export function createImessageFiles(options: {
  /** Messages' folder (the directory of chat.db). */
  messagesDir: string;
  inbox: string;
  now?: () => number;
}): ImessageFiles {
  const stagingRoot = join(options.messagesDir, 'Attachments', 'Switchboard');
  const now = options.now ?? Date.now;

  async function copyIn(source: string, name: string): Promise<string> {
    const expanded = source.replace(/^~(?=\/)/, homedir());
    let real: string;
    let root: string;
    try {
      [real, root] = await Promise.all([realpath(expanded), realpath(options.messagesDir)]);
    } catch (error) {
      throw new PlatformError(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `${name} is not on this Mac yet (Messages may still be downloading it)`
          : `${name} cannot be read (${(error as Error).message})`,
      );
    }
    if (!real.startsWith(root + sep))
      throw new PlatformError(`${name} is not in Messages' folder; Switchboard does not copy it`);
    if (!(await stat(real)).isFile()) throw new PlatformError(`${name} is not a regular file`);
    const target = inboxPath(options.inbox, 'im', name);
    await mkdir(options.inbox, { recursive: true, mode: 0o700 });
    try {
      await copyFile(real, target, constants.COPYFILE_EXCL);
    } catch (error) {
      await rm(target, { force: true });
      if (isDiskFull(error)) throw error;
      throw new PlatformError(`${name} could not be copied (${(error as Error).message})`);
    }
    return target;
  }

  async function stage(path: string, name: string): Promise<string> {
    await prune().catch(() => undefined);
    const dir = join(stagingRoot, randomUUID());
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const target = assertInInbox(dir, join(dir, sanitizeFileName(name)));
    try {
      await copyFile(path, target, constants.COPYFILE_EXCL);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      if (isDiskFull(error)) throw error;
      throw new PlatformError(
        `${name} could not be copied where Messages can read it (${(error as Error).message})`,
      );
    }
    return target;
  }

  /** Removes staged copies of earlier sends, once Messages has certainly read them. */
  async function prune(): Promise<void> {
    for (const entry of await readdir(stagingRoot, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(stagingRoot, entry.name);
      if (now() - (await stat(dir)).mtimeMs > STAGED_TTL_MS)
        await rm(dir, { recursive: true, force: true });
    }
  }

  return { copyIn, stage };
}
