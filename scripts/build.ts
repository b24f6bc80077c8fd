/**
 * `npm run build`: the helper as a tiny entry plus one self-contained core file (fast cold start,
 * nothing to resolve at run time; scripts/helper/build-npm-helper.ts), the hub/CLI as one file with only the native module left external, and the renderer
 * through Vite.
 */
import { build, type BuildOptions } from 'esbuild';
import { chmod, rm } from 'node:fs/promises';
import { argv } from 'node:process';
import { build as viteBuild } from 'vite';
import { buildNpmHelper } from './helper/build-npm-helper.ts';

const only = argv[2];
const node: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS dependencies still call require(); give ESM output one.
  // grammy's node-fetch requires Node's deprecated core `punycode`; use the userland package.
  alias: { punycode: 'punycode/' },
  banner: {
    js: "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);",
  },
};

async function buildCli(): Promise<void> {
  await build({
    ...node,
    entryPoints: ['src/main/cli/main.ts'],
    outfile: 'dist/cli.js',
    external: ['better-sqlite3', '@napi-rs/keyring', 'bufferutil', 'utf-8-validate'],
  });
  await chmod('dist/cli.js', 0o755);
}

/** The menu-bar app: Electron's main process and the popover's preload (sandboxed, so one file). */
async function buildElectron(): Promise<void> {
  const electron: BuildOptions = {
    ...node,
    format: 'cjs',
    banner: {},
    external: ['electron', 'better-sqlite3', '@napi-rs/keyring', 'bufferutil', 'utf-8-validate'],
    // The keychain module is loaded lazily with import(); in the CommonJS main process that must
    // become a plain require(), which resolves inside app.asar and its unpacked native modules.
    supported: { 'dynamic-import': false },
  };
  await build({
    ...electron,
    entryPoints: ['src/main/index.ts'],
    outfile: 'dist/electron/main.cjs',
  });
  await build({
    ...electron,
    entryPoints: ['src/preload/index.ts'],
    outfile: 'dist/electron/preload.cjs',
    minify: true,
  });
}

async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
}

if (only === undefined) await rm('dist', { recursive: true, force: true });
if (only === undefined || only === 'helper') await buildNpmHelper();
if (only === undefined || only === 'cli') await buildCli();
if (only === undefined || only === 'electron') await buildElectron();
if (only === undefined || only === 'renderer') await buildRenderer();
