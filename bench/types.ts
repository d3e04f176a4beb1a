// What every bench section returns; bench/run.ts prints them and writes BENCHMARKS.md.
export interface BenchRow {
  /** what was measured, e.g. "400 equities, minute bars, empty onData" */
  name: string;
  /** the figure for our code */
  value: number;
  /** its unit, e.g. "data points/s", "saves/s", "ms", "MB" */
  unit: string;
  /** the same figure for the baseline run in the same process, when there is one */
  baseline?: number;
  /** what the baseline is, e.g. "plain loop: read, inflate, parse, SMA" */
  baselineName?: string;
  /** the target, in words, e.g. ">= 1.5M/s and within 1.5x of the baseline" */
  target?: string;
  note?: string;
}

export interface BenchSection {
  title: string;
  rows: BenchRow[];
}
