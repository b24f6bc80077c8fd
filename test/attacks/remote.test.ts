/**
 * Attacks through the remote link, against the real hub and helper: credentials presented at the
 * wrong socket, a remote credential trying every control operation, a remote session posing as a
 * local one, and credentials that were rotated away.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterChallenge, proveTo } from '../support/bridge-auth';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { connectHelper, resultText, type HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { ROOT, tempDir } from '../support/paths';
import { rawConnect, type RawSocket } from '../support/raw-socket';
import {
  addRemote,
  connectRemoteHelper,
  proveAsRemote,
  remoteList,
  remoteSocketOf,
  writeCredential,
} from '../support/remote';
import { webchat } from '../support/webchat-client';

const line = (frame: unknown): string => `${JSON.stringify(frame)}\n`;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const session = (name: string) => ({ name, cwd: '/tmp', pid: 1, channels: 'enabled' });

/** Every control operation the hub knows. */
const CONTROL_OPS: Array<[string, Record<string, unknown>]> = [
  ['status', {}],
  ['sessions', {}],
  ['permissions.list', {}],
  ['permissions.decide', { request_id: 'abcde', behavior: 'allow' }],
  ['pair.list', {}],
  ['pair.approve', { code: 'ACDEFG' }],
  ['pair.deny', { code: 'ACDEFG' }],
  ['senders.list', {}],
  ['senders.allow', { platform: 'telegram', sender: '666' }],
  ['senders.block', { platform: 'telegram', sender: '1' }],
  ['senders.remove', { platform: 'telegram', sender: '1' }],
  ['senders.role', { platform: 'telegram', sender: '666', role: 'owner' }],
  ['chats.list', {}],
  ['chats.bind', { chat: 'web:main', session: 'evil:x' }],
  ['platforms.restart', { platform: 'telegram' }],
  ['hub.rotate-token', {}],
  ['dashboard.sign-out', {}],
  ['remote.list', {}],
  ['remote.add', { name: 'evil' }],
  ['remote.rotate', { name: 'box' }],
  ['remote.remove', { name: 'box' }],
  ['remote.check', { token: 'x' }],
  ['remote.connect', { name: 'box', host: 'attacker.example' }],
  ['remote.disconnect', { name: 'box' }],
  // A project is a command line the hub runs on this Mac: the worst thing a remote could add.
  ['projects.list', {}],
  ['projects.add', { name: 'evil', dir: '/tmp', args: ['--dangerously-skip-permissions'] }],
  ['projects.remove', { name: 'evil' }],
  ['projects.start', { name: 'evil' }],
  ['projects.stop', { name: 'evil' }],
  ['projects.restart', { name: 'evil' }],
];

/** The operations the hub's control handlers name (`case 'op':` and `frame.op === 'op'`). */
async function controlOpsInSource(): Promise<string[]> {
  const files = [
    'src/main/hub/control.ts',
    'src/main/hub/control-access.ts',
    'src/main/hub/control-projects.ts',
    'src/main/remote/remote-control.ts',
  ];
  const ops = new Set<string>();
  for (const file of files) {
    const text = await readFile(`${ROOT}/${file}`, 'utf8');
    for (const match of text.matchAll(/case '([a-z][a-z.-]*)':|frame\.op === '([a-z][a-z.-]*)'/g))
      ops.add(match[1] ?? match[2] ?? '');
  }
  return [...ops].sort();
}

let base: { dir: string; cleanup: () => Promise<void> };
let hub: HubProcess;
let token: string;
const helpers: HelperClient[] = [];
const raws: RawSocket[] = [];

beforeEach(async () => {
  base = await tempDir('sb-attack-remote-');
  hub = await startHub(`${base.dir}/home`);
  token = await addRemote(hub.home, 'box');
});
afterEach(async () => {
  for (const raw of raws.splice(0)) raw.socket.destroy();
  await Promise.all(helpers.splice(0).map((h) => h.close()));
  await hub.stop();
  await base.cleanup();
});

const cli = (...args: string[]) => runCli([...args, '--home', hub.home]);
async function raw(path: string): Promise<RawSocket> {
  const socket = await rawConnect(path);
  raws.push(socket);
  return socket;
}
const hubToken = async (): Promise<string> =>
  (await readFile(`${hub.home}/hub.token`, 'utf8')).trim();
const attachedNames = async (): Promise<string[]> =>
  (
    JSON.parse((await cli('sessions', '--json')).stdout) as { attached: Array<{ name: string }> }
  ).attached.map((s) => s.name);

/** What a remote is, without the times that change as it is used. */
const remoteShapes = async (): Promise<unknown[]> =>
  (await remoteList(hub.home)).map(({ name, host, keep_connected, link }) => ({
    name,
    host,
    keep_connected,
    link: link.state,
  }));

/** A remote session on the remote socket, authenticated with `credential`. */
async function remoteSession(name: string, credential = token): Promise<RawSocket> {
  const socket = await raw(remoteSocketOf(hub.home));
  socket.write(
    line({
      type: 'hello',
      ...(await proveAsRemote(socket, credential, 'session')),
      session: session(name),
    }),
  );
  await eventually(() =>
    expect(afterChallenge(socket)).toContainEqual(expect.objectContaining({ type: 'welcome' })),
  );
  return socket;
}

describe('credentials at the wrong socket', () => {
  it('the local hub token on the remote socket → refused', async () => {
    const socket = await raw(remoteSocketOf(hub.home));
    const proof = await proveTo(socket, await hubToken(), 'session');
    socket.write(line({ type: 'hello', ...proof, session: session('sneaky') }));
    await socket.closed;
    expect(afterChallenge(socket)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
    expect(await attachedNames()).toEqual([]);
  });

  it('the local hub token as a control client on the remote socket → refused', async () => {
    const socket = await raw(remoteSocketOf(hub.home));
    socket.write(
      line({ type: 'control_hello', ...(await proveTo(socket, await hubToken(), 'control')) }),
    );
    await socket.closed;
    expect(afterChallenge(socket)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
  });

  it('a remote credential on the local socket → refused', async () => {
    const socket = await raw(hub.socket);
    socket.write(
      line({
        type: 'hello',
        ...(await proveAsRemote(socket, token, 'session')),
        session: session('x'),
      }),
    );
    await socket.closed;
    expect(afterChallenge(socket)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
    expect(await attachedNames()).toEqual([]);
  });

  it('the real helper given a remote credential but the local socket → refused, nothing attached', async () => {
    const dir = await tempDir('sb-attack-remote-cred-');
    const credential = await writeCredential(dir.dir, token);
    const helper = await connectRemoteHelper({
      home: hub.home,
      credential,
      session: 'x',
      socket: hub.socket,
    });
    helpers.push(helper);
    await eventually(() => expect(helper.stderr()).toMatch(/hub refused the connection/));
    expect(await attachedNames()).toEqual([]);
    await dir.cleanup();
  });
});

describe('a remote credential trying control operations', () => {
  it.each(['remote socket', 'local socket'])('control_hello on the %s → refused', async (where) => {
    const socket = await raw(where === 'remote socket' ? remoteSocketOf(hub.home) : hub.socket);
    socket.write(
      line({ type: 'control_hello', ...(await proveAsRemote(socket, token, 'control')) }),
    );
    await socket.closed;
    expect(afterChallenge(socket)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
  });

  it('the list tried below is every operation the hub handles', async () => {
    const inSource = await controlOpsInSource();
    expect(inSource.length).toBeGreaterThan(25);
    expect(CONTROL_OPS.map(([op]) => op).sort()).toEqual(inSource);
  });

  it('every control operation from a remote session → refused, and nothing changed', async () => {
    // A prompt waiting from a local session: permissions.decide must not settle it.
    const local = await connectHelper({ home: hub.home, session: 'local' });
    helpers.push(local);
    await eventually(async () => expect(await attachedNames()).toContain('local'));
    await local.requestPermission({
      request_id: 'abcde',
      tool_name: 'Bash',
      description: 'ls',
      input_preview: '{}',
    });
    await eventually(async () =>
      expect((await cli('permissions', 'list', '--json')).stdout).toContain('abcde'),
    );
    const before = {
      hubToken: await hubToken(),
      dashboard: await readFile(`${hub.home}/dashboard.token`, 'utf8'),
      remotes: await remoteShapes(),
    };

    for (const [op, args] of CONTROL_OPS) {
      const socket = await remoteSession('worker');
      socket.write(line({ type: 'control', v: 2, id: '1', op, args }));
      await socket.closed;
      const answers = afterChallenge(socket).filter((f) => (f as { type: string }).type !== 'ping');
      expect(answers, op).toEqual([
        expect.objectContaining({ type: 'welcome' }),
        expect.objectContaining({ type: 'error', code: 'bad-frame' }),
      ]);
    }

    expect(await hubToken()).toBe(before.hubToken);
    expect(await readFile(`${hub.home}/dashboard.token`, 'utf8')).toBe(before.dashboard);
    expect(await remoteShapes()).toEqual(before.remotes);
    // Its credential still works: not rotated, not removed.
    await remoteSession('still-box');
    expect(JSON.parse((await cli('senders', 'list', '--json')).stdout)).toEqual([]);
    expect((await cli('permissions', 'list', '--json')).stdout).toContain('abcde');
    expect(local.verdicts.items).toEqual([]);
    expect(JSON.parse((await cli('projects', 'list', '--json')).stdout)).toEqual([]);
  }, 120_000);
});

describe('a remote session posing as a local one', () => {
  it('a remote session named like a local one gets its REMOTE: prefix and none of its chats', async () => {
    const local = await connectHelper({ home: hub.home, session: 'work' });
    helpers.push(local);
    await eventually(async () => expect(await attachedNames()).toContain('work'));
    const chat = webchat(hub);
    expect(await chat.bind('work')).toBe(200);

    const dir = await tempDir('sb-attack-remote-work-');
    const credential = await writeCredential(dir.dir, token);
    const remote = await connectRemoteHelper({ home: hub.home, credential, session: 'work' });
    helpers.push(remote);
    await eventually(async () => expect(await attachedNames()).toEqual(['work', 'box:work']));

    await chat.post('for the local work session');
    expect((await local.events.next()).content).toBe('for the local work session');
    const reply = await remote.callTool('reply', { chat_id: 'web:main', text: 'I am work too' });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toContain('not routed to this session (box:work)');
    const history = await remote.callTool('fetch_messages', { chat_id: 'web:main' });
    expect(history.isError).toBe(true);
    await pause(500);
    expect(remote.events.items).toEqual([]);
    expect((await chat.history()).map((m) => m.text)).not.toContain('I am work too');
    await dir.cleanup();
  });

  it("a remote cannot pick a name with a prefix, its own or another remote's", async () => {
    for (const name of ['box:work', 'other:work', 'work:x']) {
      const socket = await raw(remoteSocketOf(hub.home));
      socket.write(
        line({
          type: 'hello',
          ...(await proveAsRemote(socket, token, 'session')),
          session: session(name),
        }),
      );
      await socket.closed;
      expect(afterChallenge(socket), name).toEqual([
        expect.objectContaining({ code: 'bad-frame' }),
      ]);
    }
    expect(await attachedNames()).toEqual([]);
  });

  it("a remote resuming a departed local session's id does not inherit its name", async () => {
    const local = await raw(hub.socket);
    local.write(
      line({
        type: 'hello',
        ...(await proveTo(local, await hubToken(), 'session')),
        session: session('work'),
      }),
    );
    let sessionId = '';
    await eventually(() => {
      const welcome = afterChallenge(local).find(
        (f) => (f as { type: string }).type === 'welcome',
      ) as { sessionId: string; name: string } | undefined;
      expect(welcome?.name).toBe('work');
      sessionId = welcome?.sessionId ?? '';
    });
    local.socket.destroy();
    await eventually(async () => expect(await attachedNames()).toEqual([]));

    const socket = await raw(remoteSocketOf(hub.home));
    socket.write(
      line({
        type: 'hello',
        ...(await proveAsRemote(socket, token, 'session')),
        session: session('w'),
        resume: sessionId,
      }),
    );
    await eventually(() =>
      expect(afterChallenge(socket)).toContainEqual(
        expect.objectContaining({ type: 'welcome', name: 'box:w' }),
      ),
    );
    const welcome = afterChallenge(socket).find(
      (f) => (f as { type: string }).type === 'welcome',
    ) as {
      sessionId: string;
    };
    expect(welcome.sessionId).not.toBe(sessionId);
  });

  it('a remote session naming a file on the hub machine in a reply → refused', async () => {
    // A raw client skips the helper's own checks: the hub must refuse by itself.
    const socket = await remoteSession('s');
    const chat = webchat(hub);
    await chat.post('hello');
    await eventually(() =>
      expect(afterChallenge(socket)).toContainEqual(expect.objectContaining({ type: 'deliver' })),
    );
    for (const files of [[`${hub.home}/hub.token`], ['upload:never-uploaded'], ['/etc/hostname']]) {
      socket.write(
        line({
          type: 'call',
          id: files[0],
          tool: 'reply',
          args: { chat_id: 'web:main', text: 'here is the hub token', files },
        }),
      );
      await eventually(() =>
        expect(afterChallenge(socket)).toContainEqual(
          expect.objectContaining({ type: 'result', id: files[0], ok: false }),
        ),
      );
    }
    const refusal = afterChallenge(socket).find(
      (f) => (f as { id?: string }).id === `${hub.home}/hub.token`,
    ) as { error: string };
    expect(refusal.error).toContain('not a file this session uploaded');
    expect((await chat.history()).map((m) => m.text)).not.toContain('here is the hub token');
  });
});

describe('files pushed at the hub', () => {
  const chunk = (transfer: string, offset: number, data: Buffer, extra: object = {}) =>
    line({
      type: 'file_chunk',
      transfer,
      offset,
      data: data.toString('base64'),
      last: false,
      ...extra,
    });
  const acks = (socket: RawSocket) =>
    afterChallenge(socket).filter((f) => (f as { type: string }).type === 'file_ack') as Array<{
      transfer: string;
      error?: string;
    }>;

  it('more bytes than announced, chunks out of order, eleven uploads at once → refused', async () => {
    const socket = await remoteSession('pusher');
    socket.write(chunk('big', 0, randomBytes(10), { name: 'a', size: 4 }));
    socket.write(chunk('gap', 0, randomBytes(4), { name: 'b', size: 100 }));
    socket.write(chunk('gap', 50, randomBytes(4)));
    const crowd = await remoteSession('crowd');
    for (let i = 0; i < 11; i++)
      crowd.write(chunk(`many${i}`, 0, randomBytes(1), { name: 'c', size: 10 }));
    await eventually(() => expect(acks(socket).length).toBeGreaterThanOrEqual(3));
    await eventually(() => expect(acks(crowd).length).toBe(11));
    const errorOf = (transfer: string) =>
      acks(socket).find((a) => a.transfer === transfer && a.error)?.error;
    expect(errorOf('big')).toContain('more bytes than the 4 announced');
    expect(errorOf('gap')).toContain('in order');
    expect(
      acks(crowd)
        .filter((a) => a.error)
        .map((a) => a.error),
    ).toEqual(['at most 10 uploads may wait at once']);
  });

  it('a local session sending file chunks → closed', async () => {
    const socket = await raw(hub.socket);
    socket.write(
      line({
        type: 'hello',
        ...(await proveTo(socket, await hubToken(), 'session')),
        session: session('l'),
      }),
    );
    await eventually(() =>
      expect(afterChallenge(socket)).toContainEqual(expect.objectContaining({ type: 'welcome' })),
    );
    socket.write(chunk('x', 0, randomBytes(4), { name: 'a', size: 4 }));
    await socket.closed;
    expect(afterChallenge(socket)).toContainEqual(
      expect.objectContaining({ type: 'error', code: 'bad-frame' }),
    );
  });
});

describe('credentials rotated away', () => {
  it('a remote that reconnects with a rotated credential → refused', async () => {
    const old = token;
    const rotated = await cli('remote', 'rotate', 'box', '--json');
    const fresh = (JSON.parse(rotated.stdout) as { credential: string }).credential;

    const socket = await raw(remoteSocketOf(hub.home));
    socket.write(
      line({
        type: 'hello',
        ...(await proveAsRemote(socket, old, 'session')),
        session: session('s'),
      }),
    );
    await socket.closed;
    expect(afterChallenge(socket)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);

    // The old secret under the new key id fails too: the id only says which key to check.
    const spliced = `${fresh.split('.').slice(0, 3).join('.')}.${old.split('.')[3] ?? ''}`;
    const second = await raw(remoteSocketOf(hub.home));
    second.write(
      line({
        type: 'hello',
        ...(await proveAsRemote(second, spliced, 'session')),
        session: session('s'),
      }),
    );
    await second.closed;
    expect(afterChallenge(second)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
    expect(await attachedNames()).toEqual([]);

    await remoteSession('ok', fresh);
    expect(await attachedNames()).toEqual(['box:ok']);
  });
});
