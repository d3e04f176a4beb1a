/**
 * Bjerksund-Stensland closed-form approximations for American options with a continuous yield
 * (cost of carry b = r - q): the 1993 version (one flat exercise trigger) and the 2002 version
 * (a two-piece trigger, more accurate), as given in Haug, "The Complete Guide to Option Pricing
 * Formulas", 2nd ed., ch. 3. Both are lower bounds of the American value. Puts use the
 * Bjerksund-Stensland transformation P(S, K, T, r, b, sigma) = C(K, S, T, r - b, -b, sigma).
 * Pure maths.
 */
import { blackScholesPrice, type OptionRight } from "./black-scholes.ts";
import { gaussLegendre } from "./gauss-legendre.ts";
import { normCdf } from "./normal.ts";

const BIVARIATE_RULE = gaussLegendre(24);

/**
 * Bivariate standard normal P(X <= a, Y <= b) with correlation rho, |rho| <= 0.95, by
 * Sheppard's formula Phi(a)Phi(b) + 1/(2 pi) int_0^{asin rho} exp(-(a^2 + b^2 - 2ab sin t)/(2 cos^2 t)) dt.
 */
export function bivariateNormalCdf(a: number, b: number, rho: number): number {
  if (!(Math.abs(rho) <= 0.95)) throw new RangeError(`bivariateNormalCdf: |rho| <= 0.95 required, got ${rho}`);
  const upper = Math.asin(rho);
  let sum = 0;
  for (let i = 0; i < BIVARIATE_RULE.nodes.length; i++) {
    const theta = 0.5 * upper * (1 + BIVARIATE_RULE.nodes[i]);
    const sin = Math.sin(theta);
    const cos2 = 1 - sin * sin;
    sum += BIVARIATE_RULE.weights[i] * Math.exp(-(a * a + b * b - 2 * a * b * sin) / (2 * cos2));
  }
  return normCdf(a) * normCdf(b) + (0.5 * upper * sum) / (2 * Math.PI);
}

interface Carry {
  r: number;
  b: number;
  v: number;
}

/** Haug's phi(S, T, gamma, H, I). */
function phi(s: number, t: number, gamma: number, h: number, i: number, c: Carry): number {
  const v2 = c.v * c.v;
  const sd = c.v * Math.sqrt(t);
  const lambda = (-c.r + gamma * c.b + 0.5 * gamma * (gamma - 1) * v2) * t;
  const d = -(Math.log(s / h) + (c.b + (gamma - 0.5) * v2) * t) / sd;
  const kappa = (2 * c.b) / v2 + (2 * gamma - 1);
  return Math.exp(lambda) * s ** gamma * (normCdf(d) - (i / s) ** kappa * normCdf(d - (2 * Math.log(i / s)) / sd));
}

/** Haug's psi(S, T, gamma, H, I2, I1, t1). */
function psi(s: number, t: number, gamma: number, h: number, i2: number, i1: number, t1: number, c: Carry): number {
  const v2 = c.v * c.v;
  const sd1 = c.v * Math.sqrt(t1);
  const sd = c.v * Math.sqrt(t);
  const drift = c.b + (gamma - 0.5) * v2;
  const e1 = (Math.log(s / i1) + drift * t1) / sd1;
  const e2 = (Math.log((i2 * i2) / (s * i1)) + drift * t1) / sd1;
  const e3 = (Math.log(s / i1) - drift * t1) / sd1;
  const e4 = (Math.log((i2 * i2) / (s * i1)) - drift * t1) / sd1;
  const f1 = (Math.log(s / h) + drift * t) / sd;
  const f2 = (Math.log((i2 * i2) / (s * h)) + drift * t) / sd;
  const f3 = (Math.log((i1 * i1) / (s * h)) + drift * t) / sd;
  const f4 = (Math.log((s * i1 * i1) / (h * i2 * i2)) + drift * t) / sd;
  const rho = Math.sqrt(t1 / t);
  const lambda = (-c.r + gamma * c.b + 0.5 * gamma * (gamma - 1) * v2) * t;
  const kappa = (2 * c.b) / v2 + (2 * gamma - 1);
  return (
    Math.exp(lambda) * s ** gamma *
    (bivariateNormalCdf(-e1, -f1, rho) -
      (i2 / s) ** kappa * bivariateNormalCdf(-e2, -f2, rho) -
      (i1 / s) ** kappa * bivariateNormalCdf(-e3, -f3, -rho) +
      (i1 / i2) ** kappa * bivariateNormalCdf(-e4, -f4, -rho))
  );
}

function callParameters(strike: number, c: Carry) {
  const v2 = c.v * c.v;
  const beta = 0.5 - c.b / v2 + Math.sqrt((c.b / v2 - 0.5) ** 2 + (2 * c.r) / v2);
  const bInfinity = (beta / (beta - 1)) * strike;
  const b0 = Math.max(strike, (c.r / (c.r - c.b)) * strike);
  return { beta, bInfinity, b0 };
}

function call1993(s: number, k: number, t: number, c: Carry): number {
  const { beta, bInfinity, b0 } = callParameters(k, c);
  const h = (-(c.b * t + 2 * c.v * Math.sqrt(t)) * b0) / (bInfinity - b0);
  const trigger = b0 + (bInfinity - b0) * (1 - Math.exp(h));
  if (s >= trigger) return s - k;
  const alpha = (trigger - k) * trigger ** -beta;
  return (
    alpha * s ** beta - alpha * phi(s, t, beta, trigger, trigger, c) + phi(s, t, 1, trigger, trigger, c) -
    phi(s, t, 1, k, trigger, c) - k * phi(s, t, 0, trigger, trigger, c) + k * phi(s, t, 0, k, trigger, c)
  );
}

function call2002(s: number, k: number, t: number, c: Carry): number {
  const { beta, bInfinity, b0 } = callParameters(k, c);
  const t1 = 0.5 * (Math.sqrt(5) - 1) * t;
  const scale = (k * k) / ((bInfinity - b0) * b0);
  const h1 = -(c.b * t1 + 2 * c.v * Math.sqrt(t1)) * scale;
  const h2 = -(c.b * t + 2 * c.v * Math.sqrt(t)) * scale;
  const i1 = b0 + (bInfinity - b0) * (1 - Math.exp(h1));
  const i2 = b0 + (bInfinity - b0) * (1 - Math.exp(h2));
  if (s >= i2) return s - k;
  const alpha1 = (i1 - k) * i1 ** -beta;
  const alpha2 = (i2 - k) * i2 ** -beta;
  return (
    alpha2 * s ** beta - alpha2 * phi(s, t1, beta, i2, i2, c) + phi(s, t1, 1, i2, i2, c) - phi(s, t1, 1, i1, i2, c) -
    k * phi(s, t1, 0, i2, i2, c) + k * phi(s, t1, 0, i1, i2, c) + alpha1 * phi(s, t1, beta, i1, i2, c) -
    alpha1 * psi(s, t, beta, i1, i2, i1, t1, c) + psi(s, t, 1, i1, i2, i1, t1, c) - psi(s, t, 1, k, i2, i1, t1, c) -
    k * psi(s, t, 0, i1, i2, i1, t1, c) + k * psi(s, t, 0, k, i2, i1, t1, c)
  );
}

function price(
  version: 1993 | 2002, right: OptionRight, spot: number, strike: number, timeYears: number, rate: number,
  dividendYield: number, volatility: number,
): number {
  const isCall = right === "call";
  if (!(timeYears > 0) || !(volatility > 0)) return Math.max(isCall ? spot - strike : strike - spot, 0);
  const b = rate - dividendYield;
  // Transformation for puts: P(S, K, T, r, b) = C(K, S, T, r - b, -b)
  const [s, k, c]: [number, number, Carry] = isCall
    ? [spot, strike, { r: rate, b, v: volatility }]
    : [strike, spot, { r: rate - b, b: -b, v: volatility }];
  if (c.b >= c.r) return blackScholesPrice(right, spot, strike, timeYears, rate, dividendYield, volatility); // never early
  const value = version === 1993 ? call1993(s, k, timeYears, c) : call2002(s, k, timeYears, c);
  return Math.max(value, isCall ? spot - strike : strike - spot);
}

/** Bjerksund-Stensland (1993): one flat exercise trigger. */
export function bjerksundStensland1993Price(
  right: OptionRight, spot: number, strike: number, timeYears: number, rate: number, dividendYield: number, volatility: number,
): number {
  return price(1993, right, spot, strike, timeYears, rate, dividendYield, volatility);
}

/** Bjerksund-Stensland (2002): a two-piece exercise trigger; closer to the American value than 1993. */
export function bjerksundStensland2002Price(
  right: OptionRight, spot: number, strike: number, timeYears: number, rate: number, dividendYield: number, volatility: number,
): number {
  return price(2002, right, spot, strike, timeYears, rate, dividendYield, volatility);
}
