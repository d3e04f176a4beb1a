/**
 * Generalized Black-Scholes-Merton for European options on an asset with a continuous yield:
 * spot S, strike K, time T in years, continuously compounded rate r and dividend yield q
 * (cost of carry b = r - q; Haug's generalized formula), volatility sigma.
 *
 * Prices go through the normalised Black function, so deep out-of-the-money values keep their
 * relative accuracy. Greeks are closed form in the per-unit units of QuantLib, Haug and Hull:
 * vega per 1.00 of vol, theta per year of calendar time passing, rho per 1.00 of rate
 * (see lean-units.ts for LEAN's per-1% and per-day units).
 *
 * The hot function, blackScholesGreeks, writes into a caller-provided object: no allocation.
 * Pure maths: plain numbers in and out.
 */
import { normCdf, normPdf } from "./normal.ts";
import { normalisedBlackCall } from "./normalised-black.ts";

/** Call or put. */
export type OptionRight = "call" | "put";

/** Price and Greeks of one contract, per-unit units (see the module header). */
export interface Greeks {
  price: number;
  /** dV/dS */
  delta: number;
  /** d2V/dS2 */
  gamma: number;
  /** dV/dsigma per 1.00 of volatility */
  vega: number;
  /** dV/dt per year, t = calendar time passing (negative for a long vanilla, as in Hull/QuantLib) */
  theta: number;
  /** dV/dr per 1.00 of rate */
  rho: number;
  /** dV/dq per 1.00 of dividend yield */
  dividendRho: number;
}

/** A fresh Greeks object filled with NaN, for callers that reuse one across evaluations. */
export function createGreeks(): Greeks {
  return { price: NaN, delta: NaN, gamma: NaN, vega: NaN, theta: NaN, rho: NaN, dividendRho: NaN };
}

/** European option value. */
export function blackScholesPrice(
  right: OptionRight,
  spot: number,
  strike: number,
  timeYears: number,
  rate: number,
  dividendYield: number,
  volatility: number,
): number {
  const discount = Math.exp(-rate * timeYears);
  const forward = (spot * Math.exp(-dividendYield * timeYears)) / discount;
  const s = volatility * Math.sqrt(timeYears);
  if (!(s > 0)) {
    const intrinsic = right === "call" ? forward - strike : strike - forward;
    return intrinsic > 0 ? discount * intrinsic : 0;
  }
  const x = Math.log(spot / strike) + (rate - dividendYield) * timeYears; // ln(F/K), without the rounding of F
  const b = normalisedBlackCall(right === "call" ? x : -x, s);
  return discount * Math.sqrt(forward * strike) * b;
}

/**
 * Writes the price and all Greeks of a European option into `out` and returns it.
 * At T <= 0 or sigma <= 0 the option is worth its (discounted-forward) intrinsic value and the
 * Greeks are those of that limit.
 */
export function blackScholesGreeks(
  right: OptionRight,
  spot: number,
  strike: number,
  timeYears: number,
  rate: number,
  dividendYield: number,
  volatility: number,
  out: Greeks,
): Greeks {
  const isCall = right === "call";
  const sign = isCall ? 1 : -1;
  const discount = Math.exp(-rate * timeYears);
  const dividendDiscount = Math.exp(-dividendYield * timeYears);
  const forward = (spot * dividendDiscount) / discount;
  const sqrtT = Math.sqrt(timeYears);
  const s = volatility * sqrtT;
  if (!(s > 0)) {
    // Degenerate limit: the payoff on the forward, discounted.
    const itm = sign * (forward - strike) > 0;
    out.price = itm ? sign * (spot * dividendDiscount - strike * discount) : 0;
    out.delta = itm ? sign * dividendDiscount : 0;
    out.gamma = 0;
    out.vega = 0;
    out.theta = itm ? sign * (dividendYield * spot * dividendDiscount - rate * strike * discount) : 0;
    out.rho = itm ? sign * timeYears * strike * discount : 0;
    out.dividendRho = itm ? -sign * timeYears * spot * dividendDiscount : 0;
    return out;
  }
  const x = Math.log(spot / strike) + (rate - dividendYield) * timeYears; // ln(F/K), without the rounding of F
  const d1 = x / s + 0.5 * s;
  const d2 = d1 - s;
  const nd1 = normCdf(sign * d1);
  const nd2 = normCdf(sign * d2);
  const pdf = normPdf(d1);
  const spotDiscounted = spot * dividendDiscount;
  const strikeDiscounted = strike * discount;
  out.price = discount * Math.sqrt(forward * strike) * normalisedBlackCall(sign * x, s);
  out.delta = sign * dividendDiscount * nd1;
  out.gamma = (dividendDiscount * pdf) / (spot * s);
  out.vega = spotDiscounted * pdf * sqrtT;
  out.theta =
    (-spotDiscounted * pdf * volatility) / (2 * sqrtT) -
    sign * rate * strikeDiscounted * nd2 +
    sign * dividendYield * spotDiscounted * nd1;
  out.rho = sign * timeYears * strikeDiscounted * nd2;
  out.dividendRho = -sign * timeYears * spotDiscounted * nd1;
  return out;
}
