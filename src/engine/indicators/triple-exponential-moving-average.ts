/**
 * LEAN's TripleExponentialMovingAverage: 3·EMA1 - 3·EMA2 + EMA3, each EMA of the previous one
 * (fed only once that one is ready); value 0 until ready after 3·(period-1)+1 samples.
 */
import { assertPeriod } from "./periods.ts";
import { ExponentialMovingAverage } from "./exponential-moving-average.ts";
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";

export class TripleExponentialMovingAverage extends Indicator {
  readonly period: number;
  private readonly ema1: ExponentialMovingAverage;
  private readonly ema2: ExponentialMovingAverage;
  private readonly ema3: ExponentialMovingAverage;

  constructor(period: number, options?: NameOrOptions) {
    assertPeriod("TripleExponentialMovingAverage", period);
    const { name, selector } = resolveOptions(options, `TEMA(${period})`);
    super(name, selector);
    this.period = period;
    this.ema1 = new ExponentialMovingAverage(period, `${name}_1`);
    this.ema2 = new ExponentialMovingAverage(period, `${name}_2`);
    this.ema3 = new ExponentialMovingAverage(period, `${name}_3`);
  }

  get isReady(): boolean {
    return this.ema3.isReady;
  }

  get warmUpPeriod(): number {
    return 3 * (this.period - 1) + 1;
  }

  override reset(): void {
    this.ema1.reset();
    this.ema2.reset();
    this.ema3.reset();
    super.reset();
  }

  protected computeNextValue(time: number, value: number): number {
    this.ema1.update(time, value);
    if (this.ema1.isReady) this.ema2.update(time, this.ema1.current.value);
    if (this.ema2.isReady) this.ema3.update(time, this.ema2.current.value);
    if (!this.isReady) return 0;
    return 3 * this.ema1.current.value - 3 * this.ema2.current.value + this.ema3.current.value;
  }
}
