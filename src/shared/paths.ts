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
  /** The directory holding the socket: the home itself, or a private fallback under tmpdir. */
  socketDir: string;
  token: string;
  lock: string;
  database: string;
  settings: string;
  dashboardToken: string;
  inbox: string;
  outbox: string;
};

export function hubPaths(home: string, tmpdir: string): HubPaths {
  const direct = `${home}/hub.sock`;
  const socketDir =
    new TextEncoder().encode(direct).length <= MAX_SOCKET_PATH_BYTES
      ? home
      : `${tmpdir}/switchboard-${fnv1a64(home)}`;
  return {
    home,
    socket: `${socketDir}/hub.sock`,
    socketDir,
    token: `${home}/hub.token`,
    lock: `${home}/hub.lock`,
    database: `${home}/switchboard.db`,
    settings: `${home}/settings.json`,
    dashboardToken: `${home}/dashboard.token`,
    inbox: `${home}/inbox`,
    outbox: `${home}/outbox`,
  };
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
