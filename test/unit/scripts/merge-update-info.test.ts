/**
 * The merged update feed, read back the way electron-updater reads it: MacUpdater's own file
 * filter (the real electron-updater code) must pick each CPU's zip from the merged latest-mac.yml.
 */
import { createHash } from 'node:crypto';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { MacUpdater } from 'electron-updater/out/MacUpdater';
import { mergeMacUpdateInfo, type MacUpdateInfo } from '../../../scripts/merge-update-info';

const sha512 = (text: string): string => createHash('sha512').update(text).digest('base64');

/** A latest-mac.yml as electron-builder writes it for one CPU. */
function feed(version: string, arch: string, date = '2026-03-01T10:00:00.000Z'): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: Switchboard-${version}-${arch}.zip`,
    `    sha512: ${sha512(`${arch}-zip`)}`,
    '    size: 104857600',
    '    blockMapSize: 110000',
    `  - url: Switchboard-${version}-${arch}.dmg`,
    `    sha512: ${sha512(`${arch}-dmg`)}`,
    '    size: 109051904',
    `path: Switchboard-${version}-${arch}.zip`,
    `sha512: ${sha512(`${arch}-zip`)}`,
    `releaseDate: '${date}'`,
    '',
  ].join('\n');
}

/** MacUpdater's own choice of files for a Mac (a protected static, reached from a subclass). */
class FeedReader extends MacUpdater {
  static forMac(...args: Parameters<typeof MacUpdater.filterFilesForArch>) {
    return MacUpdater.filterFilesForArch(...args);
  }
}

/** What MacUpdater would download on a Mac of this kind, from the merged feed. */
function zipFor(merged: MacUpdateInfo, isArm64Mac: boolean): string | undefined {
  const base = new URL('https://github.com/ann/switchboard/releases/download/v1.2.3/');
  const files = merged.files.map((info) => ({ url: new URL(info.url, base), info }));
  const picked = FeedReader.forMac(files, isArm64Mac);
  return picked.find((f) => f.url.pathname.endsWith('.zip'))?.info.url;
}

describe('merging the two CPUs’ update feeds', () => {
  it('lists both CPUs’ files, so each Mac’s updater picks its own zip', () => {
    const merged = mergeMacUpdateInfo(
      feed('1.2.3', 'arm64'),
      feed('1.2.3', 'x64', '2026-03-01T10:05:00.000Z'),
    );
    expect(merged.files.map((f) => f.url)).toEqual([
      'Switchboard-1.2.3-arm64.zip',
      'Switchboard-1.2.3-arm64.dmg',
      'Switchboard-1.2.3-x64.zip',
      'Switchboard-1.2.3-x64.dmg',
    ]);
    expect(zipFor(merged, true)).toBe('Switchboard-1.2.3-arm64.zip');
    expect(zipFor(merged, false)).toBe('Switchboard-1.2.3-x64.zip');
    // Old clients read `path`: the Intel app runs on both kinds of Mac.
    expect(merged).toMatchObject({
      version: '1.2.3',
      path: 'Switchboard-1.2.3-x64.zip',
      sha512: sha512('x64-zip'),
      releaseDate: '2026-03-01T10:05:00.000Z',
    });
    expect(merged.files[0]).toHaveProperty('blockMapSize', 110000);
  });

  it('shows why: an unmerged arm64 feed offers Intel Macs nothing, an x64 one offers Apple Silicon the Intel app', () => {
    const armOnly = load(feed('1.2.3', 'arm64')) as MacUpdateInfo;
    const x64Only = load(feed('1.2.3', 'x64')) as MacUpdateInfo;
    expect(zipFor(armOnly, false)).toBeUndefined();
    expect(zipFor(x64Only, true)).toBe('Switchboard-1.2.3-x64.zip');
  });

  it('refuses feeds that would make an updater pick wrong', () => {
    expect(() => mergeMacUpdateInfo(feed('1.2.3', 'arm64'), feed('1.2.4', 'x64'))).toThrow(
      'different versions: arm64 1.2.3, x64 1.2.4',
    );
    expect(() => mergeMacUpdateInfo(feed('1.2.3', 'arm64'), feed('1.2.3', 'arm64'))).toThrow(
      /x64 feed lists Switchboard-1\.2\.3-arm64\.zip/,
    );
    expect(() => mergeMacUpdateInfo(feed('1.2.3', 'x64'), feed('1.2.3', 'x64'))).toThrow(
      /does not say arm64/,
    );
    const noZip = feed('1.2.3', 'x64').replace('-x64.zip', '-x64.tar.gz');
    expect(() => mergeMacUpdateInfo(feed('1.2.3', 'arm64'), noZip)).toThrow(
      'the x64 feed must list exactly one .zip (it lists 0)',
    );
    const badSum = feed('1.2.3', 'x64').replace(/sha512: .*/, 'sha512: nope');
    expect(() => mergeMacUpdateInfo(feed('1.2.3', 'arm64'), badSum)).toThrow(/sha512/);
    const path = feed('1.2.3', 'x64').replace('url: Switchboard-1.2.3-x64.zip', 'url: ../evil.zip');
    expect(() => mergeMacUpdateInfo(feed('1.2.3', 'arm64'), path)).toThrow(/a file name/);
    expect(() => mergeMacUpdateInfo('version: 1.2.3\n', feed('1.2.3', 'x64'))).toThrow(/files/);
  });
});
