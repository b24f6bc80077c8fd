/**
 * The afterPack check on a Resources folder laid out the way electron-builder makes it (a real
 * app.asar with the native modules unpacked), with hand-made Mach-O and ELF headers standing in
 * for binaries: one problem of each kind refuses the build and names the file.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createPackageWithOptions } from '@electron/asar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPayload } from '../../../scripts/verify-payload';
import { elf, machO } from '../../support/fake-binaries';
import { tempDir } from '../../support/paths';

const MAC_X64 = { platform: 'darwin', arch: 'x64' } as const;

describe('verifying what went into an app', () => {
  let work: { dir: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    work = await tempDir('sb-payload-');
  });
  afterEach(async () => {
    await work.cleanup();
  });

  async function put(root: string, path: string, bytes: Buffer | string): Promise<void> {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), bytes);
  }

  /** A Resources folder for darwin-x64; `change` edits the app's files before they are packed. */
  async function resources(
    change: (app: string, res: string) => Promise<void> = () => Promise.resolve(),
  ) {
    const app = join(work.dir, 'app');
    const res = join(work.dir, 'Resources');
    for (const file of [
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/renderer/index.html',
      'package.json',
    ])
      await put(app, file, 'x');
    await put(app, 'node_modules/better-sqlite3/lib/index.js', 'x');
    await put(app, 'node_modules/better-sqlite3/prebuilds/darwin-x64.node', machO('x64'));
    await put(app, 'node_modules/@napi-rs/keyring/index.js', 'x');
    await put(
      app,
      'node_modules/@napi-rs/keyring-darwin-x64/keyring.darwin-x64.node',
      machO('x64'),
    );
    await put(res, 'bin/switchboard-mcp', machO('x64'));
    await chmod(join(res, 'bin/switchboard-mcp'), 0o755);
    await change(app, res);
    await mkdir(res, { recursive: true });
    await createPackageWithOptions(app, join(res, 'app.asar'), { unpack: '*.node' });
    return res;
  }

  it('accepts a payload of the right platform and CPU, and reports its size', async () => {
    const report = await verifyPayload({ resources: await resources(), target: MAC_X64 });
    expect(report.target).toBe('darwin-x64');
    expect(report.payloadBytes).toBe(report.appAsarBytes + report.unpackedBytes);
    expect(report.binaries.map((b) => b.path).sort()).toEqual([
      'app.asar.unpacked/node_modules/@napi-rs/keyring-darwin-x64/keyring.darwin-x64.node',
      'app.asar.unpacked/node_modules/better-sqlite3/prebuilds/darwin-x64.node',
      'bin/switchboard-mcp',
    ]);
  });

  it('refuses a Linux helper in a Mac app', async () => {
    const res = await resources((_app, r) => put(r, 'bin/switchboard-mcp', elf('x64')));
    await expect(verifyPayload({ resources: res, target: MAC_X64 })).rejects.toThrow(
      'bin/switchboard-mcp is an ELF (linux x64) binary, but this app is for darwin-x64',
    );
  });

  it('refuses a native module of the other CPU', async () => {
    const res = await resources((app) =>
      put(app, 'node_modules/better-sqlite3/prebuilds/darwin-x64.node', machO('arm64')),
    );
    await expect(verifyPayload({ resources: res, target: MAC_X64 })).rejects.toThrow(
      'darwin-x64.node is a Mach-O (darwin arm64) binary, but this app is for darwin-x64',
    );
  });

  it('refuses another platform’s prebuilds, C sources and dependencies main.cjs already bundles', async () => {
    const res = await resources(async (app) => {
      await put(app, 'node_modules/better-sqlite3/prebuilds/linux-x64.node', elf('x64'));
      await put(app, 'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', 'int x;');
      await put(app, 'node_modules/better-sqlite3/src/better_sqlite3.cpp', 'int y;');
      await put(app, 'node_modules/discord.js/package.json', '{}');
    });
    const failure = verifyPayload({ resources: res, target: MAC_X64 });
    await expect(failure).rejects.toThrow('prebuilds/linux-x64.node is an ELF (linux x64) binary');
    await expect(failure).rejects.toThrow(
      'native source node_modules/better-sqlite3/deps/sqlite3/sqlite3.c is shipped',
    );
    await expect(failure).rejects.toThrow(
      'native source node_modules/better-sqlite3/src/better_sqlite3.cpp is shipped',
    );
    await expect(failure).rejects.toThrow(
      'node_modules/discord.js is shipped, but main.cjs bundles it',
    );
  });

  it('refuses a native module packed inside app.asar', async () => {
    const app = join(work.dir, 'app');
    const res = await resources();
    // Repack without unpacking: the .node files end up inside the archive.
    await createPackageWithOptions(app, join(res, 'app.asar'), {});
    await expect(verifyPayload({ resources: res, target: MAC_X64 })).rejects.toThrow(
      'darwin-x64.node is packed inside app.asar; native code must be unpacked',
    );
  });

  it('refuses a helper loading Homebrew libraries, and a payload over budget', async () => {
    const res = await resources((_app, r) =>
      put(
        r,
        'bin/switchboard-mcp',
        machO('x64', ['/usr/lib/libSystem.B.dylib', '/usr/local/opt/libuv/lib/libuv.1.dylib']),
      ),
    );
    const failure = verifyPayload({ resources: res, target: MAC_X64, budgetBytes: 1024 });
    await expect(failure).rejects.toThrow(
      'bin/switchboard-mcp loads libraries outside macOS: /usr/local/opt/libuv/lib/libuv.1.dylib',
    );
    await expect(failure).rejects.toThrow(
      /app\.asar \+ app\.asar\.unpacked is .* MB, over the 0\.0 MB budget/,
    );
  });
});
