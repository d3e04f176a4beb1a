/**
 * Risk-free rate and dividend yield providers: continuously compounded rates as functions of
 * time (epoch milliseconds, UTC). Constant by default; a curve from (time, rate) points with
 * linear interpolation and flat extrapolation, as LEAN's InterestRateProvider steps through its
 * dated series. Pure: no engine, no clock of its own.
 */

export interface RateProvider {
  /** Continuously compounded annual rate in force at `timeMs`. */
  rate(timeMs: number): number;
}

/** A dividend yield provider has the same shape: a continuous yield as a function of time. */
export type DividendYieldProvider = RateProvider;

export class InvalidRateCurveError extends Error {
  override name = "InvalidRateCurveError";
}

export function constantRate(value: number): RateProvider {
  if (!Number.isFinite(value)) throw new InvalidRateCurveError(`constant rate must be finite, got ${value}`);
  return { rate: () => value };
}

export interface RatePoint {
  timeMs: number;
  rate: number;
}

/** A curve through the points (sorted by time, strictly increasing), linear between them, flat outside. */
export function rateCurve(points: readonly RatePoint[]): RateProvider {
  if (points.length === 0) throw new InvalidRateCurveError("rate curve needs at least one point");
  const times = new Float64Array(points.length);
  const rates = new Float64Array(points.length);
  points.forEach((point, i) => {
    if (!Number.isFinite(point.timeMs) || !Number.isFinite(point.rate)) {
      throw new InvalidRateCurveError(`rate curve point ${i}: time ${point.timeMs} and rate ${point.rate} must be finite`);
    }
    if (i > 0 && !(point.timeMs > times[i - 1])) {
      throw new InvalidRateCurveError(
        `rate curve point ${i}: time ${point.timeMs} is not after the previous point's ${times[i - 1]}`,
      );
    }
    times[i] = point.timeMs;
    rates[i] = point.rate;
  });
  const last = points.length - 1;
  return {
    rate(timeMs: number): number {
      if (timeMs <= times[0]) return rates[0];
      if (timeMs >= times[last]) return rates[last];
      let lo = 0;
      let hi = last;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (times[mid] <= timeMs) lo = mid;
        else hi = mid;
      }
      const w = (timeMs - times[lo]) / (times[hi] - times[lo]);
      return rates[lo] + w * (rates[hi] - rates[lo]);
    },
  };
}
