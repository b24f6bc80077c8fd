/**
 * Inbound latency: a web chat post → the channel notification at the MCP client, one message at a
 * time, through hub → socket → helper; beside the baseline where the MCP server receives the post
 * itself. The difference is what the hub's extra hop costs.
 */
import { startHub } from '../test/support/hub-process';
import { webchat } from '../test/support/webchat-client';
import { connectChannel, stderrJson } from './processes';
import type { Benchmark } from './row';
import { ms, percentile } from './stats';

const WARMUP = 50;
const MESSAGES = 500;

async function measure(
  post: (text: string) => Promise<unknown>,
  waitFor: (text: string) => Promise<number>,
  label: string,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + MESSAGES; i++) {
    const text = `${label}-${i}`;
    const arrived = waitFor(text);
    const sent = performance.now();
    await post(text);
    const at = await arrived;
    if (i >= WARMUP) times.push(at - sent);
  }
  return times;
}

export const inboundLatency: Benchmark = {
  name: 'inbound latency',
  async run(ctx) {
    const baselineChannel = await connectChannel(process.execPath, [ctx.baselineBundle], {});
    const { port } = await stderrJson<{ port: number }>(baselineChannel);
    const baseline = await measure(
      (text) =>
        fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: JSON.stringify({ text }) }).then(
          (r) => r.arrayBuffer(),
        ),
      (text) => baselineChannel.waitFor(text),
      'base',
    );
    await baselineChannel.close();

    const home = await ctx.tempDir();
    const hub = await startHub(home);
    try {
      const helper = await connectChannel(process.execPath, [ctx.helper, '--session', 'bench'], {
        SWITCHBOARD_HOME: home,
      });
      const chats = webchat(hub);
      const post = (text: string) => chats.post(text);
      // The helper attaches in the background; a first message waits for it and then arrives.
      const attached = helper.waitFor('attach');
      await post('attach');
      await attached;
      const ours = await measure(post, (text) => helper.waitFor(text), 'sb');
      await helper.close();
      const p50 = percentile(ours, 50);
      const b50 = percentile(baseline, 50);
      return [
        {
          metric: `inbound latency, web chat → client (p50 / p99, ${MESSAGES} msgs)`,
          switchboard: `${ms(p50)} / ${ms(percentile(ours, 99))}`,
          baseline: `${ms(b50)} / ${ms(percentile(baseline, 99))}`,
          ratio: `${(p50 / b50).toFixed(2)}×`,
          target: 'extra hop < 1 ms at p50',
          met: p50 - b50 < 1,
          values: {
            p50,
            p99: percentile(ours, 99),
            baselineP50: b50,
            baselineP99: percentile(baseline, 99),
            extraHopP50: p50 - b50,
          },
        },
      ];
    } finally {
      await hub.stop();
    }
  },
};
