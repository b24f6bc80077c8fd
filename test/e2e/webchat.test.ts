/**
 * A person at the web chat, in a real browser: opens the dashboard link, types, sends, sees
 * Claude's answer arrive live, and allows a permission prompt with a click.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { connectHelper, type HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { ROOT, tempDir } from '../support/paths';

if (chromiumMissing) console.warn(`skipping browser tests: ${chromiumMissing}`);

const SCREENSHOTS = `${ROOT}/test-results/screenshots`;

describe.skipIf(chromiumMissing !== undefined)('web chat in Chromium', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let helper: HelperClient;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    home = await tempDir();
    hub = await startHub(home.dir);
    helper = await connectHelper({ home: home.dir, session: 'browser-e2e' });
    browser = await launchChromium();
    page = await browser.newPage();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser.close();
    await helper.close();
    await hub.stop();
    await home.cleanup();
  });

  it('logs in from the link and removes the token from the address bar', async () => {
    await page.goto(hub.dashboardUrl);
    await expect.poll(() => page.url()).not.toContain('token');
    await page.getByRole('combobox', { name: 'Session' }).waitFor();
    await expect.poll(() => page.getByRole('option', { name: /browser-e2e/ }).count()).toBe(1);
  });

  it('sends a typed message to Claude and shows the reply live', async () => {
    await page
      .getByRole('textbox', { name: 'Message' })
      .fill('Hello from a real browser <b>bold?</b>');
    await page.getByRole('button', { name: 'Send' }).click();
    const event = await helper.events.waitFor((e) =>
      e.content.startsWith('Hello from a real browser'),
    );
    expect(event.content).toBe('Hello from a real browser <b>bold?</b>');
    expect(event.meta['chat_id']).toBe('web:main');
    await expect.poll(() => page.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('');

    await helper.callTool('reply', {
      chat_id: 'web:main',
      text: 'Hi! <img src=x onerror=alert(1)> stays text',
    });
    const log = page.getByRole('log');
    await log.getByText('Hi! <img src=x onerror=alert(1)> stays text').waitFor();
    expect(await log.locator('img').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/webchat-conversation.png`, fullPage: true });
  });

  it('allows a permission prompt with a click and the verdict reaches Claude Code', async () => {
    await helper.requestPermission({
      request_id: 'qwert',
      tool_name: 'Bash',
      description: 'Run the test suite',
      input_preview: '{"command":"npm test"}',
    });
    const allow = page.getByRole('button', { name: 'Allow' });
    await allow.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/webchat-permission.png`, fullPage: true });
    await allow.click();
    expect(await helper.verdicts.next()).toEqual({ request_id: 'qwert', behavior: 'allow' });
    await expect.poll(() => page.getByRole('button', { name: 'Allow' }).count()).toBe(0);
  });

  it('marks the owner’s message answered once Claude replied', async () => {
    const mine = page.getByRole('log').locator('.message.mine').first();
    await expect.poll(() => mine.locator('.state').textContent()).toBe('answered');
  });

  it('follows the system colour scheme', async () => {
    // A string, because this file is type-checked without DOM types.
    const background = () =>
      page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor');
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(light).not.toBe(dark);
    await page.screenshot({ path: `${SCREENSHOTS}/webchat-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
