/**
 * Acknowledgements are never starved by bulk intake. A session acknowledges every delivery the
 * moment it arrives while 1,000 Telegram messages come in (getUpdates hands the hub batches of
 * 100); the time from the session writing `delivered` to the hub recording it (`delivered_at`)
 * stays under 50 ms at p99. This is a correctness bound, not a speed target: an acknowledgement
 * recorded late makes a session that dies meanwhile look as if it had received less than it had,
 * so its messages would be sent again. Before intake took turns, acknowledgements waited for the
 * whole batch to be stored.
 */
import { readFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../fakes/fake-telegram';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { rawConnect, type RawSocket } from '../support/raw-socket';
import { proveTo } from '../support/bridge-auth';

const BURST = 1_000;
const P99_BOUND_MS = 50;

describe('acknowledgements under an intake burst', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  const telegram = new FakeTelegram();
  let session: RawSocket | undefined;

  beforeAll(async () => {
    home = await tempDir('sb-ack-');
    await telegram.start();
    hub = await startHub(home.dir, [], {
      SWITCHBOARD_TELEGRAM_TOKEN: telegram.token,
      SWITCHBOARD_TELEGRAM_API_ROOT: telegram.url,
      SWITCHBOARD_TELEGRAM_POLL_TIMEOUT: '1',
    });
    expect((await runCli(['senders', 'allow', 'telegram', '4001', '--home', home.dir])).code).toBe(
      0,
    );
  });
  afterAll(async () => {
    session?.socket.destroy();
    await hub.stop();
    await telegram.stop();
    await home.cleanup();
  });

  it(`records a helper's delivered within ${P99_BOUND_MS} ms at p99 while ${BURST} messages arrive`, async () => {
    const sentAt = new Map<number, number>();
    session = await rawConnect(hub.socket);
    const raw = session;
    let buffer = '';
    // A helper that acknowledges each delivery as soon as it reads it, noting when it wrote the ack.
    raw.socket.on('data', (chunk: Buffer | string) => {
      buffer += chunk.toString();
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const frame = JSON.parse(buffer.slice(0, end)) as { type: string; deliveryId?: string };
        buffer = buffer.slice(end + 1);
        if (frame.type !== 'deliver' || frame.deliveryId === undefined) continue;
        sentAt.set(Number(frame.deliveryId), Date.now());
        raw.write(`${JSON.stringify({ type: 'delivered', deliveryId: frame.deliveryId })}\n`);
      }
    });
    const token = (await readFile(`${home.dir}/hub.token`, 'utf8')).trim();
    raw.write(
      `${JSON.stringify({
        type: 'hello',
        ...(await proveTo(raw, token, 'session')),
        session: { name: 'acker', cwd: '/', pid: process.pid, channels: 'enabled' },
      })}\n`,
    );
    await eventually(() => expect(raw.frames().some((f) => isType(f, 'welcome'))).toBe(true));

    for (let i = 0; i < BURST; i++)
      telegram.message({
        chat: { id: 4001, type: 'private', first_name: 'Ann' },
        from: { id: 4001, first_name: 'Ann', is_bot: false },
        text: `burst ${i}`,
      });
    await eventually(() => expect(recorded(home.dir).size).toBe(BURST), 60_000, 100);

    const latencies = [...recorded(home.dir)].map(([id, at]) => at - (sentAt.get(id) ?? at));
    latencies.sort((a, b) => a - b);
    const p50 = latencies[Math.floor(latencies.length * 0.5)] ?? 0;
    const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
    const max = latencies.at(-1) ?? 0;
    process.stdout.write(
      `ack latency under a ${BURST}-message Telegram burst: p50 ${p50} ms, p99 ${p99} ms, max ${max} ms\n`,
    );
    expect(sentAt.size).toBe(BURST);
    expect(p99).toBeLessThan(P99_BOUND_MS);
  }, 120_000);
});

function isType(frame: unknown, type: string): boolean {
  return (frame as { type?: unknown } | null)?.type === type;
}

/** Message id → when the hub recorded its acknowledgement. */
function recorded(home: string): Map<number, number> {
  const db = new Database(`${home}/switchboard.db`, { readonly: true });
  try {
    const rows = db
      .prepare<[], { id: number; delivered_at: number }>(
        `SELECT id, delivered_at FROM messages WHERE direction = 'in' AND state = 'delivered'`,
      )
      .all();
    return new Map(rows.map((r) => [r.id, r.delivered_at]));
  } finally {
    db.close();
  }
}
