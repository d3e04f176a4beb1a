/**
 * Indicators whose input is a single number at a time (LEAN's `Indicator`): SMA, EMA, RSI, …
 * They take `update(time, value)` or `update(point)`, and `updateBar(bar)` through a selector
 * (the bar's close unless told otherwise).
 */
import { IndicatorBase } from "./indicator-base.ts";
import { selectClose, type BarLike, type BarSelector, type IndicatorDataPoint } from "./indicator-data-point.ts";

/** Constructor options shared by data-point indicators. */
export interface IndicatorOptions {
  /** Overrides the default LEAN-style name, e.g. `SMA(14)`. */
  name?: string;
  /** Picks the value from a bar in `updateBar`; the close by default. */
  selector?: BarSelector;
}

/** A name, or the full options. */
export type NameOrOptions = string | IndicatorOptions;

export function resolveOptions(options: NameOrOptions | undefined, defaultName: string): { name: string; selector: BarSelector } {
  if (typeof options === "string") return { name: options, selector: selectClose };
  return { name: options?.name ?? defaultName, selector: options?.selector ?? selectClose };
}

export abstract class Indicator extends IndicatorBase<IndicatorDataPoint> {
  /** The value `updateBar` takes from a bar; the engine may replace it. */
  selector: BarSelector;

  protected constructor(name: string, selector: BarSelector = selectClose) {
    super(name);
    this.selector = selector;
  }

  /** Feeds one value at `time` (epoch ms UTC, the end time of the input); returns `isReady`. */
  update(time: number, value: number): boolean;
  /** Feeds one data point; returns `isReady`. */
  update(point: IndicatorDataPoint): boolean;
  update(timeOrPoint: number | IndicatorDataPoint, value?: number): boolean {
    if (typeof timeOrPoint === "number") {
      if (value === undefined) throw new TypeError(`${this.name}.update(time, value): value is missing`);
      return this.updateValue(timeOrPoint, value);
    }
    return this.updateValue(timeOrPoint.time, timeOrPoint.value);
  }

  /** Feeds the selected value of the bar at the bar's end time. */
  updateBar(bar: BarLike): boolean {
    return this.updateValue(bar.endTime, this.selector(bar));
  }

  private updateValue(time: number, value: number): boolean {
    if (this.beginUpdate(time)) this.publish(time, this.computeNextValue(time, value));
    return this.isReady;
  }

  /** The new value for this input, or `null` when the input produces none. `samples` already counts it. */
  protected abstract computeNextValue(time: number, value: number): number | null;
}
