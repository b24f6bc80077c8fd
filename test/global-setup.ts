/**
 * Builds the test-only entry points (the hub with the fake platform) next to the real build, the
 * same way the real CLI is bundled.
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export const FAKE_HUB = 'dist-test/fake-platform-hub.js';
/** The seeded demo hub (test/fakes/demo-hub.ts): dashboard browser tests and screenshots. */
export const DEMO_HUB = 'dist-test/demo-hub.js';
/** The fake `claude` for launched sessions (test/fakes/fake-claude.ts). */
export const FAKE_CLAUDE = 'dist-test/fake-claude.js';

/**
 * Every hub the tests start launches into a private tmux server (`tmux -S`), never the user's;
 * test files that need a server of their own pass SWITCHBOARD_TMUX_SOCKET to their hubs. Workers inherit this.
 */
const TMUX_SOCKET = join(tmpdir(), `sb-test-tmux-${process.pid}.sock`);

export async function setup(): Promise<() => Promise<void>> {
  process.env['SWITCHBOARD_TMUX_SOCKET'] = TMUX_SOCKET;
  await buildEntry('test/fakes/fake-platform-hub.ts', FAKE_HUB);
  await buildEntry('test/fakes/demo-hub.ts', DEMO_HUB);
  await buildEntry('test/fakes/fake-claude.ts', FAKE_CLAUDE);
  return async () => {
    await new Promise((resolve) => execFile('tmux', ['-S', TMUX_SOCKET, 'kill-server'], resolve));
    await rm(TMUX_SOCKET, { force: true });
  };
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
