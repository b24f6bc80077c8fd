/**
 * A stand-in for the user's `ssh` at the process boundary, for tests of the link supervisor that
 * need no sshd: it logs each invocation, answers the prepare step with a socket path, and for
 * `-N -R` reports the forward up (as `ssh -v` does) and stays running — or, while a `fail` file
 * exists beside it, fails the way an unreachable host does. test/e2e/remote-ssh.test.ts uses the
 * real ssh and sshd.
 */
import { chmod, rm, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type FakeSsh = {
  path: string;
  /** Every invocation's arguments, one line each. */
  calls: () => Promise<string[]>;
  /** Makes the next attempts fail (true) or succeed (false). */
  failing: (on: boolean) => Promise<void>;
};

export async function createFakeSsh(dir: string): Promise<FakeSsh> {
  const path = join(dir, 'ssh');
  const log = join(dir, 'ssh-calls.log');
  const fail = join(dir, 'fail');
  await writeFile(
    path,
    [
      '#!/bin/sh',
      `printf '%s\\n' "$*" >> '${log}'`,
      `if [ -e '${fail}' ]; then echo "ssh: connect to host example port 22: Connection refused" >&2; exit 255; fi`,
      'case " $* " in',
      // Stays itself (no exec), so its command line reads as ssh's, as a real one does.
      `  *" -N "*) echo "debug1: remote forward success for: listen /home/ann/.switchboard/hub.sock, connect x" >&2; trap 'kill $! 2>/dev/null; exit 0' TERM; sleep 600 & wait ;;`,
      '  *) echo /home/ann/.switchboard/hub.sock ;;',
      'esac',
      '',
    ].join('\n'),
  );
  await chmod(path, 0o755);
  return {
    path,
    calls: async () =>
      (await readFile(log, 'utf8').catch(() => '')).split('\n').filter((line) => line !== ''),
    failing: async (on) => {
      if (on) await writeFile(fail, '');
      else await rm(fail, { force: true });
    },
  };
}
