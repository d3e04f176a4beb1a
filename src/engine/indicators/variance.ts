/**
 * LEAN's Variance: the population variance of the last `period` values (of the values so far
 * before it is ready; 0 for the first). LEAN computes E[x²]-E[x]² in 28-digit decimals; in
 * doubles that formula cancels badly for prices with small spreads, so this keeps a sliding
 * Welford mean and sum of squared deviations (O(1) per update). It is recomputed exactly from
 * the window every `period` updates (amortized O(1)), so rounding cannot accumulate, and at once when
 * an update wipes out most of the sum of squares (an outlier leaving the window), where the
 * subtraction would otherwise leave cancellation noise behind.
 */
import { assertPeriod } from "./periods.ts";
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";
import { RollingWindow } from "./rolling-window.ts";

export class Variance extends Indicator {
  readonly period: number;
  private readonly window: RollingWindow<number>;
  private mean = 0;
  private m2 = 0;
  private sinceResync = 0;
  private readonly resyncEvery: number;

  /** `defaultName` lets StandardDeviation default to STD(n). */
  constructor(period: number, options?: NameOrOptions, defaultName = `VAR(${period})`) {
    assertPeriod("Variance", period);
    const { name, selector } = resolveOptions(options, defaultName);
    super(name, selector);
    this.period = period;
    this.window = new RollingWindow<number>(period);
    this.resyncEvery = period;
  }

  get isReady(): boolean {
    return this.window.isReady;
  }

  get warmUpPeriod(): number {
    return this.period;
  }

  override reset(): void {
    this.window.reset();
    this.mean = 0;
    this.m2 = 0;
    this.sinceResync = 0;
    super.reset();
  }

  protected computeNextValue(_time: number, value: number): number {
    this.window.add(value);
    const n = this.window.count;
    if (this.window.samples <= this.period) {
      const delta = value - this.mean;
      this.mean += delta / n;
      this.m2 += delta * (value - this.mean);
    } else {
      const removed = this.window.mostRecentlyRemoved;
      const previousMean = this.mean;
      const previousM2 = this.m2;
      this.mean = previousMean + (value - removed) / n;
      this.m2 += (value - removed) * (value - this.mean + removed - previousMean);
      // the error left by the subtraction is ~1e-16·previousM2; keep it below ~1e-12 of the result
      if (this.m2 < previousM2 * 1e-4) this.sinceResync = this.resyncEvery;
    }
    if (++this.sinceResync >= this.resyncEvery) this.resync();
    return n < 2 ? 0 : Math.max(0, this.m2 / n);
  }

  private resync(): void {
    this.sinceResync = 0;
    const n = this.window.count;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.window.get(i);
    const mean = sum / n;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const d = this.window.get(i) - mean;
      m2 += d * d;
    }
    this.mean = mean;
    this.m2 = m2;
  }
}
