/**
 * Bot tokens in the real OS keychain (on Linux the Secret Service — CI runs the tests inside
 * `dbus-run-session` with an unlocked gnome-keyring): stored from stdin, never printed, read by
 * the hub at start, removed, and refused when malformed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOsKeychain } from '../../src/main/secrets/keychain';
import { FakeTelegram } from '../fakes/fake-telegram';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { telegramStatus } from '../support/telegram-hub';

const unavailable = await createOsKeychain('Switchboard-probe')
  .get('probe')
  .then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
if (unavailable)
  console.warn(
    `skipping keychain tests: no OS keychain here (${unavailable}); CI runs them under dbus-run-session with gnome-keyring`,
  );

describe.skipIf(unavailable !== undefined)('secrets in the OS keychain', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let telegram: FakeTelegram;
  let hub: HubProcess | undefined;
  const cli = (args: string[], input?: string) =>
    runCli([...args, '--home', home.dir], { SWITCHBOARD_TELEGRAM_TOKEN: '' }, input);

  beforeAll(async () => {
    home = await tempDir();
    telegram = new FakeTelegram();
    await telegram.start();
  });
  afterAll(async () => {
    await hub?.stop();
    await cli(['secrets', 'remove', 'telegram']);
    await telegram.stop();
    await home.cleanup();
  });

  it('refuses a malformed token and stores nothing', async () => {
    const bad = await cli(['secrets', 'set', 'telegram'], 'not-a-token\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('does not look like a Telegram bot token');
    expect(JSON.parse((await cli(['secrets', 'status', '--json'])).stdout)).toMatchObject({
      telegram: 'unset',
    });
  });

  it('stores a token from stdin without ever printing it, and the hub connects with it', async () => {
    const set = await cli(['secrets', 'set', 'telegram'], `${telegram.token}\n`);
    expect(set.code).toBe(0);
    expect(set.stdout + set.stderr).not.toContain(telegram.token);
    expect(JSON.parse((await cli(['secrets', 'status', '--json'])).stdout)).toMatchObject({
      telegram: 'keychain',
    });

    hub = await startHub(home.dir, [], {
      SWITCHBOARD_TELEGRAM_TOKEN: '',
      SWITCHBOARD_TELEGRAM_API_ROOT: telegram.url,
      SWITCHBOARD_TELEGRAM_POLL_TIMEOUT: '1',
    });
    await eventually(async () => expect((await telegramStatus(home.dir))?.state).toBe('connected'));
    expect(telegram.sent('getMe').length).toBeGreaterThan(0);
    expect(hub.stderr()).not.toContain(telegram.token);
  });

  it('removing the token stops the running hub’s Telegram poller', async () => {
    const removed = await cli(['secrets', 'remove', 'telegram']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('not configured');
    await eventually(async () => expect(await telegramStatus(home.dir)).toBeUndefined());
  });
});
