/**
 * `npm run build:helper-binary`: `switchboard-mcp` as a single executable that needs no Node on
 * the user's machine — a Node single-executable application (SEA): the helper bundled as one
 * CommonJS file, turned into a blob with its V8 code cache, injected into a copy of this Node (the
 * Node 24 that Electron 45 embeds). Built for the machine it runs on (darwin on a Mac, where the
 * copy is re-signed ad hoc; Linux here). Chosen over `bun build --compile` because it runs the very
 * runtime the tests use, and bun's cross-compilation downloads runtimes this build cannot reach.
 */
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const OUT = 'dist/bin/switchboard-mcp';
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

await mkdir('dist/sea', { recursive: true });
await mkdir('dist/bin', { recursive: true });
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
    useCodeCache: true,
  }),
);
execFileSync(process.execPath, ['--experimental-sea-config', 'dist/sea/sea-config.json'], {
  stdio: 'inherit',
});
await copyFile(process.execPath, OUT);
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
