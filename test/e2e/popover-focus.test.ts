/**
 * The popover page in Chromium as the menu-bar app hosts it: the UI contract comes through
 * `window.switchboard` (here a stand-in for the preload, calling the hub's real HTTP API), and a
 * `focus` event — sent when a notification is clicked or failed — brings that prompt into view
 * focused (a pairing's Approve button; a permission prompt's card, answered with A or D, never by
 * a stray Return), in a window of the popover's real size with enough above the
 * prompt that it has to scroll.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POPOVER_SIZE } from '../../src/main/shell/popover';
import { chromiumMissing, launchChromium } from '../support/browser';
import { startFakePlatformHub, type FakePlatform } from '../support/fake-platform-client';
import { connectHelper, type HelperClient } from '../support/helper-client';
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

/** Claude Code's request ids: five letters a–z without `l`. */
const PROMPT_IDS = ['bcdef', 'ghijk', 'mnopq', 'rstuv'];

describe.skipIf(chromiumMissing !== undefined)(
  'the popover page shows the prompt it is sent to',
  () => {
    let home: { dir: string; cleanup: () => Promise<void> };
    let hub: HubProcess;
    let platform: FakePlatform;
    let helper: HelperClient;
    let browser: Browser;
    let page: Page;

    /** Back at the top, the card is out of view; after the focus event it is in view. */
    async function focusFromTop(key: string): Promise<ReturnType<Page['locator']>> {
      const card = page.locator(`[data-prompt="${key}"]`);
      await card.waitFor();
      await page.evaluate('window.scrollTo(0, 0)');
      await page.evaluate('document.activeElement && document.activeElement.blur()');
      expect(await inView(card), `${key} starts out of view`).toBe(false);
      await page.evaluate((target) => {
        (globalThis as unknown as { __emit: (e: unknown) => void }).__emit({
          type: 'focus',
          target,
        });
      }, key);
      return card;
    }

    async function inView(card: ReturnType<Page['locator']>): Promise<boolean> {
      const box = await card.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= POPOVER_SIZE.height;
    }

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
      // Prompts sit above the pairings: four of them push the last prompt and every pairing
      // below the fold of the popover.
      helper = await connectHelper({ home: home.dir, session: 'work' });
      for (const [i, request_id] of PROMPT_IDS.entries())
        await helper.requestPermission({
          request_id,
          tool_name: 'Bash',
          description: `Step ${i + 1} of the release: build, test and tag the packages`,
          input_preview: JSON.stringify({ command: `npm run release -- --step ${i + 1}` }),
        });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: POPOVER_SIZE });
      await page.addInitScript(preloadStandIn);
      await page.goto(hub.dashboardUrl);
      await page
        .getByRole('button', { name: /^Allow/ })
        .nth(PROMPT_IDS.length - 1)
        .waitFor();
    });
    afterAll(async () => {
      await browser.close();
      await helper.close();
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
      const card = await focusFromTop(`pairing:${code}`);
      const focused = card.locator('button:focus');
      await expect.poll(() => focused.count(), { timeout: 5000 }).toBe(1);
      expect(await focused.textContent()).toBe('Approve');
      expect(await inView(card)).toBe(true);
    });

    it('scrolls to the permission prompt and focuses the card: Return does nothing, A answers it', async () => {
      const last = PROMPT_IDS.at(-1) ?? '';
      const card = await focusFromTop(`permission:work:${last}`);
      // The card, not its Allow button: a Return meant for another window must not allow a tool.
      await expect
        .poll(
          () => page.evaluate<string | null>(`document.activeElement?.dataset.prompt ?? null`),
          { timeout: 5000 },
        )
        .toBe(`permission:work:${last}`);
      expect(await inView(card)).toBe(true);
      await page.keyboard.press('Enter');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(helper.verdicts.items).toEqual([]);
      await page.keyboard.press('a');
      expect(await helper.verdicts.next()).toEqual({ request_id: last, behavior: 'allow' });
    });
  },
);
