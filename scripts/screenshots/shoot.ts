/**
 * Renders the dashboard of the seeded demo hub in Chromium — popover (380×600) and wide, light and
 * dark — into docs/images/. Bundled and run by scripts/screenshots.ts.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../../test/support/browser';
import { startDemo } from '../../test/support/demo';
import { ROOT, tempDir } from '../../test/support/paths';

const OUT = join(ROOT, 'docs', 'images');
const SIZES = { popover: { width: 380, height: 600 }, wide: { width: 1180, height: 760 } };

type Shot = {
  name: string;
  size: keyof typeof SIZES;
  hash: string;
  scheme: 'light' | 'dark';
  /** A part of the tab to start the picture at (once everything above it has loaded). */
  at?: string;
};

const SHOTS: Shot[] = [
  { name: 'popover-light', size: 'popover', hash: '', scheme: 'light' },
  { name: 'popover-dark', size: 'popover', hash: '', scheme: 'dark' },
  { name: 'popover-inbox-light', size: 'popover', hash: '#inbox', scheme: 'light' },
  { name: 'popover-sessions-dark', size: 'popover', hash: '#sessions', scheme: 'dark' },
  { name: 'wide-light', size: 'wide', hash: '#inbox/web%3Amain/', scheme: 'light' },
  { name: 'wide-dark', size: 'wide', hash: '#inbox/tg%3A1001/', scheme: 'dark' },
  {
    name: 'wide-projects-light',
    size: 'wide',
    hash: '#sessions',
    at: '#project-sessions',
    scheme: 'light',
  },
];

async function shoot(browser: Browser, dashboardUrl: string, shot: Shot): Promise<string> {
  const context = await browser.newContext({
    viewport: SIZES[shot.size],
    deviceScaleFactor: 2,
    colorScheme: shot.scheme,
  });
  const page = await context.newPage();
  await page.goto(dashboardUrl);
  await page.getByRole('button', { name: 'Allow' }).waitFor();
  if (shot.hash) {
    await page.evaluate(`location.hash = ${JSON.stringify(shot.hash)}`);
    await page.getByRole('tabpanel').locator('li').first().waitFor();
  }
  // Markdown loads with the first reply; wait for its code blocks where there are any.
  await page.waitForTimeout(400);
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  // A tab's picture starts at the tabs, not at the prompts above them.
  if (shot.at) await page.evaluate(`document.querySelector('${shot.at}').scrollIntoView()`);
  else if (shot.hash && shot.size === 'popover')
    await page.evaluate("document.querySelector('.tabs').scrollIntoView()");
  const path = join(OUT, `dashboard-${shot.name}.png`);
  await page.screenshot({ path });
  await context.close();
  return path;
}

if (chromiumMissing) throw new Error(chromiumMissing);
await mkdir(OUT, { recursive: true });
const home = await tempDir('sb-shots-');
const demo = await startDemo(home.dir);
const browser = await launchChromium();
try {
  for (const shot of SHOTS) console.log(await shoot(browser, demo.hub.dashboardUrl, shot));
} finally {
  await browser.close();
  await demo.close();
  await home.cleanup();
}
