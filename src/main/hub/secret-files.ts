/**
 * The bridge token and the dashboard token: random, 0600, created on first start and kept, so a
 * restarted hub is found by running helpers and a bookmarked dashboard URL keeps working.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';

const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

export async function ensureTokenFile(path: string): Promise<string> {
  const existing = (await readFile(path, 'utf8').catch(() => '')).trim();
  if (TOKEN_PATTERN.test(existing)) {
    await chmod(path, 0o600);
    return existing;
  }
  const token = randomBytes(32).toString('hex');
  await writeFile(path, `${token}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return token;
}
