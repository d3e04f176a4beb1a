/**
 * LEAN's SimpleMovingAverage: the mean of the last `period` values. Before it is ready its value
 * is the mean of the values seen so far (LEAN divides its rolling sum by the window's count).
 * O(1) per update: a ring buffer and a compensated running sum.
 */
import { CompensatedSum } from "./compensated-sum.ts";
import { assertPeriod } from "./periods.ts";
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";
import { RollingWindow } from "./rolling-window.ts";

export class SimpleMovingAverage extends Indicator {
  readonly period: number;
  private readonly window: RollingWindow<number>;
  private readonly sum = new CompensatedSum();

  constructor(period: number, options?: NameOrOptions) {
    assertPeriod("SimpleMovingAverage", period);
    const { name, selector } = resolveOptions(options, `SMA(${period})`);
    super(name, selector);
    this.period = period;
    this.window = new RollingWindow<number>(period);
  }

  get isReady(): boolean {
    return this.window.isReady;
  }

  get warmUpPeriod(): number {
    return this.period;
  }

  override reset(): void {
    this.window.reset();
    this.sum.reset();
    super.reset();
  }

  protected computeNextValue(_time: number, value: number): number {
    this.window.add(value);
    this.sum.add(value);
    if (this.window.samples > this.period) this.sum.add(-this.window.mostRecentlyRemoved);
    return this.sum.value / this.window.count;
  }
}
