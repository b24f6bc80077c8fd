/**
 * The app's log file: appended asynchronously in order (never blocking the main thread), rotated
 * by size (`switchboard.log`, `switchboard.1.log`, … keeping `keep` files), private to the user
 * (0600). Writing problems are reported once on stderr and never break the app.
 */
import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, extname, join, basename } from 'node:path';

export type LogFile = {
  readonly path: string;
  write: (line: string) => void;
  /** Resolves when everything written so far is on disk. */
  flush: () => Promise<void>;
};

export const LOG_MAX_BYTES = 2 * 1024 * 1024;
export const LOG_KEEP = 3;

/** `switchboard.log` → `switchboard.2.log` for n = 2. */
export function rotatedPath(path: string, n: number): string {
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}.${n}${ext}`);
}

export function createLogFile(
  path: string,
  options: { maxBytes?: number; keep?: number; onError?: (message: string) => void } = {},
): LogFile {
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const keep = Math.max(1, options.keep ?? LOG_KEEP);
  const onError = options.onError ?? ((message: string) => process.stderr.write(`${message}\n`));
  let pending: string[] = [];
  let size: number | undefined;
  let draining: Promise<void> = Promise.resolve();
  let reported = false;

  async function rotate(): Promise<void> {
    await rm(rotatedPath(path, keep - 1), { force: true });
    for (let n = keep - 2; n >= 1; n--)
      await rename(rotatedPath(path, n), rotatedPath(path, n + 1)).catch(() => undefined);
    if (keep > 1) await rename(path, rotatedPath(path, 1)).catch(() => undefined);
    else await rm(path, { force: true });
    size = 0;
  }

  async function drain(): Promise<void> {
    while (pending.length > 0) {
      const chunk = pending.join('');
      pending = [];
      try {
        if (size === undefined) {
          await mkdir(dirname(path), { recursive: true, mode: 0o700 });
          size = await stat(path).then(
            (s) => s.size,
            () => 0,
          );
        }
        if (size > 0 && size + Buffer.byteLength(chunk) > maxBytes) await rotate();
        await appendFile(path, chunk, { mode: 0o600 });
        size += Buffer.byteLength(chunk);
      } catch (error) {
        if (!reported) onError(`could not write the log file ${path}: ${String(error)}`);
        reported = true;
      }
    }
  }

  return {
    path,
    write(line) {
      pending.push(line);
      if (pending.length === 1) draining = draining.then(drain);
    },
    flush: () => draining.then(drain),
  };
}
