/**
 * LEAN's Delay: the input from `period` samples ago. Until then, the first input. Ready after
 * period + 1 samples.
 */
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";
import { assertPeriod } from "./periods.ts";
import { RollingWindow } from "./rolling-window.ts";

export class Delay extends Indicator {
  readonly period: number;
  private readonly window: RollingWindow<number>;

  constructor(period: number, options?: NameOrOptions) {
    assertPeriod("Delay", period);
    const { name, selector } = resolveOptions(options, `DELAY(${period})`);
    super(name, selector);
    this.period = period;
    this.window = new RollingWindow<number>(period);
  }

  get isReady(): boolean {
    return this.samples > this.period;
  }

  get warmUpPeriod(): number {
    return this.period + 1;
  }

  override reset(): void {
    this.window.reset();
    super.reset();
  }

  protected computeNextValue(_time: number, value: number): number {
    this.window.add(value);
    return this.isReady ? this.window.mostRecentlyRemoved : this.window.oldest;
  }
}
