/**
 * The app as electron-builder packages it, against a stand-in Electron (the real one cannot be
 * downloaded here): the macOS .app and the Linux directory, their Info.plist, what app.asar holds
 * and does not, unpacked native modules, the bundled helper, and the fuses actually flipped in the
 * binary. The builder config is also validated against electron-builder's own schema.
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/paths';
import { makeStandInElectron } from '../support/stand-in-electron';

const run = promisify(execFile);
const ELECTRON_VERSION = (
  JSON.parse(await readFile(`${ROOT}/node_modules/electron/package.json`, 'utf8')) as {
    version: string;
  }
).version;

async function builder(args: string[], out: string, dist: string): Promise<void> {
  await run(
    process.execPath,
    [
      `${ROOT}/node_modules/electron-builder/cli.js`,
      ...args,
      `-c.electronDist=${dist}`,
      `-c.electronVersion=${ELECTRON_VERSION}`,
      `-c.directories.output=${out}`,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        CSC_IDENTITY_AUTO_DISCOVERY: 'false',
        ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      },
      maxBuffer: 32 * 1024 * 1024,
    },
  );
}

function plistValue(plist: string, key: string): string | undefined {
  const match = new RegExp(`<key>${key}</key>\\s*<(string|true|false)\\s*/?>([^<]*)`).exec(plist);
  if (!match) return undefined;
  return match[1] === 'string' ? match[2] : match[1];
}

describe('packaging with electron-builder', () => {
  let work: { dir: string; cleanup: () => Promise<void> };
  let app: string;
  let linux: string;

  beforeAll(async () => {
    work = await tempDir('sb-package-');
    const standIn = await makeStandInElectron(`${work.dir}/electron`, ELECTRON_VERSION);
    await builder(['--mac', 'dir', '--x64'], `${work.dir}/out`, standIn.mac);
    await builder(['--linux', 'dir', '--x64'], `${work.dir}/out`, standIn.linux);
    app = `${work.dir}/out/mac/Switchboard.app/Contents`;
    linux = `${work.dir}/out/linux-unpacked`;
  }, 240_000);
  afterAll(async () => {
    await work.cleanup();
  });

  it('validates electron-builder.yml against electron-builder’s schema', async () => {
    const schema = JSON.parse(
      await readFile(`${ROOT}/node_modules/app-builder-lib/scheme.json`, 'utf8'),
    ) as object;
    const config = load(await readFile(`${ROOT}/electron-builder.yml`, 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('makes a menu-bar-only macOS app with our identity', async () => {
    const plist = await readFile(`${app}/Info.plist`, 'utf8');
    expect(plistValue(plist, 'CFBundleIdentifier')).toBe('dev.switchboard.app');
    expect(plistValue(plist, 'CFBundleName')).toBe('Switchboard');
    expect(plistValue(plist, 'LSUIElement')).toBe('true');
    expect(plistValue(plist, 'LSApplicationCategoryType')).toBe(
      'public.app-category.developer-tools',
    );
    expect((await stat(`${app}/MacOS/Switchboard`)).mode & 0o111).not.toBe(0);
  });

  it('puts the built app in app.asar — and no sources, tests, maps or dev dependencies', () => {
    const files = listPackage(`${app}/Resources/app.asar`, { isPack: false });
    for (const needed of [
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer/index.html',
      '/package.json',
    ])
      expect(files).toContain(needed);
    expect(
      files.filter(
        (f) => f.startsWith('/src/') || f.startsWith('/test/') || f.startsWith('/bench/'),
      ),
    ).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map') && !f.includes('/node_modules/'))).toEqual([]);
    for (const dev of [
      'vitest',
      'typescript',
      'eslint',
      'electron-builder',
      'vite',
      'playwright-core',
      'electron',
    ])
      expect(files.some((f) => f.startsWith(`/node_modules/${dev}/`))).toBe(false);
    for (const runtime of ['better-sqlite3', 'ws', 'zod', 'grammy', 'discord.js'])
      expect(files.some((f) => f.startsWith(`/node_modules/${runtime}/`))).toBe(true);
  });

  it('unpacks the native modules and ships the helper and tray images as resources', async () => {
    await stat(
      `${app}/Resources/app.asar.unpacked/node_modules/better-sqlite3/prebuilds/darwin-arm64.node`,
    );
    await stat(
      `${app}/Resources/app.asar.unpacked/node_modules/better-sqlite3/prebuilds/darwin-x64.node`,
    );
    const binary = await stat(`${app}/Resources/bin/switchboard-mcp`);
    expect(binary.mode & 0o111).not.toBe(0);
    const helper = await stat(`${app}/Resources/bin/switchboard-mcp.js`);
    expect(helper.mode & 0o111).not.toBe(0);
    // The JS helper's entry loads its core from beside it.
    await stat(`${app}/Resources/bin/switchboard-mcp-core.cjs`);
    await stat(`${app}/Resources/assets/tray/attentionTemplate@2x.png`);
  });

  it('flips the security fuses in the Electron binary of both builds', async () => {
    for (const binary of [`${work.dir}/out/mac/Switchboard.app`, `${linux}/switchboard`]) {
      const wire = await getCurrentFuseWire(binary);
      expect(wire[FuseV1Options.RunAsNode]).toBe(48); // '0': the signed app cannot be used as a Node runtime
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(49);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(48);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(48);
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(49);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(49);
    }
  });
});
