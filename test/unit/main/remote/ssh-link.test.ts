import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src/main/log';
import { createSshLink, prepareScript, type LinkState } from '../../../../src/main/remote/ssh-link';
import { createFakeSsh, type FakeSsh } from '../../../fakes/fake-ssh';
import { eventually } from '../../../support/eventually';
import { tempDir } from '../../../support/paths';

describe('the ssh link supervisor', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let ssh: FakeSsh;
  let stop: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    dir = await tempDir('sb-ssh-link-');
    ssh = await createFakeSsh(dir.dir);
  });
  afterEach(async () => {
    await stop?.();
    await dir.cleanup();
  });

  function link(pidFile?: string): {
    states: LinkState[];
    remoteSockets: string[];
    current: () => LinkState;
  } {
    const states: LinkState[] = [];
    const remoteSockets: string[] = [];
    const l = createSshLink({
      remote: 'box',
      host: 'ann@box',
      sshOptions: ['Port=2222'],
      localSocket: '/hub/remote.sock',
      ssh: ssh.path,
      log: silentLogger,
      now: Date.now,
      onState: (s) => states.push(s),
      onRemoteSocket: (p) => remoteSockets.push(p),
      minDelayMs: 50,
      maxDelayMs: 200,
      ...(pidFile ? { pidFile } : {}),
    });
    stop = l.stop;
    l.start();
    return { states, remoteSockets, current: l.state };
  }

  it('prepares the remote, then runs ssh -N -R to the socket it reported, and says when it is up', async () => {
    const { current, remoteSockets } = link();
    await eventually(() => expect(current().phase).toBe('connected'));
    expect(remoteSockets).toEqual(['/home/ann/.switchboard/hub.sock']);
    const [prepare, forward] = await ssh.calls();
    expect(prepare).toContain('-o BatchMode=yes');
    expect(prepare).toContain('-o Port=2222');
    expect(prepare).toMatch(/-- ann@box sh -c /);
    expect(forward).toMatch(/^-v -N /);
    expect(forward).toContain('-o ExitOnForwardFailure=yes');
    expect(forward).toContain('-o StreamLocalBindUnlink=yes');
    expect(forward).toContain('-R /home/ann/.switchboard/hub.sock:/hub/remote.sock -- ann@box');
    expect(current().pid).toBeGreaterThan(0);
  });

  it('backs off while the host is unreachable, says why, and links once it answers', async () => {
    await ssh.failing(true);
    const { states, current } = link();
    await eventually(() => expect(current().failures).toBeGreaterThanOrEqual(3));
    const waits = states.filter((s) => s.phase === 'waiting');
    expect(waits[0]?.error).toContain('Connection refused');
    const delays = waits.map((s) => (s.retryAt ?? 0) - s.since);
    expect(delays.slice(0, 3)).toEqual([50, 100, 200]);
    await ssh.failing(false);
    await eventually(() => expect(current()).toMatchObject({ phase: 'connected', failures: 0 }));
  });

  it('starts ssh again when it dies, and stops it for good when told to', async () => {
    const { current } = link();
    await eventually(() => expect(current().phase).toBe('connected'));
    const first = current().pid ?? 0;
    process.kill(first, 'SIGKILL');
    await eventually(() => {
      expect(current().phase).toBe('connected');
      expect(current().pid).not.toBe(first);
    });
    const second = current().pid ?? 0;
    await stop?.();
    stop = undefined;
    expect(current().phase).toBe('stopped');
    expect(() => process.kill(second, 0)).toThrow();
  });

  it('ends the ssh a crashed hub left for this link, and only that one', async () => {
    const pidFile = `${dir.dir}/box.ssh.pid`;
    // Left running by "the previous hub": the same forward to this hub's socket.
    const orphan = spawn(ssh.path, ['-v', '-N', '-R', '/r/hub.sock:/hub/remote.sock', '--', 'x'], {
      stdio: 'ignore',
    });
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    const orphanGone = new Promise((resolve) => orphan.once('exit', resolve));
    await writeFile(pidFile, `${orphan.pid ?? 0}\n`);
    const { current } = link(pidFile);
    await orphanGone;
    await eventually(() => expect(current().phase).toBe('connected'));
    expect(Number(await readFile(pidFile, 'utf8'))).toBe(current().pid);

    // A pid file naming something else (a reused pid) is not acted on.
    await stop?.();
    stop = undefined;
    await writeFile(pidFile, `${other.pid ?? 0}\n`);
    link(pidFile);
    await eventually(async () => expect((await ssh.calls()).length).toBeGreaterThanOrEqual(5));
    expect(other.exitCode).toBeNull();
    other.kill();
  });

  it('makes only its own default folder private, and requires a named one to be so already', () => {
    expect(prepareScript(undefined)).toContain('chmod 700 "$d"');
    expect(prepareScript(undefined)).toContain('d="$HOME/.switchboard"');
    const named = prepareScript('/run/user/1000/sb/hub.sock');
    expect(named).toContain('d="/run/user/1000/sb"');
    expect(named).not.toContain('chmod');
    expect(named).toContain('must have mode 0700');
  });
});
