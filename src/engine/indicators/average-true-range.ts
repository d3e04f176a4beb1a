/**
 * LEAN's AverageTrueRange: a moving average (Wilder's by default) of the TrueRange, including
 * the first bar's high-low. Ready after `period` bars.
 */
import { assertPeriod } from "./periods.ts";
import { BarIndicator } from "./bar-indicator.ts";
import type { Indicator } from "./indicator.ts";
import type { BarLike } from "./indicator-data-point.ts";
import { MovingAverageType, createMovingAverage } from "./moving-average-type.ts";
import { TrueRange } from "./true-range.ts";

export class AverageTrueRange extends BarIndicator {
  readonly period: number;
  readonly movingAverageType: MovingAverageType;
  readonly trueRange: TrueRange;
  /** The moving average of the true range; its value is this indicator's. */
  readonly smoother: Indicator;

  constructor(period: number, movingAverageType: MovingAverageType = MovingAverageType.Wilders, name = `ATR(${period})`) {
    assertPeriod("AverageTrueRange", period);
    super(name);
    this.period = period;
    this.movingAverageType = movingAverageType;
    this.trueRange = new TrueRange(`${name}_TrueRange`);
    this.smoother = createMovingAverage(movingAverageType, period, `${name}_${movingAverageType}`);
    // LEAN's `smoother.Of(TrueRange, false)`: every true range, ready or not, feeds the smoother
    this.trueRange.onUpdated((point) => {
      this.smoother.update(point);
    });
  }

  get isReady(): boolean {
    return this.smoother.isReady;
  }

  get warmUpPeriod(): number {
    return this.period;
  }

  override reset(): void {
    this.smoother.reset();
    this.trueRange.reset();
    super.reset();
  }

  protected computeNextValue(bar: BarLike): number {
    this.trueRange.update(bar);
    return this.smoother.current.value;
  }
}
