/**
 * Helper cold start: spawn → `initialize` answered, and → `tools/list` answered right after, as
 * Claude Code waits for them at every session start. Measured on the raw pipe, interleaved in one
 * run (bare node, npm helper, standalone executable, round after round, so load on the machine
 * hits all alike), as ratios to a bare Node process answering one line. Then the same with the hub
 * running, beside the single-process baseline channel server; and the sizes of what ships.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { startHub } from '../test/support/hub-process';
import { timeColdStart, type ColdStartTimes } from './cold-start-runs';
import { connectChannel } from './processes';
import type { Benchmark, Context, Row } from './row';
import { ms, percentile } from './stats';

const RUNS = 40;
/** Rounds run first and thrown away: disk cache, compile cache. */
const WARM_UP_ROUNDS = 3;
const HUB_RUNS = 20;
const TARGET_HUB_MS = 150;
const MAX_EXECUTABLE_MIB = 120;

type Variant = { label: string; command: string; args: string[] };

function variants(ctx: Context): Variant[] {
  const dist = dirname(ctx.helper);
  return [
    { label: 'bare node', command: process.execPath, args: [ctx.bareNode] },
    { label: 'npm helper', command: process.execPath, args: [ctx.helper] },
    { label: 'standalone', command: join(dist, 'bin', 'switchboard-mcp'), args: [] },
  ];
}

async function interleaved(
  list: Variant[],
  env: Record<string, string>,
): Promise<Map<string, ColdStartTimes[]>> {
  const times = new Map(list.map((v) => [v.label, [] as ColdStartTimes[]]));
  for (let round = 0; round < WARM_UP_ROUNDS + RUNS; round++)
    for (const variant of list) {
      const time = await timeColdStart(variant.command, variant.args, env);
      if (round >= WARM_UP_ROUNDS) times.get(variant.label)?.push(time);
    }
  return times;
}

function ratioRow(label: string, times: number[], bare: number[], target: number | undefined): Row {
  const p50 = percentile(times, 50);
  const base50 = percentile(bare, 50);
  const ratio = p50 / base50;
  return {
    metric: `cold start, ${label} (p50 / p90, ${times.length} runs)`,
    switchboard: `${ms(p50)} / ${ms(percentile(times, 90))}`,
    baseline: `bare node ${ms(base50)} / ${ms(percentile(bare, 90))}`,
    ratio: `${ratio.toFixed(2)}×`,
    ...(target === undefined ? {} : { target: `≤ ${target}× bare node`, met: ratio <= target }),
    values: { p50, p90: percentile(times, 90), bareP50: base50, ratio },
  };
}

/** The npm helper and the executable with a hub running, beside the baseline channel server. */
async function withHub(ctx: Context, list: Variant[]): Promise<Row[]> {
  const home = await ctx.tempDir();
  const connect = async (command: string, args: string[], env: Record<string, string>) => {
    const times: number[] = [];
    for (let i = 0; i < HUB_RUNS; i++) {
      const channel = await connectChannel(command, args, env);
      times.push(channel.connectMs);
      await channel.close();
    }
    return times;
  };
  const baseline = await connect(process.execPath, [ctx.baselineBundle], {});
  const hub = await startHub(home);
  try {
    const rows: Row[] = [];
    for (const variant of list.slice(1)) {
      const times = await connect(variant.command, variant.args, { SWITCHBOARD_HOME: home });
      const p50 = percentile(times, 50);
      rows.push({
        metric: `MCP connect, ${variant.label}, hub running (p50 / p90, ${HUB_RUNS} runs)`,
        switchboard: `${ms(p50)} / ${ms(percentile(times, 90))}`,
        baseline: `single-process server ${ms(percentile(baseline, 50))}`,
        ratio: `${(p50 / percentile(baseline, 50)).toFixed(2)}×`,
        target: `≤ ${TARGET_HUB_MS} ms p50`,
        met: p50 <= TARGET_HUB_MS,
        values: { p50, p90: percentile(times, 90), baselineP50: percentile(baseline, 50) },
      });
    }
    return rows;
  } finally {
    await hub.stop();
  }
}

async function sizeRows(ctx: Context): Promise<Row[]> {
  const dist = dirname(ctx.helper);
  const entry = (await stat(ctx.helper)).size;
  const core = (await stat(join(dist, 'switchboard-mcp-core.cjs'))).size;
  const executable = (await stat(join(dist, 'bin', 'switchboard-mcp'))).size / 1024 / 1024;
  const blob = (await readFile(join(dist, 'sea', 'helper.blob'))).length / 1024 / 1024;
  return [
    {
      metric: 'npm helper size (entry + core)',
      switchboard: `${(entry / 1024).toFixed(1)} KB + ${(core / 1024).toFixed(0)} KB`,
      values: { entryBytes: entry, coreBytes: core },
    },
    {
      metric: 'standalone executable size (startup snapshot in it)',
      switchboard: `${executable.toFixed(1)} MiB (snapshot ${blob.toFixed(1)} MiB)`,
      target: `< ${MAX_EXECUTABLE_MIB} MiB`,
      met: executable < MAX_EXECUTABLE_MIB,
      values: { executableMiB: executable, snapshotMiB: blob },
    },
  ];
}

export const coldStart: Benchmark = {
  name: 'helper cold start',
  async run(ctx) {
    const list = variants(ctx);
    const times = await interleaved(list, { SWITCHBOARD_HOME: await ctx.tempDir() });
    const of = (label: string, what: keyof ColdStartTimes): number[] =>
      (times.get(label) ?? []).map((time) => time[what]);
    const bare = of('bare node', 'initialize');
    return [
      ratioRow('npm helper, initialize', of('npm helper', 'initialize'), bare, 1.6),
      ratioRow('npm helper, tools/list', of('npm helper', 'toolsList'), bare, undefined),
      ratioRow('standalone, initialize', of('standalone', 'initialize'), bare, 1.5),
      ratioRow('standalone, tools/list', of('standalone', 'toolsList'), bare, 1.6),
      ...(await withHub(ctx, list)),
      ...(await sizeRows(ctx)),
    ];
  },
};
