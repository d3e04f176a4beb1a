/**
 * LEAN's CompositeIndicator: combines two indicators. It updates when both have produced a new
 * value since its last update (or when one side has and the other is a constant), stamped with
 * the latest of the times involved. The composer may return `null` (LEAN's MathError, e.g. a
 * division by zero): the sample counts but the value does not change.
 */
import { ConstantIndicator } from "./constant-indicator.ts";
import type { IndicatorBase } from "./indicator-base.ts";
import { Indicator } from "./indicator.ts";
import type { IndicatorDataPoint } from "./indicator-data-point.ts";

export type IndicatorComposer = (left: IndicatorBase<unknown>, right: IndicatorBase<unknown>) => number | null;

export class CompositeIndicator extends Indicator {
  readonly left: IndicatorBase<unknown>;
  readonly right: IndicatorBase<unknown>;
  private readonly composer: IndicatorComposer;
  private leftUpdated = false;
  private rightUpdated = false;

  constructor(name: string | undefined, left: IndicatorBase<unknown>, right: IndicatorBase<unknown>, composer: IndicatorComposer) {
    super(name ?? `COMPOSE(${left.name},${right.name})`);
    this.left = left;
    this.right = right;
    this.composer = composer;
    const leftIsConstant = left instanceof ConstantIndicator;
    const rightIsConstant = right instanceof ConstantIndicator;
    left.onUpdated((point) => {
      this.leftUpdated = true;
      if (this.rightUpdated || rightIsConstant) this.fire(point);
    });
    right.onUpdated((point) => {
      this.rightUpdated = true;
      if (this.leftUpdated || leftIsConstant) this.fire(point);
    });
  }

  get isReady(): boolean {
    return this.left.isReady && this.right.isReady;
  }

  get warmUpPeriod(): number {
    return Math.max(this.left.warmUpPeriod, this.right.warmUpPeriod);
  }

  /** Resets both operands too, as LEAN's. */
  override reset(): void {
    this.left.reset();
    this.right.reset();
    this.leftUpdated = false;
    this.rightUpdated = false;
    super.reset();
  }

  protected computeNextValue(): number | null {
    return this.composer(this.left, this.right);
  }

  private fire(point: IndicatorDataPoint): void {
    this.leftUpdated = false;
    this.rightUpdated = false;
    const time = Math.max(point.time, this.left.current.time, this.right.current.time);
    this.update(time, 0);
  }
}

/** left + right */
export function plus(left: IndicatorBase<unknown>, right: IndicatorBase<unknown>, name?: string): CompositeIndicator {
  return new CompositeIndicator(name, left, right, (l, r) => l.current.value + r.current.value);
}

/** left - right */
export function minus(left: IndicatorBase<unknown>, right: IndicatorBase<unknown>, name?: string): CompositeIndicator {
  return new CompositeIndicator(name, left, right, (l, r) => l.current.value - r.current.value);
}

/** left * right (a number becomes a ConstantIndicator, as LEAN's `Times(decimal)`) */
export function times(left: IndicatorBase<unknown>, right: IndicatorBase<unknown> | number, name?: string): CompositeIndicator {
  const r = typeof right === "number" ? new ConstantIndicator(String(right), right) : right;
  return new CompositeIndicator(name, left, r, (a, b) => a.current.value * b.current.value);
}

/** left / right; no new value while right is 0 (LEAN's MathError). */
export function over(left: IndicatorBase<unknown>, right: IndicatorBase<unknown>, name?: string): CompositeIndicator {
  return new CompositeIndicator(name, left, right, (l, r) => (r.current.value === 0 ? null : l.current.value / r.current.value));
}
