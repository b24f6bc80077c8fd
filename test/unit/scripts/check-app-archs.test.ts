/**
 * The release workflow's CPU check over a built app: every Mach-O file for the target CPU alone,
 * with macOS's `lipo -archs` and `file` (stand-ins here, the real tools on the release runners)
 * agreeing with the header.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkAppArchs, cpuName, type MachOTools } from '../../../scripts/check-app-archs';
import { elf, machO, universalMachO } from '../../support/fake-binaries';
import { tempDir } from '../../support/paths';

describe('every Mach-O in the app is for its CPU', () => {
  let work: { dir: string; cleanup: () => Promise<void> };
  let app: string;
  beforeEach(async () => {
    work = await tempDir('sb-archs-');
    app = join(work.dir, 'Switchboard.app');
    const framework = join(app, 'Contents/Frameworks/Electron Framework.framework');
    await mkdir(join(framework, 'Versions/A'), { recursive: true });
    await mkdir(join(app, 'Contents/MacOS'), { recursive: true });
    await mkdir(join(app, 'Contents/Resources/bin'), { recursive: true });
    await writeFile(join(app, 'Contents/MacOS/Switchboard'), machO('arm64'));
    await writeFile(join(framework, 'Versions/A/Electron Framework'), machO('arm64'));
    await symlink('A', join(framework, 'Versions/Current'));
    await writeFile(join(app, 'Contents/Resources/bin/switchboard-mcp'), machO('arm64'));
    await writeFile(join(app, 'Contents/Resources/app.asar'), 'not a binary');
    await writeFile(join(app, 'Contents/Info.plist'), '<plist/>');
  });
  afterEach(() => work.cleanup());

  /** lipo and file as macOS answers them for an arm64 app. */
  const tools = (override: Partial<MachOTools> = {}): MachOTools => ({
    lipoArchs: () => Promise.resolve(['arm64']),
    describe: () => Promise.resolve('Mach-O 64-bit executable arm64'),
    ...override,
  });

  it('passes an arm64 app, counting each file once (framework links are not followed)', async () => {
    const report = await checkAppArchs(app, 'arm64', tools());
    expect(report.problems).toEqual([]);
    expect(report.checked.map((c) => c.path).sort()).toEqual([
      'Contents/Frameworks/Electron Framework.framework/Versions/A/Electron Framework',
      'Contents/MacOS/Switchboard',
      'Contents/Resources/bin/switchboard-mcp',
    ]);
  });

  it('refuses a file for the other CPU, a universal file and a Linux binary, naming each', async () => {
    await writeFile(join(app, 'Contents/Resources/bin/switchboard-mcp'), machO('x64'));
    await mkdir(join(app, 'Contents/Resources/app.asar.unpacked'), { recursive: true });
    await writeFile(
      join(app, 'Contents/Resources/app.asar.unpacked/keyring.node'),
      universalMachO(['x64', 'arm64']),
    );
    await writeFile(join(app, 'Contents/Resources/app.asar.unpacked/sqlite.node'), elf('arm64'));
    const report = await checkAppArchs(app, 'arm64');
    expect(report.problems.sort()).toEqual([
      'Contents/Resources/app.asar.unpacked/keyring.node is for x64 + arm64, not arm64 alone',
      'Contents/Resources/app.asar.unpacked/sqlite.node is a linux elf file',
      'Contents/Resources/bin/switchboard-mcp is for x64, not arm64 alone',
    ]);
  });

  it('fails when lipo or file disagree with the header', async () => {
    const report = await checkAppArchs(
      app,
      'arm64',
      tools({
        lipoArchs: (path) =>
          Promise.resolve(path.endsWith('Switchboard') ? ['x86_64', 'arm64'] : ['arm64']),
        describe: (path) =>
          Promise.resolve(path.endsWith('switchboard-mcp') ? 'data' : 'Mach-O 64-bit executable'),
      }),
    );
    expect(report.problems).toEqual(
      expect.arrayContaining([
        'Contents/MacOS/Switchboard: lipo says x64 + arm64, its header arm64',
        'Contents/Resources/bin/switchboard-mcp: file does not call it Mach-O (data)',
      ]),
    );
  });

  it('refuses an app with no Mach-O file at all (a wrong path must not pass)', async () => {
    const empty = join(work.dir, 'Empty.app');
    await mkdir(empty);
    expect((await checkAppArchs(empty, 'x64')).problems).toEqual([`no Mach-O file under ${empty}`]);
  });

  it('reads lipo’s CPU names', () => {
    expect(['x86_64', 'arm64', 'arm64e', 'i386', 'ppc'].map(cpuName)).toEqual([
      'x64',
      'arm64',
      'arm64',
      'ia32',
      'other',
    ]);
  });
});
