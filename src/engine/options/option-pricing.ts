/**
 * Implied volatility, theoretical price and Greeks of one contract, in LEAN's units (vega and rho
 * per 1 %, theta per year and per calendar day), computed on demand by an `OptionChain`'s
 * contracts. One settings object per option security (`option.setPriceModel(...)`).
 *
 * Choices, and how they differ from LEAN's defaults (QLOptionPriceModel, QuantLib):
 * - Model: LEAN prices American contracts with a 100-step CRR tree (`leanAmericanModel` here) and
 *   European ones with Black-Scholes. Our default for American contracts is Bjerksund-Stensland
 *   2002 (closed form, ~100x faster than the tree, within a few 0.1 % of it on listed equity
 *   options); `leanAmericanModel` is one `setPriceModel` away.
 * - Volatility: LEAN evaluates the theoretical price and Greeks at the underlying's volatility
 *   model (null by default, so Greeks are 0 until a model is set). Our default, `"implied"`,
 *   evaluates them at the contract's own implied volatility, which is what users read Greeks for.
 *   `volatility: () => sigma` (e.g. from a standard-deviation indicator) gives LEAN's behaviour;
 *   when it returns null/NaN the Greeks and theoretical price are 0, as in LEAN.
 * - Implied volatility is solved from the quote mid ((bid + ask) / 2 when both sides are quoted,
 *   else the last trade) by inverting the chosen model (bracketed secant/bisection); NaN when the
 *   price is outside the model's range.
 * - Time to expiry: ACT/365F from now to the expiry date's market close; risk-free rate from
 *   `riskFreeRate(yyyymmdd)` (the InterestRateProvider), dividend yield 0 unless given.
 * For reference, LEAN's QLOptionPriceModel solves the IV with a Black (European) Newton-Raphson on
 * the forward from the security's cached price (last trade or quote mid), and measures maturity
 * in whole days from the slice date to the expiry date plus one settlement day.
 */
import {
  blackScholesModel, bjerksundStensland2002Model, createGreeks, createLeanGreeks, impliedVolatilityOrNaN, MILLISECONDS_PER_YEAR,
  neverExercisedEarly, toLeanUnits, type LeanGreeks, type OptionPriceModel,
} from "../pricing/index.ts";
import { OptionRight, OptionStyle } from "../securities/symbol.ts";

/** Where the volatility for the theoretical price and the Greeks comes from. */
export type VolatilitySource = "implied" | (() => number | null | undefined);

export interface OptionPricingSettings {
  /** price model for American contracts (European ones always use Black-Scholes-Merton) */
  model: OptionPriceModel;
  volatility: VolatilitySource;
  /** continuously compounded risk-free rate on a date (yyyymmdd) */
  riskFreeRate: (yyyymmdd: number) => number;
  /** continuous dividend yield on a date (yyyymmdd) */
  dividendYield: (yyyymmdd: number) => number;
}

export function defaultOptionPricing(overrides: Partial<OptionPricingSettings> = {}): OptionPricingSettings {
  return {
    model: bjerksundStensland2002Model,
    volatility: "implied",
    riskFreeRate: () => 0.01,
    dividendYield: () => 0,
    ...overrides,
  };
}

export interface OptionEvaluationInput {
  right: OptionRight;
  style: OptionStyle;
  strike: number;
  underlyingPrice: number;
  /** the option's market price (NaN when none) */
  marketPrice: number;
  nowMs: number;
  expiryMs: number;
  /** yyyymmdd of now, for the rate providers */
  date: number;
}

export interface OptionEvaluation {
  impliedVolatility: number;
  theoreticalPrice: number;
  greeks: LeanGreeks;
}

const ZERO_GREEKS: Readonly<LeanGreeks> = Object.freeze({ delta: 0, gamma: 0, vega: 0, theta: 0, thetaPerDay: 0, rho: 0 });

/** Evaluates one contract; never throws on market data (NaN/0 results instead). */
export function evaluateOptionContract(input: OptionEvaluationInput, settings: OptionPricingSettings): OptionEvaluation {
  const right = input.right === OptionRight.Call ? "call" : "put";
  const t = Math.max(input.expiryMs - input.nowMs, 0) / MILLISECONDS_PER_YEAR;
  const r = settings.riskFreeRate(input.date);
  const q = settings.dividendYield(input.date);
  const s = input.underlyingPrice;
  const k = input.strike;
  const european = input.style === OptionStyle.European || neverExercisedEarly(right, r, q);
  const model = european ? blackScholesModel : settings.model;
  const iv = european
    ? impliedVolatilityOrNaN(right, input.marketPrice, s, k, t, r, q)
    : modelImpliedVolatility(model, right, input.marketPrice, s, k, t, r, q);
  const sigma = settings.volatility === "implied" ? iv : Number(settings.volatility() ?? NaN);
  if (!(sigma > 0) || !(s > 0) || !(t > 0)) {
    return { impliedVolatility: iv, theoreticalPrice: 0, greeks: { ...ZERO_GREEKS } };
  }
  let raw;
  try {
    raw = model.greeks(right, s, k, t, r, q, sigma, createGreeks());
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // a tree cannot price at this volatility with its step count: no theoretical value
    return { impliedVolatility: iv, theoreticalPrice: 0, greeks: { ...ZERO_GREEKS } };
  }
  return { impliedVolatility: iv, theoreticalPrice: raw.price, greeks: toLeanUnits(raw, createLeanGreeks()) };
}

const MIN_VOL = 1e-4;
const MAX_VOL = 5;

/**
 * The volatility at which `model` prices the option at `price`, or NaN. The European implied
 * volatility seeds a bracket; then Illinois-style regula falsi to 1e-10 in price or 1e-8 in vol.
 */
export function modelImpliedVolatility(
  model: OptionPriceModel, right: "call" | "put", price: number, spot: number, strike: number, timeYears: number, rate: number, dividendYield: number,
): number {
  if (!(price > 0) || !(spot > 0) || !(strike > 0) || !(timeYears > 0)) return NaN;
  const f = (v: number) => model.price(right, spot, strike, timeYears, rate, dividendYield, v) - price;
  let lo = MIN_VOL;
  let hi = MAX_VOL;
  // trees reject volatilities too small for their step (probabilities outside (0, 1)) and the
  // closed-form approximations lose precision there (NaN): start at the smallest volatility the
  // model prices
  let flo = NaN;
  while (lo < hi) {
    try {
      flo = f(lo);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
    if (Number.isFinite(flo)) break;
    lo *= 2;
  }
  if (!Number.isFinite(flo)) return NaN;
  if (flo > 0) return NaN; // below the model's value at ~zero volatility (below intrinsic)
  if (flo === 0) return lo;
  let fhi = f(hi);
  if (fhi < 0) return NaN;
  const seed = impliedVolatilityOrNaN(right, price, spot, strike, timeYears, rate, dividendYield);
  if (seed > lo && seed < hi) {
    // narrow the bracket around the European answer (the American one is close and below it)
    const a = seed * 0.8;
    const b = seed * 1.05;
    const fa = a > lo ? f(a) : flo;
    if (fa <= 0) {
      lo = Math.max(a, lo);
      flo = fa;
    }
    const fb = b < hi ? f(b) : fhi;
    if (fb >= 0) {
      hi = Math.min(b, hi);
      fhi = fb;
    }
  }
  let side = 0;
  for (let i = 0; i < 100; i++) {
    const x = (lo * fhi - hi * flo) / (fhi - flo);
    const mid = Number.isFinite(x) && x > lo && x < hi ? x : 0.5 * (lo + hi);
    const fm = f(mid);
    if (Math.abs(fm) < 1e-10 || hi - lo < 1e-8) return mid;
    if (fm < 0) {
      lo = mid;
      flo = fm;
      if (side === -1) fhi /= 2;
      side = -1;
    } else {
      hi = mid;
      fhi = fm;
      if (side === 1) flo /= 2;
      side = 1;
    }
  }
  return 0.5 * (lo + hi);
}
