/** Indicators whose input is a whole bar (LEAN's `BarIndicator`): TrueRange, AverageTrueRange. */
import { IndicatorBase } from "./indicator-base.ts";
import type { BarLike } from "./indicator-data-point.ts";

export abstract class BarIndicator extends IndicatorBase<BarLike> {
  protected constructor(name: string) {
    super(name);
  }

  /** Feeds one bar, stamped at its end time; returns `isReady`. */
  update(bar: BarLike): boolean {
    if (this.beginUpdate(bar.endTime)) this.publish(bar.endTime, this.computeNextValue(bar));
    return this.isReady;
  }

  updateBar(bar: BarLike): boolean {
    return this.update(bar);
  }

  /** The new value for this bar, or `null` when it produces none. `samples` already counts it. */
  protected abstract computeNextValue(bar: BarLike): number | null;
}
