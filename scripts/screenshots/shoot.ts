/**
 * Renders every shot (shots.ts) of the seeded demo hub's dashboard into docs/images/, or into the
 * folder given by `--out <dir>` or SCREENSHOTS_OUT. Bundled and run by scripts/screenshots.ts.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromiumMissing, launchChromium } from '../../test/support/browser';
import { startDemo } from '../../test/support/demo';
import { ROOT, tempDir } from '../../test/support/paths';
import { shoot, SHOTS } from './shots';

/** `--out <dir>` first, then SCREENSHOTS_OUT, else the README's docs/images. */
function outputFolder(argv: readonly string[]): string {
  const flag = argv.indexOf('--out');
  if (flag !== -1) {
    const dir = argv[flag + 1];
    if (!dir || dir.startsWith('--')) throw new Error('--out needs a folder: --out <dir>');
    return resolve(dir);
  }
  const env = process.env['SCREENSHOTS_OUT'];
  return env ? resolve(env) : join(ROOT, 'docs', 'images');
}

const out = outputFolder(process.argv.slice(2));
if (chromiumMissing) throw new Error(chromiumMissing);
await mkdir(out, { recursive: true });
const home = await tempDir('sb-shots-');
const demo = await startDemo(home.dir);
const browser = await launchChromium();
try {
  for (const shot of SHOTS) console.log(await shoot(browser, demo.hub.dashboardUrl, shot, out));
} finally {
  await browser.close();
  await demo.close();
  await home.cleanup();
}
