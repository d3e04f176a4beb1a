import { describe, expect, it } from "vitest";
import { blackScholesGreeks, blackScholesPrice, createGreeks, type OptionRight } from "../../../src/engine/pricing/black-scholes.ts";
import {
  impliedVolatility, impliedVolatilityOrNaN, normalisedImpliedVolatility,
} from "../../../src/engine/pricing/implied-volatility.ts";
import { normCdf } from "../../../src/engine/pricing/normal.ts";
import { loadExactEuropean, loadReferenceRows, type ReferenceRow } from "./reference-vectors.ts";

const EPSILON = 2 ** -53; // the README's epsilon
const rows = loadReferenceRows();
const exact = loadExactEuropean();
const withVol = rows.filter((row) => row.exercise === "european" && row.implied_vol_from_price !== "");

/** README: the IV of a double price is determined to ~4 eps (P + |delta| S + |dP/dK| K) / vega. */
function conditioningBound(row: ReferenceRow): number {
  const right = row.type as OptionRight;
  const [s, k, t, r, q] = [+row.S, +row.K, +row.T_years, +row.r_cont, +row.q_cont];
  const g = blackScholesGreeks(right, s, k, t, r, q, +row.sigma, createGreeks());
  // dP/dK = -theta e^{-rT} N(theta d2) = -rho / (K T)
  const dPdK = -g.rho / (k * t);
  return (4 * EPSILON * (+row.price + Math.abs(g.delta) * s + Math.abs(dPdK) * k)) / g.vega;
}

function solve(row: ReferenceRow) {
  return impliedVolatility(row.type as OptionRight, +row.price, +row.S, +row.K, +row.T_years, +row.r_cont, +row.q_cont);
}

describe("implied volatility against reference_vectors.csv", () => {
  it("covers every European row with an implied vol", () => {
    expect(withVol.length).toBe(111);
  });

  it.each(withVol.map((row) => [row.id, row] as const))("%s: recovers the implied vol of the price", (_id, row) => {
    const result = solve(row);
    if (!result.ok) throw new Error(`${row.id}: ${result.message}`);
    const ours = result.volatility;
    const csv = +row.implied_vol_from_price;
    const bound = conditioningBound(row);
    const exactVol = exact.get(row.id)!.iv_exact;
    if (bound <= 1e-12) {
      // Identifiable: machine precision, 1e-12 in vol.
      const truth = +exactVol;
      expect(Math.abs(ours - truth), `${row.id}: ${ours} vs exact ${truth}`).toBeLessThanOrEqual(1e-12);
      if (Math.abs(csv - truth) <= 1e-12) {
        expect(Math.abs(ours - csv), `${row.id}: ${ours} vs csv ${csv}`).toBeLessThanOrEqual(1e-12);
      } else {
        // The file holds QuantLib's solver output, itself off the exact vol by more than 1e-12
        // (ql-eur-08: its 1e-12 price accuracy; ql-eur-41: its 1e-7 vol floor on a 2.4e-38 price).
        expect(row.block, `${row.id}: inexact vol outside the quantlib block`).toBe("quantlib_european");
      }
    } else if (exactVol !== "") {
      // Not identifiable to 1e-12 from a double price (short-dated deep in the money): the README's bound.
      expect(Math.abs(ours - csv), `${row.id}: ${ours} vs csv ${csv}, bound ${bound}`).toBeLessThanOrEqual(bound);
      expect(Math.abs(ours - +exactVol), `${row.id}: ${ours} vs exact ${exactVol}`).toBeLessThanOrEqual(bound);
    } else {
      // The price equals the intrinsic value to double precision: any small vol reprices it; we return 0.
      expect(ours).toBe(0);
      const repriced = blackScholesPrice(row.type as OptionRight, +row.S, +row.K, +row.T_years, +row.r_cont, +row.q_cont, ours);
      const tolerance = 4 * EPSILON * (+row.price + +row.S + +row.K);
      expect(Math.abs(repriced - +row.price)).toBeLessThanOrEqual(tolerance);
    }
  });
});

describe("implied volatility round trip", () => {
  it("recovers the vol to 1e-12 over moneyness 0.5-2, 1 day-2 years, vol 5%-200% where identifiable", () => {
    let worst = 0;
    let solved = 0;
    const g = createGreeks();
    for (const right of ["call", "put"] as const)
      for (let i = 0; i <= 12; i++)
        for (const days of [1, 7, 30, 91, 365, 730]) {
          for (const vol of [0.05, 0.1, 0.2, 0.4, 0.8, 1.2, 2]) {
            const spot = 100;
            const strike = spot * 0.5 * 4 ** (i / 12);
            const t = days / 365;
            blackScholesGreeks(right, spot, strike, t, 0.04, 0.01, vol, g);
            const dPdK = -g.rho / (strike * t);
            const bound = (4 * EPSILON * (g.price + Math.abs(g.delta) * spot + Math.abs(dPdK) * strike)) / g.vega;
            const iv = impliedVolatilityOrNaN(right, g.price, spot, strike, t, 0.04, 0.01);
            // not identifiable from a double price (README bound; subnormal prices have lost their digits)
            if (!(g.price >= 2.2250738585072014e-308) || !(bound <= 1e-12)) continue;
            solved++;
            worst = Math.max(worst, Math.abs(iv - vol));
            expect(Math.abs(iv - vol), `${right} K=${strike} T=${days}d vol=${vol}: ${iv}`).toBeLessThanOrEqual(1e-12);
          }
        }
    expect(solved).toBeGreaterThan(700);
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it("solves tiny and near-maximal prices", () => {
    // deep OTM: price 2.37e-38 (reference row ql-eur-41), vol 12 %
    const deep = impliedVolatilityOrNaN("call", 2.369367621892661e-38, 412.5, 474.37, 0.00821917808219178, 0.05, 0.015);
    expect(Math.abs(deep - 0.12)).toBeLessThanOrEqual(1e-12);
    // very high vol: the call is close to the discounted forward
    const price = blackScholesPrice("call", 100, 100, 2, 0.01, 0, 5);
    expect(Math.abs(impliedVolatilityOrNaN("call", price, 100, 100, 2, 0.01, 0) - 5)).toBeLessThanOrEqual(1e-10);
    // at the money
    const atm = blackScholesPrice("put", 100, 100 * Math.exp(0.02), 1, 0.02, 0, 0.3);
    expect(Math.abs(impliedVolatilityOrNaN("put", atm, 100, 100 * Math.exp(0.02), 1, 0.02, 0) - 0.3)).toBeLessThanOrEqual(1e-14);
  });
});

describe("implied volatility outside the no-arbitrage bounds", () => {
  it("says the price is below intrinsic", () => {
    const result = impliedVolatility("call", 9, 110, 100, 0.5, 0, 0);
    expect(result).toMatchObject({ ok: false, reason: "below intrinsic" });
    expect(impliedVolatilityOrNaN("call", 9, 110, 100, 0.5, 0, 0)).toBeNaN();
  });

  it("says the price is at or above the upper bound", () => {
    expect(impliedVolatility("call", 100, 100, 90, 1, 0, 0)).toMatchObject({ ok: false, reason: "above upper bound" });
    expect(impliedVolatility("put", 95 * Math.exp(-0.05), 100, 95, 1, 0.05, 0)).toMatchObject({
      ok: false, reason: "above upper bound",
    });
  });

  it("rejects invalid inputs with a message naming them", () => {
    const result = impliedVolatility("put", -1, 100, 100, 1, 0, 0);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe("invalid input");
      expect(result.message).toContain("price -1");
    }
    expect(impliedVolatility("put", 1, 100, 100, 0, 0, 0)).toMatchObject({ ok: false, reason: "invalid input" });
  });
});

describe("implied volatility properties", () => {
  it("round-trips random contracts to the README's conditioning bound (fast-check)", async () => {
    const fc = await import("fast-check");
    fc.assert(
      fc.property(
        fc.constantFrom<OptionRight>("call", "put"),
        fc.double({ min: 0.3, max: 3, noNaN: true }), // K/S
        fc.double({ min: 1 / 365, max: 5, noNaN: true }), // T
        fc.double({ min: -0.02, max: 0.15, noNaN: true }), // r
        fc.double({ min: 0, max: 0.1, noNaN: true }), // q
        fc.double({ min: 0.01, max: 3, noNaN: true }), // sigma
        (right, moneyness, t, r, q, vol) => {
          const spot = 100;
          const strike = spot * moneyness;
          const g = blackScholesGreeks(right, spot, strike, t, r, q, vol, createGreeks());
          if (!(g.price >= 2.2250738585072014e-308)) return;
          const bound = (4 * EPSILON * (g.price + Math.abs(g.delta) * spot + Math.abs(g.rho / (strike * t)) * strike)) / g.vega;
          const iv = impliedVolatilityOrNaN(right, g.price, spot, strike, t, r, q);
          if (bound <= 1e-12) {
            expect(Math.abs(iv - vol), `${right} K=${strike} T=${t} r=${r} q=${q} vol=${vol}: ${iv}`).toBeLessThanOrEqual(1e-12);
          } else {
            // not identifiable: the solved vol must still reproduce the price to its rounding
            const repriced = blackScholesPrice(right, spot, strike, t, r, q, iv);
            expect(Math.abs(repriced - g.price)).toBeLessThanOrEqual(4 * EPSILON * (g.price + spot + strike));
          }
        },
      ),
      { numRuns: 3000, seed: 20261126 },
    );
  });

  it("solves the normalised problem directly", () => {
    // b(x, s) at x = -0.5, s = 0.7; the in-the-money put at the same x is worth that plus its intrinsic 2 sinh(1/4)
    const x = -0.5;
    const s = 0.7;
    const h = x / s;
    const call = 0.5 * (Math.exp(0.5 * x) * (1 + erfLike(h + s / 2)) - Math.exp(-0.5 * x) * (1 + erfLike(h - s / 2)));
    expect(Math.abs(normalisedImpliedVolatility(call, x, true) - s)).toBeLessThanOrEqual(1e-14);
    const put = call + 2 * Math.sinh(0.25);
    expect(Math.abs(normalisedImpliedVolatility(put, x, false) - s)).toBeLessThanOrEqual(1e-13);
    expect(Math.abs(normalisedImpliedVolatility(call, -x, false) - s)).toBeLessThanOrEqual(1e-14);
    expect(normalisedImpliedVolatility(Math.exp(0.5 * x), x, true)).toBe(-2);
    expect(normalisedImpliedVolatility(2 * Math.sinh(0.25) - 1e-3, 0.5, true)).toBe(-1);
  });
});

/** erf(z / sqrt 2), i.e. 2 Phi(z) - 1, via the module's normal CDF */
function erfLike(z: number): number {
  return 2 * normCdf(z) - 1;
}
