/**
 * The app as `npm run dist` builds it (scripts/dist.ts → electron-builder → the afterPack check),
 * against a stand-in Electron (the real one cannot be downloaded here): a certificate-less macOS
 * build for x64 re-signed ad hoc, and the Linux build. The Mac build's helper and keyring binding
 * are hand-made Mach-O headers for x64 (no Mac here to build real ones); better-sqlite3's darwin
 * prebuild is the real one. `codesign` is a stand-in on PATH that records how it was called.
 * Checked: Info.plist, the signing settings electron-builder received, what app.asar and
 * app.asar.unpacked hold (and do not), the payload budget, the fuses, and refusals of a helper or
 * native module for the wrong platform or CPU.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBinary } from '../../scripts/binary-format';
import { machO } from '../support/fake-binaries';
import { DIST, ROOT, tempDir } from '../support/paths';
import { makeStandInElectron } from '../support/stand-in-electron';

const run = promisify(execFile);
const ELECTRON_VERSION = (
  JSON.parse(await readFile(`${ROOT}/node_modules/electron/package.json`, 'utf8')) as {
    version: string;
  }
).version;
const BUDGET = 15 * 1024 * 1024;

type DistResult = { code: number; stdout: string; stderr: string };

async function dist(args: string[], env: NodeJS.ProcessEnv): Promise<DistResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [`${ROOT}/scripts/dist.ts`, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        CSC_IDENTITY_AUTO_DISCOVERY: 'false',
        CSC_LINK: '',
        CSC_NAME: '',
        ...env,
      },
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function plistValue(plist: string, key: string): string | undefined {
  const match = new RegExp(`<key>${key}</key>\\s*<(string|true|false)\\s*/?>([^<]*)`).exec(plist);
  if (!match) return undefined;
  return match[1] === 'string' ? match[2] : match[1];
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out;
}

async function sizeOf(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const file of await walk(path)) total += (await stat(file)).size;
  return total;
}

describe('packaging with npm run dist', () => {
  let work: { dir: string; cleanup: () => Promise<void> };
  let app: string;
  let linux: string;
  let out: string;
  let macParts: NodeJS.ProcessEnv;
  let codesignLog: string;
  let macBuild: DistResult;

  beforeAll(async () => {
    work = await tempDir('sb-package-');
    const standIn = await makeStandInElectron(`${work.dir}/electron`, ELECTRON_VERSION);
    out = `${work.dir}/out`;
    // The Mac parts that only a Mac can build: the helper and the keyring binding for x64.
    await mkdir(`${work.dir}/bin/x64`, { recursive: true });
    await writeFile(`${work.dir}/bin/x64/switchboard-mcp`, machO('x64', undefined, 64 * 1024));
    await chmod(`${work.dir}/bin/x64/switchboard-mcp`, 0o755);
    const binding = `${work.dir}/native/node_modules/@napi-rs/keyring-darwin-x64`;
    await mkdir(binding, { recursive: true });
    await writeFile(
      `${binding}/package.json`,
      JSON.stringify({
        name: '@napi-rs/keyring-darwin-x64',
        version: '2.1.2',
        main: 'keyring.darwin-x64.node',
      }),
    );
    await writeFile(
      `${binding}/keyring.darwin-x64.node`,
      machO('x64', [
        '/usr/lib/libSystem.B.dylib',
        '/System/Library/Frameworks/Security.framework/Versions/A/Security',
      ]),
    );
    // codesign exists only on a Mac: a stand-in that records its arguments.
    await mkdir(`${work.dir}/tools`, { recursive: true });
    codesignLog = `${work.dir}/codesign.log`;
    await writeFile(
      `${work.dir}/tools/codesign`,
      `#!/bin/sh\nprintf '%s\\n' "$*" >> '${codesignLog}'\n`,
    );
    await chmod(`${work.dir}/tools/codesign`, 0o755);
    macParts = {
      SWITCHBOARD_HELPER_BIN_DIR: `${work.dir}/bin`,
      SWITCHBOARD_NATIVE_DIR: `${work.dir}/native/node_modules`,
      PATH: `${work.dir}/tools:${process.env['PATH'] ?? ''}`,
    };
    const common = [`-c.electronVersion=${ELECTRON_VERSION}`, `-c.directories.output=${out}`];
    macBuild = await dist(
      ['--mac', 'dir', '--x64', `-c.electronDist=${standIn.mac}`, ...common],
      macParts,
    );
    const linuxBuild = await dist(
      ['--linux', 'dir', '--x64', `-c.electronDist=${standIn.linux}`, ...common],
      {},
    );
    if (macBuild.code !== 0 || linuxBuild.code !== 0)
      throw new Error(`npm run dist failed:\n${macBuild.stderr}\n${linuxBuild.stderr}`);
    app = `${out}/mac/Switchboard.app/Contents`;
    linux = `${out}/linux-unpacked`;
  }, 300_000);
  afterAll(async () => {
    await work.cleanup();
  });

  it('validates electron-builder.yml and the generated signing config against electron-builder’s schema', async () => {
    const schema = JSON.parse(
      await readFile(`${ROOT}/node_modules/app-builder-lib/scheme.json`, 'utf8'),
    ) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const config = load(await readFile(`${ROOT}/electron-builder.yml`, 'utf8'));
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    const generated = JSON.parse(
      await readFile(`${DIST}/builder/electron-builder.generated.json`, 'utf8'),
    ) as Record<string, unknown>;
    expect(validate({ ...generated, extends: undefined }), JSON.stringify(validate.errors)).toBe(
      true,
    );
  });

  it('re-signs a certificate-less Mac build ad hoc, without the hardened runtime', async () => {
    expect(macBuild.stdout).toContain('darwin-x64, signing: local-ad-hoc');
    const report = JSON.parse(await readFile(`${out}/payload-mac-x64.json`, 'utf8')) as {
      signing: Record<string, unknown>;
    };
    expect(report.signing).toEqual({
      identity: '-',
      hardenedRuntime: false,
      notarize: false,
      resetAdHocDarwinSignature: true,
    });
    // The fuse step re-signs the bundle it just changed (electron/fuses resetAdHocDarwinSignature).
    expect(await readFile(codesignLog, 'utf8')).toContain(
      `--sign - --force --preserve-metadata=entitlements,requirements,flags,runtime --deep ${out}/mac/Switchboard.app`,
    );
  });

  it('makes a menu-bar-only macOS app whose notifications are alerts', async () => {
    const plist = await readFile(`${app}/Info.plist`, 'utf8');
    expect(plistValue(plist, 'CFBundleIdentifier')).toBe('dev.switchboard.app');
    expect(plistValue(plist, 'CFBundleName')).toBe('Switchboard');
    expect(plistValue(plist, 'LSUIElement')).toBe('true');
    expect(plistValue(plist, 'NSUserNotificationAlertStyle')).toBe('alert');
    expect(plistValue(plist, 'LSApplicationCategoryType')).toBe(
      'public.app-category.developer-tools',
    );
    expect((await stat(`${app}/MacOS/Switchboard`)).mode & 0o111).not.toBe(0);
  });

  it('puts the built app and only the two native modules in app.asar', () => {
    for (const asar of [`${app}/Resources/app.asar`, `${linux}/resources/app.asar`]) {
      const files = listPackage(asar, { isPack: false });
      for (const needed of [
        '/dist/electron/main.cjs',
        '/dist/electron/preload.cjs',
        '/dist/renderer/index.html',
        '/package.json',
      ])
        expect(files).toContain(needed);
      expect(files.filter((f) => /^\/(src|test|bench|scripts)\//.test(f))).toEqual([]);
      expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
      const packages = new Set(
        files
          .map((f) => /^\/node_modules\/(@[^/]+\/[^/]+|[^@/][^/]*)\//.exec(f)?.[1])
          .filter(Boolean),
      );
      expect([...packages].sort()).toEqual(
        asar.includes('/mac/')
          ? ['@napi-rs/keyring', '@napi-rs/keyring-darwin-x64', 'better-sqlite3']
          : ['@napi-rs/keyring', '@napi-rs/keyring-linux-x64-gnu', 'better-sqlite3'],
      );
    }
  });

  it('ships no native sources and no binary for another platform or CPU', async () => {
    for (const [resources, platform] of [
      [`${app}/Resources`, 'darwin'],
      [`${linux}/resources`, 'linux'],
    ] as const) {
      const files = [
        ...(await walk(`${resources}/app.asar.unpacked`)),
        ...(await walk(`${resources}/bin`)),
      ];
      expect(files.filter((f) => /\/(deps|src)\/|binding\.gyp$|\.(c|cc|cpp|h)$/.test(f))).toEqual(
        [],
      );
      const binaries = [];
      for (const file of files) {
        const info = await describeBinary(file);
        if (info)
          binaries.push({
            file: file.slice(resources.length + 1),
            platform: info.platform,
            archs: info.archs,
          });
      }
      expect(binaries.length).toBe(3); // helper, SQLite, keyring
      for (const binary of binaries) expect(binary).toMatchObject({ platform, archs: ['x64'] });
    }
  });

  it('keeps app.asar + app.asar.unpacked within 15 MB', async () => {
    for (const resources of [`${app}/Resources`, `${linux}/resources`]) {
      const payload =
        (await sizeOf(`${resources}/app.asar`)) + (await sizeOf(`${resources}/app.asar.unpacked`));
      expect(payload).toBeLessThanOrEqual(BUDGET);
    }
  });

  it('ships the helper for this CPU and the tray images as resources', async () => {
    const binary = await stat(`${app}/Resources/bin/switchboard-mcp`);
    expect(binary.mode & 0o111).not.toBe(0);
    expect((await stat(`${app}/Resources/bin/switchboard-mcp.js`)).mode & 0o111).not.toBe(0);
    // The JS helper's entry loads its core from beside it.
    await stat(`${app}/Resources/bin/switchboard-mcp-core.cjs`);
    await stat(`${app}/Resources/assets/tray/attentionTemplate@2x.png`);
    const linuxHelper = await describeBinary(`${linux}/resources/bin/switchboard-mcp`);
    expect(linuxHelper).toMatchObject({ platform: 'linux', archs: [process.arch] });
  });

  it('flips the security fuses in the Electron binary of both builds', async () => {
    for (const binary of [`${out}/mac/Switchboard.app`, `${linux}/switchboard`]) {
      const wire = await getCurrentFuseWire(binary);
      expect(wire[FuseV1Options.RunAsNode]).toBe(48); // '0': the signed app cannot be used as a Node runtime
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(49);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(48);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(48);
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(49);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(49);
    }
  });

  it('refuses to package a Linux helper into the Mac app, saying what to do', async () => {
    const refused = await dist(
      ['--mac', 'dir', '--x64', `-c.directories.output=${work.dir}/refused`],
      {
        ...macParts,
        SWITCHBOARD_HELPER_BIN_DIR: `${work.dir}/linux-bin`,
      },
    );
    // (that folder does not exist: the helper is missing)
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/switchboard-mcp is missing: build it on a darwin-x64 machine/);
    await mkdir(`${work.dir}/linux-bin/x64`, { recursive: true });
    await writeFile(
      `${work.dir}/linux-bin/x64/switchboard-mcp`,
      await readFile(`${linux}/resources/bin/switchboard-mcp`),
    );
    const wrong = await dist(
      ['--mac', 'dir', '--x64', `-c.directories.output=${work.dir}/refused`],
      {
        ...macParts,
        SWITCHBOARD_HELPER_BIN_DIR: `${work.dir}/linux-bin`,
      },
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('packaging for darwin-x64 refused');
    expect(wrong.stderr).toMatch(
      /linux-bin\/x64\/switchboard-mcp is an ELF \(linux x64\) binary, but this app is for darwin-x64/,
    );
    await expect(stat(`${work.dir}/refused`)).rejects.toThrow();
  });

  it('refuses a keyring binding for the other CPU, and names the command that installs the right one', async () => {
    const arm = `${work.dir}/arm-native/node_modules/@napi-rs/keyring-darwin-x64`;
    await mkdir(arm, { recursive: true });
    await writeFile(
      `${arm}/package.json`,
      JSON.stringify({ version: '2.1.2', main: 'keyring.darwin-x64.node' }),
    );
    await writeFile(`${arm}/keyring.darwin-x64.node`, machO('arm64'));
    const wrong = await dist(['--mac', 'dir', '--x64'], {
      ...macParts,
      SWITCHBOARD_NATIVE_DIR: `${work.dir}/arm-native/node_modules`,
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      'keyring.darwin-x64.node is a Mach-O (darwin arm64) binary, but this app is for darwin-x64',
    );
    const missing = await dist(['--mac', 'dir', '--arm64'], { ...macParts });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      "@napi-rs/keyring-darwin-arm64 is not installed (npm installs only this machine's): npm install --prefix dist/native/darwin-arm64 --no-save --os=darwin --cpu=arm64 @napi-rs/keyring@2.1.2",
    );
  });

  it('will not build a Mac app it cannot sign', async () => {
    const refused = await dist(['--mac', 'dir', '--x64'], { ...macParts, PATH: '/nonexistent' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('building the Mac app needs codesign');
  });
});
