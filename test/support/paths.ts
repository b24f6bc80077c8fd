import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');
export const CLI = join(DIST, 'cli.js');
export const HELPER = join(DIST, 'switchboard-mcp.js');

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(
  prefix = 'sb-test-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
