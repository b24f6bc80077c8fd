/**
 * A settings file that is broken — by a typo, a bad edit, or a process that writes garbage into it —
 * must never open what the user closed. A real hub process on the fake Telegram Bot API.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeTelegram } from '../fakes/fake-telegram';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import type { HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { startTelegramHub } from '../support/telegram-hub';

const STRANGER = { id: 4242, first_name: 'Stranger' };

// Hubs are started and stopped more than once per test: generous on a shared, loaded machine.
describe('attacks through settings.json', { timeout: 90_000 }, () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess | undefined;
  let telegram: FakeTelegram | undefined;

  beforeEach(async () => {
    home = await tempDir('sb-attack-settings-');
  });
  afterEach(async () => {
    await hub?.stop();
    await telegram?.stop();
    hub = undefined;
    telegram = undefined;
    await home.cleanup();
  });

  const status = async (): Promise<{
    platforms: Array<{ platform: string; state: string }>;
    settingsProblems: string[];
  }> =>
    JSON.parse((await runCli(['status', '--json', '--home', home.dir])).stdout) as {
      platforms: Array<{ platform: string; state: string }>;
      settingsProblems: string[];
    };
  const uiState = async (): Promise<{
    settingsProblems: string[];
    settings: { paused: boolean };
  }> =>
    (await (
      await fetch(`${hub?.origin ?? ''}/api/ui/getState`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${hub?.token ?? ''}`,
          origin: hub?.origin ?? '',
          'content-type': 'application/json',
        },
        body: '[]',
      })
    ).json()) as { settingsProblems: string[]; settings: { paused: boolean } };

  it('one invalid field next to paused: true → still paused, and status, dashboard and log name the field', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir, {
      settings: {
        paused: true,
        access: { telegram: { dmPolicy: 'disabled' } },
        permissions: { expireAfterMinutes: 0 },
      },
    }));
    const data = await status();
    expect(data.platforms.map((p) => p.platform)).not.toContain('telegram');
    expect(data.settingsProblems[0]).toContain('permissions.expireAfterMinutes');
    const ui = await uiState();
    expect(ui.settings.paused).toBe(true);
    expect(ui.settingsProblems[0]).toContain('permissions.expireAfterMinutes');
    expect(hub.stderr()).toContain('permissions.expireAfterMinutes');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(telegram.sent('getUpdates')).toEqual([]);
  });

  it('one invalid field next to dmPolicy "disabled" → a stranger still gets no pairing code', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir, {
      settings: {
        access: { telegram: { dmPolicy: 'disabled' } },
        permissions: { expireAfterMinutes: 0 },
      },
    }));
    await eventually(() => expect(telegram?.sent('getUpdates').length).toBeGreaterThan(0));
    telegram.message({
      chat: { id: STRANGER.id, type: 'private', first_name: STRANGER.first_name },
      from: { ...STRANGER, is_bot: false },
      text: 'let me in',
    });
    await eventually(() => expect(telegram?.pending()).toBe(0));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(telegram.sent('sendMessage')).toEqual([]);
    expect(
      JSON.parse((await runCli(['pair', 'list', '--json', '--home', home.dir])).stdout),
    ).toEqual([]);
  });

  it('a garbage settings file on first start → every platform paused, said everywhere, the file kept', async () => {
    await mkdir(home.dir, { recursive: true, mode: 0o700 });
    await writeFile(`${home.dir}/settings.json`, '\u0000\u0001garbage{');
    ({ hub, telegram } = await startTelegramHub(home.dir));
    const data = await status();
    expect(data.platforms.map((p) => p.platform)).not.toContain('telegram');
    expect(data.settingsProblems[0]).toMatch(/not valid JSON.*starts paused/);
    expect((await uiState()).settings.paused).toBe(true);
    expect(hub.stderr()).toContain('starts paused');
    const files = await readdir(home.dir);
    expect(files).toContain('settings.json');
    expect(files.some((f) => f.startsWith('settings.json.rejected-'))).toBe(true);
  });

  it('a good file, then a broken edit → the last good settings stay in force', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir, {
      settings: { access: { telegram: { dmPolicy: 'disabled' } } },
    }));
    await hub.stop();
    await writeFile(`${home.dir}/settings.json`, '{"access": {"telegram": {"dmPolicy": "pairing"}');
    ({ hub, telegram } = await startTelegramHub(home.dir));
    await eventually(() => expect(telegram?.sent('getUpdates').length).toBeGreaterThan(0));
    telegram.message({
      chat: { id: STRANGER.id, type: 'private', first_name: STRANGER.first_name },
      from: { ...STRANGER, is_bot: false },
      text: 'let me in',
    });
    await eventually(() => expect(telegram?.pending()).toBe(0));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(telegram.sent('sendMessage')).toEqual([]);
    expect((await status()).settingsProblems[0]).toContain('kept the last good settings');
  });

  it('a typo ("pasued": true) → named as an unknown setting rather than silently ignored', async () => {
    ({ hub, telegram } = await startTelegramHub(home.dir, { settings: { pasued: true } }));
    expect((await status()).settingsProblems).toContain(
      'pasued: not a setting this version knows; ignored',
    );
  });
});
