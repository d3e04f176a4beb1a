/**
 * LEAN's ExponentialMovingAverage: smoothing factor 2/(period+1) unless given; value 0 until
 * `period` samples, then the SMA of the first `period` values, then
 * value = input·k + previous·(1-k).
 */
import { assertPeriod } from "./periods.ts";
import { Indicator, resolveOptions, type IndicatorOptions } from "./indicator.ts";

export interface ExponentialMovingAverageOptions extends IndicatorOptions {
  /** Overrides 2/(period+1); the default name then becomes `EMA(period,factor)`, as LEAN's. */
  smoothingFactor?: number;
}

export class ExponentialMovingAverage extends Indicator {
  readonly period: number;
  readonly smoothingFactor: number;
  private warmUpSum = 0;

  /** LEAN's default smoothing factor, 2/(period+1). */
  static smoothingFactorDefault(period: number): number {
    return 2 / (1 + period);
  }

  constructor(period: number, options?: string | ExponentialMovingAverageOptions) {
    assertPeriod("ExponentialMovingAverage", period);
    const factor = typeof options === "object" ? options.smoothingFactor : undefined;
    const defaultName = factor === undefined ? `EMA(${period})` : `EMA(${period},${factor})`;
    const { name, selector } = resolveOptions(options, defaultName);
    super(name, selector);
    this.period = period;
    this.smoothingFactor = factor ?? ExponentialMovingAverage.smoothingFactorDefault(period);
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
    const samples = this.samples;
    if (samples < this.period) {
      this.warmUpSum += value;
      return 0;
    }
    if (samples === this.period) {
      this.warmUpSum += value;
      return this.warmUpSum / this.period;
    }
    const k = this.smoothingFactor;
    return value * k + this.current.value * (1 - k);
  }
}
