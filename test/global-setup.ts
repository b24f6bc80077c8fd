/**
 * Builds the test-only entry points (the hub with the fake platform) next to the real build, the
 * same way the real CLI is bundled.
 */
import { build } from 'esbuild';

export const FAKE_HUB = 'dist-test/fake-platform-hub.js';

export async function setup(): Promise<void> {
  await build({
    entryPoints: ['test/fakes/fake-platform-hub.ts'],
    outfile: FAKE_HUB,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'warning',
    external: ['better-sqlite3', '@napi-rs/keyring', 'bufferutil', 'utf-8-validate'],
    // grammy's node-fetch requires Node's deprecated core `punycode`; use the userland package.
    alias: { punycode: 'punycode/' },
    banner: {
      js: "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);",
    },
  });
}
