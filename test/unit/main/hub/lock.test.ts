import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HubAlreadyRunningError,
  acquireHubLock,
  type HubLock,
} from '../../../../src/main/hub/lock';
import { tempDir } from '../../../support/paths';

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn node');
  await once(child, 'exit');
  return pid;
}

/** Makes the lock file look as if it was taken a minute ago, past the startup grace period. */
async function age(path: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  await utimes(path, past, past);
}

describe('acquireHubLock', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let lockPath: string;
  let socketPath: string;
  const held: HubLock[] = [];
  let server: Server | undefined;

  beforeEach(async () => {
    dir = await tempDir('sb-lock-');
    lockPath = join(dir.dir, 'hub.lock');
    socketPath = join(dir.dir, 'hub.sock');
  });
  afterEach(async () => {
    for (const lock of held.splice(0)) await lock.release();
    if (server) {
      server.close();
      server = undefined;
    }
    await dir.cleanup();
  });

  const acquire = async (): Promise<HubLock> => {
    const lock = await acquireHubLock(lockPath, socketPath, dir.dir);
    held.push(lock);
    return lock;
  };

  it('takes a free lock and writes our pid into it', async () => {
    await acquire();
    expect(await readFile(lockPath, 'utf8')).toBe(`${process.pid}\n`);
    expect((await stat(lockPath)).mode & 0o777).toBe(0o600);
  });

  it('refuses a second hub while the first has just started', async () => {
    await acquire();
    const second = acquireHubLock(lockPath, socketPath, dir.dir);
    await expect(second).rejects.toBeInstanceOf(HubAlreadyRunningError);
    const error = await acquireHubLock(lockPath, socketPath, dir.dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubAlreadyRunningError);
    expect((error as HubAlreadyRunningError).pid).toBe(process.pid);
    expect((error as HubAlreadyRunningError).message).toContain(dir.dir);
    expect(await readFile(lockPath, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('refuses a second hub while the first is serving its socket, however old the lock', async () => {
    await acquire();
    await age(lockPath);
    server = createServer((socket) => socket.destroy());
    server.listen(socketPath);
    await once(server, 'listening');
    await expect(acquireHubLock(lockPath, socketPath, dir.dir)).rejects.toBeInstanceOf(
      HubAlreadyRunningError,
    );
  });

  it('takes over a lock whose owner is alive but has not served the socket past the grace period', async () => {
    // A recycled pid: the process exists, but it is not a hub.
    await writeFile(lockPath, `${process.pid}\n`);
    await age(lockPath);
    const lock = await acquire();
    expect(await readFile(lockPath, 'utf8')).toBe(`${process.pid}\n`);
    expect((await stat(lockPath)).mtimeMs).toBeGreaterThan(Date.now() - 10_000);
    expect(lock).toBeDefined();
  });

  it('takes over a lock left by a process that has exited', async () => {
    const pid = await deadPid();
    await writeFile(lockPath, `${pid}\n`);
    await acquire();
    expect(await readFile(lockPath, 'utf8')).toBe(`${process.pid}\n`);
  });

  it.each([
    ['garbage', 'not a pid\n'],
    ['an empty file', ''],
    ['pid zero', '0\n'],
    ['a negative pid', '-1\n'],
  ])('takes over an old lock holding %s', async (_label, content) => {
    await writeFile(lockPath, content);
    await age(lockPath);
    await acquire();
    expect(await readFile(lockPath, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('refuses a second hub while the first has created the lock but not yet written its pid', async () => {
    // The owner opens the file with O_EXCL and writes its pid afterwards; a fresh empty lock is
    // a hub in the middle of starting, not a stale lock.
    await writeFile(lockPath, '');
    await expect(acquireHubLock(lockPath, socketPath, dir.dir)).rejects.toBeInstanceOf(
      HubAlreadyRunningError,
    );
  });

  it('removes the lock file on release', async () => {
    const lock = await acquireHubLock(lockPath, socketPath, dir.dir);
    await lock.release();
    await expect(stat(lockPath)).rejects.toMatchObject({ code: 'ENOENT' });
    const again = await acquire();
    expect(again).toBeDefined();
  });

  it('leaves a lock file that another hub has taken since', async () => {
    const lock = await acquireHubLock(lockPath, socketPath, dir.dir);
    const pid = await deadPid();
    await writeFile(lockPath, `${pid}\n`);
    await lock.release();
    expect(await readFile(lockPath, 'utf8')).toBe(`${pid}\n`);
  });

  it('releases quietly when the lock file is already gone', async () => {
    const lock = await acquireHubLock(lockPath, socketPath, dir.dir);
    await lock.release();
    await expect(lock.release()).resolves.toBeUndefined();
  });

  it('reports a lock that cannot be created for another reason as it is', async () => {
    const missing = join(dir.dir, 'no-such-dir', 'hub.lock');
    await expect(acquireHubLock(missing, socketPath, dir.dir)).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
