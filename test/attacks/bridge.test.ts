/**
 * Attacks on the bridge socket, against the real hub, helper and CLI: another local user squatting
 * the socket's directory, a process posing as the hub, and token holders or strangers trying to
 * crowd out, exhaust or confuse the hub.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hubPaths } from '../../src/shared/paths';
import { afterChallenge, proveTo } from '../support/bridge-auth';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { connectHelper } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { canBecomeAnotherUser, startImpostor, type Impostor } from '../support/impostor';
import { tempDir } from '../support/paths';
import { rawConnect, type RawSocket } from '../support/raw-socket';
import { webchat } from '../support/webchat-client';

/** No per-user runtime directory: the socket of a deep home falls back to the shared /tmp. */
const SHARED_TMP = { XDG_RUNTIME_DIR: '' };
const line = (frame: unknown): string => `${JSON.stringify(frame)}\n`;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let base: { dir: string; cleanup: () => Promise<void> };
const cleanups: Array<() => Promise<unknown>> = [];
beforeEach(async () => {
  base = await tempDir('sb-attack-bridge-');
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await base.cleanup();
});
const track = <T extends { close?: () => Promise<unknown>; stop?: () => Promise<unknown> }>(
  thing: T,
): T => {
  cleanups.push(() => (thing.stop ?? thing.close ?? (() => Promise.resolve()))());
  return thing;
};

/** A home too deep for `<home>/hub.sock`, with a token left by an earlier run. */
async function deepHome(): Promise<{ home: string; token: string; socket: string }> {
  const home = `${base.dir}/${'deep-'.repeat(20)}`;
  await mkdir(home, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString('hex');
  await writeFile(`${home}/hub.token`, `${token}\n`, { mode: 0o600 });
  const paths = hubPaths(home, { env: SHARED_TMP, tmpdir: tmpdir() });
  expect(paths.socketDir.startsWith(tmpdir())).toBe(true);
  cleanups.push(() => runAs0(['rm', '-rf', paths.socketDir]));
  return { home, token, socket: paths.socket };
}

async function runAs0(argv: string[]): Promise<void> {
  const { spawn } = await import('node:child_process');
  await new Promise<void>((resolve) => {
    const [command, ...args] = argv;
    spawn(command as string, args, { stdio: 'ignore' }).once('exit', () => resolve());
  });
}

describe.skipIf(!canBecomeAnotherUser)('another local user squats the socket directory', () => {
  if (!canBecomeAnotherUser)
    process.stderr.write('skipped: becoming another Unix user needs root (setpriv)\n');

  let squat: { home: string; token: string; socket: string };
  let impostor: Impostor;
  beforeEach(async () => {
    squat = await deepHome();
    // The other user gets there first: their directory, open to all, their socket inside.
    impostor = track(await startImpostor(squat.socket, { asOtherUser: true, dirMode: '777' }));
  });

  it("a helper never connects to the squatter's socket, so it learns nothing", async () => {
    const helper = track(
      await connectHelper({ home: squat.home, session: 'victim', env: SHARED_TMP }),
    );
    await eventually(() => expect(helper.stderr()).toMatch(/belongs to another user/));
    await pause(2_500); // a few of the helper's retries
    expect(impostor.connections()).toBe(0);
    expect(impostor.received()).not.toContain(squat.token);
    expect(helper.events.items).toEqual([]);
    expect(helper.verdicts.items).toEqual([]);
  });

  it('the hub refuses to start there, naming the directory and its owner', async () => {
    const error = await startHub(squat.home, [], SHARED_TMP).then(
      (hub) => {
        track(hub);
        return undefined;
      },
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/belongs to another user \(uid 4242/);
    expect(error?.message).toContain(
      hubPaths(squat.home, { env: SHARED_TMP, tmpdir: tmpdir() }).socketDir,
    );
    expect(impostor.received()).toBe('');
  });

  it("the CLI refuses to talk to the squatter's socket", async () => {
    const result = await runCli(['status', '--json', '--home', squat.home], SHARED_TMP);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/belongs to another user/);
    expect(result.stdout).not.toContain('impostor');
    expect(impostor.connections()).toBe(0);
  });
});

describe('a process posing as the hub at the socket path', () => {
  let home: string;
  let token: string;
  let impostor: Impostor;
  beforeEach(async () => {
    home = `${base.dir}/home`;
    await mkdir(home, { mode: 0o700 });
    token = randomBytes(32).toString('hex');
    await writeFile(`${home}/hub.token`, `${token}\n`, { mode: 0o600 });
    // Even where the directory checks pass, the socket alone is never trusted.
    impostor = track(await startImpostor(`${home}/hub.sock`));
  });

  it('gets a proof but never the token, and its forged event and verdict are ignored', async () => {
    const helper = track(await connectHelper({ home, session: 'victim' }));
    await helper.requestPermission({
      request_id: 'abcde',
      tool_name: 'Bash',
      description: 'rm -rf ~',
      input_preview: '{}',
    });
    await eventually(() => expect(helper.stderr()).toMatch(/could not prove it is Switchboard/));
    expect(impostor.received()).toContain('"type":"hello"');
    expect(impostor.received()).not.toContain(token);
    await pause(500);
    expect(helper.events.items).toEqual([]);
    expect(helper.verdicts.items).toEqual([]);
    const reply = await helper.callTool('reply', { chat_id: 'web:main', text: 'hi' });
    expect(reply.isError).toBe(true);
  });

  it('cannot replay what the helper sent it to the real hub', async () => {
    const helper = track(await connectHelper({ home, session: 'victim' }));
    await eventually(() => expect(impostor.received()).toContain('"type":"hello"'));
    await helper.close();
    const captured =
      impostor
        .received()
        .split('\n')
        .find((l) => l.includes('"hello"')) ?? '';
    await impostor.stop();
    const hub = track(await startHub(home));
    const raw = await rawConnect(hub.socket);
    raw.write(`${captured}\n`);
    await raw.closed;
    expect(afterChallenge(raw)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
  });

  it('is not believed by the CLI', async () => {
    const result = await runCli(['permissions', 'list', '--json', '--home', home]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/could not prove it is Switchboard/);
    expect(impostor.received()).not.toContain(token);
  });
});

describe('crowding and exhausting the socket', () => {
  let hub: HubProcess;
  let home: string;
  beforeEach(async () => {
    home = `${base.dir}/home`;
    hub = track(await startHub(home));
  });

  /** Keeps `count` connections open that never say hello, reopening any the hub closes. */
  function holdIdle(count: number): { stop: () => Promise<void>; reopened: () => number } {
    let stopped = false;
    let reopened = 0;
    const live = new Set<RawSocket>();
    const open = (): void => {
      if (stopped) return;
      rawConnect(hub.socket).then(
        (raw) => {
          live.add(raw);
          void raw.closed.then(() => {
            live.delete(raw);
            reopened++;
            setTimeout(open, 20);
          });
        },
        () => setTimeout(open, 10),
      );
    };
    for (let i = 0; i < count; i++) open();
    return {
      reopened: () => reopened,
      stop: () => {
        stopped = true;
        for (const raw of live) raw.socket.destroy();
        return Promise.resolve();
      },
    };
  }

  it('600 idle connections held open do not keep a helper out: it gets in on its first try', async () => {
    const flood = holdIdle(600);
    cleanups.push(flood.stop);
    await pause(1_000);
    const helper = track(
      await connectHelper({ home, session: 'real', env: { SWITCHBOARD_DEBUG: '1' } }),
    );
    await webchat(hub).post('through the crowd');
    await helper.events.waitFor((e) => e.content === 'through the crowd', 15_000);
    // Refused attempts would show as "hub disconnected" before the helper connected.
    expect(helper.stderr().split('connected to Switchboard')[0]).not.toMatch(/hub disconnected/);
    expect(flood.reopened()).toBeGreaterThan(0);
  });

  const rss = async (pid: number | undefined): Promise<number> =>
    Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
  const junk = Buffer.alloc(1024 * 1024 - 1, 0x61);

  it('strangers sending 1 MiB unfinished lines on 200 connections do not grow the hub', async () => {
    const before = await rss(hub.process.pid);
    const sockets: RawSocket[] = [];
    cleanups.push(() => {
      for (const raw of sockets) raw.socket.destroy();
      return Promise.resolve();
    });
    for (let i = 0; i < 200; i++) {
      const raw = await rawConnect(hub.socket);
      sockets.push(raw);
      raw.write(junk);
    }
    await pause(1_500);
    expect((await rss(hub.process.pid)) - before).toBeLessThan(64 * 1024 * 1024);
    const helper = track(await connectHelper({ home, session: 'after-the-flood' }));
    await webchat(hub).post('still here');
    await helper.events.waitFor((e) => e.content === 'still here', 15_000);
  });

  it('token holders holding 1 MiB unfinished frames share one bounded budget', async () => {
    const before = await rss(hub.process.pid);
    const token = (await readFile(`${home}/hub.token`, 'utf8')).trim();
    const sockets: RawSocket[] = [];
    cleanups.push(() => {
      for (const raw of sockets) raw.socket.destroy();
      return Promise.resolve();
    });
    for (let i = 0; i < 100; i++) {
      const raw = await rawConnect(hub.socket);
      sockets.push(raw);
      const auth = await proveTo(raw, token, 'session');
      raw.write(line({ type: 'hello', ...auth, session: { name: `s${i}`, cwd: '/', pid: 1 } }));
      raw.write(junk);
    }
    await pause(1_500);
    expect((await rss(hub.process.pid)) - before).toBeLessThan(96 * 1024 * 1024);
    const refused = sockets.filter((raw) =>
      raw.frames().some((f) => (f as { code?: string }).code === 'busy'),
    );
    expect(refused.length).toBeGreaterThan(50);
  });
});

describe('a token holder abusing its session', () => {
  let hub: HubProcess;
  let home: string;
  let token: string;
  beforeEach(async () => {
    home = `${base.dir}/home`;
    hub = track(await startHub(home));
    token = (await readFile(`${home}/hub.token`, 'utf8')).trim();
  });

  async function session(name: string): Promise<RawSocket> {
    const raw = await rawConnect(hub.socket);
    cleanups.push(() => Promise.resolve(raw.socket.destroy()));
    raw.write(
      line({
        type: 'hello',
        ...(await proveTo(raw, token, 'session')),
        session: { name, cwd: '/', pid: 1, channels: 'enabled' },
      }),
    );
    await eventually(() => expect(afterChallenge(raw)[0]).toMatchObject({ type: 'welcome' }));
    return raw;
  }
  const deliveries = (raw: RawSocket): Array<{ deliveryId: string; content: string }> =>
    raw.frames().filter((f) => (f as { type: string }).type === 'deliver') as Array<{
      deliveryId: string;
      content: string;
    }>;

  it("acknowledging another session's delivery does not mark it delivered", async () => {
    const thief = await session('thief');
    const victim = await session('victim'); // attached last: unbound chats go here
    await webchat(hub).post('for the victim');
    await eventually(() => expect(deliveries(victim)).toHaveLength(1));
    const [delivery] = deliveries(victim);
    thief.write(line({ type: 'delivered', deliveryId: delivery?.deliveryId }));
    await pause(500);
    const [message] = (await webchat(hub).history()).filter((m) => m.text === 'for the victim');
    expect(message?.state).toBe('received');
    // The victim goes away without acknowledging: the message is sent again, not lost.
    victim.socket.destroy();
    await eventually(() =>
      expect(deliveries(thief).map((d) => d.content)).toContain('for the victim'),
    );
  });

  it('1,500 permission prompts from one session: 20 wait, the rest stay in its terminal', async () => {
    const flood = await session('flood');
    const letters = 'abcdefghijkmnopqrstuvwxyz';
    const id = (n: number): string =>
      Array.from({ length: 5 }, (_, i) => letters[Math.floor(n / 25 ** i) % 25]).join('');
    let frames = '';
    for (let n = 0; n < 1_500; n++)
      frames += line({
        type: 'permission_request',
        request_id: id(n),
        tool_name: 'Bash',
        description: 'x',
        input_preview: '{}',
      });
    flood.write(frames);
    await eventually(async () => {
      const list = await runCli(['permissions', 'list', '--json', '--home', home]);
      expect(list.code).toBe(0);
      expect(JSON.parse(list.stdout)).toHaveLength(20);
    }, 20_000);
    const status = await runCli(['status', '--json', '--home', home]);
    expect(JSON.parse(status.stdout)).toMatchObject({ pending: { permissions: 20 } });
  });
});

describe('whatever stands at the socket path', () => {
  it('an empty directory of ours left at hub.sock is removed, with a warning', async () => {
    const home = `${base.dir}/home`;
    await mkdir(`${home}/hub.sock`, { recursive: true });
    const hub = track(await startHub(home));
    expect(hub.stderr()).toMatch(/removed the empty directory .*hub\.sock/);
    expect((await runCli(['status', '--home', home])).code).toBe(0);
  });

  it('a directory with files at hub.sock stops the hub with a clear message', async () => {
    const home = `${base.dir}/home`;
    await mkdir(`${home}/hub.sock`, { recursive: true });
    await writeFile(`${home}/hub.sock/notes.txt`, 'mine');
    const error = await startHub(home).then(
      (hub) => {
        track(hub);
        return undefined;
      },
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain(`${home}/hub.sock is a directory with files in it`);
    expect(await readFile(`${home}/hub.sock/notes.txt`, 'utf8')).toBe('mine');
  });
});
