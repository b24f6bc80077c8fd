import { describe, expect, it } from 'vitest';
import {
  checkPrivateDir,
  checkSocketParent,
  fnv1a64,
  hubPaths,
  resolveHome,
  type DirFacts,
  type PathEnv,
} from '../../../src/shared/paths';

const tmp = { env: {}, tmpdir: '/tmp' };

function where(env: Record<string, string | undefined>, platform = 'linux'): PathEnv {
  return { env, platform, homedir: '/home/ann', tmpdir: '/tmp' };
}

describe('resolveHome', () => {
  it('prefers an explicit override over everything else', () => {
    expect(
      resolveHome(
        where({ SWITCHBOARD_HOME: '/env/home', XDG_STATE_HOME: '/xdg' }, 'darwin'),
        '/flag',
      ),
    ).toBe('/flag');
  });

  it('uses SWITCHBOARD_HOME when there is no override', () => {
    expect(
      resolveHome(where({ SWITCHBOARD_HOME: '/env/home', XDG_STATE_HOME: '/xdg' }, 'darwin')),
    ).toBe('/env/home');
    expect(resolveHome(where({ SWITCHBOARD_HOME: '/env/home', XDG_STATE_HOME: '/xdg' }))).toBe(
      '/env/home',
    );
  });

  it('uses Application Support on macOS, ignoring XDG_STATE_HOME', () => {
    expect(resolveHome(where({ XDG_STATE_HOME: '/xdg' }, 'darwin'))).toBe(
      '/home/ann/Library/Application Support/Switchboard',
    );
  });

  it('uses XDG_STATE_HOME elsewhere', () => {
    expect(resolveHome(where({ XDG_STATE_HOME: '/xdg' }))).toBe('/xdg/switchboard');
  });

  it('falls back to ~/.local/state elsewhere', () => {
    expect(resolveHome(where({}))).toBe('/home/ann/.local/state/switchboard');
  });

  it('ignores an empty SWITCHBOARD_HOME', () => {
    expect(resolveHome(where({ SWITCHBOARD_HOME: '' }))).toBe('/home/ann/.local/state/switchboard');
    expect(resolveHome(where({ SWITCHBOARD_HOME: '' }, 'darwin'))).toBe(
      '/home/ann/Library/Application Support/Switchboard',
    );
  });

  it('ignores an empty XDG_STATE_HOME, as the XDG spec requires', () => {
    // An empty value must not turn the home into `/switchboard` at the file-system root.
    expect(resolveHome(where({ XDG_STATE_HOME: '' }))).toBe('/home/ann/.local/state/switchboard');
  });
});

describe('hubPaths', () => {
  it('puts every file inside the home', () => {
    const paths = hubPaths('/home/ann/.local/state/switchboard', tmp);
    const home = '/home/ann/.local/state/switchboard';
    expect(paths).toEqual({
      home,
      socket: `${home}/hub.sock`,
      socketDir: home,
      token: `${home}/hub.token`,
      remoteSocket: `${home}/remote.sock`,
      remoteSocketDir: home,
      lock: `${home}/hub.lock`,
      database: `${home}/switchboard.db`,
      settings: `${home}/settings.json`,
      dashboardToken: `${home}/dashboard.token`,
      versionMarker: `${home}/hub.version`,
      inbox: `${home}/inbox`,
      outbox: `${home}/outbox`,
    });
  });

  it('moves the remote socket alone to the fallback directory when only it is too long', () => {
    const home = `/${'h'.repeat(100 - '/'.length - '/hub.sock'.length)}`;
    const paths = hubPaths(home, tmp);
    expect(paths.socketDir).toBe(home);
    expect(paths.remoteSocketDir).toBe(`/tmp/switchboard-${fnv1a64(home)}`);
    expect(paths.remoteSocket.length).toBeLessThanOrEqual(100);
  });

  it('keeps the socket in the home when its path is exactly 100 bytes', () => {
    const home = `/${'h'.repeat(100 - '/'.length - '/hub.sock'.length)}`;
    expect(`${home}/hub.sock`).toHaveLength(100);
    expect(hubPaths(home, tmp).socketDir).toBe(home);
  });

  it('moves the socket to a private tmpdir path when the home path is too long for a socket', () => {
    const home = `/${'h'.repeat(101 - '/'.length - '/hub.sock'.length)}`;
    const paths = hubPaths(home, tmp);
    expect(paths.socketDir).toBe(`/tmp/switchboard-${fnv1a64(home)}`);
    expect(paths.socket).toBe(`${paths.socketDir}/hub.sock`);
    // Everything else stays in the home.
    expect(paths.lock).toBe(`${home}/hub.lock`);
    expect(paths.database).toBe(`${home}/switchboard.db`);
  });

  it('measures the socket path in UTF-8 bytes, not characters', () => {
    const home = `/${'é'.repeat(50)}`; // 51 characters, 101 bytes
    expect(`${home}/hub.sock`.length).toBeLessThan(100);
    expect(hubPaths(home, tmp).socketDir).not.toBe(home);
  });

  it('gives the same fallback for the same home and different ones for different homes', () => {
    const a = `/long/${'a'.repeat(120)}`;
    const b = `/long/${'b'.repeat(120)}`;
    expect(hubPaths(a, tmp).socket).toBe(hubPaths(a, tmp).socket);
    expect(hubPaths(a, tmp).socket).not.toBe(hubPaths(b, tmp).socket);
    expect(hubPaths(a, tmp).socket.length).toBeLessThanOrEqual(100);
  });
});

describe('the fallback socket directory', () => {
  const home = `/long/${'h'.repeat(120)}`;
  const name = `switchboard-${fnv1a64(home)}`;

  it('prefers the per-user runtime directory ($XDG_RUNTIME_DIR) over a shared /tmp', () => {
    const paths = hubPaths(home, { env: { XDG_RUNTIME_DIR: '/run/user/1000' }, tmpdir: '/tmp' });
    expect(paths.socketDir).toBe(`/run/user/1000/${name}`);
  });

  it('ignores an empty or relative $XDG_RUNTIME_DIR', () => {
    expect(hubPaths(home, { env: { XDG_RUNTIME_DIR: '' }, tmpdir: '/tmp' }).socketDir).toBe(
      `/tmp/${name}`,
    );
    expect(hubPaths(home, { env: { XDG_RUNTIME_DIR: 'run' }, tmpdir: '/tmp' }).socketDir).toBe(
      `/tmp/${name}`,
    );
  });

  it('falls back to the temp directory when the runtime directory is too deep for a socket', () => {
    const deep = `/run/${'r'.repeat(80)}`;
    expect(hubPaths(home, { env: { XDG_RUNTIME_DIR: deep }, tmpdir: '/tmp/' }).socketDir).toBe(
      `/tmp/${name}`,
    );
  });
});

describe('checkPrivateDir', () => {
  const dir = (over: Partial<DirFacts> = {}): DirFacts => ({
    isDirectory: true,
    isSymbolicLink: false,
    uid: 501,
    mode: 0o40700,
    ...over,
  });

  it('accepts a real 0700 directory of ours', () => {
    expect(checkPrivateDir('/d', dir(), 501, true)).toEqual({ ok: true });
  });

  it.each<[string, Partial<DirFacts>, RegExp]>([
    ['another user owns it', { uid: 666 }, /another user \(uid 666/],
    ['it is a symbolic link', { isSymbolicLink: true, isDirectory: false }, /symbolic link/],
    ['it is a file', { isDirectory: false, mode: 0o100600 }, /not a directory/],
    ['others can enter it', { mode: 0o40755 }, /0755/],
    ['it is sticky and world-writable', { mode: 0o41777 }, /1777/],
    ['it is 0500', { mode: 0o40500 }, /0500/],
  ])('refuses a fallback directory when %s', (_label, over, reason) => {
    const verdict = checkPrivateDir('/d', dir(over), 501, true);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(reason);
  });

  it("lets the home be any mode that keeps others out, but never another user's", () => {
    expect(checkPrivateDir('/h', dir({ mode: 0o40500 }), 501, false).ok).toBe(true);
    expect(checkPrivateDir('/h', dir({ mode: 0o40750 }), 501, false).ok).toBe(false);
    expect(checkPrivateDir('/h', dir({ uid: 0 }), 501, false).ok).toBe(false);
  });
});

describe('checkSocketParent', () => {
  const parent = (uid: number, mode: number): DirFacts => ({
    isDirectory: true,
    isSymbolicLink: false,
    uid,
    mode: 0o40000 | mode,
  });

  it('accepts /tmp (root, sticky, world-writable) and a directory of ours', () => {
    expect(checkSocketParent('/tmp', parent(0, 0o1777), 501).ok).toBe(true);
    expect(checkSocketParent('/run/user/501', parent(501, 0o700), 501).ok).toBe(true);
  });

  it('refuses a world-writable parent without the sticky bit (the directory could be swapped)', () => {
    expect(checkSocketParent('/shared', parent(0, 0o777), 501).ok).toBe(false);
  });

  it('refuses a parent that belongs to another user', () => {
    expect(checkSocketParent('/home/eve', parent(666, 0o755), 501).ok).toBe(false);
  });
});

describe('fnv1a64', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('hashes %j to the published FNV-1a 64 vector', (input, expected) => {
    expect(fnv1a64(input)).toBe(expected);
  });

  it('always gives 16 lower-case hex digits', () => {
    for (const text of ['x', 'hello', '/Users/ann/Library', '世界']) {
      expect(fnv1a64(text)).toMatch(/^[0-9a-f]{16}$/);
    }
  });
});
