/**
 * `npm run build:helper-binary [-- --arch x64|arm64 --node PATH]`: `switchboard-mcp` as a single
 * executable that needs no Node on the user's machine — a Node single-executable application
 * (SEA): the helper bundled as one CommonJS file, turned into a blob (with its V8 code cache when
 * built for this very machine), injected into a copy of a Node 24 (the Node that Electron 45
 * embeds). Output: dist/bin/<arch>/switchboard-mcp, and for the build host also
 * dist/bin/switchboard-mcp. On a Mac the copy is re-signed ad hoc. Chosen over
 * `bun build --compile` because it runs the very runtime the tests use, and bun's
 * cross-compilation downloads runtimes this build cannot reach.
 */
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, link, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { build } from 'esbuild';
import { checkedHelperPlan } from './helper-plan.ts';

const plan = await checkedHelperPlan(process.argv.slice(2));
const OUT = plan.out;
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

await mkdir('dist/sea', { recursive: true });
await mkdir(dirname(OUT), { recursive: true });
await build({
  entryPoints: ['src/mcp/main.ts'],
  outfile: 'dist/sea/helper.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
await writeFile(
  'dist/sea/sea-config.json',
  JSON.stringify({
    main: 'dist/sea/helper.cjs',
    output: 'dist/sea/helper.blob',
    disableExperimentalSEAWarning: true,
    // Code cache only loads on the platform and CPU that made it (see helper-targets.ts).
    useCodeCache: plan.useCodeCache,
  }),
);
execFileSync(process.execPath, ['--experimental-sea-config', 'dist/sea/sea-config.json'], {
  stdio: 'inherit',
});
await copyFile(plan.node, OUT);
await chmod(OUT, 0o755);
const mac = process.platform === 'darwin';
if (mac) execFileSync('codesign', ['--remove-signature', OUT]);
// Debug symbols are half of Node's size and of no use to users.
else execFileSync('strip', [OUT]);
execFileSync(
  process.execPath,
  [
    'node_modules/postject/dist/cli.js',
    OUT,
    'NODE_SEA_BLOB',
    'dist/sea/helper.blob',
    '--sentinel-fuse',
    FUSE,
    ...(mac ? ['--macho-segment-name', 'NODE_SEA'] : []),
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
if (mac) execFileSync('codesign', ['--sign', '-', OUT]);
// Tests, the bench and `npx electron .` use the build host's helper at the old path.
if (plan.isHost) {
  await rm('dist/bin/switchboard-mcp', { force: true });
  await link(OUT, 'dist/bin/switchboard-mcp');
}
