/**
 * Permission prompts in the popover-sized dashboard: what Claude wants to run is visible without a
 * click (monospace, a long input scrolls inside its box), a countdown runs to expiry, A and D
 * answer from the keyboard, and every answer — here, from the phone on Telegram — leaves a line.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { runCli } from '../support/cli';
import { startFakePlatformHub, type FakePlatform } from '../support/fake-platform-client';
import { connectHelper, type HelperClient } from '../support/helper-client';
import type { HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';

if (chromiumMissing) console.warn(`skipping prompt browser tests: ${chromiumMissing}`);

const LONG_COMMAND = Array.from({ length: 60 }, (_, i) => `echo step-${i}`).join(' && \\\n  ');

describe.skipIf(chromiumMissing !== undefined)('permission prompts in Chromium', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let platform: FakePlatform;
  let helper: HelperClient;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    home = await tempDir();
    ({ hub, platform } = await startFakePlatformHub(home.dir));
    for (const args of [
      ['senders', 'allow', 'telegram', '10'],
      ['senders', 'role', 'telegram', '10', 'owner'],
    ])
      await runCli([...args, '--home', home.dir]);
    helper = await connectHelper({ home: home.dir, session: 'work' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 380, height: 600 } });
    await page.goto(hub.dashboardUrl);
    await page.getByRole('combobox', { name: 'Session' }).waitFor();
  });
  afterAll(async () => {
    await browser.close();
    await helper.close();
    await hub.stop();
    await home.cleanup();
  });

  const card = (): ReturnType<Page['locator']> => page.locator('.prompt').first();

  it('shows tool, session, description and the command without a click', async () => {
    await helper.requestPermission({
      request_id: 'abcde',
      tool_name: 'Bash',
      description: 'Run every step of the release',
      input_preview: JSON.stringify({ command: LONG_COMMAND }),
    });
    await card().waitFor();
    const group = page.getByRole('group', { name: /Bash in session work/ });
    await group.getByText('Run every step of the release').waitFor();
    const lead = group.locator('.prompt-input .lead');
    expect(await lead.isVisible()).toBe(true);
    expect(await lead.textContent()).toBe(`$ ${LONG_COMMAND}`);
    const font = await page.evaluate<string>(
      'getComputedStyle(document.querySelector(".prompt .lead")).fontFamily',
    );
    expect(font).toMatch(/monospace|Menlo|SF Mono/);
    const box = await page.evaluate<{ scroll: number; client: number; overflow: string }>(
      `(() => { const el = document.querySelector('.prompt .prompt-input');
        return { scroll: el.scrollHeight, client: el.clientHeight, overflow: getComputedStyle(el).overflowY }; })()`,
    );
    expect(box.scroll).toBeGreaterThan(box.client);
    expect(box.overflow).toBe('auto');
    expect(
      await page.evaluate<number>(
        'document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth',
      ),
    ).toBe(0);
  });

  it('counts down to expiry', async () => {
    const timer = page.getByRole('timer');
    // Text and label read in one go: read apart, a second can tick between them.
    const [first = '', label = ''] = await page.evaluate<string[]>(
      `(() => { const t = document.querySelector('[role="timer"]'); return [t.textContent, t.getAttribute('aria-label')]; })()`,
    );
    expect(first).toMatch(/^(29|30):\d\d$/);
    expect(label).toBe(`Expires in ${first}`);
    await expect.poll(() => timer.textContent(), { timeout: 5000 }).not.toBe(first);
  });

  it('allows with the A key while the prompt has focus, and leaves a line', async () => {
    await expect
      .poll(() => page.evaluate<boolean>('document.activeElement.classList.contains("prompt")'))
      .toBe(true);
    await page.keyboard.press('a');
    expect(await helper.verdicts.next()).toEqual({ request_id: 'abcde', behavior: 'allow' });
    await page
      .getByRole('region', { name: 'Answered prompts' })
      .getByText(/Bash in work — allowed by you from the dashboard at \d/)
      .waitFor();
  });

  it('denies with the D key', async () => {
    await helper.requestPermission({
      request_id: 'fghij',
      tool_name: 'Write',
      description: 'Write the config',
      input_preview: JSON.stringify({ file_path: '/etc/hosts', content: '127.0.0.1 x' }),
    });
    await page.locator('.prompt .lead').getByText('/etc/hosts').waitFor();
    await card().focus();
    await page.keyboard.press('d');
    expect(await helper.verdicts.next()).toEqual({ request_id: 'fghij', behavior: 'deny' });
    await page.getByText(/Write in work — denied by you from the dashboard at/).waitFor();
  });

  it('records an answer from the phone as “allowed by you from Telegram at HH:MM”', async () => {
    await helper.requestPermission({
      request_id: 'kmnop',
      tool_name: 'Bash',
      description: 'List files',
      input_preview: JSON.stringify({ command: 'ls' }),
    });
    await card().waitFor();
    await platform.say({ chatId: 'tg:10', senderId: '10', senderName: 'Ada', text: 'yes kmnop' });
    expect(await helper.verdicts.next()).toEqual({ request_id: 'kmnop', behavior: 'allow' });
    await page.getByText(/Bash in work — allowed by you from Telegram at \d{1,2}:\d{2}/).waitFor();
    await expect.poll(() => page.locator('.prompt').count()).toBe(0);
  });
});
