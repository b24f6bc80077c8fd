/**
 * The popover page in Chromium as the menu-bar app hosts it: the UI contract comes through
 * `window.switchboard` (here a stand-in for the preload, calling the hub's real HTTP API), and a
 * `focus` event — sent when a notification is clicked or failed — brings that prompt into view
 * with its first button focused.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { startFakePlatformHub, type FakePlatform } from '../support/fake-platform-client';
import type { HubProcess } from '../support/hub-process';
import { runCli } from '../support/cli';
import { tempDir } from '../support/paths';

if (chromiumMissing) console.warn(`skipping popover browser tests: ${chromiumMissing}`);

/** Runs in the page before its scripts: the preload's shape, over the dashboard's HTTP API. */
function preloadStandIn(): void {
  const target = globalThis as unknown as Record<string, unknown>;
  const listeners: Array<(event: unknown) => void> = [];
  target['__emit'] = (event: unknown) => listeners.forEach((l) => l(event));
  target['switchboard'] = new Proxy(
    {},
    {
      get: (_t, method: string) =>
        method === 'subscribe'
          ? (listener: (event: unknown) => void) => {
              listeners.push(listener);
              return () => undefined;
            }
          : async (...args: unknown[]) => {
              const res = await fetch(`/api/ui/${method}`, {
                method: 'POST',
                credentials: 'same-origin',
                // The tab's session from the page's login (SESSION_HEADER; a serialized script imports nothing).
                headers: {
                  'content-type': 'application/json',
                  'x-switchboard-session': sessionStorage.getItem('switchboard.session') ?? '',
                },
                body: JSON.stringify(args),
              });
              return res.json();
            },
    },
  );
}

describe.skipIf(chromiumMissing !== undefined)(
  'the popover page shows the prompt it is sent to',
  () => {
    let home: { dir: string; cleanup: () => Promise<void> };
    let hub: HubProcess;
    let platform: FakePlatform;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      home = await tempDir();
      ({ hub, platform } = await startFakePlatformHub(home.dir));
      for (const [id, name] of [
        ['71', 'Ann'],
        ['72', 'Bo'],
        ['73', 'Cy'],
      ] as const)
        await platform.say({
          chatId: `tg:${id}`,
          senderId: id,
          senderName: name,
          text: `hello from ${name}`,
        });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 420, height: 620 } });
      await page.addInitScript(preloadStandIn);
      await page.goto(hub.dashboardUrl);
    });
    afterAll(async () => {
      await browser.close();
      await hub.stop();
      await home.cleanup();
    });

    it('scrolls to the pairing and focuses its Approve button', async () => {
      await expect
        .poll(() => page.getByRole('button', { name: 'Approve' }).count(), { timeout: 10_000 })
        .toBe(3);
      const pairings = JSON.parse(
        (await runCli(['pair', 'list', '--json', '--home', home.dir])).stdout,
      ) as Array<{
        code: string;
        sender: string;
      }>;
      const code = pairings.find((p) => p.sender === '73')?.code ?? '';
      await page.evaluate((target) => {
        (globalThis as unknown as { __emit: (e: unknown) => void }).__emit({
          type: 'focus',
          target,
        });
      }, `pairing:${code}`);
      const focused = page.locator(`[data-prompt="pairing:${code}"] button:focus`);
      await expect.poll(() => focused.count(), { timeout: 5000 }).toBe(1);
      expect(await focused.textContent()).toBe('Approve');
      const box = await page.locator(`[data-prompt="pairing:${code}"]`).boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= 620).toBe(true);
    });
  },
);
