import { chmod, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkHelperNode, helperPlan } from '../../../scripts/helper-plan';
import {
  foreignDylibs,
  keyringBindingPackage,
  machineSpecificCachesAllowed,
  parseOtoolLibraries,
  sqlitePrebuild,
} from '../../../scripts/helper-targets';
import { machO } from '../../support/fake-binaries';
import { tempDir } from '../../support/paths';

const MAC_ARM = { platform: 'darwin', arch: 'arm64' } as const;

describe('which helper a build makes', () => {
  it('builds the host helper from this Node, with code cache, into dist/bin/<arch>', () => {
    const plan = helperPlan([], MAC_ARM, 'dist/bin');
    expect(plan).toEqual({
      target: MAC_ARM,
      node: process.execPath,
      out: 'dist/bin/arm64/switchboard-mcp',
      useCodeCache: true,
      isHost: true,
    });
  });

  it('never puts code cache into a helper for another CPU', () => {
    const plan = helperPlan(['--arch', 'x64', '--node', '/opt/node-x64/bin/node'], MAC_ARM);
    expect(plan).toMatchObject({
      out: 'dist/bin/x64/switchboard-mcp',
      useCodeCache: false,
      isHost: false,
    });
    expect(machineSpecificCachesAllowed({ platform: 'darwin', arch: 'x64' }, MAC_ARM)).toBe(false);
    expect(machineSpecificCachesAllowed(MAC_ARM, MAC_ARM)).toBe(true);
  });

  it('asks for a Node of the target CPU instead of copying this one', () => {
    expect(() => helperPlan(['--arch', 'x64'], MAC_ARM)).toThrow(
      /darwin-x64 helper on darwin-arm64 needs a Node v\d+\.\d+\.\d+ binary for x64: .*--arch x64 --node/,
    );
    expect(() => helperPlan(['--arch', 'riscv64'], MAC_ARM)).toThrow('unknown CPU "riscv64"');
  });

  it('names the native bindings per target (glibc, never musl)', () => {
    expect(keyringBindingPackage({ platform: 'darwin', arch: 'x64' })).toBe(
      '@napi-rs/keyring-darwin-x64',
    );
    expect(keyringBindingPackage({ platform: 'linux', arch: 'arm64' })).toBe(
      '@napi-rs/keyring-linux-arm64-gnu',
    );
    expect(sqlitePrebuild({ platform: 'linux', arch: 'x64' })).toBe('prebuilds/linux-x64.node');
  });
});

describe('the Node a helper is made from', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  async function node(bytes: Buffer): Promise<string> {
    const path = `${dir.dir}/node`;
    await writeFile(path, bytes);
    await chmod(path, 0o644); // never run: a Mach-O cannot run here, and its version check is skipped
    return path;
  }

  it('refuses a Homebrew Node, naming the libraries users would not have', async () => {
    const path = await node(
      machO('arm64', [
        '/usr/lib/libSystem.B.dylib',
        '/opt/homebrew/opt/icu4c@77/lib/libicui18n.77.dylib',
        '/opt/homebrew/opt/libuv/lib/libuv.1.dylib',
      ]),
    );
    const plan = { ...helperPlan([], MAC_ARM), node: path };
    await expect(checkHelperNode(plan)).rejects.toThrow(
      /loads libraries outside macOS \(\/opt\/homebrew\/opt\/icu4c@77\/lib\/libicui18n\.77\.dylib, \/opt\/homebrew\/opt\/libuv\/lib\/libuv\.1\.dylib\).*nodejs\.org/,
    );
  });

  it('accepts an official Node that loads only the OS', async () => {
    const path = await node(
      machO('arm64', [
        '/usr/lib/libSystem.B.dylib',
        '/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation',
      ]),
    );
    await expect(
      checkHelperNode({ ...helperPlan([], MAC_ARM), node: path }),
    ).resolves.toBeUndefined();
  });

  it('refuses a Node of the wrong CPU', async () => {
    const path = await node(machO('x64'));
    await expect(checkHelperNode({ ...helperPlan([], MAC_ARM), node: path })).rejects.toThrow(
      'is a Mach-O (darwin x64) binary, but the helper is for darwin-arm64',
    );
  });

  it('reads otool -L output the way the Mac build checks it', () => {
    const output = [
      'dist/bin/arm64/switchboard-mcp:',
      '\t/usr/lib/libc++.1.dylib (compatibility version 1.0.0, current version 1800.101.0)',
      '\t/opt/homebrew/opt/openssl@3/lib/libssl.3.dylib (compatibility version 3.0.0, current version 3.5.0)',
      '',
    ].join('\n');
    const libraries = parseOtoolLibraries(output);
    expect(libraries).toEqual([
      '/usr/lib/libc++.1.dylib',
      '/opt/homebrew/opt/openssl@3/lib/libssl.3.dylib',
    ]);
    expect(foreignDylibs(libraries)).toEqual(['/opt/homebrew/opt/openssl@3/lib/libssl.3.dylib']);
  });
});
