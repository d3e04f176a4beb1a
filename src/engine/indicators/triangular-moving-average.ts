/**
 * LEAN's TriangularMovingAverage: an SMA of an SMA. Periods: for even n, n/2 then n/2+1; for odd
 * n, (n+1)/2 twice. Ready after n samples.
 */
import { assertPeriod } from "./periods.ts";
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";
import { SimpleMovingAverage } from "./simple-moving-average.ts";

export class TriangularMovingAverage extends Indicator {
  readonly period: number;
  private readonly sma1: SimpleMovingAverage;
  private readonly sma2: SimpleMovingAverage;

  constructor(period: number, options?: NameOrOptions) {
    assertPeriod("TriangularMovingAverage", period);
    const { name, selector } = resolveOptions(options, `TRIMA(${period})`);
    super(name, selector);
    this.period = period;
    const even = period % 2 === 0;
    this.sma1 = new SimpleMovingAverage(even ? period / 2 : (period + 1) / 2, `${name}_1`);
    this.sma2 = new SimpleMovingAverage(even ? period / 2 + 1 : (period + 1) / 2, `${name}_2`);
  }

  get isReady(): boolean {
    return this.samples >= this.period;
  }

  get warmUpPeriod(): number {
    return this.period;
  }

  override reset(): void {
    this.sma1.reset();
    this.sma2.reset();
    super.reset();
  }

  protected computeNextValue(time: number, value: number): number {
    this.sma1.update(time, value);
    this.sma2.update(time, this.sma1.current.value);
    return this.sma2.current.value;
  }
}
