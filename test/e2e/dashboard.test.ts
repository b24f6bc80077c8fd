/**
 * The owner at the dashboard in Chromium: a stranger's pairing request appears live and is
 * approved with a click (the stranger is told in their chat), and a conversation is rebound to
 * another session from its picker.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { startFakePlatformHub, type FakePlatform } from '../support/fake-platform-client';
import { connectHelper, type HelperClient } from '../support/helper-client';
import type { HubProcess } from '../support/hub-process';
import { ROOT, tempDir } from '../support/paths';

if (chromiumMissing) console.warn(`skipping dashboard browser tests: ${chromiumMissing}`);
const SCREENSHOTS = `${ROOT}/test-results/screenshots`;

describe.skipIf(chromiumMissing !== undefined)('dashboard in Chromium', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let platform: FakePlatform;
  let helper: HelperClient;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    home = await tempDir();
    ({ hub, platform } = await startFakePlatformHub(home.dir));
    helper = await connectHelper({ home: home.dir, session: 'desk' });
    browser = await launchChromium();
    page = await browser.newPage();
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.goto(hub.dashboardUrl);
    await page.getByRole('combobox', { name: 'Session' }).waitFor();
  });
  afterAll(async () => {
    await browser.close();
    await helper.close();
    await hub.stop();
    await home.cleanup();
  });

  it('approves a new person with a click', async () => {
    await platform.say({
      chatId: 'tg:77',
      senderId: '77',
      senderName: 'Grace',
      text: 'Hi, can I use Claude?',
    });
    const approve = page.getByRole('button', { name: 'Approve' });
    await approve.waitFor();
    await expect.poll(() => page.getByText('“Hi, can I use Claude?”').count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-pairing.png`, fullPage: true });
    await approve.click();
    await eventually(async () =>
      expect((await platform.sentTo('tg:77')).some((m) => m.text.startsWith('✅ Paired'))).toBe(
        true,
      ),
    );
    await expect.poll(() => page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await platform.say({ chatId: 'tg:77', senderId: '77', senderName: 'Grace', text: 'thanks!' });
    expect((await helper.events.next()).content).toBe('thanks!');
  });

  it('rebinds a conversation to another session', async () => {
    await page.getByRole('tab', { name: /Inbox/ }).click();
    await page.getByRole('link', { name: /Grace/ }).click();
    const picker = page.getByRole('combobox', { name: /Session for/ });
    await picker.waitFor();
    await picker.selectOption('desk');
    await eventually(async () => {
      const chats = JSON.parse(
        (await runCli(['chats', 'list', '--json', '--home', home.dir])).stdout,
      ) as Array<{ chat_id: string; session: string | null }>;
      expect(chats.find((c) => c.chat_id === 'tg:77')?.session).toBe('desk');
    });
  });
});
