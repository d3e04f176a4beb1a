/**
 * The implied volatility surface the option quotes are priced from: sticky-moneyness, driven by
 * the underlying's current variance, so implied volatility rises after sell-offs and the term
 * structure inverts when variance is above its long-run level.
 *
 * - ATM term structure: the Heston expected average variance over the option's life,
 *   vbar(T) = theta + (v - theta)(1 - e^{-kappa T}) / (kappa T), scaled by a variance risk premium:
 *   sigmaAtm(T) = riskPremium * sqrt(vbar(T)) + atmSpread.
 * - Smile in standardised moneyness z = ln(K/F) / (sigmaAtm(T) sqrt(T)), F = S e^{rT}:
 *   sigma = sigmaAtm(T) * clamp(1 + skew z + curvature z^2, minRatio, maxRatio).
 *   With skew < 0 puts are dearer than calls (the equity index smirk); the curvature turns the
 *   call wing back up past z = -skew / (2 curvature). Measured in z, the smile steepens in strike
 *   as expiry shortens, as index smiles do.
 *
 * Pure functions of plain numbers: the tests rebuild the same surface to check recovered vols.
 */

export interface VolatilitySurfaceParameters {
  /** Variance mean reversion and long-run variance (the market model's kappa and theta). */
  kappa: number;
  theta: number;
  /** Implied over expected realised volatility (the variance risk premium). */
  riskPremium: number;
  /** Added to every ATM volatility. */
  atmSpread: number;
  skew: number;
  curvature: number;
  minRatio: number;
  maxRatio: number;
}

export const DEFAULT_SURFACE: VolatilitySurfaceParameters = {
  kappa: 4,
  theta: 0.0289,
  riskPremium: 1.1,
  atmSpread: 0.005,
  skew: -0.16,
  curvature: 0.035,
  minRatio: 0.75,
  maxRatio: 3,
};

/** Years below which the surface stops steepening (the last hour of an expiring contract). */
const MIN_YEARS = 1 / (365 * 24);

/** ATM implied volatility for `years` to expiry when the instantaneous variance is `variance`. */
export function atmVolatility(variance: number, years: number, surface: VolatilitySurfaceParameters = DEFAULT_SURFACE): number {
  const t = Math.max(years, MIN_YEARS);
  const kt = surface.kappa * t;
  const averageVariance = surface.theta + (variance - surface.theta) * (kt < 1e-8 ? 1 : (1 - Math.exp(-kt)) / kt);
  return surface.riskPremium * Math.sqrt(Math.max(averageVariance, 1e-6)) + surface.atmSpread;
}

/**
 * Implied volatility of a strike: spot, strike, years to expiry, rate (continuous), and the
 * underlying's instantaneous variance.
 */
export function impliedVolatility(spot: number, strike: number, years: number, rate: number, variance: number, surface: VolatilitySurfaceParameters = DEFAULT_SURFACE): number {
  const t = Math.max(years, MIN_YEARS);
  const atm = atmVolatility(variance, t, surface);
  const z = (Math.log(strike / spot) - rate * t) / (atm * Math.sqrt(t));
  let ratio = 1 + surface.skew * z + surface.curvature * z * z;
  if (ratio < surface.minRatio) ratio = surface.minRatio;
  else if (ratio > surface.maxRatio) ratio = surface.maxRatio;
  return atm * ratio;
}
