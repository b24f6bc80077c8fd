/**
 * `npm run bench`: runs every benchmark against the real processes and prints one table, each
 * figure beside a baseline measured in the same run where there is one. Writes
 * bench-results/latest.json. Benchmarks report; they do not gate (exit 0 when a target is missed,
 * non-zero only when a benchmark fails to run).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgeHardening } from './bridge-hardening';
import { burst } from './burst';
import { coldStart } from './cold-start';
import { deliveryWindow } from './delivery-window';
import { discordLatency } from './discord-latency';
import { hygiene } from './hygiene';
import { imessageLatency } from './imessage-latency';
import { inboundLatency } from './inbound-latency';
import { manySessions } from './many-sessions';
import { remoteLink } from './remote-link';
import type { Benchmark, Context, Row } from './row';
import { telegramLatency } from './telegram-latency';

const BENCHMARKS: Benchmark[] = [
  coldStart,
  inboundLatency,
  telegramLatency,
  discordLatency,
  imessageLatency,
  burst,
  deliveryWindow,
  manySessions,
  hygiene,
  bridgeHardening,
  remoteLink,
];

export async function runBenchmarks(paths: {
  helper: string;
  bareNode: string;
  cli: string;
  baselineBundle: string;
}): Promise<number> {
  const dirs: string[] = [];
  const ctx: Context = {
    ...paths,
    tempDir: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'sb-bench-'));
      dirs.push(dir);
      return dir;
    },
  };
  const rows: Array<Row & { benchmark: string }> = [];
  let failed = 0;
  try {
    // BENCH_ONLY=name[,name]: run only those benchmarks (while working on one figure).
    const only = process.env['BENCH_ONLY']?.split(',');
    for (const benchmark of BENCHMARKS.filter((b) => !only || only.includes(b.name))) {
      process.stdout.write(`running: ${benchmark.name}…\n`);
      try {
        for (const row of await benchmark.run(ctx))
          rows.push({ ...row, benchmark: benchmark.name });
      } catch (error) {
        failed += 1;
        process.stdout.write(
          `  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
      }
    }
  } finally {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
  printTable(rows);
  await mkdir('bench-results', { recursive: true });
  await writeFile(
    'bench-results/latest.json',
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
  );
  return failed === 0 ? 0 : 1;
}

function printTable(rows: Row[]): void {
  const header = ['metric', 'Switchboard', 'baseline', 'ratio', 'target', ''];
  const lines = rows.map((r) => [
    r.metric,
    r.switchboard,
    r.baseline ?? '—',
    r.ratio ?? '—',
    r.target ?? '—',
    r.met === undefined ? '' : r.met ? 'MET' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    `\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${lines.map(format).join('\n')}\n`,
  );
}
