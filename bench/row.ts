/** One line of the benchmark table: our figure, the baseline's from the same run, the target. */
export type Row = {
  metric: string;
  switchboard: string;
  baseline?: string;
  ratio?: string;
  target?: string;
  /** Undefined when the row has no target. */
  met?: boolean;
  /** Raw numbers for bench-results/latest.json. */
  values: Record<string, number>;
};

export type Context = {
  helper: string;
  /** A bare Node process answering each stdin chunk with one line: the cold-start floor. */
  bareNode: string;
  cli: string;
  baselineBundle: string;
  tempDir: () => Promise<string>;
};

export type Benchmark = { name: string; run: (ctx: Context) => Promise<Row[]> };
