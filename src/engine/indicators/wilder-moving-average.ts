/**
 * LEAN's WilderMovingAverage (Wilder's smoothing, the RMA): the mean of the values so far until
 * `period` samples, then value = input/period + previous·(1 - 1/period). At exactly `period`
 * samples this equals the SMA of the first `period` values.
 */
import { assertPeriod } from "./periods.ts";
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";

export class WilderMovingAverage extends Indicator {
  readonly period: number;
  private readonly k: number;
  private warmUpSum = 0;

  constructor(period: number, options?: NameOrOptions) {
    assertPeriod("WilderMovingAverage", period);
    // LEAN's default name has no parentheses: "WWMA14"
    const { name, selector } = resolveOptions(options, `WWMA${period}`);
    super(name, selector);
    this.period = period;
    this.k = 1 / period;
  }

  get isReady(): boolean {
    return this.samples >= this.period;
  }

  get warmUpPeriod(): number {
    return this.period;
  }

  override reset(): void {
    this.warmUpSum = 0;
    super.reset();
  }

  protected computeNextValue(_time: number, value: number): number {
    if (this.samples < this.period) {
      this.warmUpSum += value;
      return this.warmUpSum / this.samples;
    }
    return value * this.k + this.current.value * (1 - this.k);
  }
}
