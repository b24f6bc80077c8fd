/**
 * What `npm run screenshots` renders — the dashboard of the seeded demo hub in Chromium, popover
 * and wide, light and dark — and how. The entry (shoot.ts) picks the folder; the browser test
 * (test/e2e/screenshots.test.ts) runs the same script and checks its pictures against these
 * constants.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { POPOVER_SIZE } from '../../src/main/shell/popover';

/** The menu-bar popover's window size and the wide dashboard's, in CSS pixels. */
export const SIZES = { popover: POPOVER_SIZE, wide: { width: 1180, height: 760 } };
/** Pictures are taken at a Retina scale, so a PNG is SCALE times its CSS size. */
export const SCALE = 2;

export type Shot = {
  name: string;
  size: keyof typeof SIZES;
  hash: string;
  scheme: 'light' | 'dark';
  /** A part of the tab to start the picture at (once everything above it has loaded). */
  at?: string;
};

export const SHOTS: readonly Shot[] = [
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

/** The file a shot is written to, inside the output folder. */
export function shotFile(shot: Shot): string {
  return `dashboard-${shot.name}.png`;
}

/** Renders one shot of the dashboard at `dashboardUrl` into `outDir`; returns the file's path. */
export async function shoot(
  browser: Browser,
  dashboardUrl: string,
  shot: Shot,
  outDir: string,
): Promise<string> {
  const context = await browser.newContext({
    viewport: SIZES[shot.size],
    deviceScaleFactor: SCALE,
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
  const path = join(outDir, shotFile(shot));
  await page.screenshot({ path });
  await context.close();
  return path;
}
