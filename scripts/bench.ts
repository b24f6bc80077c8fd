/**
 * Bundles the benchmarks and the baseline channel server the way the helper is bundled (one file
 * each, so cold starts compare like with like), then runs them.
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';

const common = {
  bundle: true,
  platform: 'node' as const,
  format: 'esm' as const,
  target: 'node22',
  logLevel: 'warning' as const,
  legalComments: 'none' as const,
  // grammy's node-fetch requires Node's deprecated core `punycode`; use the userland package.
  alias: { punycode: 'punycode/' },
  banner: {
    js: "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);",
  },
};

await build({
  ...common,
  entryPoints: ['bench/baseline-channel-server.ts'],
  outfile: 'dist-bench/baseline-channel-server.js',
  minify: true,
});
await build({
  ...common,
  entryPoints: ['bench/bare-node.ts'],
  outfile: 'dist-bench/bare-node.js',
  minify: true,
  banner: {},
});
await build({
  ...common,
  entryPoints: ['bench/burst-hub.ts'],
  outfile: 'dist-bench/burst-hub.js',
  external: ['better-sqlite3', '@napi-rs/keyring', 'bufferutil', 'utf-8-validate'],
});
await build({
  ...common,
  entryPoints: ['bench/run.ts'],
  outfile: 'dist-bench/run.js',
  external: ['better-sqlite3', '@napi-rs/keyring'],
});
const { runBenchmarks } = (await import(resolve('dist-bench/run.js'))) as {
  runBenchmarks: (paths: {
    helper: string;
    bareNode: string;
    cli: string;
    baselineBundle: string;
  }) => Promise<number>;
};
process.exitCode = await runBenchmarks({
  helper: resolve('dist/switchboard-mcp.js'),
  bareNode: resolve('dist-bench/bare-node.js'),
  cli: resolve('dist/cli.js'),
  baselineBundle: resolve('dist-bench/baseline-channel-server.js'),
});
