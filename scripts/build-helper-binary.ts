/**
 * `npm run build:helper-binary`: `switchboard-mcp` as a single executable that needs no Node on
 * the user's machine — a Node single-executable application (SEA) whose blob is a V8 startup
 * snapshot of the helper (scripts/helper/snapshot-blob.ts): every module evaluated and a session
 * warmed up at build time, so a start deserializes a ready heap and only runs `startHelper`. The
 * blob is injected with postject into a copy of this Node (the Node 24 that Electron 45 embeds).
 * A snapshot only runs on the Node binary and architecture that made it, so this builds for the
 * machine it runs on: darwin on a Mac, where the copy is re-signed ad hoc after the injection;
 * Linux here. Chosen over `bun build --compile` because it runs the very runtime the tests use,
 * and bun's cross-compilation downloads runtimes this build cannot reach.
 */
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { buildSnapshotBlob } from './helper/snapshot-blob.ts';

const OUT = 'dist/bin/switchboard-mcp';
const BLOB = 'dist/sea/helper.blob';
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

await mkdir('dist/sea', { recursive: true });
await mkdir('dist/bin', { recursive: true });
await writeFile(BLOB, await buildSnapshotBlob(process.execPath));
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
    BLOB,
    '--sentinel-fuse',
    FUSE,
    ...(mac ? ['--macho-segment-name', 'NODE_SEA'] : []),
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
// The injection invalidated the signature; macOS kills unsigned arm64 code, so sign it again.
if (mac) execFileSync('codesign', ['--sign', '-', OUT]);
