/**
 * Saves a platform file into the inbox (0600), streaming, with a byte cap enforced while it flows;
 * a failed or oversized download leaves nothing behind. The URL may hold a secret (Telegram's file
 * URLs carry the bot token), so it never appears in an error. A full disk is not a failed
 * download: that error passes through unchanged, so intake pauses instead of losing the file.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { PlatformError } from './adapter';
import { assertInInbox } from './inbox-path';

/** ENOSPC / EDQUOT from the file system, SQLITE_FULL from the database: the disk is full. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

export async function downloadToInbox(
  url: string,
  inbox: string,
  path: string,
  name: string,
  maxBytes: number,
): Promise<string> {
  const target = assertInInbox(inbox, path);
  const response = await fetch(url).catch(() => {
    throw new PlatformError(`download of ${name} failed (network)`);
  });
  if (!response.ok || !response.body)
    throw new PlatformError(`download of ${name} failed (${response.status})`);
  await mkdir(inbox, { recursive: true, mode: 0o700 });
  let size = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(
        size > maxBytes
          ? new PlatformError(`${name} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`)
          : null,
        chunk,
      );
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      cap,
      // `wx`: never replace a file that is already there, whatever the name says.
      createWriteStream(target, { mode: 0o600, flags: 'wx' }),
    );
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== 'EEXIST')
      await unlink(target).catch(() => undefined);
    if (isDiskFull(error)) throw error;
    throw error instanceof PlatformError ? error : new PlatformError(`download of ${name} failed`);
  }
  return target;
}
