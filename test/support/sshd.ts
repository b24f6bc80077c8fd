/**
 * A real OpenSSH server on 127.0.0.1 for the remote-session tests: its own host key and config
 * on a free port, and a second Unix user (the "remote" account) with an authorized key. Needs
 * root (to run sshd and create the user); `sshdUnavailable()` says why when it cannot run.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const SSHD = '/usr/sbin/sshd';

/** Why the ssh tests cannot run here, or undefined when they can. */
export function sshdUnavailable(): string | undefined {
  if (process.getuid?.() !== 0)
    return 'needs root to start sshd and create a second Unix user (run the suite as root, as CI does)';
  if (!existsSync(SSHD)) return `${SSHD} is missing (apt-get install openssh-server; .ci/run does)`;
  for (const tool of [
    '/usr/bin/ssh',
    '/usr/bin/ssh-keygen',
    '/usr/sbin/useradd',
    '/usr/bin/setpriv',
  ])
    if (!existsSync(tool)) return `${tool} is missing`;
  return undefined;
}

export type Sshd = {
  port: number;
  user: string;
  uid: number;
  gid: number;
  home: string;
  /** `user@127.0.0.1` */
  destination: string;
  /** What the hub's ssh needs (`--ssh-opt` values): port, key, known host. */
  sshOptions: string[];
  log: () => string;
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts sshd and creates the remote account; `stop` removes both. */
export async function startSshd(dir: string): Promise<Sshd> {
  const user = `sbr${Math.random().toString(36).slice(2, 9)}`;
  await run('/usr/sbin/useradd', ['--create-home', '--shell', '/bin/sh', user]);
  // useradd leaves the account locked ("!"), which sshd without PAM refuses even for keys;
  // "*" means no password can ever match, and the account is usable with its key.
  await run('/usr/sbin/usermod', ['--password', '*', user]);
  const ids = (await run('id', ['-u', user])).stdout.trim();
  const uid = Number(ids);
  const gid = Number((await run('id', ['-g', user])).stdout.trim());
  const home = (await run('sh', ['-c', `getent passwd ${user} | cut -d: -f6`])).stdout.trim();

  await mkdir(dir, { recursive: true, mode: 0o700 });
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client_key')]);
  const sshDir = join(home, '.ssh');
  await mkdir(sshDir, { mode: 0o700 });
  await writeFile(join(sshDir, 'authorized_keys'), await readFile(join(dir, 'client_key.pub')), {
    mode: 0o600,
  });
  await chown(sshDir, uid, gid);
  await chown(join(sshDir, 'authorized_keys'), uid, gid);
  await chmod(home, 0o755);

  const port = await freePort();
  const hostKey = (await readFile(join(dir, 'host_key.pub'), 'utf8')).trim().split(' ');
  await writeFile(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey[0]} ${hostKey[1]}\n`);
  const config = join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'AuthorizedKeysFile .ssh/authorized_keys',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'PermitRootLogin no',
      `AllowUsers ${user}`,
      'AllowStreamLocalForwarding yes',
      // sshd's default: a leftover socket is not replaced (the hub's link removes it first).
      'StreamLocalBindUnlink no',
      'LogLevel VERBOSE',
    ].join('\n') + '\n',
  );
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });

  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start:\n${log}`)), 10_000);
    const check = (): void => {
      if (/Server listening on 127\.0\.0\.1/.test(log)) {
        clearTimeout(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearTimeout(timer);
        reject(new Error(`sshd exited:\n${log}`));
      } else setTimeout(check, 50);
    };
    check();
  });

  return {
    port,
    user,
    uid,
    gid,
    home,
    destination: `${user}@127.0.0.1`,
    sshOptions: [
      `Port=${port}`,
      `IdentityFile=${join(dir, 'client_key')}`,
      'IdentitiesOnly=yes',
      `UserKnownHostsFile=${join(dir, 'known_hosts')}`,
      'StrictHostKeyChecking=yes',
    ],
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }
      // sshd's session processes end with their connections (the hub's ssh is stopped first);
      // userdel refuses while the account still runs something, so it is retried a little.
      for (let attempt = 0; attempt < 20; attempt++) {
        const removed = await run('/usr/sbin/userdel', ['--remove', user]).then(
          () => true,
          () => false,
        );
        if (removed) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
  };
}
