import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../../src/main/log';
import {
  DEFAULT_SETTINGS,
  saveSettings,
  settingsSchema,
  type Settings,
} from '../../../../src/main/settings/settings';
import { lastGoodPath, loadSettingsFile } from '../../../../src/main/settings/settings-load';
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
    (await readdir(dir.dir)).filter((name) => /^settings\.json\.rejected-\d+$/.test(name));
  const loadSettings = async (file: string, log: Logger): Promise<Settings> =>
    (await loadSettingsFile(file, log)).settings;

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

  it('keeps the file, copies it aside and starts paused when it is not JSON and nothing was good before', async () => {
    await writeFile(path, '{"ownerName": "Ann",');
    const log = recordingLogger();
    const { settings, problems } = await loadSettingsFile(path, log);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, paused: true });
    expect(problems[0]).toContain('not valid JSON');
    expect(problems[0]).toContain('starts paused');
    const aside = await asideFiles();
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir.dir, aside[0]!), 'utf8')).toBe('{"ownerName": "Ann",');
    expect(await readFile(path, 'utf8')).toBe('{"ownerName": "Ann",');
    expect(log.warnings.join('\n')).toContain(aside[0]);
  });

  it('keeps the last good settings when the file stops parsing', async () => {
    await writeFile(
      path,
      JSON.stringify({ paused: true, access: { telegram: { dmPolicy: 'disabled' } } }),
    );
    await loadSettings(path, recordingLogger());
    await writeFile(path, '{ "paused": false, oops');
    const { settings, problems } = await loadSettingsFile(path, recordingLogger());
    expect(settings.paused).toBe(true);
    expect(settings.access.telegram.dmPolicy).toBe('disabled');
    expect(problems[0]).toContain('kept the last good settings');
  });

  it.each([
    ['a JSON array', []],
    ['JSON null', null],
    ['a number', 5],
  ])('treats %s like a file that does not parse', async (_label, content) => {
    await writeFile(path, JSON.stringify(content));
    const { settings, problems } = await loadSettingsFile(path, recordingLogger());
    expect(settings.paused).toBe(true);
    expect(problems[0]).toContain('not a JSON object');
  });

  it('rejects only the invalid field and keeps paused and a disabled DM policy (the reported case)', async () => {
    await writeFile(
      path,
      JSON.stringify({
        paused: true,
        access: { telegram: { dmPolicy: 'disabled' } },
        permissions: { expireAfterMinutes: 0 },
      }),
    );
    const log = recordingLogger();
    const { settings, problems } = await loadSettingsFile(path, log);
    expect(settings.paused).toBe(true);
    expect(settings.access.telegram.dmPolicy).toBe('disabled');
    expect(settings.permissions.expireAfterMinutes).toBe(30);
    expect(problems[0]).toMatch(/^permissions\.expireAfterMinutes: .* — using the default$/);
    expect(log.warnings.some((w) => w.includes('permissions.expireAfterMinutes'))).toBe(true);
    expect(await asideFiles()).toHaveLength(1);
  });

  it.each([
    ['paused', { paused: 'yes' }, (s: Settings) => s.paused, true],
    [
      'a DM policy',
      { access: { discord: { dmPolicy: 'open' } } },
      (s: Settings) => s.access.discord.dmPolicy,
      'disabled',
    ],
    [
      'forwarding',
      { permissions: { forwardToChats: 1 } },
      (s: Settings) => s.permissions.forwardToChats,
      false,
    ],
    ['SMS', { imessage: { allowSms: 'true' } }, (s: Settings) => s.imessage.allowSms, false],
    [
      'requireMention',
      { access: { telegram: { groups: { 'tg:-1': { requireMention: 'no' } } } } },
      (s: Settings) => s.access.telegram.groups['tg:-1']?.requireMention,
      true,
    ],
    [
      'a group allowlist (trimming it would let everyone in)',
      { access: { telegram: { groups: { 'tg:-1': { allowFrom: ['1', 2] } } } } },
      (s: Settings) => s.access.telegram.groups['tg:-1'],
      undefined,
    ],
  ])(
    'fails closed on an invalid %s with no last good value',
    async (_label, content, pick, safe) => {
      await writeFile(path, JSON.stringify(content));
      const { settings, problems } = await loadSettingsFile(path, recordingLogger());
      expect(pick(settings)).toEqual(safe);
      expect(problems.length).toBeGreaterThan(0);
    },
  );

  it('takes the last good value of an invalid field when there is one', async () => {
    await writeFile(path, JSON.stringify({ access: { telegram: { dmPolicy: 'allowlist' } } }));
    await loadSettings(path, recordingLogger());
    await writeFile(
      path,
      JSON.stringify({ access: { telegram: { dmPolicy: 'opne' } }, ownerName: 'Ann' }),
    );
    const { settings, problems } = await loadSettingsFile(path, recordingLogger());
    expect(settings.access.telegram.dmPolicy).toBe('allowlist');
    expect(settings.ownerName).toBe('Ann');
    expect(problems[0]).toContain('kept the last good value "allowlist"');
  });

  it('drops invalid list entries one by one: a pattern that does not compile, a relative folder', async () => {
    await writeFile(
      path,
      JSON.stringify({
        access: { telegram: { mentionPatterns: ['\\bclaude\\b', '(unclosed', 'ok'] } },
        sessions: { sendFilesFrom: ['relative/dir', '~/Shared', '/srv/out'] },
      }),
    );
    const { settings, problems } = await loadSettingsFile(path, recordingLogger());
    expect(settings.access.telegram.mentionPatterns).toEqual(['\\bclaude\\b', 'ok']);
    expect(settings.sessions.sendFilesFrom).toEqual(['~/Shared', '/srv/out']);
    expect(problems.join('\n')).toContain(
      'access.telegram.mentionPatterns[1]: not a valid regular expression',
    );
    expect(problems.join('\n')).toContain('sessions.sendFilesFrom[0]');
  });

  it('names settings it does not know (a typo is not silently ignored)', async () => {
    await writeFile(
      path,
      JSON.stringify({ pasued: true, access: { telegram: { dmPolcy: 'disabled' } } }),
    );
    const { problems } = await loadSettingsFile(path, recordingLogger());
    expect(problems).toEqual(
      expect.arrayContaining([
        'pasued: not a setting this version knows; ignored',
        'access.telegram.dmPolcy: not a setting this version knows; ignored',
      ]),
    );
  });

  it('remembers what was in effect as the last good settings', async () => {
    await writeFile(path, JSON.stringify({ ownerName: 'Ann' }));
    await loadSettings(path, recordingLogger());
    expect(JSON.parse(await readFile(lastGoodPath(path), 'utf8'))).toMatchObject({
      ownerName: 'Ann',
    });
  });

  it('reports each of several invalid fields in the log and keeps the rest', async () => {
    await writeFile(path, JSON.stringify({ version: 2, webchat: { port: 70_000 }, ownerName: '' }));
    const log = recordingLogger();
    const { settings, problems } = await loadSettingsFile(path, log);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems.filter((p) => !p.startsWith('the file as it was'))).toHaveLength(3);
    expect(log.warnings).toHaveLength(4);
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
