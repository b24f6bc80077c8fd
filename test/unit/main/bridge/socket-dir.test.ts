import { chmod, chown, lstat, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clearSocketPath,
  prepareSocketDir,
  SocketDirError,
  verifySocketDir,
} from '../../../../src/main/bridge/socket-dir';
import { tempDir } from '../../../support/paths';

const isRoot = process.getuid?.() === 0;
if (!isRoot)
  console.warn(
    'skipping "refuses a fallback directory another user made": giving a directory to another user needs root',
  );

describe('the socket directory', () => {
  let base: { dir: string; cleanup: () => Promise<void> };
  let home: string;
  let fallback: string;
  const where = () => ({ home, socketDir: fallback, socket: `${fallback}/hub.sock` });

  beforeEach(async () => {
    base = await tempDir('sb-sockdir-');
    home = `${base.dir}/home`;
    await mkdir(home, { mode: 0o700 });
    // A parent like /tmp: world-writable with the sticky bit.
    await mkdir(`${base.dir}/tmp`);
    await chmod(`${base.dir}/tmp`, 0o1777);
    fallback = `${base.dir}/tmp/switchboard-0123456789abcdef`;
  });
  afterEach(async () => {
    await base.cleanup();
  });

  it('creates a missing fallback directory 0700 and accepts it', async () => {
    await prepareSocketDir(where());
    expect((await lstat(fallback)).mode & 0o7777).toBe(0o700);
    expect(await verifySocketDir(where())).toEqual({ ok: true });
  });

  it('tightens a fallback directory of ours that others could enter', async () => {
    await mkdir(fallback);
    await chmod(fallback, 0o777);
    expect((await verifySocketDir(where())).ok).toBe(false);
    await prepareSocketDir(where());
    expect((await lstat(fallback)).mode & 0o7777).toBe(0o700);
  });

  it('refuses a symlink at the fallback path, even to a private directory of ours', async () => {
    await mkdir(`${base.dir}/elsewhere`, { mode: 0o700 });
    await symlink(`${base.dir}/elsewhere`, fallback);
    await expect(prepareSocketDir(where())).rejects.toThrow(/symbolic link/);
    expect((await lstat(fallback)).isSymbolicLink()).toBe(true);
  });

  it('refuses a fallback whose parent others may write to without the sticky bit', async () => {
    await chmod(`${base.dir}/tmp`, 0o777);
    await expect(prepareSocketDir(where())).rejects.toThrow(/sticky bit/);
  });

  it.skipIf(!isRoot)(
    'refuses a fallback directory another user made, and leaves it alone',
    async () => {
      await mkdir(fallback, { mode: 0o700 });
      await chown(fallback, 4242, 4242);
      const error = await prepareSocketDir(where()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SocketDirError);
      expect((error as Error).message).toMatch(/belongs to another user \(uid 4242/);
      expect((await lstat(fallback)).uid).toBe(4242);
    },
  );

  it('accepts the home itself when it is private, through a link the user made', async () => {
    const link = `${base.dir}/linked-home`;
    await symlink(home, link);
    const inHome = { home: link, socketDir: link, socket: `${link}/hub.sock` };
    expect(await verifySocketDir(inHome)).toEqual({ ok: true });
    await chmod(home, 0o755);
    expect((await verifySocketDir(inHome)).ok).toBe(false);
  });

  it('says a missing directory is missing (no hub ran there), not an attack', async () => {
    expect(await verifySocketDir(where())).toMatchObject({ ok: false, missing: true });
  });
});

describe('clearing the socket path', () => {
  let base: { dir: string; cleanup: () => Promise<void> };
  const warnings: string[] = [];
  const warn = (message: string): void => void warnings.push(message);

  beforeEach(async () => {
    base = await tempDir('sb-sockpath-');
    warnings.length = 0;
  });
  afterEach(async () => {
    await base.cleanup();
  });

  it('removes a stale socket', async () => {
    const path = `${base.dir}/hub.sock`;
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    // Closing a listening server removes its file; a killed hub leaves it, so make one by hand.
    server.unref();
    await clearSocketPath(path, warn);
    expect(await readdir(base.dir)).toEqual([]);
    server.close();
  });

  it('removes an empty directory of ours standing at the socket path, with a warning', async () => {
    await mkdir(`${base.dir}/hub.sock`);
    await clearSocketPath(`${base.dir}/hub.sock`, warn);
    expect(await readdir(base.dir)).toEqual([]);
    expect(warnings.join()).toMatch(/removed the empty directory/);
  });

  it('refuses a directory with files in it, naming it', async () => {
    await mkdir(`${base.dir}/hub.sock`);
    await writeFile(`${base.dir}/hub.sock/keep`, 'x');
    await expect(clearSocketPath(`${base.dir}/hub.sock`, warn)).rejects.toThrow(
      `${base.dir}/hub.sock is a directory with files in it`,
    );
    expect(await readdir(`${base.dir}/hub.sock`)).toEqual(['keep']);
  });

  it('refuses a regular file', async () => {
    await writeFile(`${base.dir}/hub.sock`, 'not a socket');
    await expect(clearSocketPath(`${base.dir}/hub.sock`, warn)).rejects.toThrow(/is a file/);
  });

  it('does nothing when the path is free', async () => {
    await clearSocketPath(`${base.dir}/hub.sock`, warn);
    expect(warnings).toEqual([]);
  });
});
