/**
 * Option price models behind one small interface, so a security can choose its model
 * (LEAN's `SetPriceModel`): European Black-Scholes-Merton (closed-form Greeks), the CRR binomial
 * tree (LEAN's American default, 100 steps), the Barone-Adesi-Whaley and Bjerksund-Stensland
 * (1993, 2002) approximations, and the integral-equation method (our most accurate).
 * American Greeks come from central bumps of the model's price (the tree has no closed form).
 * Pure maths: plain numbers in, a caller-provided Greeks object out.
 */
import { blackScholesGreeks, type Greeks, type OptionRight } from "./black-scholes.ts";
import { baroneAdesiWhaleyPrice } from "./barone-adesi-whaley.ts";
import { bjerksundStensland1993Price, bjerksundStensland2002Price } from "./bjerksund-stensland.ts";
import { binomialPrice, LEAN_BINOMIAL_STEPS, type BinomialFlavour } from "./binomial.ts";
import { ACCURATE_SETTINGS, americanIntegralEquationPrice, type IntegralEquationSettings } from "./american-integral.ts";
import type { DividendYieldProvider, RateProvider } from "./rate-providers.ts";

export interface OptionPriceModel {
  readonly name: string;
  /** Value of the option. */
  price(right: OptionRight, spot: number, strike: number, timeYears: number, rate: number, dividendYield: number, volatility: number): number;
  /** Price and Greeks (per-unit units) written into `out`. */
  greeks(
    right: OptionRight, spot: number, strike: number, timeYears: number, rate: number, dividendYield: number,
    volatility: number, out: Greeks,
  ): Greeks;
}

type PriceFunction = OptionPriceModel["price"];

/**
 * Greeks by central differences of a price function (for models without closed-form Greeks).
 * `spotBump` is relative: trees need a wide one (their value oscillates with the strike's place
 * in the grid), smooth models a narrow one.
 */
function bumpedGreeks(
  price: PriceFunction, right: OptionRight, spot: number, strike: number, timeYears: number, rate: number,
  dividendYield: number, volatility: number, out: Greeks, spotBump = 1e-2,
): Greeks {
  const value = price(right, spot, strike, timeYears, rate, dividendYield, volatility);
  const ds = spotBump * spot;
  const up = price(right, spot + ds, strike, timeYears, rate, dividendYield, volatility);
  const down = price(right, spot - ds, strike, timeYears, rate, dividendYield, volatility);
  const dv = 1e-3;
  const dr = 1e-4;
  const dt = Math.min(1 / 365, 0.5 * timeYears);
  out.price = value;
  out.delta = (up - down) / (2 * ds);
  out.gamma = (up - 2 * value + down) / (ds * ds);
  out.vega =
    (price(right, spot, strike, timeYears, rate, dividendYield, volatility + dv) -
      price(right, spot, strike, timeYears, rate, dividendYield, Math.max(volatility - dv, 1e-8))) / (2 * dv);
  out.rho =
    (price(right, spot, strike, timeYears, rate + dr, dividendYield, volatility) -
      price(right, spot, strike, timeYears, rate - dr, dividendYield, volatility)) / (2 * dr);
  out.dividendRho =
    (price(right, spot, strike, timeYears, rate, dividendYield + dr, volatility) -
      price(right, spot, strike, timeYears, rate, dividendYield - dr, volatility)) / (2 * dr);
  // theta: calendar time passing shortens the time to expiry (central difference in T)
  out.theta = dt > 0
    ? (price(right, spot, strike, timeYears - dt, rate, dividendYield, volatility) -
      price(right, spot, strike, timeYears + dt, rate, dividendYield, volatility)) / (2 * dt)
    : 0;
  return out;
}

/** European exercise, closed form. */
export const blackScholesModel: OptionPriceModel = {
  name: "BlackScholes",
  price(right, spot, strike, timeYears, rate, dividendYield, volatility) {
    return blackScholesGreeks(right, spot, strike, timeYears, rate, dividendYield, volatility, scratchGreeks).price;
  },
  greeks: blackScholesGreeks,
};

const scratchGreeks: Greeks = { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0, dividendRho: 0 };

/**
 * American exercise by a CRR tree. `averageAdjacent` averages the N and N+1 step trees, which
 * removes most of CRR's odd-even oscillation.
 */
export function binomialModel(
  steps: number = LEAN_BINOMIAL_STEPS, flavour: BinomialFlavour = "quantlib", averageAdjacent = false,
): OptionPriceModel {
  const price: PriceFunction = averageAdjacent
    ? (right, s, k, t, r, q, v) =>
      0.5 * (binomialPrice(right, s, k, t, r, q, v, steps, true, flavour) +
        binomialPrice(right, s, k, t, r, q, v, steps + 1, true, flavour))
    : (right, s, k, t, r, q, v) => binomialPrice(right, s, k, t, r, q, v, steps, true, flavour);
  return {
    name: `Binomial${flavour === "quantlib" ? "CoxRossRubinstein" : "CoxRossRubinsteinTextbook"}(${steps}${averageAdjacent ? `/${steps + 1}` : ""})`,
    price,
    greeks: (right, s, k, t, r, q, v, out) => bumpedGreeks(price, right, s, k, t, r, q, v, out),
  };
}

/** American exercise by the Barone-Adesi-Whaley approximation. */
export const baroneAdesiWhaleyModel: OptionPriceModel = {
  name: "BaroneAdesiWhaley",
  price: baroneAdesiWhaleyPrice,
  greeks: (right, s, k, t, r, q, v, out) => bumpedGreeks(baroneAdesiWhaleyPrice, right, s, k, t, r, q, v, out),
};

/** American exercise by the Bjerksund-Stensland (2002) approximation (a lower bound, closer than 1993's). */
export const bjerksundStensland2002Model: OptionPriceModel = {
  name: "BjerksundStensland2002",
  price: bjerksundStensland2002Price,
  greeks: (right, s, k, t, r, q, v, out) => bumpedGreeks(bjerksundStensland2002Price, right, s, k, t, r, q, v, out, 1e-3),
};

/** American exercise by the Bjerksund-Stensland (1993) approximation (QuantLib's BjerksundStenslandApproximationEngine). */
export const bjerksundStensland1993Model: OptionPriceModel = {
  name: "BjerksundStensland1993",
  price: bjerksundStensland1993Price,
  greeks: (right, s, k, t, r, q, v, out) => bumpedGreeks(bjerksundStensland1993Price, right, s, k, t, r, q, v, out, 1e-3),
};

/** LEAN's default for American options: QuantLib's CRR tree with 100 steps. */
export const leanAmericanModel: OptionPriceModel = binomialModel(LEAN_BINOMIAL_STEPS, "quantlib");

/**
 * American exercise by the integral equation of the exercise boundary (Andersen-Lake-Offengelder
 * style, see american-integral.ts): ~1e-8 accurate on the reference rows, milliseconds per price.
 */
export function integralEquationModel(settings: IntegralEquationSettings = ACCURATE_SETTINGS): OptionPriceModel {
  const price: PriceFunction = (right, s, k, t, r, q, v) => americanIntegralEquationPrice(right, s, k, t, r, q, v, settings);
  return {
    name: "IntegralEquation",
    price,
    greeks(right, s, k, t, r, q, v, out) {
      if (neverExercisedEarly(right, r, q)) return blackScholesGreeks(right, s, k, t, r, q, v, out);
      bumpedGreeks(price, right, s, k, t, r, q, v, out, 1e-3);
      // Theta from the Black-Scholes PDE, which the value satisfies where holding is optimal
      // (a bump in T would need a step far below a day for short expiries); 0 where exercising is.
      const intrinsic = right === "call" ? s - k : k - s;
      out.theta = out.price <= intrinsic + 1e-12 * k
        ? 0
        : r * out.price - (r - q) * s * out.delta - 0.5 * v * v * s * s * out.gamma;
      return out;
    },
  };
}

/** Put with r <= 0 and q >= r, call with q <= 0 and r >= q: the American value is the European one. */
export function neverExercisedEarly(right: OptionRight, rate: number, dividendYield: number): boolean {
  return right === "call" ? dividendYield <= 0 && rate >= dividendYield : rate <= 0 && dividendYield >= rate;
}

/** Our most accurate American model. */
export const accurateAmericanModel: OptionPriceModel = integralEquationModel();

/** Milliseconds in an ACT/365F year (LEAN's QLOptionPriceModel day count, Actual365Fixed). */
export const MILLISECONDS_PER_YEAR = 365 * 86_400_000;

/** ACT/365F year fraction between two epoch-millisecond times. */
export function yearFraction(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / MILLISECONDS_PER_YEAR;
}

/**
 * Evaluates `model` at time `nowMs` for an option expiring at `expiryMs`, with the rate and the
 * dividend yield read from their providers at `nowMs`; writes into `out`.
 */
export function evaluateOption(
  model: OptionPriceModel, right: OptionRight, spot: number, strike: number, nowMs: number, expiryMs: number,
  volatility: number, rates: RateProvider, dividendYields: DividendYieldProvider, out: Greeks,
): Greeks {
  const t = Math.max(yearFraction(nowMs, expiryMs), 0);
  return model.greeks(right, spot, strike, t, rates.rate(nowMs), dividendYields.rate(nowMs), volatility, out);
}
