/**
 * The bridge token and the dashboard token: random, 0600, created on first start. The dashboard
 * token is kept, so a bookmarked dashboard URL keeps working. The bridge token is rotated by
 * `switchboard doctor --rotate-token` and whenever a different Switchboard version starts on the
 * home (the version marker `hub.version` says which one ran last), so a token read by anyone under
 * an old version stops working; helpers read the file before every connection attempt.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';

const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

/** Reads a token file, creating it when missing or malformed. */
export async function ensureTokenFile(path: string): Promise<string> {
  const existing = (await readFile(path, 'utf8').catch(() => '')).trim();
  if (TOKEN_PATTERN.test(existing)) {
    await chmod(path, 0o600);
    return existing;
  }
  return rotateTokenFile(path);
}

/** Writes a fresh token atomically (never a half-written file a helper could read) and returns it. */
export async function rotateTokenFile(path: string): Promise<string> {
  const token = randomBytes(32).toString('hex');
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, `${token}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
  return token;
}

export type BridgeToken = { token: string; rotated: boolean };

/**
 * The bridge token for a hub of `version`: rotated when the home last ran another version (or
 * none recorded one), then the marker is updated.
 */
export async function ensureBridgeToken(
  tokenPath: string,
  markerPath: string,
  version: string,
): Promise<BridgeToken> {
  const previous = (await readFile(markerPath, 'utf8').catch(() => '')).trim();
  const existing = (await readFile(tokenPath, 'utf8').catch(() => '')).trim();
  const rotate = previous !== version && TOKEN_PATTERN.test(existing);
  const token = rotate ? await rotateTokenFile(tokenPath) : await ensureTokenFile(tokenPath);
  if (previous !== version) {
    const temporary = `${markerPath}.${process.pid}.tmp`;
    await writeFile(temporary, `${version}\n`, { mode: 0o600 });
    await rename(temporary, markerPath);
  }
  return { token, rotated: rotate };
}
