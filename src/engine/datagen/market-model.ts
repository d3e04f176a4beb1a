/**
 * The underlying's price process: Heston stochastic variance with Merton jumps, stepped one
 * regular-session minute at a time plus one overnight step per night, on real trading sessions.
 *
 * - Log price: dx = (mu - lambda*m - v/2) dt + sqrt(v dt) Zs + J, with J ~ N(jumpMean, jumpStd)
 *   arriving at rate `jumpIntensity` per year (half of it overnight) and m = E[e^J - 1].
 * - Variance: dv = kappa (theta - v) dt + xi sqrt(v dt) Zv, corr(Zs, Zv) = rho, full truncation at
 *   `varianceFloor`; a jump of size J adds `jumpVarianceKick * J^2` to v (vol spikes after shocks).
 * - Clock: a trading year of 252 sessions. `overnightVarianceShare` of a day's variance is spent
 *   overnight; the rest spreads over the session's minutes with a U-shaped intraday volatility
 *   pattern (busy open, quieter midday, busier close). A 13:00 early close simply has fewer minutes.
 * - Minute bars: open = previous minute's close (the overnight gap lands in the first minute's
 *   open); high and low drawn exactly from the Brownian bridge between open and close.
 * - Volume: a daily volume that rises with variance, spread over the session by a U-shaped curve
 *   with noise and more volume on larger moves.
 *
 * Pure numbers in, typed arrays out; no files. Deterministic from the seed.
 */
import { Random } from "./random.ts";
import type { TradingSession } from "./trading-sessions.ts";

export interface MarketModelParameters {
  /** Price of the first session's previous close. */
  initialPrice: number;
  /** Real-world drift per year (log-price drift before the -v/2 correction). */
  drift: number;
  /** Initial variance (annualised; 0.0225 = 15% vol). */
  initialVariance: number;
  /** Mean reversion speed per year. */
  kappa: number;
  /** Long-run variance. */
  theta: number;
  /** Volatility of variance. */
  xi: number;
  /** Correlation of price and variance shocks (the leverage effect). */
  rho: number;
  varianceFloor: number;
  /** Expected jumps per year. */
  jumpIntensity: number;
  jumpMean: number;
  jumpStd: number;
  jumpVarianceKick: number;
  /** Share of a day's variance (and half the jump intensity) spent overnight. */
  overnightVarianceShare: number;
  tradingDaysPerYear: number;
  /** Average shares traded in a full regular session at long-run variance. */
  dailyVolume: number;
}

export const DEFAULT_MARKET_MODEL: MarketModelParameters = {
  initialPrice: 118.4,
  drift: 0.07,
  initialVariance: 0.0196,
  kappa: 4,
  theta: 0.0289,
  xi: 0.55,
  rho: -0.72,
  varianceFloor: 0.003,
  jumpIntensity: 6,
  jumpMean: -0.012,
  jumpStd: 0.018,
  jumpVarianceKick: 15,
  overnightVarianceShare: 0.2,
  tradingDaysPerYear: 252,
  dailyVolume: 42_000_000,
};

export const FULL_SESSION_MINUTES = 390;

/** One session's simulated minutes. Prices are unrounded dollars; the writers round them. */
export interface SimulatedDay {
  session: TradingSession;
  /** Minute bar prices, index 0 = the bar starting at the open. */
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  /** Shares traded in the minute. */
  volume: Float64Array;
  /** Instantaneous variance at the end of each minute (what the option surface is built from). */
  variance: Float64Array;
  /** Variance at the open, after the overnight step. */
  openVariance: number;
  /** Jumps that happened this session, overnight included (log sizes). */
  jumps: number[];
}

/** Intraday volatility weight of minute `i` in a session of `n` minutes; averages 1 over a full day. */
function volatilityWeights(): Float64Array {
  const raw = new Float64Array(FULL_SESSION_MINUTES);
  let sum = 0;
  for (let i = 0; i < FULL_SESSION_MINUTES; i++) {
    raw[i] = 0.72 + 1.5 * Math.exp(-i / 18) + 0.45 * Math.exp(-(FULL_SESSION_MINUTES - 1 - i) / 25);
    sum += raw[i];
  }
  for (let i = 0; i < FULL_SESSION_MINUTES; i++) raw[i] *= FULL_SESSION_MINUTES / sum;
  return raw;
}

/** The U-shaped volume curve: heavy first minutes, a midday lull, a heavier close. */
function volumeWeight(i: number, n: number): number {
  const last = i === n - 1 ? 2.5 : 1;
  return (0.55 + 2.2 * Math.exp(-i / 15) + 1.1 * Math.exp(-(n - 1 - i) / 12)) * last;
}

/** Simulates every session in order; the same seed and sessions give the same path. */
export function simulateMarket(sessions: readonly TradingSession[], seed: number, parameters: MarketModelParameters = DEFAULT_MARKET_MODEL): SimulatedDay[] {
  const p = parameters;
  const random = Random.stream(seed, "underlying");
  const weights = volatilityWeights();
  const dayYears = 1 / p.tradingDaysPerYear;
  const minuteYears = ((1 - p.overnightVarianceShare) * dayYears) / FULL_SESSION_MINUTES;
  const jumpCompensator = Math.exp(p.jumpMean + 0.5 * p.jumpStd * p.jumpStd) - 1;
  const rhoBar = Math.sqrt(1 - p.rho * p.rho);
  let x = Math.log(p.initialPrice);
  let v = p.initialVariance;
  const days: SimulatedDay[] = [];

  // One step of length dt (years); returns the log-price increment and updates v.
  const jumpsToday: number[] = [];
  const step = (dt: number, jumpRate: number): number => {
    const zs = random.normal();
    const zv = p.rho * zs + rhoBar * random.normal();
    const vPlus = Math.max(v, 0);
    let dx = (p.drift - p.jumpIntensity * jumpCompensator - 0.5 * vPlus) * dt + Math.sqrt(vPlus * dt) * zs;
    v = v + p.kappa * (p.theta - vPlus) * dt + p.xi * Math.sqrt(vPlus * dt) * zv;
    if (random.next() < jumpRate * dt) {
      const jump = p.jumpMean + p.jumpStd * random.normal();
      dx += jump;
      v += p.jumpVarianceKick * jump * jump;
      jumpsToday.push(jump);
    }
    if (v < p.varianceFloor) v = p.varianceFloor;
    if (v > 4) v = 4;
    return dx;
  };

  for (const session of sessions) {
    jumpsToday.length = 0;
    const n = session.minutes;
    // Overnight: the variance share of one night (weekends and holidays add calendar time to the
    // variance's mean reversion but, as in real markets, little extra price variance).
    const nightYears = p.overnightVarianceShare * dayYears * (1 + 0.1 * Math.max(0, session.gapDays - 1));
    x += step(nightYears, (0.5 * p.jumpIntensity * dayYears) / nightYears);
    const openVariance = v;
    const open = new Float64Array(n);
    const high = new Float64Array(n);
    const low = new Float64Array(n);
    const close = new Float64Array(n);
    const volume = new Float64Array(n);
    const variance = new Float64Array(n);
    const dayVolume = p.dailyVolume * Math.pow(v / p.theta, 0.4) * Math.exp(0.25 * random.normal() - 0.03) * (n < FULL_SESSION_MINUTES ? 0.55 : 1);
    let volumeWeightSum = 0;
    for (let i = 0; i < n; i++) volumeWeightSum += volumeWeight(i, n);
    const intradayJumpRate = (0.5 * p.jumpIntensity) / (1 - p.overnightVarianceShare);
    for (let i = 0; i < n; i++) {
      // Early-close days keep the morning's shape and borrow the closing minutes' extra activity.
      const w = weights[n === FULL_SESSION_MINUTES ? i : i < n - 30 ? i : FULL_SESSION_MINUTES - (n - i)];
      const dt = minuteYears * w;
      const vStart = Math.max(v, p.varianceFloor);
      const a = x;
      x += step(dt, intradayJumpRate);
      const b = x;
      const s2 = vStart * dt;
      const range = b - a;
      const up = 0.5 * (a + b + Math.sqrt(range * range - 2 * s2 * Math.log(random.nextOpen())));
      const down = 0.5 * (a + b - Math.sqrt(range * range - 2 * s2 * Math.log(random.nextOpen())));
      open[i] = Math.exp(a);
      close[i] = Math.exp(b);
      high[i] = Math.exp(up);
      low[i] = Math.exp(down);
      variance[i] = v;
      const moveSize = Math.abs(range) / Math.sqrt(s2);
      const share = volumeWeight(i, n) / volumeWeightSum;
      volume[i] = Math.max(100, Math.round(dayVolume * share * (0.7 + 0.3 * moveSize) * Math.exp(0.35 * random.normal() - 0.06)));
    }
    days.push({ session, open, high, low, close, volume, variance, openVariance, jumps: [...jumpsToday] });
  }
  return days;
}
