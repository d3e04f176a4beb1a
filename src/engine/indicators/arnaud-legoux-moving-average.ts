/**
 * LEAN's ArnaudLegouxMovingAverage: a Gaussian-weighted window, the peak at offset·(n-1) from
 * the oldest (offset 0.85 leans to the newest), width n/sigma (sigma 6). The input itself until
 * ready at n samples. O(n) per update: Gaussian weights do not slide.
 */
import { Indicator, resolveOptions, type IndicatorOptions } from "./indicator.ts";
import { assertPeriod } from "./periods.ts";
import { RollingWindow } from "./rolling-window.ts";

export interface ArnaudLegouxMovingAverageOptions extends IndicatorOptions {
  /** 6 by default. */
  sigma?: number;
  /** In [0, 1]; 0.85 by default. */
  offset?: number;
}

export class ArnaudLegouxMovingAverage extends Indicator {
  readonly period: number;
  readonly sigma: number;
  readonly offset: number;
  /** weights[j] applies to the value j steps back (0 = newest). */
  private readonly weights: Float64Array;
  private readonly window: RollingWindow<number>;

  constructor(period: number, options?: string | ArnaudLegouxMovingAverageOptions) {
    assertPeriod("ArnaudLegouxMovingAverage", period);
    const sigma = (typeof options === "object" ? options.sigma : undefined) ?? 6;
    const offset = (typeof options === "object" ? options.offset : undefined) ?? 0.85;
    if (!(offset >= 0 && offset <= 1)) throw new RangeError(`ArnaudLegouxMovingAverage: offset must be in [0, 1], got ${offset}`);
    const { name, selector } = resolveOptions(options, `ALMA(${period},${sigma},${offset})`);
    super(name, selector);
    this.period = period;
    this.sigma = sigma;
    this.offset = offset;
    this.window = new RollingWindow<number>(period);
    const m = Math.floor(offset * (period - 1));
    const s = period / sigma;
    const raw = Array.from({ length: period }, (_, i) => Math.exp(-((i - m) ** 2) / (2 * s * s)));
    const total = raw.reduce((a, b) => a + b, 0);
    // raw[i] weighs the value i steps after the oldest; store by steps back from the newest
    this.weights = Float64Array.from(raw.reverse(), (w) => w / total);
  }

  get isReady(): boolean {
    return this.window.isReady;
  }

  get warmUpPeriod(): number {
    return this.period;
  }

  override reset(): void {
    this.window.reset();
    super.reset();
  }

  protected computeNextValue(_time: number, value: number): number {
    this.window.add(value);
    if (!this.window.isReady) return value;
    let sum = 0;
    for (let j = 0; j < this.period; j++) sum += this.window.get(j) * this.weights[j];
    return sum;
  }
}
