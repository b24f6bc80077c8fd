/**
 * A remote machine, end to end: a real sshd on 127.0.0.1 (its own host key, on a free port) and
 * a second Unix user as the remote account. `switchboard remote add`, `setup` (twice: the second
 * changes nothing) and `connect` run the user's real ssh; the helper `setup` registered with the
 * remote's Claude Code is spawned as that user by the MCP SDK client; a web chat message reaches
 * it and its reply comes back; the ssh process is killed and the link comes back by itself, with
 * a message sent meanwhile delivered once; `remote remove` cuts it.
 */
import { mkdir, readFile, stat, chown } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { connectHelper, resultText, type HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { remoteList, type RemoteJson } from '../support/remote';
import { sshdUnavailable, startSshd, type Sshd } from '../support/sshd';
import { webchat } from '../support/webchat-client';

const unavailable = sshdUnavailable();
if (unavailable) process.stderr.write(`skipped: the ssh remote test ${unavailable}\n`);

const CLAUDE = process.env['CLAUDE_BIN'];

describe.skipIf(unavailable !== undefined)('a remote machine over ssh', () => {
  let base: { dir: string; cleanup: () => Promise<void> };
  let sshd: Sshd;
  let hub: HubProcess;
  let helper: HelperClient | undefined;

  beforeAll(async () => {
    base = await tempDir('sb-e2e-remote-');
    sshd = await startSshd(join(base.dir, 'sshd'));
    hub = await startHub(join(base.dir, 'home'));
  }, 60_000);
  afterAll(async () => {
    await helper?.close();
    await hub.stop();
    await sshd.stop();
    await base.cleanup();
  }, 60_000);

  const cli = (...args: string[]) => runCli([...args, '--home', hub.home]);
  const sshOpts = (): string[] => sshd.sshOptions.flatMap((o) => ['--ssh-opt', o]);
  const devbox = async (): Promise<RemoteJson | undefined> =>
    (await remoteList(hub.home)).find((r) => r.name === 'devbox');

  it('adds, sets up (twice), links, serves a session, survives a killed ssh, and is cut on removal', async () => {
    expect((await cli('remote', 'add', 'devbox')).code).toBe(0);

    // setup: the helper, a 0600 credential and the remote's Claude Code registration.
    const setupArgs = [
      'remote',
      'setup',
      'devbox',
      sshd.destination,
      ...sshOpts(),
      '--remote-node',
      process.execPath,
      ...(CLAUDE ? ['--remote-claude', CLAUDE] : []),
      '--json',
    ];
    const first = await cli(...setupArgs);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const setup = JSON.parse(first.stdout) as {
      helper: { kind: string; path: string; changed: boolean };
      credential: { path: string; changed: boolean };
      socket: string;
      claude: { state: string };
    };
    expect(setup.helper).toEqual({
      kind: 'js',
      path: `${sshd.home}/.switchboard/bin/switchboard-mcp.js`,
      changed: true,
    });
    expect(setup.credential).toEqual({
      path: `${sshd.home}/.switchboard/credential`,
      changed: true,
    });
    expect(setup.claude.state).toBe(CLAUDE ? 'registered' : 'missing');
    const credential = await stat(setup.credential.path);
    expect(credential.mode & 0o777).toBe(0o600);
    expect(credential.uid).toBe(sshd.uid);
    expect((await stat(`${sshd.home}/.switchboard`)).mode & 0o777).toBe(0o700);

    const second = JSON.parse((await cli(...setupArgs)).stdout) as typeof setup;
    expect(second.helper.changed).toBe(false);
    expect(second.credential.changed).toBe(false);
    expect(second.claude.state).toBe(CLAUDE ? 'unchanged' : 'missing');

    // connect: the hub runs and watches `ssh -N -R …`.
    const connected = await cli('remote', 'connect', 'devbox', sshd.destination, ...sshOpts());
    expect(connected.stdout).toContain('Linked "devbox"');
    expect((await devbox())?.link.state).toBe('connected');

    // The helper as the remote's Claude Code starts it: the registered command, as that user.
    const entry = CLAUDE
      ? (
          JSON.parse(await readFile(`${sshd.home}/.claude.json`, 'utf8')) as {
            mcpServers: Record<
              string,
              { command: string; args: string[]; env: Record<string, string> }
            >;
          }
        ).mcpServers['switchboard']
      : {
          command: process.execPath,
          args: [setup.helper.path],
          env: { SWITCHBOARD_HUB: setup.socket, SWITCHBOARD_CREDENTIAL: setup.credential.path },
        };
    if (!entry) throw new Error('setup registered no "switchboard" server');
    expect(entry.env).toEqual({
      SWITCHBOARD_HUB: `${sshd.home}/.switchboard/hub.sock`,
      SWITCHBOARD_CREDENTIAL: `${sshd.home}/.switchboard/credential`,
    });
    const project = join(sshd.home, 'project');
    await mkdir(project);
    await chown(project, sshd.uid, sshd.gid);
    helper = await connectHelper({
      home: hub.home,
      session: 'api',
      cwd: project,
      spawn: {
        command: 'setpriv',
        args: [
          `--reuid=${sshd.uid}`,
          `--regid=${sshd.gid}`,
          '--init-groups',
          entry.command,
          ...entry.args,
        ],
        env: {
          HOME: sshd.home,
          USER: sshd.user,
          LOGNAME: sshd.user,
          PATH: '/usr/local/bin:/usr/bin:/bin',
          ...entry.env,
        },
      },
    });
    await eventually(
      async () => expect((await devbox())?.sessions).toEqual(['devbox:api']),
      20_000,
    );

    const chat = webchat(hub);
    await chat.post('hello devbox');
    const event = await helper.events.next(10_000);
    expect(event.content).toBe('hello devbox');
    expect(event.meta['host']).toBe('devbox');
    expect(
      resultText(await helper.callTool('reply', { chat_id: 'web:main', text: 'hi from devbox' })),
    ).toMatch(/^sent/);
    await eventually(async () =>
      expect((await chat.history()).find((m) => m.text === 'hi from devbox')?.session).toBe(
        'devbox:api',
      ),
    );

    // Kill ssh: the session drops, the hub starts ssh again, the helper reattaches by itself.
    const pid = (await devbox())?.link.pid;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid ?? 0, 'SIGKILL');
    await eventually(async () => expect((await devbox())?.sessions).toEqual([]), 20_000);
    await chat.post('sent while the link was down');
    await eventually(async () => {
      const now = await devbox();
      expect(now?.link.state).toBe('connected');
      expect(now?.link.pid).not.toBe(pid);
      expect(now?.sessions).toEqual(['devbox:api']);
    }, 30_000);
    const meanwhile = await helper.events.next(15_000);
    expect(meanwhile.content).toBe('sent while the link was down');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(helper.events.items.map((e) => e.content)).toEqual([
      'hello devbox',
      'sent while the link was down',
    ]);

    // Remove: the session and the link are cut at once, and stay cut.
    const linkPid = (await devbox())?.link.pid ?? 0;
    expect((await cli('remote', 'remove', 'devbox')).code).toBe(0);
    const sessions = JSON.parse((await cli('sessions', '--json')).stdout) as {
      attached: Array<{ name: string }>;
    };
    expect(sessions.attached).toEqual([]);
    await eventually(() => expect(() => process.kill(linkPid, 0)).toThrow());
    await chat.post('after removal');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(helper.events.items).toHaveLength(2);
    expect((await helper.callTool('reply', { chat_id: 'web:main', text: 'still?' })).isError).toBe(
      true,
    );
  }, 180_000);
});
