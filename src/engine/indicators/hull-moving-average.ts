/**
 * LEAN's HullMovingAverage: LWMA over √n of (2·LWMA(n/2) - LWMA(n)), the periods rounded as C#
 * rounds (halves to even). Warm-up n + round(√n) - 1.
 */
import { assertPeriod, roundHalfToEven } from "./periods.ts";
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";
import { LinearWeightedMovingAverage } from "./linear-weighted-moving-average.ts";

export class HullMovingAverage extends Indicator {
  readonly period: number;
  private readonly fast: LinearWeightedMovingAverage;
  private readonly slow: LinearWeightedMovingAverage;
  private readonly hull: LinearWeightedMovingAverage;
  private readonly warmUp: number;

  constructor(period: number, options?: NameOrOptions) {
    assertPeriod("HullMovingAverage", period, 2);
    const { name, selector } = resolveOptions(options, `HMA(${period})`);
    super(name, selector);
    this.period = period;
    const fastPeriod = roundHalfToEven(period / 2);
    const hullPeriod = roundHalfToEven(Math.sqrt(period));
    this.slow = new LinearWeightedMovingAverage(period, `${name}_Slow`);
    this.fast = new LinearWeightedMovingAverage(fastPeriod, `${name}_Fast`);
    this.hull = new LinearWeightedMovingAverage(hullPeriod, `${name}_Hull`);
    this.warmUp = period + hullPeriod - 1;
  }

  get isReady(): boolean {
    return this.hull.isReady;
  }

  get warmUpPeriod(): number {
    return this.warmUp;
  }

  override reset(): void {
    this.fast.reset();
    this.slow.reset();
    this.hull.reset();
    super.reset();
  }

  protected computeNextValue(time: number, value: number): number {
    this.fast.update(time, value);
    this.slow.update(time, value);
    if (this.fast.isReady && this.slow.isReady) {
      this.hull.update(time, 2 * this.fast.current.value - this.slow.current.value);
    }
    return this.hull.current.value;
  }
}
