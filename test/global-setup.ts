/**
 * Builds the test-only entry points (the hub with the fake platform) next to the real build, the
 * same way the real CLI is bundled.
 */
import { build } from 'esbuild';

export const FAKE_HUB = 'dist-test/fake-platform-hub.js';
/** The seeded demo hub (test/fakes/demo-hub.ts): dashboard browser tests and screenshots. */
export const DEMO_HUB = 'dist-test/demo-hub.js';

export async function setup(): Promise<void> {
  await buildEntry('test/fakes/fake-platform-hub.ts', FAKE_HUB);
  await buildEntry('test/fakes/demo-hub.ts', DEMO_HUB);
}

/** Bundles a test entry point the way the real CLI is bundled. */
export async function buildEntry(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
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
