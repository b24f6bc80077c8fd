/**
 * Where the npm helper keeps Node's compile cache: a private per-user directory, never one
 * another local user could have prepared (Node's default is under the shared /tmp on Linux).
 */
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileCacheDir, isPrivateDir } from '../../../../src/mcp/fast-start/compile-cache';
import { tempDir } from '../../../support/paths';

describe('the compile cache directory', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.cleanup());

  it('is per user: the XDG cache on Linux, Library/Caches on macOS', () => {
    expect(compileCacheDir({}, 'linux', '/home/ann')).toBe(
      '/home/ann/.cache/switchboard/compile-cache',
    );
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/home/ann')).toBe(
      '/x/cache/switchboard/compile-cache',
    );
    expect(compileCacheDir({ XDG_CACHE_HOME: '' }, 'linux', '/home/ann')).toBe(
      '/home/ann/.cache/switchboard/compile-cache',
    );
    expect(compileCacheDir({}, 'darwin', '/Users/ann')).toBe(
      '/Users/ann/Library/Caches/Switchboard/compile-cache',
    );
  });

  it('is used only when it is a real directory no one else may read or write', () => {
    const own = join(dir.dir, 'own');
    mkdirSync(own, { mode: 0o700 });
    expect(isPrivateDir(own)).toBe(true);
    const open = join(dir.dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o755);
    expect(isPrivateDir(open)).toBe(false);
    const group = join(dir.dir, 'group');
    mkdirSync(group);
    chmodSync(group, 0o770);
    expect(isPrivateDir(group)).toBe(false);
    const link = join(dir.dir, 'link');
    symlinkSync(own, link);
    expect(isPrivateDir(link)).toBe(false);
    expect(isPrivateDir(join(dir.dir, 'missing'))).toBe(false);
  });
});
