/**
 * Telegram inbound latency: an update appears at the (fake) Bot API → the hub's long poll returns
 * it → gate, inbox, bridge → the channel notification at the MCP client.
 */
import { FakeTelegram } from '../test/fakes/fake-telegram';
import { runCli } from '../test/support/cli';
import { startHub } from '../test/support/hub-process';
import { connectChannel } from './processes';
import type { Benchmark } from './row';
import { ms, percentile } from './stats';

const MESSAGES = 300;
const WARMUP = 20;
const USER = { id: 7001, is_bot: false, first_name: 'Bench' };

export const telegramLatency: Benchmark = {
  name: 'telegram inbound latency',
  async run(ctx) {
    const telegram = new FakeTelegram();
    await telegram.start();
    const home = await ctx.tempDir();
    const hub = await startHub(home, [], {
      SWITCHBOARD_TELEGRAM_TOKEN: telegram.token,
      SWITCHBOARD_TELEGRAM_API_ROOT: telegram.url,
    });
    try {
      await runCli(['senders', 'allow', 'telegram', String(USER.id), '--home', home]);
      const helper = await connectChannel(process.execPath, [ctx.helper, '--session', 'bench'], {
        SWITCHBOARD_HOME: home,
      });
      const times: number[] = [];
      for (let i = 0; i < WARMUP + MESSAGES; i++) {
        const text = `tg-${i}`;
        const arrived = helper.waitFor(text);
        const sent = performance.now();
        telegram.message({
          chat: { id: USER.id, type: 'private', first_name: 'Bench' },
          from: USER,
          text,
        });
        const at = await arrived;
        if (i >= WARMUP) times.push(at - sent);
      }
      await helper.close();
      return [
        {
          metric: `Telegram inbound, Bot API update → client (p50 / p99, ${MESSAGES} msgs)`,
          switchboard: `${ms(percentile(times, 50))} / ${ms(percentile(times, 99))}`,
          values: { p50: percentile(times, 50), p99: percentile(times, 99) },
        },
      ];
    } finally {
      await hub.stop();
      await telegram.stop();
    }
  },
};
