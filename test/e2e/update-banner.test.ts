/**
 * "Restart to update" in the popover page, in Chromium: the menu-bar app's state (through a
 * stand-in for the preload over the hub's real HTTP API, with the updater's view added as the app
 * reports it) shows the banner, its button asks the app to restart and shows the app's answer;
 * the headless dashboard, which has no updater, shows none.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';

if (chromiumMissing) console.warn(`skipping update banner browser tests: ${chromiumMissing}`);

/** The preload's shape; getState adds the updater's view the way the menu-bar app does. */
function preloadWithUpdate(): void {
  const target = globalThis as unknown as Record<string, unknown>;
  const calls: string[] = [];
  target['__calls'] = calls;
  const post = async (method: string, args: unknown[]): Promise<unknown> =>
    (
      await fetch(`/api/ui/${method}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      })
    ).json();
  target['switchboard'] = new Proxy(
    {},
    {
      get: (_t, method: string) => {
        if (method === 'subscribe') return () => () => undefined;
        if (method === 'installUpdate')
          return () => {
            calls.push('installUpdate');
            return Promise.resolve({
              message:
                'Switchboard will restart to update once the permission prompts are answered.',
            });
          };
        if (method === 'getState')
          return async () => ({
            ...((await post('getState', [])) as object),
            update: { state: 'ready', version: '0.1.0', next: '0.2.0', waitingFor: 1 },
          });
        return (...args: unknown[]) => post(method, args);
      },
    },
  );
}

describe.skipIf(chromiumMissing !== undefined)('the update banner', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let browser: Browser;

  beforeAll(async () => {
    home = await tempDir();
    hub = await startHub(home.dir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await hub.stop();
    await home.cleanup();
  });

  async function open(withUpdate: boolean): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 420, height: 620 } });
    if (withUpdate) await page.addInitScript(preloadWithUpdate);
    await page.goto(hub.dashboardUrl);
    await expect
      .poll(() => page.getByRole('tab', { name: 'Chat' }).count(), { timeout: 10_000 })
      .toBe(1);
    return page;
  }

  it('shows a downloaded update, says a prompt comes first, and asks the app to restart', async () => {
    const page = await open(true);
    const banner = page.getByRole('status', { name: 'Update' });
    await expect
      .poll(() => banner.textContent())
      .toContain('Switchboard 0.2.0 is ready — a permission prompt waits for your answer first.');
    await banner.getByRole('button', { name: 'Restart to update' }).click();
    await expect
      .poll(() => banner.textContent())
      .toContain('once the permission prompts are answered');
    expect(
      await page.evaluate(() => (globalThis as unknown as { __calls: string[] }).__calls),
    ).toEqual(['installUpdate']);
    await page.close();
  });

  it('shows nothing in the headless dashboard, which has no updater', async () => {
    const page = await open(false);
    expect(await page.getByRole('status', { name: 'Update' }).count()).toBe(0);
    await page.close();
  });
});
