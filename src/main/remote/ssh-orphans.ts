/**
 * An ssh left behind by a hub that crashed (kill -9, power loss) would keep running — its
 * forward pointing at a socket nobody serves — so the link's ssh pid is written to a file while
 * it runs, and the next link for that remote ends it first, after checking by its command line
 * that the pid is still our ssh for this hub's socket (pids are reused).
 */
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';

/** The command line of a running pid, or undefined when it is gone. */
function commandOf(pid: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'args=', '-p', String(pid)], (error, stdout) =>
      resolve(error ? undefined : stdout.trim() || undefined),
    );
  });
}

/** Ends the ssh a previous hub left for this link, if it still runs; removes the pid file. */
export async function reapOrphan(pidFile: string, localSocket: string): Promise<boolean> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  await rm(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 1) return false;
  const command = await commandOf(pid);
  // Only an ssh forwarding to this hub's remote socket is ours.
  if (command === undefined || !/\bssh\b/.test(command) || !command.includes(`:${localSocket}`))
    return false;
  try {
    process.kill(pid, 'SIGTERM');
    return true;
  } catch {
    return false;
  }
}

export async function writePid(pidFile: string, pid: number): Promise<void> {
  await writeFile(pidFile, `${pid}\n`, { mode: 0o600 });
}

export async function clearPid(pidFile: string): Promise<void> {
  await rm(pidFile, { force: true });
}
