import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file with our package.json (works bundled too). */
function findRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'mcp'))) return dir;
  }
  throw new Error(`cannot find the repository root above ${start}`);
}

export const ROOT = findRoot(import.meta.dirname);
export const DIST = join(ROOT, 'dist');
export const CLI = join(DIST, 'cli.js');
export const HELPER = join(DIST, 'switchboard-mcp.js');
/** The standalone helper (Node single-executable), built by `npm run build:helper-binary`. */
export const HELPER_BINARY = join(DIST, 'bin', 'switchboard-mcp');

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(
  prefix = 'sb-test-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  // Retried: a process the test just ended (a helper in a killed tmux session) may still be
  // writing its last files there, and the removal would fail with ENOTEMPTY.
  return {
    dir,
    cleanup: () => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }),
  };
}
