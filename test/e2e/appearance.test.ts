/**
 * The dashboard as the popover shows it (380×600) and wide, light and dark, on the seeded demo
 * hub: every view fits without horizontal scrolling, axe-core finds no serious or critical
 * violation, and everything can be reached and worked from the keyboard.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { startDemo, type Demo } from '../support/demo';
import { tempDir } from '../support/paths';

if (chromiumMissing) console.warn(`skipping appearance browser tests: ${chromiumMissing}`);

/** Every view in the popover; the wide layout's own arrangements (the inbox split) as well. */
const WIDE_VIEWS = ['#chat', '#inbox/tg%3A1001/', '#inbox/web%3Amain/', '#sessions'] as const;
const VIEWS = [
  '#chat',
  '#inbox',
  '#inbox/tg%3A1001/',
  '#inbox/web%3Amain/',
  '#sessions',
  '#platforms',
  '#people',
  '#settings',
] as const;

type Violation = { id: string; impact: string; nodes: string[] };

async function seriousViolations(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
}

/** Width the page would scroll sideways by (0 when everything fits). */
const overflowX = (page: Page): Promise<number> =>
  page.evaluate<number>(
    'document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth',
  );

describe.skipIf(chromiumMissing !== undefined)('appearance and accessibility in Chromium', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let demo: Demo;
  let browser: Browser;
  const cspErrors: string[] = [];

  beforeAll(async () => {
    home = await tempDir();
    demo = await startDemo(home.dir);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await demo.close();
    await home.cleanup();
  });

  async function open(
    size: { width: number; height: number },
    colorScheme: 'light' | 'dark',
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: size, colorScheme });
    const page = await context.newPage();
    // The page's CSP admits no inline style or script: nothing of ours may need one.
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspErrors.push(message.text());
    });
    await page.goto(demo.hub.dashboardUrl);
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    return { context, page };
  }

  async function show(page: Page, hash: string): Promise<void> {
    await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
    await page.locator('#panel :is(h2, textarea):visible').first().waitFor();
    await page
      .locator('#panel :is(.convo, .message, .card, .row, .notice):visible')
      .first()
      .waitFor();
    // Claude's Markdown replaces its plain-text stand-in once its chunk has loaded.
    // (Polled from here: waitForFunction would evaluate a string, which the page's CSP forbids.)
    await expect.poll(() => page.locator('.message.role-claude > p.text').count()).toBe(0);
  }

  for (const colorScheme of ['light', 'dark'] as const)
    for (const [label, size, views] of [
      ['popover', { width: 380, height: 600 }, VIEWS],
      ['wide', { width: 1180, height: 760 }, WIDE_VIEWS],
    ] as const)
      it(`fits and passes axe in every view: ${label}, ${colorScheme}`, async () => {
        const { context, page } = await open(size, colorScheme);
        try {
          const found: Record<string, { overflow: number; violations: Violation[] }> = {};
          for (const hash of views) {
            await show(page, hash);
            const overflow = await overflowX(page);
            const violations = await seriousViolations(page);
            if (overflow > 0 || violations.length > 0) found[hash] = { overflow, violations };
          }
          expect(found).toEqual({});
          expect(cspErrors).toEqual([]);
        } finally {
          await context.close();
        }
      }, 120_000);

  it('follows the system appearance', async () => {
    const { context, page } = await open({ width: 380, height: 600 }, 'light');
    const background = (): Promise<string> =>
      page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor');
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(light).toBe('rgb(242, 242, 244)');
    expect(dark).toBe('rgb(28, 28, 30)');
    await context.close();
  });

  it('reaches every control with Tab', async () => {
    const { context, page } = await open({ width: 380, height: 600 }, 'light');
    await show(page, '#settings');
    await page.evaluate(`
      window.__focused = new Set();
      document.addEventListener('focusin', (e) => window.__focused.add(e.target));
      document.activeElement && document.activeElement.blur();`);
    // Tabs are one stop (arrow keys move within them), so the unselected five are not counted.
    const controls = await page.evaluate<number>(
      `[...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
        .filter((el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0).length`,
    );
    for (let i = 0; i < controls + 3; i++) await page.keyboard.press('Tab');
    const missed = await page.evaluate<string[]>(
      `[...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
        .filter((el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0)
        .filter((el) => !window.__focused.has(el)).map((el) => el.outerHTML.slice(0, 80))`,
    );
    expect(missed).toEqual([]);
    await context.close();
  }, 90_000);

  it('moves between tabs with the arrow keys and opens a conversation with Enter', async () => {
    const { context, page } = await open({ width: 380, height: 600 }, 'light');
    await show(page, '#chat');
    await page.getByRole('tab', { name: 'Chat' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByRole('tab', { selected: true }).textContent())
      .toMatch(/^Inbox/);
    expect(await page.evaluate<string>('location.hash')).toBe('#inbox');
    await page.keyboard.press('End');
    await expect
      .poll(() => page.getByRole('tab', { selected: true }).textContent())
      .toBe('Settings');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    const first = page.getByRole('link', { name: /Web chat/ });
    await first.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Web chat' }).waitFor();
    await context.close();
  });
});
