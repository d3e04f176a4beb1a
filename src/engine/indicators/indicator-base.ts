/**
 * The base of every indicator, with LEAN's semantics: `current` starts at value 0, `samples`
 * counts accepted inputs, inputs older than the last one are ignored (forward-only), and an
 * `updated` notification fires each time a new value is produced (composite indicators chain on
 * it). Subclasses compute values; this class owns the bookkeeping. Knows nothing of the engine.
 */
import { EMPTY_DATA_POINT, type BarLike, type IndicatorDataPoint } from "./indicator-data-point.ts";

/** Called with the new value each time an indicator produces one (LEAN's `Updated` event). */
export type IndicatorUpdatedListener = (point: IndicatorDataPoint, indicator: IndicatorBase<unknown>) => void;

export abstract class IndicatorBase<TInput> {
  readonly name: string;
  private currentPoint: IndicatorDataPoint = EMPTY_DATA_POINT;
  private sampleCount = 0;
  private lastInputTime = Number.NEGATIVE_INFINITY;
  private warnedBackwards = false;
  private listeners: IndicatorUpdatedListener[] = [];

  protected constructor(name: string) {
    this.name = name;
  }

  /** The latest value; value 0 before the first update, as LEAN's `Current`. */
  get current(): IndicatorDataPoint {
    return this.currentPoint;
  }

  /** How many inputs the indicator has accepted since construction or the last reset. */
  get samples(): number {
    return this.sampleCount;
  }

  abstract get isReady(): boolean;

  /** How many inputs it takes to become ready. */
  abstract get warmUpPeriod(): number;

  /** Feeds one input; returns `isReady`. */
  abstract update(input: TInput): boolean;

  /** Feeds a bar: bar indicators take it whole, data-point indicators take its selected value at `bar.endTime`. */
  abstract updateBar(bar: BarLike): boolean;

  /**
   * Subscribes to new values (LEAN's `Updated`). Listeners run synchronously, in subscription
   * order, after `current` has changed. Returns a function that unsubscribes.
   */
  onUpdated(listener: IndicatorUpdatedListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Back to the state before the first update; subscriptions are kept, as LEAN's. */
  reset(): void {
    this.sampleCount = 0;
    this.lastInputTime = Number.NEGATIVE_INFINITY;
    this.currentPoint = this.initialCurrent();
  }

  /** `current` after construction and reset; the constant indicator overrides it. */
  protected initialCurrent(): IndicatorDataPoint {
    return EMPTY_DATA_POINT;
  }

  /**
   * First half of the shared update path (no closure, no allocation): the forward-only check and
   * the sample count. Returns false when the input is older than the previous one; LEAN ignores
   * such inputs (and logs once), so do we.
   */
  protected beginUpdate(time: number): boolean {
    if (time < this.lastInputTime) {
      if (!this.warnedBackwards) {
        this.warnedBackwards = true;
        // LEAN logs once and ignores the input; a Node warning is our equivalent of its log line.
        process.emitWarning(
          `${this.name}: this is a forward-only indicator; input at ${new Date(time).toISOString()} is before the previous input at ${new Date(this.lastInputTime).toISOString()} and was ignored`,
          { code: "TRADELOOM_INDICATOR_BACKWARDS" },
        );
      }
      return false;
    }
    this.lastInputTime = time;
    this.sampleCount++;
    return true;
  }

  /**
   * Second half: publishes the computed value, or nothing when `value` is null (LEAN's
   * non-success IndicatorStatus: the sample counts, `current` and listeners are untouched).
   */
  protected publish(time: number, value: number | null): void {
    if (value === null) return;
    this.currentPoint = { time, value };
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i](this.currentPoint, this);
  }
}
