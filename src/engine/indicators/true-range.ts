/**
 * LEAN's TrueRange: the greatest of high-low, |previous close - high| and |previous close - low|;
 * for the first bar, high-low. Ready from the second bar.
 */
import { BarIndicator } from "./bar-indicator.ts";
import type { BarLike } from "./indicator-data-point.ts";

export class TrueRange extends BarIndicator {
  private previousClose = 0;

  constructor(name = "TR") {
    super(name);
  }

  get isReady(): boolean {
    return this.samples > 1;
  }

  get warmUpPeriod(): number {
    return 2;
  }

  override reset(): void {
    this.previousClose = 0;
    super.reset();
  }

  protected computeNextValue(bar: BarLike): number {
    let greatest = bar.high - bar.low;
    if (this.samples > 1) {
      greatest = Math.max(greatest, Math.abs(this.previousClose - bar.high), Math.abs(this.previousClose - bar.low));
    }
    this.previousClose = bar.close;
    return greatest;
  }
}
