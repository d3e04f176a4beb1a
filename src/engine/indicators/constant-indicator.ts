/** LEAN's ConstantIndicator: always ready, always the same value; an operand of composites. */
import { Indicator } from "./indicator.ts";
import type { IndicatorDataPoint } from "./indicator-data-point.ts";

export class ConstantIndicator extends Indicator {
  readonly constant: number;

  constructor(name: string, value: number) {
    super(name);
    this.constant = value;
    // the base constructor set `current` to value 0; reset re-reads initialCurrent(), now that `constant` exists
    this.reset();
  }

  get isReady(): boolean {
    return true;
  }

  get warmUpPeriod(): number {
    return 0;
  }

  protected override initialCurrent(): IndicatorDataPoint {
    return { time: Number.NEGATIVE_INFINITY, value: this.constant };
  }

  protected computeNextValue(): number {
    return this.constant;
  }
}
