/**
 * LEAN's RelativeStrengthIndex: 100 - 100/(1 + averageGain/averageLoss), the averages of the
 * up and down moves by a moving average (Wilder's by default). 100 when the average loss rounds
 * to 0 at 10 decimals (as LEAN's, including the very first sample). Ready after period+1 samples
 * (the first only sets the previous value).
 */
import { assertPeriod } from "./periods.ts";
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";
import { MovingAverageType, createMovingAverage } from "./moving-average-type.ts";

export class RelativeStrengthIndex extends Indicator {
  readonly period: number;
  readonly movingAverageType: MovingAverageType;
  readonly averageGain: Indicator;
  readonly averageLoss: Indicator;
  private previous = 0;
  private hasPrevious = false;

  constructor(period: number, movingAverageType: MovingAverageType = MovingAverageType.Wilders, options?: NameOrOptions) {
    assertPeriod("RelativeStrengthIndex", period);
    const { name, selector } = resolveOptions(options, `RSI(${period})`);
    super(name, selector);
    this.period = period;
    this.movingAverageType = movingAverageType;
    this.averageGain = createMovingAverage(movingAverageType, period, `${name}Up`);
    this.averageLoss = createMovingAverage(movingAverageType, period, `${name}Down`);
  }

  get isReady(): boolean {
    return this.averageGain.isReady && this.averageLoss.isReady;
  }

  get warmUpPeriod(): number {
    return this.period + 1;
  }

  override reset(): void {
    this.hasPrevious = false;
    this.previous = 0;
    this.averageGain.reset();
    this.averageLoss.reset();
    super.reset();
  }

  protected computeNextValue(time: number, value: number): number {
    if (this.hasPrevious) {
      const change = value - this.previous;
      if (change >= 0) {
        this.averageGain.update(time, change);
        this.averageLoss.update(time, 0);
      } else {
        this.averageGain.update(time, 0);
        this.averageLoss.update(time, -change);
      }
    }
    this.previous = value;
    this.hasPrevious = true;
    // some averages (DEMA…) can dip below zero; LEAN clamps them
    const averageLoss = Math.max(0, this.averageLoss.current.value);
    const averageGain = Math.max(0, this.averageGain.current.value);
    // LEAN: Math.Round(averageLoss, 10) == 0 → 100, avoiding a division by a vanishing loss
    if (Math.abs(averageLoss) < 5e-11) return 100;
    return 100 - 100 / (1 + averageGain / averageLoss);
  }
}
