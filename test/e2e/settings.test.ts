/**
 * The owner at the dashboard's Settings and Platforms tabs in Chromium: a mistyped bot token shows
 * up as the adapter's error, the right one lands in the real OS keychain and connects, and the
 * tabs are captured as screenshots.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOsKeychain } from '../../src/main/secrets/keychain';
import { FakeTelegram } from '../fakes/fake-telegram';
import { chromiumMissing, launchChromium } from '../support/browser';
import { runCli } from '../support/cli';
import { startHub, type HubProcess } from '../support/hub-process';
import { ROOT, tempDir } from '../support/paths';
import { telegramStatus } from '../support/telegram-hub';

const keychainMissing = await createOsKeychain('Switchboard-probe')
  .get('probe')
  .then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
const skip =
  chromiumMissing ??
  (keychainMissing
    ? `no OS keychain (${keychainMissing}); CI runs this under dbus-run-session with gnome-keyring`
    : undefined);
if (skip) console.warn(`skipping settings browser tests: ${skip}`);
const SCREENSHOTS = `${ROOT}/test-results/screenshots`;

describe.skipIf(skip !== undefined)('settings and platforms in Chromium', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let telegram: FakeTelegram;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    home = await tempDir();
    telegram = new FakeTelegram();
    await telegram.start();
    hub = await startHub(home.dir, [], {
      SWITCHBOARD_TELEGRAM_TOKEN: '',
      SWITCHBOARD_TELEGRAM_API_ROOT: telegram.url,
      SWITCHBOARD_TELEGRAM_POLL_TIMEOUT: '1',
    });
    browser = await launchChromium();
    page = await browser.newPage();
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.goto(hub.dashboardUrl);
    await page.getByRole('tab', { name: 'Settings' }).click();
  });
  afterAll(async () => {
    await browser.close();
    await runCli(['secrets', 'remove', 'telegram', '--home', home.dir], {
      SWITCHBOARD_TELEGRAM_TOKEN: '',
    });
    await hub.stop();
    await telegram.stop();
    await home.cleanup();
  });

  const save = async (token: string): Promise<void> => {
    await page.getByLabel('Telegram bot token').fill(token);
    await page.getByRole('button', { name: 'Save Telegram bot token' }).click();
  };

  it('refuses a token that does not look like one, saying why', async () => {
    await save('hello');
    await page.getByRole('alert').getByText('does not look like a Telegram bot token').waitFor();
  });

  it('shows the platform error when Telegram rejects the token', async () => {
    await save('123456789:WRONG_token_that_the_fake_rejects_000');
    await page.getByRole('tab', { name: /Platforms/ }).click();
    await page.getByText(/rejected the bot token/).waitFor({ timeout: 10_000 });
    await expect
      .poll(() => page.getByRole('tab', { name: /Platforms \(1 error\)/ }).count())
      .toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-platform-error.png`, fullPage: true });
  });

  it('stores the right token in the keychain and connects', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await save(telegram.token);
    await page
      .getByRole('status')
      .getByText(/telegram started/i)
      .waitFor();
    await expect
      .poll(async () => (await telegramStatus(home.dir))?.state, { timeout: 10_000 })
      .toBe('connected');
    const stored = await createOsKeychain().get('telegram');
    expect(stored).toBe(telegram.token);
    expect(await page.getByLabel('Telegram bot token').inputValue()).toBe('');
    expect(await page.content()).not.toContain(telegram.token);
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-settings.png`, fullPage: true });
    await page.getByRole('tab', { name: /Platforms/ }).click();
    await page.getByText('@sb_test_bot').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-platforms.png`, fullPage: true });
  });
});
