/** Discord inbound latency: a gateway MESSAGE_CREATE (fake Discord) → the notification at the MCP client. */
import { runCli } from '../test/support/cli';
import { ANN, DM_ANN, startDiscordHub } from '../test/support/discord-hub';
import { connectChannel } from './processes';
import type { Benchmark } from './row';
import { ms, percentile } from './stats';

const MESSAGES = 300;
const WARMUP = 20;

export const discordLatency: Benchmark = {
  name: 'discord inbound latency',
  async run(ctx) {
    const home = await ctx.tempDir();
    const { hub, discord } = await startDiscordHub(home);
    try {
      await runCli(['senders', 'allow', 'discord', ANN.id, '--home', home]);
      const helper = await connectChannel(process.execPath, [ctx.helper, '--session', 'bench'], {
        SWITCHBOARD_HOME: home,
      });
      const times: number[] = [];
      for (let i = 0; i < WARMUP + MESSAGES; i++) {
        const text = `dc-${i}`;
        const arrived = helper.waitFor(text);
        const sent = performance.now();
        discord.post(DM_ANN, ANN, text);
        const at = await arrived;
        if (i >= WARMUP) times.push(at - sent);
      }
      await helper.close();
      return [
        {
          metric: `Discord inbound, gateway event → client (p50 / p99, ${MESSAGES} msgs)`,
          switchboard: `${ms(percentile(times, 50))} / ${ms(percentile(times, 99))}`,
          values: { p50: percentile(times, 50), p99: percentile(times, 99) },
        },
      ];
    } finally {
      await hub.stop();
      await discord.stop();
    }
  },
};
