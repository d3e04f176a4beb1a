// Engine throughput, each beside a plain loop in the same process over the same files:
// (a) LEAN's benchmark shape: 400 equities of minute bars, an empty onData;
// (b) one symbol's long minute series through an algorithm that updates SMAs and trades on crosses.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QCAlgorithm, Resolution, runBacktest, type SimpleMovingAverage, type Slice, type Symbol } from "../src/index.ts";
import { generateLeanMinuteUniverse, plainLoop } from "./lean-data.ts";
import type { BenchSection } from "./types.ts";
import { writeFileSync } from "node:fs";

/**
 * The engine alone, as LEAN's own benchmark runs it: the storage monitor's 6-hourly checks (a
 * durable write each) are turned off here and the run uses a throwaway store.
 */
function benchOptions(dir: string) {
  const settings = join(dir, "settings.json");
  writeFileSync(settings, JSON.stringify({ quantconnect: { object_store: { usage_monitoring: { enabled: false } } } }));
  return { store: join(dir, "store"), settingsPath: settings };
}

function dateParts(key: number): [number, number, number] {
  return [Math.floor(key / 10000), Math.floor(key / 100) % 100, key % 100];
}

class EmptyUniverse extends QCAlgorithm {
  constructor(
    private readonly tickers: readonly string[],
    private readonly first: number,
    private readonly last: number,
  ) {
    super();
  }
  override initialize(): void {
    this.setStartDate(...dateParts(this.first));
    this.setEndDate(...dateParts(this.last));
    this.setCash(100_000);
    for (const t of this.tickers) this.addEquity(t, Resolution.Minute);
    this.setBenchmark(() => 0);
  }
  override onData(): void {}
}

class SmaCross extends QCAlgorithm {
  private symbol!: Symbol;
  private fast!: SimpleMovingAverage;
  private slow!: SimpleMovingAverage;
  trades = 0;
  constructor(
    private readonly ticker: string,
    private readonly first: number,
    private readonly last: number,
  ) {
    super();
  }
  override initialize(): void {
    this.setStartDate(...dateParts(this.first));
    this.setEndDate(...dateParts(this.last));
    this.setCash(100_000);
    this.symbol = this.addEquity(this.ticker, Resolution.Minute).symbol;
    this.setBenchmark(() => 0);
    this.fast = this.sma(this.symbol, 20);
    this.slow = this.sma(this.symbol, 100);
  }
  override onData(slice: Slice): void {
    if (!this.slow.isReady || !slice.bars.containsKey(this.symbol)) return;
    const invested = this.portfolio.get(this.symbol).invested;
    const above = this.fast.current.value > this.slow.current.value;
    if (above && !invested) {
      this.setHoldings(this.symbol, 1);
      this.trades++;
    } else if (!above && invested) {
      this.liquidate(this.symbol);
      this.trades++;
    }
  }
}

/**
 * The fastest of `runs` runs of each of `a` and `b`, taken in turn (a, b, a, b, ...), so that a
 * change in the machine's load during the bench weighs on both sides alike.
 */
function bestOfEach<A extends { ms: number }, B extends { ms: number }>(runs: number, a: () => A, b: () => B): [A, B] {
  let bestA: A | undefined;
  let bestB: B | undefined;
  for (let i = 0; i < runs; i++) {
    const ra = a();
    if (!bestA || ra.ms < bestA.ms) bestA = ra;
    const rb = b();
    if (!bestB || rb.ms < bestB.ms) bestB = rb;
  }
  return [bestA!, bestB!];
}

export async function run(): Promise<BenchSection> {
  const rows: BenchSection["rows"] = [];
  const dir = mkdtempSync(join(tmpdir(), "tradeloom-bench-engine-"));
  try {
    // (a) 400 equities, 5 days of minute bars
    const universe = generateLeanMinuteUniverse(dir, { symbols: 400, days: 5, seed: 11 });
    const first = universe.days[0];
    const last = universe.days[universe.days.length - 1];
    const [plainA, engineA] = bestOfEach(
      5,
      () => plainLoop(dir, universe.symbols, universe.days),
      () => {
        const t0 = performance.now();
        const result = runBacktest(new EmptyUniverse(universe.symbols, first, last), { dataFolder: dir, ...benchOptions(dir) });
        return { ms: performance.now() - t0, points: result.dataPoints };
      },
    );
    const engineRateA = (engineA.points / engineA.ms) * 1000;
    const plainRateA = (plainA.points / plainA.ms) * 1000;
    rows.push({
      name: `(a) 400 equities × ${universe.days.length} days of minute bars (LEAN zips), empty onData`,
      value: Math.round(engineRateA),
      unit: "data points/s",
      baseline: Math.round(plainRateA),
      baselineName: "plain loop: read, inflate (zlib), parse, SMA(20) per symbol",
      target: ">= 1,500,000/s and within 1.5x of the plain loop",
      note: `${engineA.points.toLocaleString("en-US")} points, fastest of 5 runs each; engine ${(engineA.ms / 1000).toFixed(2)} s, plain loop ${(plainA.ms / 1000).toFixed(2)} s; slowdown ${(plainRateA / engineRateA).toFixed(2)}x`,
    });

    // (b) one symbol, 250 days
    const longDir = join(dir, "long");
    const single = generateLeanMinuteUniverse(longDir, { symbols: 1, days: 250, seed: 5 });
    const [plainB, engineB] = bestOfEach(
      3,
      () => plainLoop(longDir, single.symbols, single.days),
      () => {
        const algorithm = new SmaCross(single.symbols[0], single.days[0], single.days[single.days.length - 1]);
        const t0 = performance.now();
        const result = runBacktest(algorithm, { dataFolder: longDir, ...benchOptions(dir) });
        return { ms: performance.now() - t0, points: result.dataPoints, trades: algorithm.trades };
      },
    );
    const engineRateB = (engineB.points / engineB.ms) * 1000;
    const plainRateB = (plainB.points / plainB.ms) * 1000;
    rows.push({
      name: `(b) one symbol × ${single.days.length} days of minute bars, SMA(20)/SMA(100) crossover trading`,
      value: Math.round(engineRateB),
      unit: "data points/s",
      baseline: Math.round(plainRateB),
      baselineName: "plain loop: read, inflate, parse, SMA(20)",
      note: `${engineB.points.toLocaleString("en-US")} points, ${engineB.trades} orders; slowdown ${(plainRateB / engineRateB).toFixed(2)}x`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { title: "Engine replay", rows };
}
