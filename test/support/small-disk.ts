/**
 * A real, small file system for disk-full tests: a size-limited tmpfs mounted on a temporary
 * directory (needs root, or CAP_SYS_ADMIN). `fill` writes a filler file until the kernel says
 * ENOSPC; `free` deletes it. Where mounting is not allowed, `mountSmallDisk` says why instead.
 */
import { execFile } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tempDir } from './paths';

const run = promisify(execFile);

export type SmallDisk = {
  dir: string;
  /** Fills the file system to the last byte; returns how many bytes the filler took. */
  fill: () => number;
  free: () => Promise<void>;
  cleanup: () => Promise<void>;
};

export async function mountSmallDisk(sizeMiB: number): Promise<SmallDisk | { skip: string }> {
  const mountpoint = await tempDir('sb-small-disk-');
  try {
    await run('mount', [
      '-t',
      'tmpfs',
      '-o',
      `size=${sizeMiB}m,mode=0700`,
      'tmpfs',
      mountpoint.dir,
    ]);
  } catch (error) {
    await mountpoint.cleanup();
    return {
      skip: `cannot mount a ${sizeMiB} MiB tmpfs here (${String(error).split('\n')[0]}); run as root for the real disk-full test`,
    };
  }
  const filler = `${mountpoint.dir}/filler`;
  return {
    dir: mountpoint.dir,
    fill() {
      const fd = openSync(filler, 'a');
      let written = 0;
      try {
        // Big chunks first, then single pages, until not one more byte fits.
        for (const size of [1 << 20, 1 << 16, 4096, 512, 1]) {
          const chunk = Buffer.alloc(size, 0x61);
          for (;;) {
            try {
              written += writeSync(fd, chunk);
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
              throw error;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
      return written;
    },
    free: () => rm(filler, { force: true }),
    async cleanup() {
      await run('umount', ['-l', mountpoint.dir]).catch(() => undefined);
      await mountpoint.cleanup();
    },
  };
}
