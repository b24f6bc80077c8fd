/**
 * `npm run screenshots`: the dashboard of a seeded demo hub rendered by Chromium (popover and
 * wide, light and dark) into docs/images/, as the README shows it — or into another folder with
 * `npm run screenshots -- --out <dir>` (or SCREENSHOTS_OUT=<dir>). Needs a build (`npm run
 * build`, which the npm script runs first) and /usr/bin/chromium (or CHROMIUM_PATH).
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles `entry` into `outfile`, replacing it in one rename: the browser tests start hubs from
 * dist-test/demo-hub.js while test/e2e/screenshots.test.ts runs this script beside them, and a
 * half-written bundle would fail them.
 */
async function bundle(entry: string, outfile: string): Promise<void> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'warning',
    external: [
      'better-sqlite3',
      '@napi-rs/keyring',
      'bufferutil',
      'utf-8-validate',
      'playwright-core',
    ],
    // grammy's node-fetch requires Node's deprecated core `punycode`; use the userland package.
    alias: { punycode: 'punycode/' },
    banner: {
      js: "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);",
    },
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild wrote nothing for ${entry}`);
  await mkdir(dirname(outfile), { recursive: true });
  const partial = `${outfile}.${process.pid}.partial`;
  await writeFile(partial, file.contents);
  await rename(partial, outfile);
}

await bundle('test/fakes/demo-hub.ts', 'dist-test/demo-hub.js');
await bundle('scripts/screenshots/shoot.ts', 'dist-test/screenshots.js');
await import(new URL('../dist-test/screenshots.js', import.meta.url).href);
