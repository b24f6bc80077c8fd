/**
 * Helper cold start: spawn → MCP `initialize` answered, as Claude Code experiences it at every
 * session start. Beside the baseline single-process channel server, bundled the same way.
 */
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { startHub } from '../test/support/hub-process';
import { connectChannel } from './processes';
import type { Benchmark, Row } from './row';
import { ms, percentile } from './stats';

const RUNS = 30;
const TARGET_MS = 150;

async function coldStarts(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const channel = await connectChannel(command, args, env);
    times.push(channel.connectMs);
    await channel.close();
  }
  return times;
}

export const coldStart: Benchmark = {
  name: 'helper cold start',
  async run(ctx) {
    const home = await ctx.tempDir();
    const baseline = await coldStarts(process.execPath, [ctx.baselineBundle], {});
    const hubDown = await coldStarts(process.execPath, [ctx.helper], { SWITCHBOARD_HOME: home });
    const hub = await startHub(home);
    let hubUp: number[];
    try {
      hubUp = await coldStarts(process.execPath, [ctx.helper], { SWITCHBOARD_HOME: home });
    } finally {
      await hub.stop();
    }
    const base50 = percentile(baseline, 50);
    const row = (label: string, times: number[]): Row => {
      const p50 = percentile(times, 50);
      return {
        metric: `cold start, ${label} (p50 / p90, ${RUNS} runs)`,
        switchboard: `${ms(p50)} / ${ms(percentile(times, 90))}`,
        baseline: `${ms(base50)} / ${ms(percentile(baseline, 90))}`,
        ratio: `${(p50 / base50).toFixed(2)}×`,
        target: `≤ ${TARGET_MS} ms p50`,
        met: p50 <= TARGET_MS,
        values: {
          p50,
          p90: percentile(times, 90),
          baselineP50: base50,
          baselineP90: percentile(baseline, 90),
        },
      };
    };
    // The standalone executable shipped in the app (Node single-executable application).
    const binary = `${dirname(ctx.helper)}/bin/switchboard-mcp`;
    const sizeMiB = (await stat(binary)).size / 1024 / 1024;
    const standalone = row(
      `standalone executable, ${sizeMiB.toFixed(0)} MiB, hub down`,
      await coldStarts(binary, [], { SWITCHBOARD_HOME: home }),
    );
    standalone.values['sizeMiB'] = sizeMiB;
    return [row('hub running', hubUp), row('hub down', hubDown), standalone];
  },
};
