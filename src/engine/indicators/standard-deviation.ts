/** LEAN's StandardDeviation: the square root of the population Variance over `period` values. */
import type { NameOrOptions } from "./indicator.ts";
import { Variance } from "./variance.ts";

export class StandardDeviation extends Variance {
  constructor(period: number, options?: NameOrOptions) {
    super(period, options, `STD(${period})`);
  }

  protected override computeNextValue(time: number, value: number): number {
    return Math.sqrt(super.computeNextValue(time, value));
  }
}
