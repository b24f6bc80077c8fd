/**
 * Owners by choice, in Chromium: the first person on a platform comes pre-checked "as owner", the
 * next one as a member unless the owner ticks the box; a full pairing queue is shown.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { eventually } from '../support/eventually';
import { startFakePlatformHub, type FakePlatform } from '../support/fake-platform-client';
import type { HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { uiCall } from '../support/ui-client';

if (chromiumMissing) console.warn(`skipping approvals browser tests: ${chromiumMissing}`);

describe.skipIf(chromiumMissing !== undefined)('choosing owners in the dashboard', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let platform: FakePlatform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    home = await tempDir();
    ({ hub, platform } = await startFakePlatformHub(home.dir));
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(hub.dashboardUrl);
    await page.getByRole('combobox', { name: 'Session' }).waitFor();
  });
  afterAll(async () => {
    await browser.close();
    await hub.stop();
    await home.cleanup();
  });

  const roleOf = async (id: string): Promise<string | undefined> =>
    (await uiCall(hub, 'getState')).senders.find((s) => s.sender === id)?.role;

  it('pre-checks "as owner" only for the first person, and approves with what is ticked', async () => {
    const card = (name: string) => page.getByRole('listitem').filter({ hasText: name });
    const approve = async (name: string, owner?: boolean): Promise<boolean> => {
      const box = card(name).getByRole('checkbox', { name: 'as owner' });
      await box.waitFor();
      const preChecked = await box.isChecked();
      if (owner !== undefined) await box.setChecked(owner);
      await card(name).getByRole('button', { name: 'Approve' }).click();
      return preChecked;
    };
    await platform.say({ chatId: 'tg:1', senderId: '1', senderName: 'Olga', text: 'hi' });
    expect(await approve('Olga')).toBe(true);
    await eventually(async () => expect(await roleOf('1')).toBe('owner'));

    await platform.say({ chatId: 'tg:2', senderId: '2', senderName: 'Max', text: 'me too' });
    expect(await approve('Max')).toBe(false);
    await eventually(async () => expect(await roleOf('2')).toBe('member'));

    await platform.say({ chatId: 'tg:3', senderId: '3', senderName: 'Ines', text: 'and me' });
    await approve('Ines', true);
    await eventually(async () => expect(await roleOf('3')).toBe('owner'));
  });

  it('shows a full pairing queue', async () => {
    for (const id of ['11', '12', '13', '14'])
      await platform.say({ chatId: `tg:${id}`, senderId: id, text: 'hello' });
    await page.getByText(/pairing queue is full \(3 of 3 waiting\)/).waitFor();
    await expect.poll(() => page.getByText(/1 person was turned away/).count()).toBe(1);
  });
});
