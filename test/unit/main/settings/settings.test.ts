import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../../src/main/log';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  saveSettings,
  settingsSchema,
  type Settings,
} from '../../../../src/main/settings/settings';
import { tempDir } from '../../../support/paths';

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const logger: Logger & { warnings: string[] } = {
    warnings,
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => warnings.push(message),
    error: () => undefined,
    child: () => logger,
  };
  return logger;
}

describe('settings', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let path: string;

  beforeEach(async () => {
    dir = await tempDir('sb-settings-');
    path = join(dir.dir, 'settings.json');
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  const asideFiles = async (): Promise<string[]> =>
    (await readdir(dir.dir)).filter((name) =>
      /^settings\.json\.corrupt-\d+-[0-9a-f]{4}$/.test(name),
    );

  it('uses the defaults when there is no settings file', async () => {
    const log = recordingLogger();
    expect(await loadSettings(path, log)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.access.telegram.dmPolicy).toBe('pairing');
    expect(DEFAULT_SETTINGS.access.imessage.dmPolicy).toBe('allowlist');
    expect(log.warnings).toEqual([]);
  });

  it('reads a valid file and fills in defaults for what it leaves out', async () => {
    await writeFile(path, JSON.stringify({ ownerName: 'Ann' }));
    expect(await loadSettings(path, recordingLogger())).toEqual({
      ...DEFAULT_SETTINGS,
      ownerName: 'Ann',
    });
  });

  it('moves a file that is not JSON aside, warns, and uses the defaults', async () => {
    await writeFile(path, '{"ownerName": "Ann",');
    const log = recordingLogger();
    expect(await loadSettings(path, log)).toEqual(DEFAULT_SETTINGS);
    const aside = await asideFiles();
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir.dir, aside[0]!), 'utf8')).toBe('{"ownerName": "Ann",');
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toContain('not valid JSON');
    expect(log.warnings[0]).toContain(aside[0]);
  });

  it.each([
    ['a port out of range', { webchat: { port: 70_000 } }],
    ['an unknown version', { version: 2 }],
    ['an empty owner name', { ownerName: '' }],
    ['a string where an object belongs', { webchat: 'yes' }],
    ['a JSON array', []],
    ['JSON null', null],
  ])('moves a file with %s aside and uses the defaults', async (_label, content) => {
    await writeFile(path, JSON.stringify(content));
    const log = recordingLogger();
    expect(await loadSettings(path, log)).toEqual(DEFAULT_SETTINGS);
    expect(await asideFiles()).toHaveLength(1);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toContain(path);
  });

  it('writes settings that read back the same', async () => {
    const settings: Settings = settingsSchema.parse({
      version: 1,
      ownerName: 'Ann',
      webchat: { port: 8123 },
    });
    await saveSettings(path, settings);
    expect(await loadSettings(path, recordingLogger())).toEqual(settings);
    expect(await readFile(path, 'utf8')).toBe(`${JSON.stringify(settings, null, 2)}\n`);
  });

  it('writes the file readable by the owner only and leaves no temporary file', async () => {
    await saveSettings(path, { version: 1, webchat: {} });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir.dir)).toEqual(['settings.json']);
  });

  it('replaces an existing file whole', async () => {
    await saveSettings(path, { version: 1, ownerName: 'Ann', webchat: { port: 1 } });
    await saveSettings(path, { version: 1, webchat: {} });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(
      settingsSchema.parse({ version: 1, webchat: {} }),
    );
  });

  it('refuses to write invalid settings and leaves the existing file alone', async () => {
    await saveSettings(path, { version: 1, ownerName: 'Ann', webchat: {} });
    const invalid = { version: 1, webchat: { port: -5 } } as Settings;
    await expect(saveSettings(path, invalid)).rejects.toThrow();
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ ownerName: 'Ann' });
    expect(await readdir(dir.dir)).toEqual(['settings.json']);
  });

  it('survives two saves at once, leaving one of them whole', async () => {
    const a: Settings = settingsSchema.parse({
      version: 1,
      ownerName: 'A'.repeat(60),
      webchat: { port: 1111 },
    });
    const b: Settings = settingsSchema.parse({ version: 1, ownerName: 'B', webchat: {} });
    await Promise.all([saveSettings(path, a), saveSettings(path, b)]);
    const saved = JSON.parse(await readFile(path, 'utf8')) as unknown;
    expect([a, b]).toContainEqual(saved);
  });
});
