import { createHmac, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { proofMessage } from '../../../../src/shared/bridge-protocol';
import { localCredentials } from '../../../../src/main/bridge/auth';
import {
  createBridgeServer,
  type BridgeConnection,
  type BridgeLimits,
  type BridgeServer,
  type SessionEnd,
} from '../../../../src/main/bridge/server';
import { silentLogger } from '../../../../src/main/log';
import { afterChallenge, challengeOf, proveTo } from '../../../support/bridge-auth';
import { eventually } from '../../../support/eventually';
import { tempDir } from '../../../support/paths';
import { rawConnect, type RawSocket } from '../../../support/raw-socket';

const TOKEN = 'ab'.repeat(32);
const session = { name: 'alpha', cwd: '/', pid: 1 };
const line = (frame: unknown): string => `${JSON.stringify(frame)}\n`;

describe('bridge server', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let server: BridgeServer;
  let token: string;
  let hellos: BridgeConnection[];
  let acks: Array<{ connection: number; deliveryId: string }>;
  let ends: SessionEnd[];
  const open: RawSocket[] = [];

  async function start(limits: Partial<BridgeLimits> = {}): Promise<void> {
    server = createBridgeServer({
      location: { socket: `${dir.dir}/hub.sock`, socketDir: dir.dir, home: dir.dir },
      credentials: localCredentials(() => token),
      log: silentLogger,
      limits,
      handlers: {
        onHello: (connection) => {
          hellos.push(connection);
          return { ok: true, sessionId: `s${connection.id}`, name: `n${connection.id}` };
        },
        onDelivered: (connection, deliveryId) =>
          void acks.push({ connection: connection.id, deliveryId }),
        onPermissionRequest: () => undefined,
        onCall: () => undefined,
        onControl: (frame) => Promise.resolve({ ok: true, data: { op: frame.op } }),
        onClose: (_connection, end) => void ends.push(end),
      },
    });
    await server.listen();
  }

  async function connect(): Promise<RawSocket> {
    const raw = await rawConnect(`${dir.dir}/hub.sock`);
    open.push(raw);
    return raw;
  }

  async function attach(): Promise<RawSocket> {
    const raw = await connect();
    raw.write(line({ type: 'hello', ...(await proveTo(raw, token, 'session')), session }));
    await eventually(() => expect(afterChallenge(raw)).toHaveLength(1));
    return raw;
  }

  beforeEach(async () => {
    dir = await tempDir('sb-bridge-');
    token = TOKEN;
    hellos = [];
    acks = [];
    ends = [];
  });
  afterEach(async () => {
    for (const raw of open.splice(0)) raw.socket.destroy();
    await server.close();
    await dir.cleanup();
  });

  it('speaks first with a fresh challenge on every connection', async () => {
    await start();
    const [a, b] = [await connect(), await connect()];
    const [na, nb] = [await challengeOf(a), await challengeOf(b)];
    expect(na).toMatch(/^[0-9a-f]{64}$/);
    expect(na).not.toBe(nb);
  });

  it('answers a correct proof with its own, which the client can check', async () => {
    await start();
    const raw = await connect();
    const auth = await proveTo(raw, token, 'session');
    raw.write(line({ type: 'hello', ...auth, session }));
    await eventually(() => expect(afterChallenge(raw)).toHaveLength(1));
    const welcome = afterChallenge(raw)[0] as { type: string; proof: string };
    expect(welcome.type).toBe('welcome');
    const hubNonce = await challengeOf(raw);
    const expected = createHmac('sha256', token)
      .update(proofMessage('hub', 'session', hubNonce, auth.nonce))
      .digest('hex');
    expect(welcome.proof).toBe(expected);
    expect(JSON.stringify(raw.frames())).not.toContain(token);
  });

  it.each([
    [
      'a proof made with another key',
      async (raw: RawSocket) => proveTo(raw, 'cd'.repeat(32), 'session'),
    ],
    ['a proof for the control role', async (raw: RawSocket) => proveTo(raw, TOKEN, 'control')],
    [
      'the challenge echoed back as its own nonce',
      async (raw: RawSocket) => {
        const hubNonce = await challengeOf(raw);
        const proof = createHmac('sha256', TOKEN)
          .update(proofMessage('client', 'session', hubNonce, hubNonce))
          .digest('hex');
        return { v: 2, nonce: hubNonce, proof };
      },
    ],
    [
      "the hub's own proof reflected back",
      async (raw: RawSocket) => {
        const hubNonce = await challengeOf(raw);
        const nonce = randomBytes(32).toString('hex');
        const proof = createHmac('sha256', TOKEN)
          .update(proofMessage('hub', 'session', hubNonce, nonce))
          .digest('hex');
        return { v: 2, nonce, proof };
      },
    ],
  ])('refuses %s', async (_label, prove) => {
    await start();
    const raw = await connect();
    raw.write(line({ type: 'hello', ...(await prove(raw)), session }));
    await raw.closed;
    expect(afterChallenge(raw)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
    expect(hellos).toEqual([]);
  });

  it('refuses a proof replayed on a new connection (its challenge is fresh)', async () => {
    await start();
    const first = await connect();
    const auth = await proveTo(first, token, 'session');
    first.write(line({ type: 'hello', ...auth, session }));
    await eventually(() => expect(hellos).toHaveLength(1));
    const second = await connect();
    await challengeOf(second);
    second.write(line({ type: 'hello', ...auth, session }));
    await second.closed;
    expect(afterChallenge(second)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
  });

  it('names a credential it does not know as unauthorized (room for per-remote keys)', async () => {
    await start();
    const raw = await connect();
    const auth = await proveTo(raw, token, 'session');
    raw.write(line({ type: 'hello', ...auth, credential: 'remote:laptop', session }));
    await raw.closed;
    expect(afterChallenge(raw)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
  });

  it('runs control operations only after control_hello, never with a session hello', async () => {
    await start();
    const before = await connect();
    before.write(line({ type: 'control', v: 2, id: '1', op: 'status' }));
    await before.closed;
    expect(afterChallenge(before)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);

    const sessionConn = await attach();
    sessionConn.write(line({ type: 'control', v: 2, id: '1', op: 'status' }));
    await sessionConn.closed;

    const cli = await connect();
    cli.write(line({ type: 'control_hello', ...(await proveTo(cli, token, 'control')) }));
    cli.write(line({ type: 'control', v: 2, id: '7', op: 'status' }));
    await eventually(() =>
      expect(afterChallenge(cli)).toContainEqual(
        expect.objectContaining({ type: 'control_result', id: '7', ok: true }),
      ),
    );
  });

  it('accepts a delivered only for a delivery sent on that connection', async () => {
    await start();
    const a = await attach();
    const b = await attach();
    const [ca, cb] = hellos;
    ca?.send({ type: 'deliver', deliveryId: '41', content: 'for a', meta: {} });
    await eventually(() =>
      expect(a.frames()).toContainEqual(expect.objectContaining({ deliveryId: '41' })),
    );
    b.write(line({ type: 'delivered', deliveryId: '41' }));
    b.write(line({ type: 'delivered', deliveryId: '9999' }));
    a.write(line({ type: 'delivered', deliveryId: '41' }));
    a.write(line({ type: 'delivered', deliveryId: '41' }));
    await eventually(() => expect(acks).toEqual([{ connection: ca?.id, deliveryId: '41' }]));
    expect(cb).toBeDefined();
  });

  it('evicts the oldest unauthenticated connection for a newcomer, so a helper always gets in', async () => {
    await start({ maxUnauthenticated: 4 });
    const idle = [];
    for (let i = 0; i < 4; i++) idle.push(await connect());
    const helper = await attach();
    await idle[0]?.closed;
    expect(afterChallenge(helper)[0]).toMatchObject({ type: 'welcome' });
    expect(server.connectionCount()).toBe(4);
  });

  it('evicts connections that never spoke before one that did', async () => {
    await start({ maxUnauthenticated: 3 });
    const talker = await connect();
    talker.write(line({ type: 'ping' }));
    await eventually(() => expect(afterChallenge(talker)).toEqual([{ type: 'pong' }]));
    const silent = [await connect(), await connect()];
    await connect();
    await silent[0]?.closed;
    expect(talker.socket.destroyed).toBe(false);
    expect(silent[1]?.socket.destroyed).toBe(false);
  });

  it('holds unauthenticated frames to 16 KiB', async () => {
    await start();
    const raw = await connect();
    raw.write('x'.repeat(17 * 1024));
    await raw.closed;
    expect(afterChallenge(raw)).toEqual([expect.objectContaining({ code: 'too-large' })]);
  });

  it('bounds unfinished input across all connections', async () => {
    await start({ maxBufferedBytes: 64 * 1024 });
    const sessions = [await attach(), await attach()];
    sessions[0]?.write('y'.repeat(40 * 1024));
    await new Promise((resolve) => setTimeout(resolve, 100));
    sessions[1]?.write('z'.repeat(40 * 1024));
    await sessions[1]?.closed;
    expect(afterChallenge(sessions[1] as RawSocket)).toContainEqual(
      expect.objectContaining({ code: 'busy' }),
    );
    // The first keeps its connection and its budget comes back when it finishes the line.
    expect(sessions[0]?.socket.destroyed).toBe(false);
  });

  it('closes every connection on rotation, and the old key no longer works', async () => {
    await start();
    const before = await attach();
    token = 'ef'.repeat(32);
    server.disconnectAll('the hub token was rotated');
    await before.closed;
    const stale = await connect();
    stale.write(line({ type: 'hello', ...(await proveTo(stale, TOKEN, 'session')), session }));
    await stale.closed;
    expect(afterChallenge(stale)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
    const fresh = await attach();
    expect(afterChallenge(fresh)[0]).toMatchObject({ type: 'welcome' });
  });

  describe("how a session's connection ended", () => {
    it('clean after bye, abnormal when the helper just goes', async () => {
      await start();
      const polite = await attach();
      polite.write(line({ type: 'bye' }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      polite.socket.end();
      await eventually(() => expect(ends).toEqual(['clean']));
      (await attach()).socket.destroy();
      await eventually(() => expect(ends).toEqual(['clean', 'abnormal']));
    });

    it('hub-closed when the hub closes healthy helpers after a rotation, not abnormal', async () => {
      await start();
      const helper = await attach();
      server.disconnectAll('the hub token was rotated');
      await helper.closed;
      await eventually(() => expect(ends).toEqual(['hub-closed']));
    });

    it('abnormal when the hub drops a helper for breaking the protocol', async () => {
      await start();
      const rude = await attach();
      rude.write('not json\n');
      await rude.closed;
      await eventually(() => expect(ends).toEqual(['abnormal']));
    });

    it('hub-stopping when the hub closes its socket', async () => {
      await start();
      const helper = await attach();
      await server.close();
      await helper.closed;
      await eventually(() => expect(ends).toEqual(['hub-stopping']));
      await start();
    });

    it('refuses bye before hello', async () => {
      await start();
      const early = await connect();
      early.write(line({ type: 'bye' }));
      await early.closed;
      expect(afterChallenge(early)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
    });
  });
});
