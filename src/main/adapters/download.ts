/**
 * Saves a platform file into the inbox (0600), streaming, with a byte cap enforced while it flows;
 * a failed or oversized download leaves nothing behind. The URL may hold a secret (Telegram's file
 * URLs carry the bot token), so it never appears in an error.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { PlatformError } from './adapter';

export async function downloadToInbox(
  url: string,
  path: string,
  name: string,
  maxBytes: number,
): Promise<string> {
  const response = await fetch(url).catch(() => {
    throw new PlatformError(`download of ${name} failed (network)`);
  });
  if (!response.ok || !response.body)
    throw new PlatformError(`download of ${name} failed (${response.status})`);
  await mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true, mode: 0o700 });
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
      createWriteStream(path, { mode: 0o600 }),
    );
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error instanceof PlatformError ? error : new PlatformError(`download of ${name} failed`);
  }
  return path;
}
