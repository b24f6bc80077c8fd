import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HUB_VERSION } from '../../../../src/main/app/hub';
import {
  ensureBridgeToken,
  ensureTokenFile,
  rotateTokenFile,
} from '../../../../src/main/hub/secret-files';
import { tempDir } from '../../../support/paths';

describe('token files', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let token: string;
  let marker: string;
  beforeEach(async () => {
    dir = await tempDir('sb-tokens-');
    token = `${dir.dir}/hub.token`;
    marker = `${dir.dir}/hub.version`;
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('creates a 64-hex-digit token, 0600, and keeps it', async () => {
    const first = await ensureTokenFile(token);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(token)).mode & 0o777).toBe(0o600);
    expect(await ensureTokenFile(token)).toBe(first);
  });

  it('replaces a malformed token file', async () => {
    await writeFile(token, 'not a token\n');
    expect(await ensureTokenFile(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rotates atomically, leaving no temporary file behind', async () => {
    const first = await ensureTokenFile(token);
    const second = await rotateTokenFile(token);
    expect(second).not.toBe(first);
    expect((await readFile(token, 'utf8')).trim()).toBe(second);
    expect(await readdir(dir.dir)).toEqual(['hub.token']);
  });

  it('keeps the bridge token while the same version runs, and rotates it on an update', async () => {
    const installed = await ensureBridgeToken(token, marker, '1.0.0');
    expect(installed.rotated).toBe(false);
    const restarted = await ensureBridgeToken(token, marker, '1.0.0');
    expect(restarted).toEqual({ token: installed.token, rotated: false });
    const updated = await ensureBridgeToken(token, marker, '1.1.0');
    expect(updated.rotated).toBe(true);
    expect(updated.token).not.toBe(installed.token);
    expect((await readFile(marker, 'utf8')).trim()).toBe('1.1.0');
    expect((await readFile(token, 'utf8')).trim()).toBe(updated.token);
  });

  it('rotates a token left by a version from before the marker existed', async () => {
    const old = await ensureTokenFile(token);
    const now = await ensureBridgeToken(token, marker, '1.0.0');
    expect(now).toMatchObject({ rotated: true });
    expect(now.token).not.toBe(old);
  });
});

describe('the version that rotates hub.token', () => {
  it("is the package's version, so a release of the headless hub rotates it too", async () => {
    // The menu-bar app passes app.getVersion() (package.json's); `switchboard serve` passes
    // HUB_VERSION, which must move with it or a CLI update would keep the old token.
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(HUB_VERSION).toBe(pkg.version);
  });
});
