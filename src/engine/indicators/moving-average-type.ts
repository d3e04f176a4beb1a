/**
 * LEAN's MovingAverageType and its `AsIndicator` factory: every member of LEAN's enum, built
 * with LEAN's defaults (T3 volume factor 0.7; KAMA fast 2, slow 30; ALMA sigma 6, offset 0.85).
 */
import { ArnaudLegouxMovingAverage } from "./arnaud-legoux-moving-average.ts";
import { DoubleExponentialMovingAverage } from "./double-exponential-moving-average.ts";
import { ExponentialMovingAverage } from "./exponential-moving-average.ts";
import { HullMovingAverage } from "./hull-moving-average.ts";
import type { Indicator, NameOrOptions } from "./indicator.ts";
import { KaufmanAdaptiveMovingAverage } from "./kaufman-adaptive-moving-average.ts";
import { LinearWeightedMovingAverage } from "./linear-weighted-moving-average.ts";
import { McGinleyDynamic } from "./mc-ginley-dynamic.ts";
import { SimpleMovingAverage } from "./simple-moving-average.ts";
import { T3MovingAverage } from "./t3-moving-average.ts";
import { TriangularMovingAverage } from "./triangular-moving-average.ts";
import { TripleExponentialMovingAverage } from "./triple-exponential-moving-average.ts";
import { WilderMovingAverage } from "./wilder-moving-average.ts";
import { ZeroLagExponentialMovingAverage } from "./zero-lag-exponential-moving-average.ts";

export enum MovingAverageType {
  Simple = "Simple",
  Exponential = "Exponential",
  Wilders = "Wilders",
  LinearWeightedMovingAverage = "LinearWeightedMovingAverage",
  DoubleExponential = "DoubleExponential",
  TripleExponential = "TripleExponential",
  Triangular = "Triangular",
  T3 = "T3",
  Kama = "Kama",
  Hull = "Hull",
  Alma = "Alma",
  Zlema = "Zlema",
  MGD = "MGD",
}

/** A moving average of the given type (LEAN's `MovingAverageType.AsIndicator`); default names as LEAN's classes give. */
export function createMovingAverage(type: MovingAverageType, period: number, options?: NameOrOptions): Indicator {
  switch (type) {
    case MovingAverageType.Simple:
      return new SimpleMovingAverage(period, options);
    case MovingAverageType.Exponential:
      return new ExponentialMovingAverage(period, options);
    case MovingAverageType.Wilders:
      return new WilderMovingAverage(period, options);
    case MovingAverageType.LinearWeightedMovingAverage:
      return new LinearWeightedMovingAverage(period, options);
    case MovingAverageType.DoubleExponential:
      return new DoubleExponentialMovingAverage(period, options);
    case MovingAverageType.TripleExponential:
      return new TripleExponentialMovingAverage(period, options);
    case MovingAverageType.Triangular:
      return new TriangularMovingAverage(period, options);
    case MovingAverageType.T3:
      return new T3MovingAverage(period, options);
    case MovingAverageType.Hull:
      return new HullMovingAverage(period, options);
    case MovingAverageType.Kama:
      return new KaufmanAdaptiveMovingAverage(period, options);
    case MovingAverageType.Alma:
      return new ArnaudLegouxMovingAverage(period, options);
    case MovingAverageType.Zlema:
      return new ZeroLagExponentialMovingAverage(period, options);
    case MovingAverageType.MGD:
      return new McGinleyDynamic(period, options);
    default:
      throw new RangeError(`unknown moving average type: ${String(type)}`);
  }
}
