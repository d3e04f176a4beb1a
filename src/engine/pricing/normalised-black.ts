/**
 * The normalised Black function b(x, s) and its derivatives in s, the building block of both
 * the Black-Scholes-Merton prices and the implied-volatility solver.
 *
 *   b(x, s) = Phi(x/s + s/2) e^{x/2} - Phi(x/s - s/2) e^{-x/2}     (a call; x = ln(F/K), s = sigma sqrt(T))
 *
 * so that an undiscounted call is sqrt(F K) b(x, s). A put is b(-x, s) (put-call symmetry).
 * The function is evaluated for x <= 0 (out of the money) and the intrinsic part added for
 * x > 0, so that deep out-of-the-money values keep their relative accuracy where the textbook
 * formula cancels. With h = x/s, t = s/2 and the Mills ratio M(y) = Phi(y)/phi(y):
 *
 *   b = exp(-(h^2 + t^2)/2) / sqrt(2 pi) * (M(h + t) - M(h - t))
 *
 * and the difference M(h+t) - M(h-t) is computed without cancellation in each region:
 * an asymptotic series for h + t <= -10, a Taylor series in t for small t, erfcx otherwise;
 * where h + t > 0.85 the direct formula with Phi has no cancellation to fear.
 * Region layout follows P. Jaeckel, "Let's Be Rational" (2016); the series are our own.
 * Pure maths: imports only the normal distribution.
 */
import { normCdf, normCdfOverPdf } from "./normal.ts";

const ONE_OVER_SQRT_TWO_PI = 0.3989422804014326779399460599343819;
const ASYMPTOTIC_THRESHOLD = -10;
const SMALL_T_THRESHOLD = 0.2;

/** Normalised intrinsic value of a call, e^{x/2} - e^{-x/2}, for x > 0 (0 otherwise). */
export function normalisedIntrinsicCall(x: number): number {
  return x > 0 ? 2 * Math.sinh(0.5 * x) : 0;
}

/** M(h+t) - M(h-t) by the asymptotic series of the Mills ratio; needs h + t <= -10. */
function millsDifferenceAsymptotic(h: number, t: number): number {
  // M(y) ~ sum_k c_k y^{-(2k+1)}, c_k = (-1)^{k+1} (2k-1)!!, for y -> -infinity.
  // u^n - v^n = (u - v) T_n with u = 1/(h+t), v = 1/(h-t), T_n = sum_{i<n} u^i v^{n-1-i} > 0 for odd n:
  // every bracket is computed without cancellation.
  const u = 1 / (h + t);
  const v = 1 / (h - t);
  const uMinusV = (-2 * t) * u * v;
  let tn = 1; // T_1
  let uPow = u; // u^n for n = 1
  let c = -1; // c_0
  let sum = c * tn;
  let previous = Math.abs(sum);
  for (let k = 1; k < 60; k++) {
    // T_{n+2} = u^{n+1} + u^n v + v^2 T_n, with uPow = u^n
    tn = uPow * u + v * (uPow + v * tn);
    uPow *= u * u;
    c *= -(2 * k - 1);
    const term = c * tn;
    const size = Math.abs(term);
    if (size > previous) break; // asymptotic series: stop before it diverges
    sum += term;
    if (size <= 1e-17 * Math.abs(sum)) break;
    previous = size;
  }
  return uMinusV * sum;
}

/** M(h+t) - M(h-t) by its Taylor series in t around h (small t). */
function millsDifferenceSmallT(h: number, t: number): number {
  // M' = 1 + h M, M^(n+1) = h M^(n) + n M^(n-1); keep the odd-order terms.
  let mPrevious = normCdfOverPdf(h); // M^(0)
  let m = 1 + h * mPrevious; // M^(1)
  const t2 = t * t;
  let power = t; // t^k / k!
  let sum = m * power;
  for (let k = 1; k < 40; k += 2) {
    // advance two orders: k -> k+1 -> k+2
    const m1 = h * m + k * mPrevious;
    const m2 = h * m1 + (k + 1) * m;
    mPrevious = m1;
    m = m2;
    power *= t2 / ((k + 1) * (k + 2));
    const term = m * power;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return 2 * sum;
}

const NO_VEGA = new Float64Array(1);

/** b(x, s) for a call (use -x for a put); accurate also in the tails. */
export function normalisedBlackCall(x: number, s: number): number {
  return normalisedBlackCallWithVega(x, s, NO_VEGA);
}

/**
 * b(x, s) as normalisedBlackCall, also writing db/ds into vega[0]: the solver needs both and
 * they share the Gaussian factor.
 */
export function normalisedBlackCallWithVega(x: number, s: number, vega: Float64Array): number {
  if (x > 0) return normalisedIntrinsicCall(x) + normalisedBlackCallWithVega(-x, s, vega);
  if (!(s > 0)) {
    vega[0] = x === 0 ? ONE_OVER_SQRT_TWO_PI : 0;
    return 0;
  }
  const h = x / s;
  const t = 0.5 * s;
  const gauss = ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * (h * h + t * t));
  vega[0] = gauss;
  if (h + t > 0.85) {
    return normCdf(h + t) * Math.exp(0.5 * x) - normCdf(h - t) * Math.exp(-0.5 * x);
  }
  if (gauss === 0) return 0;
  let difference: number;
  if (h + t <= ASYMPTOTIC_THRESHOLD) difference = millsDifferenceAsymptotic(h, t);
  else if (t < SMALL_T_THRESHOLD) difference = millsDifferenceSmallT(h, t);
  else difference = normCdfOverPdf(h + t) - normCdfOverPdf(h - t);
  return gauss * difference;
}

/** db/ds = exp(-(h^2 + t^2)/2) / sqrt(2 pi); the same for calls and puts. */
export function normalisedVega(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * (h * h + t * t));
}

/** (d^2 b / ds^2) / (db/ds) = x^2/s^3 - s/4. */
export function normalisedVolgaOverVega(x: number, s: number): number {
  return (x * x) / (s * s * s) - 0.25 * s;
}
