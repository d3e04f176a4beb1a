/**
 * LEAN's McGinleyDynamic: 0 until `period` samples, then their mean, then
 * value = previous + (x - previous) / (period · (x/previous)⁴); unchanged when x or the
 * previous value is 0.
 */
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";
import { assertPeriod } from "./periods.ts";

export class McGinleyDynamic extends Indicator {
  readonly period: number;
  private warmUpSum = 0;

  constructor(period: number, options?: NameOrOptions) {
    assertPeriod("McGinleyDynamic", period);
    const { name, selector } = resolveOptions(options, `MGD(${period})`);
    super(name, selector);
    this.period = period;
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
    if (samples <= this.period) {
      this.warmUpSum += value;
      return samples === this.period ? this.warmUpSum / this.period : 0;
    }
    const previous = this.current.value;
    if (previous === 0 || value === 0) return previous;
    const ratio = value / previous;
    return previous + (value - previous) / (this.period * ratio ** 4);
  }
}
