/**
 * American options by the integral equation for the early-exercise boundary, solved on a
 * Chebyshev grid in sqrt(time to expiry) as in Andersen, Lake and Offengelder, "High-performance
 * American option pricing" (J. Comput. Finance 20(1), 2016):
 *
 *  - the put's exercise boundary B(tau) (tau = time to expiry) satisfies the value-matching
 *    fixed point  B(tau) = K e^{-(r-q) tau} N(tau, B) / D(tau, B)  with
 *      N = Phi(d-(tau, B/K)) + r int_0^tau e^{r u} Phi(d-(tau-u, B(tau)/B(u))) du
 *      D = Phi(d+(tau, B/K)) + q int_0^tau e^{q u} Phi(d+(tau-u, B(tau)/B(u))) du
 *  - B is represented by H(sqrt tau) = ln(B/X)^2, X = K min(1, r/q), interpolated by a Chebyshev
 *    polynomial through its values at the Chebyshev-Lobatto nodes;
 *  - integrals use Gauss-Legendre after u = tau sin^2(theta), which makes both ends smooth
 *    (B is smooth in sqrt(u), the kernel in sqrt(tau - u));
 *  - the price is the European value plus the early-exercise premium
 *      int_0^T [r K e^{-r(T-u)} Phi(-d-(T-u, S/B(u))) - q S e^{-q(T-u)} Phi(-d+(T-u, S/B(u)))] du.
 *
 * Calls use the put-call symmetry C(S, K, r, q) = P(K, S, q, r). Where early exercise is never
 * optimal (put with r <= 0 and q >= r, e.g. r <= 0 <= q; call with q <= 0 and r >= q) the
 * European value is exact; the double-boundary regime of negative rates (put with q < r < 0, call
 * with r < q < 0) is outside this method and goes to a 2000-step CRR tree (~1e-3 accurate).
 * Pure maths.
 */
import { blackScholesPrice, type OptionRight } from "./black-scholes.ts";
import { binomialPrice } from "./binomial.ts";
import { gaussLegendre } from "./gauss-legendre.ts";
import { normCdf, normPdf } from "./normal.ts";

export interface IntegralEquationSettings {
  /** Chebyshev nodes for the boundary (n + 1 Lobatto points). */
  boundaryNodes: number;
  /** Gauss-Legendre points for the boundary integrals. */
  boundaryQuadrature: number;
  /** Gauss-Legendre points for the premium integral. */
  premiumQuadrature: number;
  /** FP-B iterations at most (FP-A, the fallback, gets 20 times as many), and the relative change of the boundary that ends them. */
  maxIterations: number;
  tolerance: number;
  /** "B": ALO's FP-B (value matching plus smooth pasting), "A": value matching alone (slower, steadier). */
  equation?: "A" | "B";
}

/** Converged to ~1e-8 on the reference rows (24/48/96 nodes change no price by more than 1e-9). */
export const ACCURATE_SETTINGS: IntegralEquationSettings = {
  boundaryNodes: 16,
  boundaryQuadrature: 32,
  premiumQuadrature: 64,
  maxIterations: 60,
  tolerance: 1e-11,
};

export const FAST_SETTINGS: IntegralEquationSettings = {
  boundaryNodes: 8,
  boundaryQuadrature: 16,
  premiumQuadrature: 32,
  maxIterations: 40,
  tolerance: 1e-9,
};

/** Exercise boundary of the put on a Chebyshev grid; evaluate with `at(tau)`. */
class PutBoundary {
  readonly xi: Float64Array; // sqrt(tau) at the nodes
  readonly h: Float64Array; // ln(B/X)^2 at the nodes
  private readonly coefficients: Float64Array;
  private readonly cosines: Float64Array; // T_k(z_i), row-major (n+1) x (n+1)

  constructor(readonly n: number, readonly sqrtT: number, readonly x: number) {
    this.xi = new Float64Array(n + 1);
    this.h = new Float64Array(n + 1);
    this.coefficients = new Float64Array(n + 1);
    this.cosines = new Float64Array((n + 1) * (n + 1));
    for (let i = 0; i <= n; i++) {
      const z = -Math.cos((i * Math.PI) / n);
      this.xi[i] = 0.5 * sqrtT * (1 + z);
      const angle = Math.acos(z);
      for (let k = 0; k <= n; k++) this.cosines[i * (n + 1) + k] = Math.cos(k * angle);
    }
  }

  /** Refit the Chebyshev coefficients after the node values changed. */
  refit(): void {
    const n = this.n;
    for (let k = 0; k <= n; k++) {
      let sum = 0;
      for (let i = 0; i <= n; i++) {
        const w = i === 0 || i === n ? 0.5 : 1;
        sum += w * this.h[i] * this.cosines[i * (n + 1) + k];
      }
      this.coefficients[k] = ((k === 0 || k === n ? 0.5 : 1) * 2 * sum) / n;
    }
  }

  /** B(tau) from its square root, sqrtTau in [0, sqrt T]. */
  atSqrt(sqrtTau: number): number {
    const z = (2 * sqrtTau) / this.sqrtT - 1;
    // Clenshaw
    let b1 = 0;
    let b2 = 0;
    const twoZ = 2 * z;
    for (let k = this.n; k >= 1; k--) {
      const b0 = twoZ * b1 - b2 + this.coefficients[k];
      b2 = b1;
      b1 = b0;
    }
    const h = z * b1 - b2 + this.coefficients[0];
    return this.x * Math.exp(-Math.sqrt(h > 0 ? h : 0));
  }
}

function dPlus(s: number, ratio: number, carry: number, volatility: number): number {
  const sd = volatility * Math.sqrt(s);
  return (Math.log(ratio) + (carry + 0.5 * volatility * volatility) * s) / sd;
}

/** American put (S, K, T, r, q, sigma) with r > 0 and q >= 0 or any case with a single boundary. */
function americanPutSingleBoundary(
  spot: number, strike: number, timeYears: number, rate: number, dividendYield: number, volatility: number,
  settings: IntegralEquationSettings,
): number {
  const carry = rate - dividendYield;
  const x = dividendYield > rate ? (strike * rate) / dividendYield : strike;
  const sqrtT = Math.sqrt(timeYears);
  const n = settings.boundaryNodes;
  const boundary = new PutBoundary(n, sqrtT, x);
  const v2 = volatility * volatility;
  const seed = (): void => {
    // Seed: the BAW-style interpolation between X at expiry and the perpetual boundary.
    const beta = carry / v2 - 0.5;
    const gamma = -beta - Math.sqrt(beta * beta + (2 * rate) / v2);
    const perpetual = (strike * gamma) / (gamma - 1);
    for (let i = 0; i <= n; i++) {
      const tau = boundary.xi[i] * boundary.xi[i];
      const h1 = ((carry * tau - 2 * volatility * Math.sqrt(tau)) * strike) / (strike - perpetual);
      const b = Math.min(x, perpetual + (x - perpetual) * Math.exp(h1));
      const lnRatio = Math.log(b / x);
      boundary.h[i] = lnRatio * lnRatio;
    }
    boundary.h[0] = 0;
    boundary.refit();
  };
  const solve = (useDerivativeForm: boolean, maxIterations: number): boolean => {
    const rule = gaussLegendre(settings.boundaryQuadrature);
    const l = rule.nodes.length;
    // theta = pi/4 (1 + y) on [0, pi/2]; u = tau sin^2 theta, du = tau sin(2 theta) dtheta
    const sinSquared = new Float64Array(l);
    const jacobian = new Float64Array(l);
    for (let j = 0; j < l; j++) {
      const theta = 0.25 * Math.PI * (1 + rule.nodes[j]);
      sinSquared[j] = Math.sin(theta) ** 2;
      jacobian[j] = 0.25 * Math.PI * rule.weights[j] * Math.sin(2 * theta);
    }
    const next = new Float64Array(n + 1);
    for (let iteration = 0; iteration < maxIterations; iteration++) {
      let change = 0;
      for (let i = 1; i <= n; i++) {
        const sqrtTau = boundary.xi[i];
        const tau = sqrtTau * sqrtTau;
        const b = boundary.atSqrt(sqrtTau);
        const dp = dPlus(tau, b / strike, carry, volatility);
        const sdTau = volatility * sqrtTau;
        let numerator: number;
        let denominator: number;
        if (useDerivativeForm) {
          // FP-B: the value-matching equation plus the smooth-pasting one; converges in far fewer steps
          numerator = normPdf(dp - sdTau) / sdTau;
          denominator = normPdf(dp) / sdTau + normCdf(dp);
        } else {
          numerator = normCdf(dp - sdTau);
          denominator = normCdf(dp);
        }
        let integralN = 0;
        let integralD = 0;
        for (let j = 0; j < l; j++) {
          const u = tau * sinSquared[j];
          const s = tau - u;
          const weight = jacobian[j] * tau;
          const growthR = Math.exp(rate * u);
          const growthQ = Math.exp(dividendYield * u);
          if (!(s > 0)) {
            // tau - u -> 0: d -> 0, Phi -> 1/2; phi(d)/sqrt(s) times du ~ sqrt(s) vanishes
            integralN += useDerivativeForm ? 0 : weight * growthR * 0.5;
            integralD += weight * growthQ * 0.5;
            continue;
          }
          const bu = boundary.atSqrt(Math.sqrt(u));
          const sdS = volatility * Math.sqrt(s);
          const d = dPlus(s, b / bu, carry, volatility);
          if (useDerivativeForm) {
            integralN += weight * growthR * (normPdf(d - sdS) / sdS);
            integralD += weight * growthQ * (normPdf(d) / sdS + normCdf(d));
          } else {
            integralN += weight * growthR * normCdf(d - sdS);
            integralD += weight * growthQ * normCdf(d);
          }
        }
        numerator += rate * integralN;
        denominator += dividendYield * integralD;
        const updated = Math.min(x, (strike * Math.exp(-carry * tau) * numerator) / denominator);
        change = Math.max(change, Math.abs(updated - b) / b);
        const lnRatio = Math.log(updated / x);
        next[i] = lnRatio * lnRatio;
      }
      for (let i = 1; i <= n; i++) boundary.h[i] = next[i];
      boundary.refit();
      if (!(change < Infinity)) return false;
      if (change <= settings.tolerance) return true;
    }
    return false;
  };
  seed();
  // FP-B converges in ~15 steps almost everywhere but can oscillate (long expiries at low vol);
  // FP-A always converges, more slowly: fall back to it when FP-B does not settle.
  if (!solve(settings.equation !== "A", settings.maxIterations)) {
    seed();
    solve(false, 20 * settings.maxIterations);
  }

  const boundaryNow = boundary.atSqrt(sqrtT);
  if (spot <= boundaryNow) return strike - spot;
  const european = blackScholesPrice("put", spot, strike, timeYears, rate, dividendYield, volatility);
  const premiumRule = gaussLegendre(settings.premiumQuadrature);
  let premium = 0;
  for (let j = 0; j < premiumRule.nodes.length; j++) {
    const theta = 0.25 * Math.PI * (1 + premiumRule.nodes[j]);
    const sinTheta = Math.sin(theta);
    const u = timeYears * sinTheta * sinTheta;
    const s = timeYears - u;
    if (!(s > 0)) continue; // spot above the boundary: the kernel vanishes as s -> 0
    const bu = boundary.atSqrt(sqrtT * sinTheta);
    const d = dPlus(s, spot / bu, carry, volatility);
    const integrand =
      rate * strike * Math.exp(-rate * s) * normCdf(-(d - volatility * Math.sqrt(s))) -
      dividendYield * spot * Math.exp(-dividendYield * s) * normCdf(-d);
    premium += 0.25 * Math.PI * premiumRule.weights[j] * Math.sin(2 * theta) * timeYears * integrand;
  }
  return Math.max(european + premium, strike - spot);
}

/** American option value by the integral-equation method (see the module header). */
export function americanIntegralEquationPrice(
  right: OptionRight,
  spot: number,
  strike: number,
  timeYears: number,
  rate: number,
  dividendYield: number,
  volatility: number,
  settings: IntegralEquationSettings = ACCURATE_SETTINGS,
): number {
  const isCall = right === "call";
  if (!(timeYears > 0) || !(volatility > 0)) return Math.max(isCall ? spot - strike : strike - spot, 0);
  // Put on (S, K, r, q) or, by symmetry, the call as a put on (K, S, q, r).
  const [s, k, r, q] = isCall ? [strike, spot, dividendYield, rate] : [spot, strike, rate, dividendYield];
  // A put with r <= 0 is never exercised early unless q < r (then it has two boundaries).
  if (r <= 0 && q >= r) return blackScholesPrice(right, spot, strike, timeYears, rate, dividendYield, volatility);
  if (r <= 0) return binomialPrice(right, spot, strike, timeYears, rate, dividendYield, volatility, 2000, true, "quantlib");
  return americanPutSingleBoundary(s, k, timeYears, r, q, volatility, settings);
}
