/**
 * "Restart to update" in the popover page, in Chromium: the menu-bar app's state (through a
 * stand-in for the preload over the hub's real HTTP API, with the updater's view added as the app
 * reports it) shows the banner, its button asks the app to restart and shows the app's answer;
 * an update that arrives while the popover is open appears on the app's `changed: update` event;
 * at the popover's size, light and dark, it fits and passes axe; the headless dashboard, which has
 * no updater, shows none.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';

if (chromiumMissing) console.warn(`skipping update banner browser tests: ${chromiumMissing}`);

/**
 * The preload's shape; getState adds the updater's view the way the menu-bar app does, and
 * `__setUpdate` plays the app's updater changing state (it pushes `changed: update`).
 */
function preloadWithUpdate(): void {
  type Listener = (event: unknown) => void;
  const target = globalThis as unknown as Record<string, unknown>;
  const calls: string[] = [];
  const listeners = new Set<Listener>();
  let update: unknown = { state: 'ready', version: '0.1.0', next: '0.2.0', waitingFor: 1 };
  target['__calls'] = calls;
  target['__setUpdate'] = (next: unknown) => {
    update = next;
    for (const listener of listeners) listener({ type: 'changed', what: 'update' });
  };
  const post = async (method: string, args: unknown[]): Promise<unknown> =>
    (
      await fetch(`/api/ui/${method}`, {
        method: 'POST',
        credentials: 'same-origin',
        // The tab's session from the page's login (SESSION_HEADER; a serialized script imports nothing).
        headers: {
          'content-type': 'application/json',
          'x-switchboard-session': sessionStorage.getItem('switchboard.session') ?? '',
        },
        body: JSON.stringify(args),
      })
    ).json();
  target['switchboard'] = new Proxy(
    {},
    {
      get: (_t, method: string) => {
        if (method === 'subscribe')
          return (listener: Listener) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
          };
        if (method === 'installUpdate')
          return () => {
            calls.push('installUpdate');
            return Promise.resolve({
              message:
                'Switchboard will restart to update once the permission prompts are answered.',
            });
          };
        if (method === 'getState')
          return async () => ({ ...((await post('getState', [])) as object), update });
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

  async function open(withUpdate: boolean, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    // The popover's size (src/main/shell/popover.ts).
    // A context of its own (axe-core's builder needs one), closed with the page by each test.
    const context = await browser.newContext({
      viewport: { width: 380, height: 600 },
      colorScheme,
    });
    const page = await context.newPage();
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
    await page.context().close();
  });

  it('appears when the app says an update finished downloading while the popover is open', async () => {
    const page = await open(true);
    const banner = page.getByRole('status', { name: 'Update' });
    await expect.poll(() => banner.count()).toBe(1);
    await page.evaluate(
      `window.__setUpdate({ state: 'downloading', version: '0.1.0', next: '0.3.0', percent: 40 })`,
    );
    await expect.poll(() => banner.count()).toBe(0);
    await page.evaluate(
      `window.__setUpdate({ state: 'ready', version: '0.1.0', next: '0.3.0', waitingFor: 0 })`,
    );
    await expect.poll(() => banner.textContent()).toContain('Switchboard 0.3.0 is ready.');
    await page.context().close();
  });

  for (const colorScheme of ['light', 'dark'] as const)
    it(`fits the popover and passes axe: ${colorScheme}`, async () => {
      const page = await open(true, colorScheme);
      await page.getByRole('status', { name: 'Update' }).waitFor();
      const overflow = await page.evaluate<number>(
        'document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth',
      );
      expect(overflow).toBe(0);
      const results = await new AxeBuilder({ page }).include('[aria-label="Update"]').analyze();
      expect(
        results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => v.id),
      ).toEqual([]);
      await page.context().close();
    });

  it('shows nothing in the headless dashboard, which has no updater', async () => {
    const page = await open(false);
    expect(await page.getByRole('status', { name: 'Update' }).count()).toBe(0);
    await page.context().close();
  });
});
