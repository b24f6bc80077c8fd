/**
 * Checks the files Claude asks to send: absolute, existing regular files under the size cap, and
 * never from the hub's state directory (tokens, database) except its inbox.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, sep } from 'node:path';
import type { OutboundFile } from '../adapters/adapter';
import { mimeOf } from '../adapters/mime';

export const MAX_OUTBOUND_FILE_BYTES = 50 * 1024 * 1024;

export async function checkOutboundFiles(
  paths: readonly string[],
  home: string,
  inbox: string,
): Promise<OutboundFile[]> {
  const realHome = await realpath(home);
  const realInbox = await realpath(inbox).catch(() => inbox);
  const files: OutboundFile[] = [];
  for (const path of paths) {
    if (!isAbsolute(path)) throw new Error(`file path must be absolute: ${path}`);
    const real = await realpath(path).catch(() => {
      throw new Error(`file not found: ${path}`);
    });
    const inside = (dir: string): boolean => real === dir || real.startsWith(dir + sep);
    if (inside(realHome) && !inside(realInbox))
      throw new Error(`refusing to send a file from Switchboard's state directory: ${path}`);
    const info = await stat(real);
    if (!info.isFile()) throw new Error(`not a regular file: ${path}`);
    if (info.size > MAX_OUTBOUND_FILE_BYTES)
      throw new Error(
        `file too large (${info.size} bytes; the limit is ${MAX_OUTBOUND_FILE_BYTES}): ${path}`,
      );
    files.push({ path: real, name: basename(real), size: info.size, mime: mimeOf(real) });
  }
  return files;
}
