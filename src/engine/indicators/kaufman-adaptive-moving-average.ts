/**
 * LEAN's KaufmanAdaptiveMovingAverage: an EMA whose factor adapts to the efficiency ratio
 * ER = |x - x[n]| / Σ|x[i] - x[i+1]| over the last n changes (1 when the path is straight or
 * flat): sc = (ER·(2/(fast+1) - 2/(slow+1)) + 2/(slow+1))², kama += (x - kama)·sc. The input
 * itself until n+1 samples; the first value starts from the previous input.
 */
import { CompensatedSum } from "./compensated-sum.ts";
import { Indicator, resolveOptions, type IndicatorOptions } from "./indicator.ts";
import { assertPeriod } from "./periods.ts";
import { RollingWindow } from "./rolling-window.ts";

export interface KaufmanAdaptiveMovingAverageOptions extends IndicatorOptions {
  /** 2 by default. */
  fastEmaPeriod?: number;
  /** 30 by default. */
  slowEmaPeriod?: number;
}

export class KaufmanAdaptiveMovingAverage extends Indicator {
  readonly period: number;
  private readonly slowFactor: number;
  private readonly factorRange: number;
  /** The last period + 1 inputs: period changes. */
  private readonly window: RollingWindow<number>;
  private readonly pathLength = new CompensatedSum();
  private previousKama = 0;

  constructor(period: number, options?: string | KaufmanAdaptiveMovingAverageOptions) {
    assertPeriod("KaufmanAdaptiveMovingAverage", period);
    const fast = (typeof options === "object" ? options.fastEmaPeriod : undefined) ?? 2;
    const slow = (typeof options === "object" ? options.slowEmaPeriod : undefined) ?? 30;
    const { name, selector } = resolveOptions(options, `KAMA(${period},${fast},${slow})`);
    super(name, selector);
    this.period = period;
    this.slowFactor = 2 / (slow + 1);
    this.factorRange = 2 / (fast + 1) - this.slowFactor;
    this.window = new RollingWindow<number>(period + 1);
  }

  get isReady(): boolean {
    return this.samples > this.period;
  }

  get warmUpPeriod(): number {
    return this.period + 1;
  }

  override reset(): void {
    this.window.reset();
    this.pathLength.reset();
    this.previousKama = 0;
    super.reset();
  }

  /** Kaufman's efficiency ratio over the last `period` changes (valid once ready). */
  get efficiencyRatio(): number {
    const change = this.window.get(0) - this.window.get(this.period);
    const path = this.pathLength.value;
    return path <= change || path === 0 ? 1 : Math.abs(change / path);
  }

  protected computeNextValue(_time: number, value: number): number {
    if (this.window.count > 0) this.pathLength.add(Math.abs(value - this.window.get(0)));
    this.window.add(value);
    if (this.window.samples > this.period + 1) {
      // the change between the value that fell off and the new oldest leaves the path
      this.pathLength.add(-Math.abs(this.window.get(this.period) - this.window.mostRecentlyRemoved));
    }
    if (!this.isReady) return value;
    if (this.samples === this.period + 1) this.previousKama = this.window.get(1);
    const sc = (this.efficiencyRatio * this.factorRange + this.slowFactor) ** 2;
    this.previousKama += (value - this.previousKama) * sc;
    return this.previousKama;
  }
}
