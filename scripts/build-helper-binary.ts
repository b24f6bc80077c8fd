/**
 * `npm run build:helper-binary [-- --arch x64|arm64 --node PATH]`: `switchboard-mcp` as a single
 * executable that needs no Node on the user's machine — a Node single-executable application
 * (SEA) injected into a copy of a Node 24 (the Node that Electron 45 embeds). Output:
 * dist/bin/<arch>/switchboard-mcp, and for the build host also dist/bin/switchboard-mcp. On a Mac
 * the copy is re-signed ad hoc after the injection. Chosen over `bun build --compile` because it
 * runs the very runtime the tests use, and bun's cross-compilation downloads runtimes this build
 * cannot reach.
 *
 * The blob, for the build host's own CPU, is a V8 startup snapshot of the helper
 * (scripts/helper/snapshot-blob.ts): every module evaluated and a session warmed up at build
 * time, so a start deserializes a ready heap and runs only `startHelper`; it carries the compiled
 * code, so no separate code cache. A snapshot only loads on the Node binary and CPU that made it,
 * so a helper for another CPU gets the plain bundle instead (no snapshot, no code cache).
 */
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, link, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkedHelperPlan } from './helper-plan.ts';
import { buildScriptBlob, buildSnapshotBlob } from './helper/snapshot-blob.ts';

const plan = await checkedHelperPlan(process.argv.slice(2));
const OUT = plan.out;
const BLOB = 'dist/sea/helper.blob';
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

await rm('dist/sea', { recursive: true, force: true });
await mkdir('dist/sea', { recursive: true });
await mkdir(dirname(OUT), { recursive: true });
// Machine-specific caches (see helper-targets.ts) only for the host, made by the Node it ships.
await writeFile(
  BLOB,
  plan.useCodeCache ? await buildSnapshotBlob(plan.node) : await buildScriptBlob(),
);
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
    BLOB,
    '--sentinel-fuse',
    FUSE,
    ...(mac ? ['--macho-segment-name', 'NODE_SEA'] : []),
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
// The injection invalidated the signature; macOS kills unsigned arm64 code, so sign it again.
if (mac) execFileSync('codesign', ['--sign', '-', OUT]);
// Tests, the bench and `npx electron .` use the build host's helper at the old path.
if (plan.isHost) {
  await rm('dist/bin/switchboard-mcp', { force: true });
  await link(OUT, 'dist/bin/switchboard-mcp');
}
