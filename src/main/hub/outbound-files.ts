/**
 * The files a session asks to send (`reply` with `files`). A prompt-injected Claude must not be
 * able to mail out the hub's tokens or the user's credentials, so each file is opened once and
 * judged by what was opened:
 *
 * - never `/proc`, `/sys`, `/dev` (or a pseudo-filesystem mounted elsewhere), never anything but
 *   a regular file (FIFOs, devices, sockets);
 * - never one of the hub's own files (tokens, database, settings) — by device and inode, so a hard
 *   link placed elsewhere is refused too — and never a file that contains one of its secrets;
 * - never from ~/.ssh, ~/.aws, ~/.gnupg, keychains or browser profiles (no setting changes that);
 * - otherwise only from the session's working directory, the inbox, the OS temp directory and the
 *   folders in settings `sessions.sendFilesFrom` — a refusal names that setting.
 *
 * What passes is copied, from the descriptor that was checked, into a private staging folder; the
 * adapter sends the copy, so swapping the file after the check changes nothing.
 */
import { constants } from 'node:fs';
import {
  mkdir,
  mkdtemp,
  open,
  readdir,
  readlink,
  realpath,
  rm,
  stat,
  statfs,
} from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, isAbsolute, join, normalize, sep } from 'node:path';
import type { OutboundFile } from '../adapters/adapter';
import { sanitizeFileName } from '../../shared/hygiene';
import { mimeOf } from '../adapters/mime';
import {
  ancestry,
  expandHome,
  fileIdentities,
  identityOf,
  NEVER_SENDABLE_IN_HOME,
  NEVER_SENDABLE_SYSTEM,
  placesOf,
  PSEUDO_FS_PREFIXES,
  PSEUDO_FS_TYPES,
  within,
  type Place,
} from './file-roots';

export const MAX_OUTBOUND_FILE_BYTES = 50 * 1024 * 1024;
/**
 * How long a staged copy outlives its send: Messages (iMessage) reads the file after `osascript`
 * returns, so copies are removed a while later — and leftovers of a crash at the next send.
 */
const STAGED_TTL_MS = 10 * 60 * 1000;
const CHUNK_BYTES = 1024 * 1024;
const MIN_SECRET_CHARS = 16;

export type FilePolicy = {
  /** The session's working directory (not a root when it is `/`). */
  cwd: string;
  /** Switchboard's state directory: never sendable except its inbox. */
  home: string;
  inbox: string;
  tmp: string;
  userHome: string;
  /** settings `sessions.sendFilesFrom`, `~` allowed. */
  extraRoots: readonly string[];
  /** Token values no file may contain (bridge, dashboard, bot tokens). */
  secretValues: readonly string[];
  /** Where settings.json is, for the refusal that says how to allow a folder. */
  settingsPath: string;
  /** Where checked copies are staged (inside the state directory). */
  staging: string;
};

export type StagedFiles = { files: OutboundFile[]; release: () => Promise<void> };

/** A file the session may not send; the message says why and, where one exists, what allows it. */
export class OutboundFileError extends Error {}

type Context = {
  policy: FilePolicy;
  hubFiles: Set<string>;
  hub: Place[];
  inbox: Place[];
  never: Place[];
  roots: Place[];
  neverFiles: () => Promise<Set<string>>;
};

/** Checks and stages every file, or throws for the first one that may not be sent. */
export async function stageOutboundFiles(
  paths: readonly string[],
  policy: FilePolicy,
): Promise<StagedFiles> {
  if (paths.length === 0) return { files: [], release: () => Promise.resolve() };
  const ctx = await context(policy);
  await mkdir(policy.staging, { recursive: true, mode: 0o700 });
  await removeStale(policy.staging);
  const dir = await mkdtemp(join(policy.staging, 'send-'));
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const files: OutboundFile[] = [];
    for (const [index, path] of paths.entries()) {
      // One folder per file keeps its name (platforms show it) without clashes.
      await mkdir(join(dir, String(index)), { mode: 0o700 });
      files.push(await stageOne(path, ctx, join(dir, String(index))));
    }
    const release = (): Promise<void> => {
      setTimeout(() => void remove(), STAGED_TTL_MS).unref();
      return Promise.resolve();
    };
    return { files, release };
  } catch (error) {
    await remove();
    throw error;
  }
}

async function removeStale(staging: string): Promise<void> {
  const names = await readdir(staging).catch(() => []);
  const now = Date.now();
  for (const name of names) {
    const path = join(staging, name);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > STAGED_TTL_MS * 2)
      await rm(path, { recursive: true, force: true });
  }
}

async function context(policy: FilePolicy): Promise<Context> {
  const home = policy.userHome;
  const neverPaths = [
    ...NEVER_SENDABLE_IN_HOME.map((p) => join(home, p)),
    ...NEVER_SENDABLE_SYSTEM,
  ];
  const rootPaths = [
    ...(cwdIsRoot(policy.cwd) ? [policy.cwd] : []),
    policy.inbox,
    policy.tmp,
    ...policy.extraRoots.map((p) => expandHome(p, home)),
  ];
  let neverFiles: Promise<Set<string>> | undefined;
  return {
    policy,
    hubFiles: await fileIdentities([policy.home], 0),
    hub: await placesOf([policy.home]),
    inbox: await placesOf([policy.inbox]),
    never: await placesOf(neverPaths),
    roots: await placesOf(rootPaths),
    neverFiles: () => (neverFiles ??= fileIdentities(neverPaths, 2)),
  };
}

/** The working directory counts as a root unless it is `/` (everything) or not absolute. */
function cwdIsRoot(cwd: string): boolean {
  return isAbsolute(cwd) && normalize(cwd) !== sep;
}

function refusePseudoPath(path: string, asked: string): void {
  const clean = normalize(path);
  if (PSEUDO_FS_PREFIXES.some((p) => clean === p || clean.startsWith(`${p}${sep}`)))
    throw new OutboundFileError(
      `refusing to send ${asked}: files under ${PSEUDO_FS_PREFIXES.join(', ')} expose the system and Switchboard's own memory, and are never sent`,
    );
}

async function stageOne(path: string, ctx: Context, folder: string): Promise<OutboundFile> {
  if (!isAbsolute(path)) throw new OutboundFileError(`file path must be absolute: ${path}`);
  refusePseudoPath(path, path);
  const real = await realpath(path).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    throw new OutboundFileError(
      code === 'ENOENT' ? `file not found: ${path}` : `cannot read ${path} (${code ?? 'error'})`,
    );
  });
  refusePseudoPath(real, path);
  let handle: FileHandle;
  try {
    // Non-blocking, so a FIFO cannot hang the hub; no controlling terminal from a tty.
    handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw new OutboundFileError(
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new OutboundFileError(`not a regular file: ${path}`);
    const opened = await openedPath(handle, real, identityOf(info), path);
    await judge(path, opened, info, ctx);
    const target = join(folder, sanitizeFileName(basename(opened)));
    const size = await copyChecked(handle, target, ctx.policy.secretValues, path);
    return { path: target, name: basename(opened), size, mime: mimeOf(opened) };
  } finally {
    await handle.close();
  }
}

/** The path of the file actually opened (Linux knows it; elsewhere it must still match). */
async function openedPath(
  handle: FileHandle,
  real: string,
  id: string,
  asked: string,
): Promise<string> {
  if (process.platform === 'linux') {
    const link = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => real);
    if (!link.endsWith(' (deleted)')) return link;
  }
  const again = await realpath(real).catch(() => '');
  const now = again === '' ? undefined : await stat(again).catch(() => undefined);
  if (!now || identityOf(now) !== id)
    throw new OutboundFileError(`${asked} changed while it was being checked; not sent`);
  return again;
}

async function judge(
  asked: string,
  opened: string,
  info: { dev: number; ino: number; nlink: number; size: number },
  ctx: Context,
): Promise<void> {
  refusePseudoPath(opened, asked);
  if (process.platform === 'linux') {
    const fs = await statfs(opened).catch(() => undefined);
    if (fs && PSEUDO_FS_TYPES.has(fs.type))
      throw new OutboundFileError(`refusing to send ${asked}: it is on a pseudo-filesystem`);
  }
  const id = identityOf(info);
  if (ctx.hubFiles.has(id))
    throw new OutboundFileError(
      `refusing to send ${asked}: it is one of Switchboard's own files in its state directory (tokens, database, settings)`,
    );
  const chain = await ancestry(opened);
  const never = within(chain, ctx.never);
  if (never)
    throw new OutboundFileError(
      `refusing to send ${asked}: it is inside ${never.path}, which holds credentials; Switchboard never sends files from there`,
    );
  if (within(chain, ctx.hub) && !within(chain, ctx.inbox))
    throw new OutboundFileError(
      `refusing to send ${asked}: it is in Switchboard's state directory`,
    );
  if (info.nlink > 1 && (await ctx.neverFiles()).has(id))
    throw new OutboundFileError(
      `refusing to send ${asked}: it is a hard link to a credentials file`,
    );
  if (!within(chain, ctx.roots)) throw new OutboundFileError(outsideRoots(asked, ctx.policy));
  if (info.size > MAX_OUTBOUND_FILE_BYTES)
    throw new OutboundFileError(
      `file too large (${info.size} bytes; the limit is ${MAX_OUTBOUND_FILE_BYTES}): ${asked}`,
    );
}

function outsideRoots(asked: string, policy: FilePolicy): string {
  const places = [
    ...(cwdIsRoot(policy.cwd) ? [`this session's working directory (${policy.cwd})`] : []),
    `Switchboard's inbox`,
    `the temporary folder (${policy.tmp})`,
    ...policy.extraRoots.map((root) => root),
  ];
  return `refusing to send ${asked}: a session sends files only from ${places.join(', ')}. To allow its folder, add it to "sessions.sendFilesFrom" in ${policy.settingsPath}.`;
}

/** Copies from the checked descriptor, refusing a file that contains one of the secrets. */
async function copyChecked(
  handle: FileHandle,
  target: string,
  secrets: readonly string[],
  asked: string,
): Promise<number> {
  const needles = secrets.filter((s) => s.length >= MIN_SECRET_CHARS).map((s) => Buffer.from(s));
  const keep = Math.max(0, ...needles.map((n) => n.length - 1));
  const out = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  const buffer = Buffer.alloc(CHUNK_BYTES);
  let carry = Buffer.alloc(0);
  let total = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, total);
      if (bytesRead === 0) return total;
      total += bytesRead;
      if (total > MAX_OUTBOUND_FILE_BYTES)
        throw new OutboundFileError(
          `file too large (over ${MAX_OUTBOUND_FILE_BYTES} bytes): ${asked}`,
        );
      const chunk = buffer.subarray(0, bytesRead);
      const window = Buffer.concat([carry, chunk]);
      if (needles.some((needle) => window.includes(needle)))
        throw new OutboundFileError(
          `refusing to send ${asked}: it contains one of Switchboard's secrets (a bot or access token)`,
        );
      carry = window.subarray(Math.max(0, window.length - keep));
      await out.write(chunk);
    }
  } finally {
    await out.close();
  }
}
