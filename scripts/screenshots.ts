/**
 * `npm run screenshots`: the dashboard of a seeded demo hub rendered by Chromium (popover and
 * wide, light and dark) into docs/images/, as the README shows it. Needs a build (`npm run
 * build`, which the npm script runs first) and /usr/bin/chromium (or CHROMIUM_PATH).
 */
import { build } from 'esbuild';

const bundle = (entry: string, outfile: string) =>
  build({
    entryPoints: [entry],
    outfile,
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

await bundle('test/fakes/demo-hub.ts', 'dist-test/demo-hub.js');
await bundle('scripts/screenshots/shoot.ts', 'dist-test/screenshots.js');
await import(new URL('../dist-test/screenshots.js', import.meta.url).href);
