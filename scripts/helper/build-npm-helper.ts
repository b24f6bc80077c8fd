/**
 * The npm helper: `dist/switchboard-mcp.js`, a few kilobytes of Node built-ins that answer Claude
 * Code's opening requests, and `dist/switchboard-mcp-core.cjs`, the SDK, zod and the helper
 * (lean: no ajv, English-only zod), loaded right after. The early answers are taken from the built
 * core itself: the build loads it and runs `probeSdkAnswers()`, so nothing is copied by hand.
 */
import { build, type BuildOptions } from 'esbuild';
import { chmod } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type * as Core from '../../src/mcp/fast-start/core';
import type { SdkAnswers } from '../../src/mcp/fast-start/sdk-answers';
import { LEAN_PLUGINS } from './lean-plugins.ts';

export const HELPER_ENTRY = 'dist/switchboard-mcp.js';
export const HELPER_CORE = 'dist/switchboard-mcp-core.cjs';

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/** Loads the built core into this process and asks the real SDK server for its answers. */
export async function probeBuiltCore(corePath: string): Promise<SdkAnswers> {
  const core = createRequire(import.meta.url)(resolve(corePath)) as typeof Core;
  return core.probeSdkAnswers();
}

export async function buildNpmHelper(): Promise<void> {
  await build({
    ...common,
    format: 'cjs',
    entryPoints: ['src/mcp/fast-start/core.ts'],
    outfile: HELPER_CORE,
    plugins: LEAN_PLUGINS,
  });
  const answers = await probeBuiltCore(HELPER_CORE);
  const entry = await build({
    ...common,
    format: 'esm',
    entryPoints: ['src/mcp/fast-start/entry.ts'],
    outfile: HELPER_ENTRY,
    external: ['./switchboard-mcp-core.cjs'],
    define: { __SWITCHBOARD_SDK_ANSWERS__: JSON.stringify(answers) },
    metafile: true,
  });
  // The entry's whole point is to load nothing but Node before answering.
  const packages = Object.keys(entry.metafile.inputs).filter((input) =>
    input.includes('node_modules'),
  );
  if (packages.length > 0)
    throw new Error(`the helper's entry must not bundle packages: ${packages.join(', ')}`);
  await chmod(HELPER_ENTRY, 0o755);
}
