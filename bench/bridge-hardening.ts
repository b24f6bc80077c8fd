/**
 * The bridge under abuse and the cost of its authentication:
 * - recording permission prompts stays O(1): the time for the last 500 of 5,000 recorded against
 *   the first 500 (real SQLite, the hub's own store);
 * - a session flooding 1,500 prompts: how long until the hub has taken them all, and how fast the
 *   CLI answers right after (issue #12 measured 63 s and a 5 s stall before the fix);
 * - the challenge–response handshake: connect → welcome, p50 over 200 connections.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore } from '../src/main/store/store';
import { BRIDGE_VERSION, proofMessage } from '../src/shared/bridge-protocol';
import { afterChallenge, hmac, proveTo } from '../test/support/bridge-auth';
import { startHub } from '../test/support/hub-process';
import { rawConnect } from '../test/support/raw-socket';
import type { Benchmark, Context, Row } from './row';
import { percentile } from './stats';

const line = (frame: unknown): string => `${JSON.stringify(frame)}\n`;

async function recordingStaysFlat(ctx: Context): Promise<Row> {
  const store = openStore(join(await ctx.tempDir(), 'bench.db'), () => 0);
  const times: number[] = [];
  try {
    for (let i = 0; i < 5_000; i++) {
      const started = performance.now();
      store.permissions.record({
        request_id: `r${i}`,
        tool_name: 'Bash',
        description: 'd',
        input_preview: '{}',
        sessionId: `s${i % 250}`,
        sessionName: 'n',
        createdAt: i,
      });
      store.permissions.openCount(`s${i % 250}`);
      times.push(performance.now() - started);
    }
  } finally {
    store.close();
  }
  // Medians: WAL checkpoints land on a few records and would swamp a sum.
  const first = percentile(times.slice(0, 500), 50);
  const last = percentile(times.slice(-500), 50);
  return {
    metric: 'recording a permission prompt: last 500 of 5,000 vs first 500 (median)',
    switchboard: `${(last * 1000).toFixed(0)} µs each`,
    baseline: `${(first * 1000).toFixed(0)} µs each (first 500)`,
    ratio: `${(last / first).toFixed(2)}×`,
    target: '≤ 2× (O(1))',
    met: last / first <= 2,
    values: { firstMedianMs: first, lastMedianMs: last },
  };
}

function cli(ctx: Context, args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    spawn(process.execPath, [ctx.cli, ...args], { stdio: 'ignore' })
      .once('exit', () => resolve(performance.now() - started))
      .once('error', reject);
  });
}

async function hubRows(ctx: Context): Promise<Row[]> {
  const home = await ctx.tempDir();
  const hub = await startHub(home);
  try {
    const token = (await readFile(`${home}/hub.token`, 'utf8')).trim();
    const handshakes: number[] = [];
    const next = (): Promise<void> => new Promise((r) => setImmediate(r));
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      const raw = await rawConnect(hub.socket);
      while (raw.frames().length === 0) await next();
      const hubNonce = (raw.frames()[0] as { nonce: string }).nonce;
      const nonce = randomBytes(32).toString('hex');
      const proof = hmac(token, proofMessage('client', 'control', hubNonce, nonce));
      raw.write(line({ type: 'control_hello', v: BRIDGE_VERSION, nonce, proof }));
      while (afterChallenge(raw).length === 0) await next();
      handshakes.push(performance.now() - started);
      raw.socket.destroy();
    }
    const idle = await cli(ctx, ['status', '--home', home]);
    const flood = await rawConnect(hub.socket);
    const auth = await proveTo(flood, token, 'session');
    flood.write(line({ type: 'hello', ...auth, session: { name: 'flood', cwd: '/', pid: 1 } }));
    const letters = 'abcdefghijkmnopqrstuvwxyz';
    let frames = '';
    for (let n = 0; n < 1_500; n++) {
      const id = Array.from({ length: 5 }, (_, i) => letters[Math.floor(n / 25 ** i) % 25]).join(
        '',
      );
      frames += line({
        type: 'permission_request',
        request_id: id,
        tool_name: 'Bash',
        description: 'x',
        input_preview: '{}',
      });
    }
    const started = performance.now();
    flood.write(frames);
    flood.write(line({ type: 'ping' }));
    while (!afterChallenge(flood).some((f) => (f as { type: string }).type === 'pong'))
      await new Promise((r) => setTimeout(r, 5));
    const taken = performance.now() - started;
    const busy = await cli(ctx, ['permissions', 'list', '--home', home]);
    flood.socket.destroy();
    return [
      {
        metric: 'bridge handshake (challenge–response), connect → welcome',
        switchboard: `p50 ${percentile(handshakes, 50).toFixed(2)} ms, p99 ${percentile(handshakes, 99).toFixed(2)} ms`,
        values: { p50: percentile(handshakes, 50), p99: percentile(handshakes, 99) },
      },
      {
        metric: '1,500 prompts from one session: hub takes them, then the CLI answers',
        switchboard: `${taken.toFixed(0)} ms to take them; CLI ${busy.toFixed(0)} ms right after`,
        baseline: `CLI ${idle.toFixed(0)} ms idle`,
        ratio: `${(busy / idle).toFixed(2)}×`,
        target: 'CLI within 2× of idle',
        met: busy <= idle * 2,
        values: { takenMs: taken, cliBusyMs: busy, cliIdleMs: idle },
      },
    ];
  } finally {
    await hub.stop();
  }
}

export const bridgeHardening: Benchmark = {
  name: 'bridge hardening',
  async run(ctx) {
    return [await recordingStaysFlat(ctx), ...(await hubRows(ctx))];
  },
};
