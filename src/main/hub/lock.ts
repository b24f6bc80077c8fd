/**
 * One hub per state directory. The lock file holds the owner's pid; it is taken with an exclusive
 * create, and a lock whose owner is dead — or alive but not serving the socket for a while
 * (a recycled pid) — is stale and taken over.
 */
import { connect } from 'node:net';
import { open, readFile, stat, unlink } from 'node:fs/promises';

export class HubAlreadyRunningError extends Error {
  constructor(
    readonly pid: number,
    home: string,
  ) {
    super(
      `another Switchboard hub (${pid > 0 ? `pid ${pid}` : 'starting'}) is already running for ${home}; stop it first or use another --home`,
    );
  }
}

const STARTUP_GRACE_MS = 10_000;

export type HubLock = { release: () => Promise<void> };

export async function acquireHubLock(
  lockPath: string,
  socketPath: string,
  home: string,
): Promise<HubLock> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return {
        async release() {
          const owner = await readFile(lockPath, 'utf8').catch(() => '');
          if (owner.trim() === String(process.pid)) await unlink(lockPath).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
    const validPid = Number.isInteger(pid) && pid > 0;
    // An empty lock belongs to a hub between its exclusive create and writing its pid: starting.
    if (validPid ? await ownerIsLive(pid, lockPath, socketPath) : await isYoung(lockPath)) {
      throw new HubAlreadyRunningError(validPid ? pid : 0, home);
    }
    // Narrow the race with another hub judging the same stale lock: remove it only if unchanged.
    const again = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
    if (again === pid || (!validPid && !Number.isInteger(again)))
      await unlink(lockPath).catch(() => undefined);
  }
  throw new Error(`could not take the hub lock ${lockPath}`);
}

async function ownerIsLive(pid: number, lockPath: string, socketPath: string): Promise<boolean> {
  if (!processExists(pid)) return false;
  return (await socketAnswers(socketPath)) || isYoung(lockPath);
}

async function isYoung(lockPath: string): Promise<boolean> {
  const modified = await stat(lockPath).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  return Date.now() - modified < STARTUP_GRACE_MS;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
