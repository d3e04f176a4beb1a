/**
 * LEAN's LinearWeightedMovingAverage: weights period (newest) down to 1 (oldest), divided by
 * period·(period+1)/2; value 0 until ready. O(1) per update: the weighted sum loses the plain
 * sum each step (every weight drops by one) and gains period·newest; both are recomputed exactly
 * from the window every `period` updates so rounding cannot accumulate, and at once when an
 * outlier leaves the window (subtracting it would leave its rounding error behind).
 */
import { assertPeriod } from "./periods.ts";
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";
import { RollingWindow } from "./rolling-window.ts";

export class LinearWeightedMovingAverage extends Indicator {
  readonly period: number;
  private readonly denominator: number;
  private readonly window: RollingWindow<number>;
  private sum = 0;
  private weightedSum = 0;
  private sinceResync = 0;

  constructor(period: number, options?: NameOrOptions) {
    assertPeriod("LinearWeightedMovingAverage", period);
    const { name, selector } = resolveOptions(options, `LWMA(${period})`);
    super(name, selector);
    this.period = period;
    this.denominator = (period * (period + 1)) / 2;
    this.window = new RollingWindow<number>(period);
  }

  get isReady(): boolean {
    return this.window.isReady;
  }

  get warmUpPeriod(): number {
    return this.period;
  }

  override reset(): void {
    this.window.reset();
    this.sum = 0;
    this.weightedSum = 0;
    this.sinceResync = 0;
    super.reset();
  }

  protected computeNextValue(_time: number, value: number): number {
    this.window.add(value);
    this.weightedSum += this.period * value - this.sum;
    this.sum += value;
    if (this.window.samples > this.period) {
      const removed = this.window.mostRecentlyRemoved;
      this.sum -= removed;
      if (Math.abs(removed) * 1e-4 > Math.abs(this.sum)) this.sinceResync = this.period;
    }
    if (++this.sinceResync >= this.period) this.resync();
    return this.window.isReady ? this.weightedSum / this.denominator : 0;
  }

  private resync(): void {
    this.sinceResync = 0;
    let sum = 0;
    let weighted = 0;
    let weight = this.period;
    for (let i = 0; i < this.window.count; i++) {
      const v = this.window.get(i);
      sum += v;
      weighted += weight-- * v;
    }
    this.sum = sum;
    this.weightedSum = weighted;
  }
}
