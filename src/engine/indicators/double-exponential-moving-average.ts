/**
 * LEAN's DoubleExponentialMovingAverage: (1+v)·EMA1 - v·EMA2 where EMA2 is the EMA of EMA1 and
 * v the volume factor (1 for DEMA; T3 uses 0.7). Ready after 2·(period-1)+1 samples.
 */
import { assertPeriod } from "./periods.ts";
import { ExponentialMovingAverage } from "./exponential-moving-average.ts";
import { Indicator, resolveOptions, type IndicatorOptions } from "./indicator.ts";

export interface DoubleExponentialMovingAverageOptions extends IndicatorOptions {
  /** LEAN's volume factor; 1 by default. */
  volumeFactor?: number;
}

export class DoubleExponentialMovingAverage extends Indicator {
  readonly period: number;
  readonly volumeFactor: number;
  private readonly ema1: ExponentialMovingAverage;
  private readonly ema2: ExponentialMovingAverage;

  constructor(period: number, options?: string | DoubleExponentialMovingAverageOptions) {
    assertPeriod("DoubleExponentialMovingAverage", period);
    const { name, selector } = resolveOptions(options, `DEMA(${period})`);
    super(name, selector);
    this.period = period;
    this.volumeFactor = (typeof options === "object" ? options.volumeFactor : undefined) ?? 1;
    this.ema1 = new ExponentialMovingAverage(period, `${name}_1`);
    this.ema2 = new ExponentialMovingAverage(period, `${name}_2`);
  }

  get isReady(): boolean {
    return this.samples > 2 * (this.period - 1);
  }

  get warmUpPeriod(): number {
    return 1 + 2 * (this.period - 1);
  }

  override reset(): void {
    this.ema1.reset();
    this.ema2.reset();
    super.reset();
  }

  protected computeNextValue(time: number, value: number): number {
    this.ema1.update(time, value);
    if (!this.ema1.isReady) return this.ema1.current.value;
    this.ema2.update(time, this.ema1.current.value);
    const v = this.volumeFactor;
    return (v + 1) * this.ema1.current.value - v * this.ema2.current.value;
  }
}
