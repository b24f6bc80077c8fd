/**
 * What went wrong is shown where the owner looks, in Chromium: a settings.json field that was
 * rejected (the hub kept the rest and fails closed) and a permission prompt a platform refused —
 * re-sent to the phone as short plain text — are both said in the dashboard, on the prompt's card.
 */
import { writeFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { runCli } from '../support/cli';
import { startFakePlatformHub, type FakePlatform } from '../support/fake-platform-client';
import { connectHelper, type HelperClient } from '../support/helper-client';
import type { HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';

if (chromiumMissing) console.warn(`skipping warning browser tests: ${chromiumMissing}`);

describe.skipIf(chromiumMissing !== undefined)('warnings in the dashboard', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let platform: FakePlatform;
  let helper: HelperClient;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    home = await tempDir();
    // One pattern that does not compile: dropped and named, the rest of the file kept.
    await writeFile(
      `${home.dir}/settings.json`,
      JSON.stringify({ version: 1, access: { telegram: { mentionPatterns: ['(unclosed'] } } }),
    );
    ({ hub, platform } = await startFakePlatformHub(home.dir));
    for (const args of [
      ['senders', 'allow', 'telegram', '10'],
      ['senders', 'role', 'telegram', '10', 'owner'],
    ])
      await runCli([...args, '--home', home.dir]);
    helper = await connectHelper({ home: home.dir, session: 'work' });
    // The owner's chat talks to the session first, so its prompts are shown there.
    await platform.say({ chatId: 'tg:10', senderId: '10', senderName: 'Ada', text: 'hi' });
    await helper.events.waitFor((e) => e.content === 'hi');
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

  it('names the settings field that was rejected', async () => {
    const alert = page.getByRole('alert').filter({ hasText: 'settings.json has problems' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'access.telegram.mentionPatterns[0]: not a valid regular expression',
    );
  });

  it('says on the card that the phone refused the prompt and got a short text instead', async () => {
    await platform.refuse({
      containing: 'Rotate the production keys',
      description: "Bad Request: can't parse entities",
    });
    await helper.requestPermission({
      request_id: 'qrstu',
      tool_name: 'Bash',
      description: 'Rotate the production keys',
      input_preview: JSON.stringify({ command: './rotate.sh' }),
    });
    const card = page.getByRole('group', { name: /Bash in session work/ });
    await card
      .getByText(/telegram refused the prompt in tg:10 \(Bad Request: can't parse/)
      .waitFor();
    await card.getByText('sent a short text version to tg:10 instead').waitFor();
    // The short text reached the phone, and answering it there settles the card.
    const texts = (await platform.sentTo('tg:10')).map((m) => m.text);
    expect(texts.at(-1)).toContain('Reply "yes qrstu" or "no qrstu".');
    expect(texts.some((t) => t.includes('Rotate the production keys'))).toBe(false);
    await platform.say({ chatId: 'tg:10', senderId: '10', senderName: 'Ada', text: 'no qrstu' });
    expect(await helper.verdicts.next()).toEqual({ request_id: 'qrstu', behavior: 'deny' });
    await expect.poll(() => page.locator('.prompt').count()).toBe(0);
  });
});
