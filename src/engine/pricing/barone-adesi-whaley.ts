/**
 * Barone-Adesi and Whaley (1987) quadratic approximation for American options with a
 * continuous yield (cost of carry b = r - q), as given in Haug, "The Complete Guide to Option
 * Pricing Formulas", ch. 3: the early-exercise premium is A (S/S*)^q with the critical price S*
 * found by Newton's method. A call with q <= 0 (b >= r) is never exercised early: European value.
 * Pure maths.
 */
import { blackScholesPrice, type OptionRight } from "./black-scholes.ts";
import { normCdf, normPdf } from "./normal.ts";

export function baroneAdesiWhaleyPrice(
  right: OptionRight,
  spot: number,
  strike: number,
  timeYears: number,
  rate: number,
  dividendYield: number,
  volatility: number,
): number {
  const isCall = right === "call";
  const european = blackScholesPrice(right, spot, strike, timeYears, rate, dividendYield, volatility);
  if (!(timeYears > 0) || !(volatility > 0)) return Math.max(isCall ? spot - strike : strike - spot, european);
  const b = rate - dividendYield;
  if (isCall && b >= rate) return european; // q <= 0: never exercised early
  if (!isCall && rate <= 0) return european; // r <= 0: an American put is never exercised early
  const v2 = volatility * volatility;
  const sqrtT = volatility * Math.sqrt(timeYears);
  const n = (2 * b) / v2;
  const m = (2 * rate) / v2;
  const k = 1 - Math.exp(-rate * timeYears);
  const carry = Math.exp((b - rate) * timeYears);
  const d1 = (s: number) => (Math.log(s / strike) + (b + 0.5 * v2) * timeYears) / sqrtT;
  if (isCall) {
    const q2 = 0.5 * (-(n - 1) + Math.sqrt((n - 1) * (n - 1) + (4 * m) / k));
    const q2Infinity = 0.5 * (-(n - 1) + Math.sqrt((n - 1) * (n - 1) + 4 * m));
    const sInfinity = strike / (1 - 1 / q2Infinity);
    const h2 = (-(b * timeYears + 2 * sqrtT) * strike) / (sInfinity - strike);
    let si = strike + (sInfinity - strike) * (1 - Math.exp(h2));
    for (let i = 0; i < 100; i++) {
      const d = d1(si);
      const rhs = blackScholesPrice("call", si, strike, timeYears, rate, dividendYield, volatility) +
        ((1 - carry * normCdf(d)) * si) / q2;
      const slope = carry * normCdf(d) * (1 - 1 / q2) + (1 - (carry * normPdf(d)) / sqrtT) / q2;
      if (Math.abs(si - strike - rhs) / strike < 1e-14) break;
      si = (strike + rhs - slope * si) / (1 - slope);
    }
    if (spot >= si) return spot - strike;
    const a2 = (si / q2) * (1 - carry * normCdf(d1(si)));
    return european + a2 * (spot / si) ** q2;
  }
  const q1 = 0.5 * (-(n - 1) - Math.sqrt((n - 1) * (n - 1) + (4 * m) / k));
  const q1Infinity = 0.5 * (-(n - 1) - Math.sqrt((n - 1) * (n - 1) + 4 * m));
  const sInfinity = strike / (1 - 1 / q1Infinity);
  const h1 = ((b * timeYears - 2 * sqrtT) * strike) / (strike - sInfinity);
  let si = sInfinity + (strike - sInfinity) * Math.exp(h1);
  for (let i = 0; i < 100; i++) {
    const d = d1(si);
    const rhs = blackScholesPrice("put", si, strike, timeYears, rate, dividendYield, volatility) -
      ((1 - carry * normCdf(-d)) * si) / q1;
    const slope = -carry * normCdf(-d) * (1 - 1 / q1) - (1 + (carry * normPdf(-d)) / sqrtT) / q1;
    if (Math.abs(strike - si - rhs) / strike < 1e-14) break;
    si = (strike - rhs + slope * si) / (1 + slope);
  }
  if (spot <= si) return strike - spot;
  const a1 = -(si / q1) * (1 - carry * normCdf(-d1(si)));
  return european + a1 * (spot / si) ** q1;
}
