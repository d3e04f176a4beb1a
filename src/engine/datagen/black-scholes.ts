/**
 * The generator's own Black-Scholes-Merton: European price and Greeks on a non-dividend asset
 * with a continuously compounded rate. Small and allocation-free because it prices every quoted
 * contract every minute. The engine's full pricing library lives in src/engine/pricing; the
 * generator keeps this copy so it depends only on plain maths.
 */

/**
 * Standard normal CDF, Hart's double-precision rational approximation (as published by G. West,
 * "Better approximations to cumulative normal functions", 2005): absolute error below 1e-14.
 */
export function normCdf(x: number): number {
  const xabs = Math.abs(x);
  let c: number;
  if (xabs > 37) {
    c = 0;
  } else {
    const e = Math.exp((-xabs * xabs) / 2);
    if (xabs < 7.07106781186547) {
      let b = 3.52624965998911e-2 * xabs + 0.700383064443688;
      b = b * xabs + 6.37396220353165;
      b = b * xabs + 33.912866078383;
      b = b * xabs + 112.079291497871;
      b = b * xabs + 221.213596169931;
      b = b * xabs + 220.206867912376;
      c = e * b;
      b = 8.83883476483184e-2 * xabs + 1.75566716318264;
      b = b * xabs + 16.064177579207;
      b = b * xabs + 86.7807322029461;
      b = b * xabs + 296.564248779674;
      b = b * xabs + 637.333633378831;
      b = b * xabs + 793.826512519948;
      b = b * xabs + 440.413735824752;
      c = c / b;
    } else {
      let b = xabs + 0.65;
      b = xabs + 4 / b;
      b = xabs + 3 / b;
      b = xabs + 2 / b;
      b = xabs + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

const INV_SQRT_2PI = 0.3989422804014327;

export function normPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** European price. `isCall`; spot, strike, years to expiry, rate, volatility. At T <= 0: intrinsic. */
export function bsmPrice(isCall: boolean, spot: number, strike: number, years: number, rate: number, volatility: number): number {
  if (years <= 0 || volatility <= 0) {
    const forwardIntrinsic = isCall ? spot - strike * Math.exp(-rate * Math.max(years, 0)) : strike * Math.exp(-rate * Math.max(years, 0)) - spot;
    return Math.max(forwardIntrinsic, 0);
  }
  const sqrtT = Math.sqrt(years);
  const sd = volatility * sqrtT;
  const d1 = (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * years) / sd;
  const d2 = d1 - sd;
  const df = Math.exp(-rate * years);
  return isCall ? spot * normCdf(d1) - strike * df * normCdf(d2) : strike * df * normCdf(-d2) - spot * normCdf(-d1);
}

/** Price and Greeks in per-unit units (vega per 1.00 of vol, theta per year, rho per 1.00 of rate). */
export interface BsmResult {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
}

export function createBsmResult(): BsmResult {
  return { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
}

/** Price and Greeks into `out` (no allocation). Requires years > 0 and volatility > 0. */
export function bsmGreeks(isCall: boolean, spot: number, strike: number, years: number, rate: number, volatility: number, out: BsmResult): BsmResult {
  const sqrtT = Math.sqrt(years);
  const sd = volatility * sqrtT;
  const d1 = (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * years) / sd;
  const d2 = d1 - sd;
  const df = Math.exp(-rate * years);
  const pdf = normPdf(d1);
  const common = (-spot * pdf * volatility) / (2 * sqrtT);
  out.gamma = pdf / (spot * sd);
  out.vega = spot * pdf * sqrtT;
  if (isCall) {
    const nd1 = normCdf(d1);
    const nd2 = normCdf(d2);
    out.price = spot * nd1 - strike * df * nd2;
    out.delta = nd1;
    out.theta = common - rate * strike * df * nd2;
    out.rho = strike * years * df * nd2;
  } else {
    const nd1 = normCdf(-d1);
    const nd2 = normCdf(-d2);
    out.price = strike * df * nd2 - spot * nd1;
    out.delta = -nd1;
    out.theta = common + rate * strike * df * nd2;
    out.rho = -strike * years * df * nd2;
  }
  return out;
}
