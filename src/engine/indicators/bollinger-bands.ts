/**
 * LEAN's BollingerBands: middle band = a moving average (simple by default) of the price; upper
 * and lower = middle ± k·standard deviation (population); bandWidth = 100·(upper-lower)/middle;
 * percentB = (price-lower)/(upper-lower). The parts are composite indicators, wired as LEAN
 * wires them, so each has its own `current`, `isReady` and `samples`. The indicator's own value
 * is the price. Once ready, an input with zero deviation produces no new value (LEAN's
 * MathError: %B would be 0/0 and stale).
 */
import { assertPeriod } from "./periods.ts";
import { CompositeIndicator, minus, over, plus, times } from "./composite-indicator.ts";
import { Identity } from "./identity.ts";
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";
import { MovingAverageType, createMovingAverage } from "./moving-average-type.ts";
import { StandardDeviation } from "./standard-deviation.ts";

export class BollingerBands extends Indicator {
  readonly period: number;
  readonly k: number;
  readonly movingAverageType: MovingAverageType;
  readonly standardDeviation: StandardDeviation;
  readonly middleBand: Indicator;
  readonly upperBand: CompositeIndicator;
  readonly lowerBand: CompositeIndicator;
  readonly bandWidth: CompositeIndicator;
  readonly percentB: CompositeIndicator;
  /** The input price, as LEAN's `Price`. */
  readonly price: Identity;

  constructor(period: number, k: number, movingAverageType: MovingAverageType = MovingAverageType.Simple, options?: NameOrOptions) {
    assertPeriod("BollingerBands", period);
    const { name, selector } = resolveOptions(options, `BB(${period},${k})`);
    super(name, selector);
    this.period = period;
    this.k = k;
    this.movingAverageType = movingAverageType;
    this.standardDeviation = new StandardDeviation(period, `${name}_StandardDeviation`);
    this.middleBand = createMovingAverage(movingAverageType, period, `${name}_MiddleBand`);
    // the order of construction is the order listeners run in; it matches LEAN's so every
    // part sees this input's values of the parts it depends on
    this.lowerBand = minus(this.middleBand, times(this.standardDeviation, k), `${name}_LowerBand`);
    this.upperBand = plus(this.middleBand, times(this.standardDeviation, k), `${name}_UpperBand`);
    const upperMinusLower = minus(this.upperBand, this.lowerBand);
    this.bandWidth = times(over(upperMinusLower, this.middleBand), 100, `${name}_BandWidth`);
    this.price = new Identity(`${name}_Close`);
    this.percentB = over(minus(this.price, this.lowerBand), upperMinusLower, `${name}_%B`);
  }

  get isReady(): boolean {
    return this.middleBand.isReady && this.upperBand.isReady && this.lowerBand.isReady && this.bandWidth.isReady && this.percentB.isReady;
  }

  get warmUpPeriod(): number {
    return this.period;
  }

  override reset(): void {
    this.standardDeviation.reset();
    this.middleBand.reset();
    this.upperBand.reset();
    this.lowerBand.reset();
    this.bandWidth.reset();
    this.percentB.reset();
    super.reset();
  }

  protected computeNextValue(time: number, value: number): number | null {
    this.standardDeviation.update(time, value);
    this.middleBand.update(time, value);
    this.price.update(time, value);
    return this.isReady && this.standardDeviation.current.value === 0 ? null : value;
  }
}
