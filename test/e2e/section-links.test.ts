/**
 * Links to a dashboard section (`#settings/projects`, `#settings/bot-tokens`) in Chromium, opened
 * the way a user opens them: a fresh page load of the printed link with the section appended, a
 * reload, a click. Each ends with the section's top at the top of the popover-sized window and the
 * focus on its first form field — not on a link in the section's description — even when content
 * above it (the first-run checklist, a permission prompt) arrives after the scroll; and a scroll
 * the user makes meanwhile is left alone.
 */
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { connectHelper, type HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';

if (chromiumMissing) console.warn(`skipping section-link browser tests: ${chromiumMissing}`);

const VIEWPORT = { width: 380, height: 600 };
const NAME_FIELD = `#projects form[aria-label="Add a project"] input`;
const TELEGRAM_FIELD = `#bot-tokens input`;

type Placement = { top: number; scrollY: number; atBottom: boolean };

/** Where the section's top is in the window, and whether the page can scroll any further. */
const placement = (page: Page, id: string): Promise<Placement> =>
  page.evaluate<Placement>(`(() => {
    const top = document.getElementById(${JSON.stringify(id)})?.getBoundingClientRect().top;
    const max = document.documentElement.scrollHeight - innerHeight;
    return { top: Math.round(top ?? NaN), scrollY: Math.round(scrollY), atBottom: scrollY >= max - 1 };
  })()`);

/** The section's top is at the window's top, or in view with the page scrolled as far as it goes. */
const atTop = async (page: Page, id: string): Promise<boolean> => {
  const { top, atBottom } = await placement(page, id);
  return Math.abs(top) <= 1 || (atBottom && top > 0 && top < VIEWPORT.height);
};

const focused = (page: Page, selector: string): Promise<boolean> =>
  page.evaluate<boolean>(
    `document.activeElement === document.querySelector(${JSON.stringify(selector)})`,
  );

/** Holds the page's calls to a UI method until `release()`; the real hub then answers them. */
async function hold(page: Page, method: string): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/ui/${method}`, async (route: Route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** Lets the page draw `n` frames (a hold corrects the layout in its next frame). */
const frames = (page: Page, n: number): Promise<void> =>
  page.evaluate<undefined>(
    `(async () => { for (let i = 0; i < ${n}; i++) await new Promise(requestAnimationFrame); })()`,
  );

describe.skipIf(chromiumMissing !== undefined)('links to a dashboard section', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let helper: HelperClient;
  let browser: Browser;

  beforeAll(async () => {
    home = await tempDir();
    hub = await startHub(home.dir);
    helper = await connectHelper({ home: home.dir, session: 'work' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await helper.close();
    await hub.stop();
    await home.cleanup();
  });

  /** A new tab with no session yet; `anchoring: false` turns off the browser's scroll anchoring. */
  const freshPage = async (anchoring = true): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    // A constructed style sheet: the page's CSP (style-src 'self') does not cover the CSSOM.
    if (!anchoring)
      await page.addInitScript(`{
        const sheet = new CSSStyleSheet();
        sheet.replaceSync('* { overflow-anchor: none }');
        document.adoptedStyleSheets = [sheet];
      }`);
    return page;
  };

  it('a fresh load of the link lands on Settings → Projects with the new project’s name focused', async () => {
    const page = await freshPage();
    await page.goto(`${hub.dashboardUrl}#settings/projects`);
    await expect.poll(() => focused(page, NAME_FIELD)).toBe(true);
    await expect.poll(() => atTop(page, 'projects')).toBe(true);
    // The token left the address; the route stayed. The description links elsewhere, and that
    // link is not where the focus went.
    expect(await page.evaluate<string>('location.hash')).toBe('#settings/projects');
    expect(await page.locator('#projects > p a[href]').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('a reload of #settings/bot-tokens lands on the Telegram token field, not the BotFather link', async () => {
    const page = await freshPage();
    await page.goto(hub.dashboardUrl);
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.evaluate<string>(`location.hash = '#settings/bot-tokens'`);
    await expect.poll(() => focused(page, TELEGRAM_FIELD)).toBe(true);
    await page.evaluate<undefined>('scrollTo(0, document.documentElement.scrollHeight)');
    await page.reload();
    await expect.poll(() => focused(page, TELEGRAM_FIELD)).toBe(true);
    await expect.poll(() => atTop(page, 'bot-tokens')).toBe(true);
    expect(await page.locator('#bot-tokens p a[href]').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  const ANCHORING = [
    { browser: 'Chromium (scroll anchoring on)', anchoring: true, id: 'fghij' },
    {
      browser: 'a browser without scroll anchoring (Safari before 27)',
      anchoring: false,
      id: 'pqrst',
    },
  ];
  for (const { browser: where, anchoring, id } of ANCHORING)
    it(`keeps the section at the top while a prompt and the checklist arrive above it, in ${where}`, async () => {
      await helper.requestPermission({
        request_id: id,
        tool_name: 'Bash',
        description: `List the files (${id})`,
        input_preview: JSON.stringify({ command: 'ls -la' }),
      });
      const page = await freshPage(anchoring);
      const releasePrompts = await hold(page, 'getPrompts');
      const releaseChecklist = await hold(page, 'getFirstRun');
      await page.goto(`${hub.dashboardUrl}#settings/projects`);
      await expect.poll(() => focused(page, NAME_FIELD)).toBe(true);
      await expect.poll(() => atTop(page, 'projects')).toBe(true);
      const before = await placement(page, 'projects');

      releasePrompts();
      releaseChecklist();
      await page.getByText(`List the files (${id})`).waitFor();
      await page.getByRole('region', { name: 'Get started' }).waitFor();
      await expect.poll(() => atTop(page, 'projects')).toBe(true);
      // Content above really arrived after the scroll (the page grew above the section)…
      expect((await placement(page, 'projects')).scrollY).toBeGreaterThan(before.scrollY + 100);
      // …and once the page has settled, nothing moves it any more.
      await page.waitForTimeout(1_500);
      await frames(page, 2);
      expect(await atTop(page, 'projects')).toBe(true);
      expect(await focused(page, NAME_FIELD)).toBe(true);
      await page.context().close();
    });

  const USER_SCROLLS = [
    {
      how: 'the mouse wheel',
      scroll: async (page: Page) => {
        await page.mouse.move(190, 300);
        await page.mouse.wheel(0, -240);
      },
    },
    {
      // What the page sees of a scrollbar drag: scroll events, no wheel, key or pointer event.
      how: 'a bare scroll (a scrollbar drag)',
      scroll: (page: Page) => page.evaluate<undefined>('scrollBy(0, -240)'),
    },
  ];
  for (const { how, scroll } of USER_SCROLLS)
    it(`leaves alone a scroll the user makes with ${how} while the page settles`, async () => {
      const page = await freshPage(false);
      const releaseChecklist = await hold(page, 'getFirstRun');
      await page.goto(`${hub.dashboardUrl}#settings/projects`);
      await expect.poll(() => focused(page, NAME_FIELD)).toBe(true);
      await expect.poll(() => atTop(page, 'projects')).toBe(true);

      await scroll(page);
      await expect.poll(async () => (await placement(page, 'projects')).top).toBeGreaterThan(200);
      releaseChecklist();
      await page.getByRole('region', { name: 'Get started' }).waitFor();
      await page.waitForTimeout(1_500);
      await frames(page, 2);
      // The user looked up the page; the section was not pulled back over what they scrolled to.
      expect((await placement(page, 'projects')).top).toBeGreaterThan(200);
      await page.context().close();
    });

  it('a section with no control focuses its link: the empty project sessions point to Settings', async () => {
    const page = await freshPage();
    await page.goto(`${hub.dashboardUrl}#sessions/project-sessions`);
    await expect
      .poll(() => page.evaluate<string | null>('document.activeElement.textContent'))
      .toBe('Add one in Settings → Projects');
    await expect.poll(() => atTop(page, 'project-sessions')).toBe(true);
    await page.context().close();
  });

  it('changing the hash while the page is open moves to the new section', async () => {
    const page = await freshPage();
    await page.goto(`${hub.dashboardUrl}#settings/projects`);
    await expect.poll(() => focused(page, NAME_FIELD)).toBe(true);
    await page.getByRole('link', { name: 'Open bot tokens' }).click();
    await expect.poll(() => focused(page, TELEGRAM_FIELD)).toBe(true);
    await expect.poll(() => atTop(page, 'bot-tokens')).toBe(true);
    // The same link again, after scrolling away, shows the section again.
    await page.evaluate<undefined>('scrollTo(0, document.documentElement.scrollHeight)');
    await page.getByRole('link', { name: 'Open bot tokens' }).click();
    await expect.poll(() => atTop(page, 'bot-tokens')).toBe(true);
    await page.context().close();
  });
});
