/**
 * LEAN's MovingAverageConvergenceDivergence: value = fast MA - slow MA (exponential by default);
 * `signal` is a MA of that difference, fed once both MAs are ready; `histogram` = value - signal,
 * fed once the signal is ready. Ready with the signal, after slow + signal - 1 samples.
 */
import { assertPeriod } from "./periods.ts";
import { Identity } from "./identity.ts";
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";
import { MovingAverageType, createMovingAverage } from "./moving-average-type.ts";

export class MovingAverageConvergenceDivergence extends Indicator {
  readonly fast: Indicator;
  readonly slow: Indicator;
  readonly signal: Indicator;
  readonly histogram: Identity;
  readonly movingAverageType: MovingAverageType;
  private readonly warmUp: number;

  constructor(
    fastPeriod: number,
    slowPeriod: number,
    signalPeriod: number,
    movingAverageType: MovingAverageType = MovingAverageType.Exponential,
    options?: NameOrOptions,
  ) {
    assertPeriod("MovingAverageConvergenceDivergence fast", fastPeriod);
    assertPeriod("MovingAverageConvergenceDivergence slow", slowPeriod);
    assertPeriod("MovingAverageConvergenceDivergence signal", signalPeriod);
    if (fastPeriod >= slowPeriod) {
      throw new RangeError(
        `MovingAverageConvergenceDivergence: fastPeriod must be less than slowPeriod, got fast ${fastPeriod}, slow ${slowPeriod}`,
      );
    }
    const { name, selector } = resolveOptions(options, `MACD(${fastPeriod},${slowPeriod},${signalPeriod})`);
    super(name, selector);
    this.movingAverageType = movingAverageType;
    this.fast = createMovingAverage(movingAverageType, fastPeriod, `${name}_Fast`);
    this.slow = createMovingAverage(movingAverageType, slowPeriod, `${name}_Slow`);
    this.signal = createMovingAverage(movingAverageType, signalPeriod, `${name}_Signal`);
    this.histogram = new Identity(`${name}_Histogram`);
    this.warmUp = slowPeriod + signalPeriod - 1;
  }

  get isReady(): boolean {
    return this.signal.isReady;
  }

  get warmUpPeriod(): number {
    return this.warmUp;
  }

  override reset(): void {
    this.fast.reset();
    this.slow.reset();
    this.signal.reset();
    this.histogram.reset();
    super.reset();
  }

  protected computeNextValue(time: number, value: number): number {
    const fastReady = this.fast.update(time, value);
    const slowReady = this.slow.update(time, value);
    const macd = this.fast.current.value - this.slow.current.value;
    if (fastReady && slowReady && this.signal.update(time, macd)) {
      this.histogram.update(time, macd - this.signal.current.value);
    }
    return macd;
  }
}
