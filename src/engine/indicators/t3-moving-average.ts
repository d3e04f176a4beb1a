/**
 * LEAN's T3MovingAverage (Tillson): three generalized DEMAs in a row, volume factor 0.7 by
 * default. Ready after 6·(period-1)+1 samples.
 */
import { assertPeriod } from "./periods.ts";
import { DoubleExponentialMovingAverage } from "./double-exponential-moving-average.ts";
import { Indicator, resolveOptions, type IndicatorOptions } from "./indicator.ts";

export interface T3MovingAverageOptions extends IndicatorOptions {
  /** 0.7 by default, as LEAN's. */
  volumeFactor?: number;
}

export class T3MovingAverage extends Indicator {
  readonly period: number;
  readonly volumeFactor: number;
  private readonly gd1: DoubleExponentialMovingAverage;
  private readonly gd2: DoubleExponentialMovingAverage;
  private readonly gd3: DoubleExponentialMovingAverage;

  constructor(period: number, options?: string | T3MovingAverageOptions) {
    assertPeriod("T3MovingAverage", period);
    const volumeFactor = (typeof options === "object" ? options.volumeFactor : undefined) ?? 0.7;
    const { name, selector } = resolveOptions(options, `T3(${period},${volumeFactor})`);
    super(name, selector);
    this.period = period;
    this.volumeFactor = volumeFactor;
    this.gd1 = new DoubleExponentialMovingAverage(period, { name: `${name}_1`, volumeFactor });
    this.gd2 = new DoubleExponentialMovingAverage(period, { name: `${name}_2`, volumeFactor });
    this.gd3 = new DoubleExponentialMovingAverage(period, { name: `${name}_3`, volumeFactor });
  }

  get isReady(): boolean {
    return this.samples > 6 * (this.period - 1);
  }

  get warmUpPeriod(): number {
    return 1 + 6 * (this.period - 1);
  }

  override reset(): void {
    this.gd1.reset();
    this.gd2.reset();
    this.gd3.reset();
    super.reset();
  }

  protected computeNextValue(time: number, value: number): number {
    this.gd1.update(time, value);
    if (!this.gd1.isReady) return this.gd1.current.value;
    this.gd2.update(time, this.gd1.current.value);
    if (!this.gd2.isReady) return this.gd2.current.value;
    this.gd3.update(time, this.gd2.current.value);
    return this.gd3.current.value;
  }
}
