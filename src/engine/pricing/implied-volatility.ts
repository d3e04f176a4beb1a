/**
 * Black-Scholes-Merton implied volatility by P. Jaeckel's method, "Let's Be Rational" (Wilmott,
 * 2015/2016): work on the normalised Black function b(x, s) (see normalised-black.ts), pick one
 * of four branches of s -> b(x, s) by the price, start from a rational cubic interpolation of
 * the inverse function (in a transformed coordinate in the two outer branches), then take two
 * third-order Householder steps on an objective that is close to linear in that branch. That
 * reaches machine precision for every moneyness and expiry in a fixed, small number of steps.
 *
 * Prices outside the no-arbitrage bounds have no solution: `impliedVolatility` returns a
 * discriminated result naming the reason; `impliedVolatilityOrNaN` is the allocation-free form
 * for hot loops (NaN when there is no solution).
 * Pure maths: plain numbers in and out.
 */
import type { OptionRight } from "./black-scholes.ts";
import { inverseNormCdf, normCdf, normCdfOverPdf } from "./normal.ts";
import { normalisedBlackCall, normalisedBlackCallWithVega } from "./normalised-black.ts";
import { convexControlLeft, convexControlRight, rationalCubicInterpolation } from "./rational-cubic.ts";

const DBL_EPSILON = 2.220446049250313e-16;
const DBL_MIN = 2.2250738585072014e-308;
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014326779399460599343819;
const SQRT_PI_OVER_TWO = 1.2533141373155002512078826424055226;
const SQRT_THREE = 1.7320508075688772935274463415058723;
const TWO_PI_OVER_SQRT_27 = 1.2091995761561452337293855353743; // 2 pi / sqrt(27)
/** Householder steps after the initial guess (Jaeckel: two suffice for full double precision). */
const HOUSEHOLDER_STEPS = 2;
const VEGA = new Float64Array(1);

/** Why a price has no implied volatility. */
export type ImpliedVolatilityFailure = "below intrinsic" | "above upper bound" | "invalid input";

export type ImpliedVolatilityResult =
  | { ok: true; volatility: number }
  | { ok: false; reason: ImpliedVolatilityFailure; message: string };

function vegaNormalised(x: number, s: number): number {
  if (!(s > 0)) return x === 0 ? ONE_OVER_SQRT_TWO_PI : 0;
  const h = x / s;
  const t = 0.5 * s;
  return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * (h * h + t * t));
}

/** b_max - b(x, s) for x <= 0, without the cancellation of subtracting b from b_max. */
function complementNormalisedCall(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return Math.exp(0.5 * x) * normCdf(-(h + t)) + Math.exp(-0.5 * x) * normCdf(h - t);
}

function householderFactor(newton: number, halley: number, hh3: number): number {
  return (1 + 0.5 * halley * newton) / (1 + newton * (halley + (hh3 * newton) / 6));
}

/**
 * s = sigma sqrt(T) such that b(x, s) = beta, for x <= 0 and 0 < beta < e^{x/2} (caller checks).
 */
function solveNormalisedCall(beta: number, x: number): number {
  const bMax = Math.exp(0.5 * x);
  const sC = Math.sqrt(Math.abs(2 * x));
  const bC = normalisedBlackCallWithVega(x, sC, VEGA);
  const vC = VEGA[0];
  let s: number;
  if (beta < bC) {
    const sL = sC - bC / vC;
    const bL = normalisedBlackCallWithVega(x, sL, VEGA);
    const vL = VEGA[0];
    if (beta < bL) {
      // Lowest branch: interpolate f(beta), f = (2 pi |x| / sqrt 27) Phi(-|x| / (sqrt 3 s))^3 ~ b for small s.
      const ax = Math.abs(x);
      const a = TWO_PI_OVER_SQRT_27 * ax;
      const z = ax / (SQRT_THREE * sL);
      const tail = normCdf(-z);
      const mills = normCdfOverPdf(-z); // Phi(-z) / phi(z)
      const e = Math.exp(z * z + 0.125 * sL * sL); // phi(z) / b'(sL)
      const fL = a * tail * tail * tail;
      const dfL = 3 * a * tail * tail * (z / sL) * e;
      const volgaOverVega = (x * x) / (sL * sL * sL) - 0.25 * sL;
      const d2fL =
        3 * a * e * e * tail *
        ((2 * z * z) / (sL * sL) + mills * ((z * (z * z - 2)) / (sL * sL) - (z / sL) * volgaOverVega));
      const r = convexControlRight(0, bL, 0, fL, 1, dfL, d2fL, true);
      let f = rationalCubicInterpolation(beta, 0, bL, 0, fL, 1, dfL, r);
      if (!(f > 0)) {
        const t = beta / bL;
        f = (fL * t + bL * (1 - t)) * t;
      }
      s = ax / (SQRT_THREE * Math.abs(inverseNormCdf(Math.cbrt(f / a))));
      return householderLower(beta, x, s);
    }
    const r = convexControlRight(bL, bC, sL, sC, 1 / vL, 1 / vC, 0, false);
    s = rationalCubicInterpolation(beta, bL, bC, sL, sC, 1 / vL, 1 / vC, r);
    return householderCentral(beta, x, s);
  }
  const sU = vC > DBL_MIN ? sC + (bMax - bC) / vC : sC;
  const bU = normalisedBlackCallWithVega(x, sU, VEGA);
  const vU = VEGA[0];
  if (beta <= bU) {
    const r = convexControlLeft(bC, bU, sC, sU, 1 / vC, 1 / vU, 0, false);
    s = rationalCubicInterpolation(beta, bC, bU, sC, sU, 1 / vC, 1 / vU, r);
    return householderCentral(beta, x, s);
  }
  // Highest branch: interpolate f(beta), f = Phi(-s/2) ~ (b_max - b) / b_max for large s.
  const h = x / sU;
  const fU = normCdf(-0.5 * sU);
  const dfU = -0.5 * Math.exp(0.5 * h * h);
  const d2fU = SQRT_PI_OVER_TWO * ((h * h) / sU) * Math.exp(h * h + 0.125 * sU * sU);
  const r = convexControlLeft(bU, bMax, fU, 0, dfU, -0.5, d2fU, true);
  let f = rationalCubicInterpolation(beta, bU, bMax, fU, 0, dfU, -0.5, r);
  if (!(f > 0)) {
    const width = bMax - bU;
    const t = (beta - bU) / width;
    f = (fU * (1 - t) + 0.5 * width * t) * (1 - t);
  }
  s = -2 * inverseNormCdf(f);
  return householderUpper(beta, x, s, bMax);
}

/** Householder on b(s) - beta (central branches). */
function householderCentral(beta: number, x: number, s: number): number {
  for (let i = 0; i < HOUSEHOLDER_STEPS; i++) {
    const b = normalisedBlackCallWithVega(x, s, VEGA);
    const bp = VEGA[0];
    if (!(bp > DBL_MIN)) break;
    const newton = (beta - b) / bp;
    const halley = (x * x) / (s * s * s) - 0.25 * s;
    const hh3 = halley * halley - (3 * x * x) / (s * s * s * s) - 0.25;
    const ds = Math.max(-0.5 * s, newton * householderFactor(newton, halley, hh3));
    s += ds;
    if (Math.abs(ds) <= DBL_EPSILON * s) break;
  }
  return s;
}

/** Householder on 1/ln(b(s)) - 1/ln(beta) (lowest branch, where ln b is nearly linear in 1/s). */
function householderLower(beta: number, x: number, s: number): number {
  const lnBeta = Math.log(beta);
  for (let i = 0; i < HOUSEHOLDER_STEPS; i++) {
    const b = normalisedBlackCallWithVega(x, s, VEGA);
    const bp = VEGA[0];
    if (!(b > DBL_MIN) || !(bp > DBL_MIN)) {
      // The guess underflows: a plain step cannot help, so move s up until b is representable.
      s *= 1.5;
      i--;
      if (s > 1e3) break;
      continue;
    }
    const lnB = Math.log(b);
    const bpob = bp / b;
    const volgaOverVega = (x * x) / (s * s * s) - 0.25 * s;
    const b3 = volgaOverVega * volgaOverVega - (3 * x * x) / (s * s * s * s) - 0.25;
    const newton = ((lnBeta - lnB) * lnB) / (lnBeta * bpob);
    const halley = volgaOverVega - bpob * (1 + 2 / lnB);
    const hh3 =
      b3 + 2 * bpob * bpob * (1 + (3 / lnB) * (1 + 1 / lnB)) - 3 * volgaOverVega * bpob * (1 + 2 / lnB);
    const ds = Math.max(-0.5 * s, newton * householderFactor(newton, halley, hh3));
    s += ds;
    if (Math.abs(ds) <= DBL_EPSILON * s) break;
  }
  return s;
}

/** Householder on ln((b_max - beta)/(b_max - b(s))) (highest branch). */
function householderUpper(beta: number, x: number, s: number, bMax: number): number {
  const useLog = beta > 0.5 * bMax;
  const gapBeta = bMax - beta;
  for (let i = 0; i < HOUSEHOLDER_STEPS; i++) {
    const bp = vegaNormalised(x, s);
    if (!(bp > DBL_MIN)) break;
    const volgaOverVega = (x * x) / (s * s * s) - 0.25 * s;
    const b3 = volgaOverVega * volgaOverVega - (3 * x * x) / (s * s * s * s) - 0.25;
    let ds: number;
    if (useLog) {
      const gap = complementNormalisedCall(x, s); // b_max - b(s)
      const q = bp / gap;
      const newton = Math.log(gap / gapBeta) / q;
      const halley = volgaOverVega + q;
      const hh3 = b3 + 3 * volgaOverVega * q + 2 * q * q;
      ds = newton * householderFactor(newton, halley, hh3);
    } else {
      const b = normalisedBlackCall(x, s);
      const newton = (beta - b) / bp;
      ds = newton * householderFactor(newton, volgaOverVega, b3);
    }
    ds = Math.max(-0.5 * s, ds);
    s += ds;
    if (Math.abs(ds) <= DBL_EPSILON * s) break;
  }
  return s;
}

/**
 * Normalised implied volatility s = sigma sqrt(T) of an undiscounted price, given x = ln(F/K):
 * beta = price / sqrt(F K). Returns -1 below intrinsic, -2 at or above the upper bound.
 */
export function normalisedImpliedVolatility(beta: number, x: number, isCall: boolean): number {
  let theta = isCall ? 1 : -1;
  if (theta * x > 0) {
    beta -= 2 * Math.sinh(0.5 * Math.abs(x));
    if (beta < 0) return -1;
    theta = -theta;
  }
  if (theta < 0) x = -x;
  if (beta <= 0) return beta < 0 ? -1 : 0;
  return normalisedSolveChecked(beta, x);
}

/**
 * Implied volatility of a European option price (discounted, currency units), or NaN when the
 * price is outside the no-arbitrage bounds or an input is invalid. Allocation-free.
 */
export function impliedVolatilityOrNaN(
  right: OptionRight,
  price: number,
  spot: number,
  strike: number,
  timeYears: number,
  rate: number,
  dividendYield: number,
): number {
  const code = impliedVolatilityCode(right, price, spot, strike, timeYears, rate, dividendYield);
  return code >= 0 ? code : NaN;
}

/** >= 0: the volatility; -1 below intrinsic; -2 above upper bound; -3 invalid input. */
function impliedVolatilityCode(
  right: OptionRight,
  price: number,
  spot: number,
  strike: number,
  timeYears: number,
  rate: number,
  dividendYield: number,
): number {
  if (
    !(price >= 0) || !(spot > 0) || !(strike > 0) || !(timeYears > 0) ||
    !Number.isFinite(price) || !Number.isFinite(spot) || !Number.isFinite(strike) || !Number.isFinite(timeYears) ||
    !Number.isFinite(rate) || !Number.isFinite(dividendYield)
  ) {
    return -3;
  }
  const discount = Math.exp(-rate * timeYears);
  const forward = (spot * Math.exp(-dividendYield * timeYears)) / discount;
  const undiscounted = price / discount;
  const isCall = right === "call";
  const upper = isCall ? forward : strike;
  if (undiscounted >= upper) return -2;
  const intrinsic = isCall ? forward - strike : strike - forward;
  let timeValue = intrinsic > 0 ? undiscounted - intrinsic : undiscounted;
  if (timeValue < 0) {
    // Within the rounding of the intrinsic value the price is at intrinsic: volatility 0.
    if (-timeValue > 4 * DBL_EPSILON * Math.max(forward, strike)) return -1;
    timeValue = 0;
  }
  if (timeValue === 0) return 0;
  const x = Math.log(spot / strike) + (rate - dividendYield) * timeYears; // ln(F/K), without the rounding of F
  // Solve on the out-of-the-money side (put-call symmetry), with the time value as the price.
  const outOfTheMoneyIsCall = intrinsic > 0 ? !isCall : isCall;
  const beta = timeValue / Math.sqrt(forward * strike);
  const ox = outOfTheMoneyIsCall ? x : -x; // x <= 0 on that side (up to rounding)
  if (ox > 0) {
    // Forward and strike differ by less than the intrinsic's rounding: treat as at the money.
    return normalisedSolveChecked(beta, 0) / Math.sqrt(timeYears);
  }
  return normalisedSolveChecked(beta, ox) / Math.sqrt(timeYears);
}

function normalisedSolveChecked(beta: number, x: number): number {
  if (beta >= Math.exp(0.5 * x)) return -2;
  return solveNormalisedCall(beta, x);
}

/** Implied volatility of a European option price, or the reason there is none. */
export function impliedVolatility(
  right: OptionRight,
  price: number,
  spot: number,
  strike: number,
  timeYears: number,
  rate: number,
  dividendYield: number,
): ImpliedVolatilityResult {
  const code = impliedVolatilityCode(right, price, spot, strike, timeYears, rate, dividendYield);
  if (code >= 0) return { ok: true, volatility: code };
  const discount = Math.exp(-rate * timeYears);
  const forward = (spot * Math.exp(-dividendYield * timeYears)) / discount;
  if (code === -1) {
    const intrinsic = Math.max(right === "call" ? forward - strike : strike - forward, 0) * discount;
    return {
      ok: false,
      reason: "below intrinsic",
      message: `price ${price} is below the discounted intrinsic value ${intrinsic} of the ${right}`,
    };
  }
  if (code === -2) {
    const upper = (right === "call" ? forward : strike) * discount;
    return {
      ok: false,
      reason: "above upper bound",
      message: `price ${price} is at or above the no-arbitrage upper bound ${upper} of the ${right}`,
    };
  }
  return {
    ok: false,
    reason: "invalid input",
    message:
      `invalid input: price ${price}, spot ${spot}, strike ${strike}, T ${timeYears}, r ${rate}, q ${dividendYield}` +
      " (need price >= 0, spot, strike and T > 0, all finite)",
  };
}
