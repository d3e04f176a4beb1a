/**
 * Conversion from the per-unit Greeks of this module (QuantLib/Haug/Hull units) to LEAN's units:
 * vega and rho per 1 % (per-unit / 100), theta per year (LEAN `Theta`) and per calendar day
 * (LEAN `ThetaPerDay`, / 365). Delta and gamma are unchanged.
 */
import type { Greeks } from "./black-scholes.ts";

export interface LeanGreeks {
  delta: number;
  gamma: number;
  /** dV/dsigma for a 1 vol point (0.01) move */
  vega: number;
  /** dV/dt per year */
  theta: number;
  /** dV/dt per calendar day (theta / 365) */
  thetaPerDay: number;
  /** dV/dr for a 1 % (0.01) move */
  rho: number;
}

export const DAYS_PER_YEAR = 365;

export function createLeanGreeks(): LeanGreeks {
  return { delta: NaN, gamma: NaN, vega: NaN, theta: NaN, thetaPerDay: NaN, rho: NaN };
}

/** Writes `greeks` in LEAN's units into `out` (allocation-free) and returns it. */
export function toLeanUnits(greeks: Greeks, out: LeanGreeks = createLeanGreeks()): LeanGreeks {
  out.delta = greeks.delta;
  out.gamma = greeks.gamma;
  out.vega = greeks.vega / 100;
  out.theta = greeks.theta;
  out.thetaPerDay = greeks.theta / DAYS_PER_YEAR;
  out.rho = greeks.rho / 100;
  return out;
}
