/**
 * Content hygiene on hostile text: a million characters built to make a backtracking tag filter
 * quadratic ("<" then whitespace), beside a million characters of ordinary prose in the same run.
 * The ratio shows the work is linear whatever the text; the old regex took 13 s for 200 K.
 */
import { sanitizeContent } from '../src/shared/hygiene';
import type { Benchmark, Row } from './row';
import { ms, percentile } from './stats';

const SIZE = 1_000_000;

function time(text: string, runs: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    sanitizeContent(text);
    samples.push(performance.now() - started);
  }
  return samples;
}

export const hygiene: Benchmark = {
  name: 'content hygiene',
  run(): Promise<Row[]> {
    const prose = 'The quick brown fox jumps over the lazy dog. '.repeat(SIZE / 45);
    const hostile = `<${' '.repeat(SIZE)}`;
    const mixed = '< / channe\u200B'.repeat(SIZE / 11);
    const base = percentile(time(prose, 20), 50);
    const rows: Row[] = [];
    for (const [label, text] of [
      ['"<" + 1 M spaces', hostile],
      ['near-tags and ZWSP, 1 M', mixed],
    ] as const) {
      const p50 = percentile(time(text, 20), 50);
      rows.push({
        metric: `hygiene p50: ${label}`,
        switchboard: ms(p50),
        baseline: `${ms(base)} (1 M of prose)`,
        ratio: `${(p50 / base).toFixed(1)}×`,
        target: '≤ 10× prose',
        met: p50 <= 10 * base,
        values: { p50, prose: base },
      });
    }
    return Promise.resolve(rows);
  },
};
