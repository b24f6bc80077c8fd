/**
 * Scale: 50 Claude Code sessions attached at once, each with its own bound chat; hub memory idle
 * and under load, and delivery latency across them.
 */
import { startHub } from '../test/support/hub-process';
import { webchat } from '../test/support/webchat-client';
import { connectChannel, rssMiB, type ChannelClient } from './processes';
import type { Benchmark, Row } from './row';
import { ms, percentile } from './stats';

const SESSIONS = 50;
const ROUNDS = 10;

export const manySessions: Benchmark = {
  name: '50 sessions',
  async run(ctx) {
    const home = await ctx.tempDir();
    const hub = await startHub(home);
    const helpers: ChannelClient[] = [];
    try {
      const pid = hub.process.pid ?? 0;
      const rssEmpty = await rssMiB(pid);
      const chats = webchat(hub);
      const post = (chat: string, text: string) => chats.post(text, { chat });
      for (let s = 0; s < SESSIONS; s++) {
        helpers.push(
          await connectChannel(process.execPath, [ctx.helper, '--session', `s${s}`], {
            SWITCHBOARD_HOME: home,
          }),
        );
        // Bind chat cN to session sN before anything is posted, so each session gets only its own.
        await chats.bind(`s${s}`, `c${s}`);
      }
      // Every helper attached: one message each arrives.
      await Promise.all(
        helpers.map(async (h, s) => {
          const arrived = h.waitFor(`hello s${s}`);
          await post(`c${s}`, `hello s${s}`);
          await arrived;
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const rssIdle = await rssMiB(pid);
      const latencies: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        await Promise.all(
          helpers.map(async (h, s) => {
            const text = `r${round} s${s}`;
            const arrived = h.waitFor(text);
            const sent = performance.now();
            await post(`c${s}`, text);
            latencies.push((await arrived) - sent);
          }),
        );
      }
      const rssLoad = await rssMiB(pid);
      const rows: Row[] = [
        {
          metric: `${SESSIONS} sessions attached: latency p50 / p99 (${SESSIONS * ROUNDS} msgs, ${SESSIONS} at a time)`,
          switchboard: `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`,
          values: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
        },
        {
          metric: 'hub RSS: no sessions / 50 idle / after load',
          switchboard: `${rssEmpty.toFixed(0)} / ${rssIdle.toFixed(0)} / ${rssLoad.toFixed(0)} MiB`,
          values: { rssEmptyMiB: rssEmpty, rssIdleMiB: rssIdle, rssLoadMiB: rssLoad },
        },
      ];
      return rows;
    } finally {
      await Promise.all(helpers.map((h) => h.close()));
      await hub.stop();
    }
  },
};
