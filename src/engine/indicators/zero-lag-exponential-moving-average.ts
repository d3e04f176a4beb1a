/**
 * LEAN's ZeroLagExponentialMovingAverage: an EMA of x + (x - x[lag]) with lag = round((n-1)/2)
 * (C# rounding); 0 until the lagged value exists. LEAN cannot build a lag of 0, so the period
 * must be at least 3. `warmUpPeriod` is the exact lag + n (LEAN reports n + floor(n/2), one more
 * than needed when n ≡ 2 mod 4).
 */
import { Delay } from "./delay.ts";
import { ExponentialMovingAverage } from "./exponential-moving-average.ts";
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";
import { assertPeriod, roundHalfToEven } from "./periods.ts";

export class ZeroLagExponentialMovingAverage extends Indicator {
  readonly period: number;
  private readonly ema: ExponentialMovingAverage;
  private readonly delayed: Delay;

  constructor(period: number, options?: NameOrOptions) {
    assertPeriod("ZeroLagExponentialMovingAverage", period, 3);
    const { name, selector } = resolveOptions(options, `ZLEMA(${period})`);
    super(name, selector);
    this.period = period;
    this.ema = new ExponentialMovingAverage(period, `${name}_EMA`);
    this.delayed = new Delay(roundHalfToEven((period - 1) / 2), `${name}_Delay`);
  }

  get isReady(): boolean {
    return this.delayed.isReady && this.ema.isReady;
  }

  get warmUpPeriod(): number {
    return this.delayed.period + this.period;
  }

  override reset(): void {
    this.ema.reset();
    this.delayed.reset();
    super.reset();
  }

  protected computeNextValue(time: number, value: number): number {
    if (!this.delayed.update(time, value)) return 0;
    this.ema.update(time, 2 * value - this.delayed.current.value);
    return this.ema.current.value;
  }
}
