import { describe, expect, it } from 'vitest';
import {
  chooseHelper,
  layoutFor,
  nodeTarget,
  parseProbe,
  type RemoteProbe,
} from '../../../../src/main/cli/commands/remote-plan';

const layout = layoutFor('/home/ann', undefined);
const local = {
  js: ['/app/dist/switchboard-mcp.js', '/app/dist/switchboard-mcp-core.cjs'],
  binaries: new Map<string, string>(),
};
const probe = (extra: Partial<RemoteProbe>): RemoteProbe => ({
  home: '/home/ann',
  os: 'Linux',
  arch: 'x86_64',
  installed: {},
  ...extra,
});

describe('remote setup plan', () => {
  it('puts everything in a private folder in the remote home', () => {
    expect(layout).toEqual({
      dir: '/home/ann/.switchboard',
      bin: '/home/ann/.switchboard/bin',
      socket: '/home/ann/.switchboard/hub.sock',
      credential: '/home/ann/.switchboard/credential',
    });
    expect(layoutFor('/home/ann', '/run/user/1000/sb/hub.sock').socket).toBe(
      '/run/user/1000/sb/hub.sock',
    );
  });

  it('copies the JS helper where Node is 22.12 or newer', () => {
    const choice = chooseHelper(
      probe({ node: { path: '/usr/local/bin/node', version: 'v24.1.0' } }),
      layout,
      local,
    );
    expect(choice).toEqual({
      ok: true,
      kind: 'js',
      files: [
        {
          local: '/app/dist/switchboard-mcp.js',
          remote: '/home/ann/.switchboard/bin/switchboard-mcp.js',
        },
        {
          local: '/app/dist/switchboard-mcp-core.cjs',
          remote: '/home/ann/.switchboard/bin/switchboard-mcp-core.cjs',
        },
      ],
      command: '/usr/local/bin/node',
      args: ['/home/ann/.switchboard/bin/switchboard-mcp.js'],
    });
  });

  it('falls back to a standalone helper for the remote OS and CPU', () => {
    const binaries = new Map([['linux-arm64', '/app/dist/bin/arm64/switchboard-mcp']]);
    const choice = chooseHelper(
      probe({ arch: 'aarch64', node: { path: '/usr/bin/node', version: 'v20.19.0' } }),
      layout,
      { ...local, binaries },
    );
    expect(choice).toEqual({
      ok: true,
      kind: 'binary',
      files: [
        {
          local: '/app/dist/bin/arm64/switchboard-mcp',
          remote: '/home/ann/.switchboard/bin/switchboard-mcp',
        },
      ],
      command: '/home/ann/.switchboard/bin/switchboard-mcp',
      args: [],
    });
  });

  it('says why neither helper can run there', () => {
    const choice = chooseHelper(
      probe({ node: { path: '/usr/bin/node', version: 'v22.11.0' } }),
      layout,
      local,
    );
    expect(choice.ok).toBe(false);
    if (!choice.ok) {
      expect(choice.message).toContain('Node v22.11.0 at /usr/bin/node');
      expect(choice.message).toContain('linux-x64');
      expect(choice.message).toContain('--remote-node');
    }
  });

  it('names OS and CPU as Node does', () => {
    expect(nodeTarget('Darwin', 'arm64')).toEqual({ platform: 'darwin', arch: 'arm64' });
    expect(nodeTarget('Linux', 'x86_64')).toEqual({ platform: 'linux', arch: 'x64' });
  });

  it('reads the probe and refuses output that is not one', () => {
    expect(
      parseProbe(
        [
          'home=/home/ann',
          'os=Linux',
          'arch=x86_64',
          'node=/usr/bin/node',
          'node_version=v24.0.0',
          'claude=/usr/local/bin/claude',
          'installed_switchboard-mcp.js=abc123',
          'credential=sbr1.x.00000000.' + 'a'.repeat(64),
          'motd noise without an equals sign',
        ].join('\n'),
      ),
    ).toEqual({
      home: '/home/ann',
      os: 'Linux',
      arch: 'x86_64',
      node: { path: '/usr/bin/node', version: 'v24.0.0' },
      claude: '/usr/local/bin/claude',
      installed: { 'switchboard-mcp.js': 'abc123' },
      credential: 'sbr1.x.00000000.' + 'a'.repeat(64),
    });
    expect(parseProbe('Welcome!\n')).toBeUndefined();
    expect(parseProbe('home=relative\n')).toBeUndefined();
  });
});
