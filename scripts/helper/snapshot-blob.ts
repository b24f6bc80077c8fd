/**
 * The standalone helper's SEA preparation blob with a V8 startup snapshot: the helper bundled as
 * one CommonJS file (lean, like the npm build), run once by Node to evaluate every module and warm
 * up a throwaway session (src/mcp/snapshot/entry.ts), its heap saved into the blob.
 *
 * A snapshot only runs on the Node binary that made it, so the blob is made by a copy of the very
 * Node the executable is built from — a copy in a fresh temporary directory, so the paths Node
 * itself records in the heap (its own path, the script's) name that directory and not the
 * builder's home. The build fails when Node warns that a module it loaded is not known to survive
 * a snapshot, or when the blob holds traces of the build machine (./blob-traces.ts).
 */
import { build, type BuildOptions } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMachineTraces, findTraces } from './blob-traces.ts';
import { LEAN_PLUGINS } from './lean-plugins.ts';

export const SNAPSHOT_ENTRY = 'src/mcp/snapshot/entry.ts';
const PLAIN_ENTRY = 'src/mcp/main.ts';

const options = (entry: string, hasCrypto: boolean): BuildOptions => ({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: LEAN_PLUGINS,
  define: { __SWITCHBOARD_SNAPSHOT_HAS_CRYPTO__: String(hasCrypto) },
});

/**
 * Bundles the snapshot entry as one CommonJS file that requires nothing but Node built-ins. The
 * guard traps node:crypto's random functions only if the helper imports node:crypto anyway: a
 * first pass finds out.
 */
export async function bundleSnapshotEntry(outfile: string, entry = SNAPSHOT_ENTRY): Promise<void> {
  const probe = await build({ ...options(entry, false), write: false, metafile: true, outfile });
  const hasCrypto = Object.values(probe.metafile.inputs).some((input) =>
    input.imports.some((imported) => /^(node:)?crypto$/.test(imported.path)),
  );
  await build({ ...options(entry, hasCrypto), outfile });
}

/**
 * The blob for a helper of another CPU, where no snapshot can be made: the plain helper bundled
 * (lean, like the npm build), written by this Node without code cache.
 */
export async function buildScriptBlob(): Promise<Buffer> {
  const work = await mkdtemp(join(tmpdir(), 'switchboard-sea-'));
  try {
    await build({ ...options(PLAIN_ENTRY, false), outfile: join(work, 'helper.cjs') });
    await writeFile(
      join(work, 'sea-config.json'),
      JSON.stringify({
        main: 'helper.cjs',
        output: 'helper.blob',
        disableExperimentalSEAWarning: true,
        useCodeCache: false,
      }),
    );
    const run = spawnSync(process.execPath, ['--experimental-sea-config', 'sea-config.json'], {
      cwd: work,
      encoding: 'utf8',
    });
    if (run.status !== 0)
      throw new Error(`building the helper blob failed (${String(run.status)}):\n${run.stderr}`);
    return await readFile(join(work, 'helper.blob'));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Builds the blob with `node` (the binary the executable is made from); returns its bytes. */
export async function buildSnapshotBlob(node: string): Promise<Buffer> {
  const work = await mkdtemp(join(tmpdir(), 'switchboard-sea-'));
  try {
    await bundleSnapshotEntry(join(work, 'helper.cjs'));
    await copyFile(node, join(work, 'node'));
    await writeFile(
      join(work, 'sea-config.json'),
      JSON.stringify({
        main: 'helper.cjs',
        output: 'helper.blob',
        disableExperimentalSEAWarning: true,
        useSnapshot: true,
      }),
    );
    const run = spawnSync(join(work, 'node'), ['--experimental-sea-config', 'sea-config.json'], {
      cwd: work,
      encoding: 'utf8',
    });
    if (run.status !== 0)
      throw new Error(
        `building the startup snapshot failed (${String(run.status)}):\n${run.stderr}`,
      );
    if (/not yet fully verified whether built-in module/.test(run.stderr))
      throw new Error(`the snapshot loads a module Node does not vouch for:\n${run.stderr}`);
    const blob = await readFile(join(work, 'helper.blob'));
    const traces = findTraces(blob, buildMachineTraces());
    if (traces.length > 0)
      throw new Error(`the startup snapshot holds traces of this machine: ${traces.join(', ')}`);
    return blob;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
