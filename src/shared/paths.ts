/**
 * Where the hub keeps its state and where helpers find it. Pure functions over the environment so
 * the hub, the helper and the CLI agree without sharing a module that touches the file system.
 */

export type PathEnv = {
  env: Readonly<Record<string, string | undefined>>;
  platform: string;
  homedir: string;
  tmpdir: string;
};

/** What decides where the socket goes when the home is too deep for one. */
export type SocketEnv = Pick<PathEnv, 'env' | 'tmpdir'>;

/** Unix socket paths are capped at 104 bytes on macOS (108 on Linux); keep a margin. */
const MAX_SOCKET_PATH_BYTES = 100;

export function resolveHome(where: PathEnv, override?: string): string {
  const explicit =
    override !== undefined && override !== '' ? override : where.env['SWITCHBOARD_HOME'];
  if (explicit !== undefined && explicit !== '') return explicit;
  if (where.platform === 'darwin')
    return `${where.homedir}/Library/Application Support/Switchboard`;
  const xdg = where.env['XDG_STATE_HOME'];
  // The XDG spec treats an empty value as unset.
  const stateHome = xdg !== undefined && xdg !== '' ? xdg : `${where.homedir}/.local/state`;
  return `${stateHome}/switchboard`;
}

export type HubPaths = {
  home: string;
  socket: string;
  /**
   * The directory holding the socket: the home itself, or — when `<home>/hub.sock` is too long —
   * a private directory under `$XDG_RUNTIME_DIR` (else the OS temp directory) that must be ours,
   * 0700 and not a symlink (`checkPrivateDir`).
   */
  socketDir: string;
  token: string;
  /**
   * The socket remotes reach through `ssh -R` (issue #18): separate from `socket`, accepting only
   * remote credentials. In the home when it fits, else in the same fallback directory.
   */
  remoteSocket: string;
  remoteSocketDir: string;
  lock: string;
  database: string;
  settings: string;
  dashboardToken: string;
  /** The Switchboard version that last ran on this home; a change rotates `hub.token`. */
  versionMarker: string;
  inbox: string;
  outbox: string;
};

export function hubPaths(home: string, where: SocketEnv): HubPaths {
  const direct = `${home}/hub.sock`;
  const socketDir = fits(direct) ? home : fallbackSocketDir(home, where);
  const remoteSocketDir = fits(`${home}/remote.sock`) ? home : fallbackSocketDir(home, where);
  return {
    home,
    socket: `${socketDir}/hub.sock`,
    socketDir,
    token: `${home}/hub.token`,
    remoteSocket: `${remoteSocketDir}/remote.sock`,
    remoteSocketDir,
    lock: `${home}/hub.lock`,
    database: `${home}/switchboard.db`,
    settings: `${home}/settings.json`,
    dashboardToken: `${home}/dashboard.token`,
    versionMarker: `${home}/hub.version`,
    inbox: `${home}/inbox`,
    outbox: `${home}/outbox`,
  };
}

const fits = (socketPath: string): boolean =>
  new TextEncoder().encode(socketPath).length <= MAX_SOCKET_PATH_BYTES;

/**
 * The per-user runtime directory (`$XDG_RUNTIME_DIR`: owned by the user, 0700, never cleaned by
 * age) when it is set and short enough; else the temp directory, which is per-user on macOS and
 * shared (`/tmp`) on Linux — there the directory's owner and mode are what keep others out.
 */
function fallbackSocketDir(home: string, where: SocketEnv): string {
  const name = `switchboard-${fnv1a64(home)}`;
  const runtime = where.env['XDG_RUNTIME_DIR'];
  const bases = [
    ...(runtime !== undefined && runtime.startsWith('/') ? [runtime] : []),
    where.tmpdir,
  ].map((base) => base.replace(/\/+$/, '') || '/');
  // The longer of the two socket names must fit, so both sockets share the directory.
  const base = bases.find((b) => fits(`${b}/${name}/remote.sock`)) ?? bases[bases.length - 1];
  return `${base ?? ''}/${name}`;
}

/** What `lstat`/`stat` says about a directory, in the few fields the checks need. */
export type DirFacts = { isDirectory: boolean; isSymbolicLink: boolean; uid: number; mode: number };

export type DirVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether a directory may hold the hub's socket. `strict` (a fallback directory, judged by
 * `lstat`): a real directory, not a symlink, owned by `uid`, mode exactly 0700. Otherwise (the
 * home, judged by `stat` because people link their state directories): a directory owned by `uid`
 * that no one else can enter.
 */
export function checkPrivateDir(
  path: string,
  facts: DirFacts,
  uid: number,
  strict: boolean,
): DirVerdict {
  if (facts.isSymbolicLink)
    return { ok: false, reason: `${path} is a symbolic link, not a directory Switchboard made` };
  if (!facts.isDirectory) return { ok: false, reason: `${path} is not a directory` };
  if (facts.uid !== uid)
    return {
      ok: false,
      reason: `${path} belongs to another user (uid ${facts.uid}, not ${uid}): someone may be trying to impersonate Switchboard`,
    };
  const mode = facts.mode & 0o7777;
  if (strict ? mode !== 0o700 : (mode & 0o077) !== 0)
    return {
      ok: false,
      reason: `${path} has mode ${mode.toString(8).padStart(4, '0')}; it must be private to you (0700)`,
    };
  return { ok: true };
}

/**
 * Whether the directory above a fallback socket directory keeps others from renaming it away: it
 * is ours or root's, and if others may write to it, it has the sticky bit (as `/tmp` does).
 */
export function checkSocketParent(path: string, facts: DirFacts, uid: number): DirVerdict {
  if (!facts.isDirectory) return { ok: false, reason: `${path} is not a directory` };
  if (facts.uid !== uid && facts.uid !== 0)
    return { ok: false, reason: `${path} belongs to another user (uid ${facts.uid})` };
  const othersWrite = (facts.mode & 0o022) !== 0;
  if (othersWrite && (facts.mode & 0o1000) === 0)
    return {
      ok: false,
      reason: `${path} is writable by others without the sticky bit, so the socket directory in it could be swapped`,
    };
  return { ok: true };
}

/** 64-bit FNV-1a of the UTF-8 bytes, as 16 hex digits: stable, dependency-free, not a secret. */
export function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
