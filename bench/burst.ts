/**
 * Burst: 1,000 messages posted by 10 chats at once; throughput, loss and per-chat order as one
 * Claude Code session sees them. Measured twice in the same run on the same hub entry: with
 * synchronous=FULL (what ships: every commit survives a power loss, because a platform forgets a
 * message once told it was received) and with the NORMAL setting used before, as the baseline.
 */
import { resolve } from 'node:path';
import { startHub } from '../test/support/hub-process';
import { webchat } from '../test/support/webchat-client';
import { connectChannel, rssMiB } from './processes';
import type { Benchmark, Context, Row } from './row';

const CHATS = 10;
const PER_CHAT = 100;
/** Built by scripts/bench.ts next to the other bench bundles. */
const BURST_HUB = resolve('dist-bench/burst-hub.js');

type Figures = { perSecond: number; lost: number; inOrder: boolean; rss: number };

export const burst: Benchmark = {
  name: 'burst',
  async run(ctx) {
    const before = await measure(ctx, 'normal');
    const after = await measure(ctx, 'full');
    const describe = (f: Figures): string =>
      `${Math.round(f.perSecond)} msg/s, ${f.lost} lost, order ${f.inOrder ? 'kept' : 'BROKEN'}, hub RSS ${f.rss.toFixed(0)} MiB`;
    const row: Row = {
      metric: `burst: ${CHATS * PER_CHAT} msgs from ${CHATS} chats at once (synchronous=FULL vs NORMAL before)`,
      switchboard: describe(after),
      baseline: describe(before),
      ratio: `${(after.perSecond / before.perSecond).toFixed(2)}× throughput`,
      target: 'zero loss, per-chat order',
      met: after.lost === 0 && after.inOrder,
      values: {
        messagesPerSecond: after.perSecond,
        messagesPerSecondNormal: before.perSecond,
        lost: after.lost,
        inOrder: after.inOrder ? 1 : 0,
        hubRssMiB: after.rss,
      },
    };
    return [row];
  },
};

async function measure(ctx: Context, synchronous: 'full' | 'normal'): Promise<Figures> {
  const home = await ctx.tempDir();
  const hub = await startHub(home, ['--synchronous', synchronous], {}, [BURST_HUB]);
  try {
    const received: string[] = [];
    const helper = await connectChannel(process.execPath, [ctx.helper, '--session', 'burst'], {
      SWITCHBOARD_HOME: home,
    });
    const all = new Promise<number>((done) => {
      const original = helper.client.fallbackNotificationHandler;
      helper.client.fallbackNotificationHandler = async (notification) => {
        if (notification.method === 'notifications/claude/channel') {
          received.push((notification.params as { content: string }).content);
          if (received.length === CHATS * PER_CHAT + 1) done(performance.now());
        }
        await original?.(notification);
      };
    });
    const chats = webchat(hub);
    const post = (chat: string, text: string) => chats.post(text, { chat });
    await post('warm', 'warm-up');
    while (received.length === 0) await new Promise((wait) => setTimeout(wait, 10));
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CHATS }, async (_, c) => {
        for (let i = 0; i < PER_CHAT; i++) await post(`c${c}`, `c${c}:${i}`);
      }),
    );
    const finished = await Promise.race([
      all,
      new Promise<number>((timeout) => setTimeout(() => timeout(Number.NaN), 60_000)),
    ]);
    const rss = await rssMiB(hub.process.pid ?? 0);
    await helper.close();
    const inOrder = Array.from({ length: CHATS }, (_, c) =>
      received.filter((t) => t.startsWith(`c${c}:`)).every((t, i) => t === `c${c}:${i}`),
    ).every(Boolean);
    return {
      perSecond: (CHATS * PER_CHAT) / ((finished - started) / 1000),
      lost: CHATS * PER_CHAT - (received.length - 1),
      inOrder,
      rss,
    };
  } finally {
    await hub.stop();
  }
}
