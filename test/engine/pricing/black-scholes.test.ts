import { describe, expect, it } from "vitest";
import { blackScholesGreeks, blackScholesPrice, createGreeks, type OptionRight } from "../../../src/engine/pricing/black-scholes.ts";
import { toLeanUnits } from "../../../src/engine/pricing/lean-units.ts";
import {
  loadExactEuropean, loadReferenceRows, publishedTolerance, publishedValues, relativeError, type ReferenceRow,
} from "./reference-vectors.ts";

const rows = loadReferenceRows();
const exact = loadExactEuropean();
const european = rows.filter((row) => row.exercise === "european");

const FIELDS = [
  ["price", "price"],
  ["delta", "delta"],
  ["gamma", "gamma"],
  ["vega", "vega_per_unit_vol"],
  ["theta", "theta_per_year"],
  ["rho", "rho_per_unit_rate"],
] as const;

/** README tolerance of the quantlib_european block: rel 1e-10, abs 1e-13 when |value| < 1e-3. */
function withinQuantLibBlockTolerance(actual: number, expected: number): boolean {
  if (Math.abs(expected) < 1e-3) return Math.abs(actual - expected) <= 1e-13;
  return relativeError(actual, expected) <= 1e-10;
}

function compute(row: ReferenceRow) {
  return blackScholesGreeks(
    row.type as OptionRight, +row.S, +row.K, +row.T_years, +row.r_cont, +row.q_cont, +row.sigma, createGreeks(),
  );
}

describe("Black-Scholes-Merton against reference_vectors.csv (European rows)", () => {
  it("has every European row of the file and its exact recomputation", () => {
    expect(european.length).toBe(111);
    for (const row of european) expect(exact.has(row.id), row.id).toBe(true);
  });

  it.each(european.map((row) => [row.id, row] as const))(
    "%s: price and Greeks within 1e-12 relative of the exact values",
    (_id, row) => {
      const greeks = compute(row);
      const exactRow = exact.get(row.id)!;
      for (const [ours, column] of FIELDS) {
        const csv = +row[column];
        const truth = +exactRow[column];
        const value = greeks[ours];
        // Always: 1e-12 relative of the exact closed form at the row's double inputs.
        expect(relativeError(value, truth), `${row.id} ${column} vs exact ${truth}`).toBeLessThanOrEqual(1e-12);
        if (relativeError(csv, truth) <= 1e-12) {
          // The file's figure is exact to 1e-12: compare with it directly at 1e-12.
          expect(relativeError(value, csv), `${row.id} ${column} vs csv ${csv}`).toBeLessThanOrEqual(1e-12);
        } else {
          // QuantLib's own double-precision figure (the row's note gives its deviation from the closed form):
          // it must still agree within the block's stated tolerance.
          expect(row.block, `${row.id} ${column}: inexact figure outside the quantlib block`).toBe("quantlib_european");
          expect(withinQuantLibBlockTolerance(value, csv), `${row.id} ${column}: ${value} vs csv ${csv}`).toBe(true);
        }
      }
      expect(blackScholesPrice(row.type as OptionRight, +row.S, +row.K, +row.T_years, +row.r_cont, +row.q_cont, +row.sigma))
        .toBe(greeks.price);
    },
  );

  const withPublished = european.filter((row) => row.published !== "");
  it.each(withPublished.map((row) => [row.id, row] as const))("%s: matches the published textbook figures", (_id, row) => {
    const greeks = compute(row);
    const lean = toLeanUnits(greeks);
    for (const [name, printed] of publishedValues(row)) {
      let value: number;
      switch (name) {
        case "price": value = greeks.price; break;
        case "delta": value = greeks.delta; break;
        case "gamma": value = greeks.gamma; break;
        case "vega_per_unit_vol": value = greeks.vega; break;
        case "theta_per_year": value = lean.theta; break;
        case "theta_per_calendar_day": value = lean.thetaPerDay; break;
        case "theta_per_trading_day_252": value = greeks.theta / 252; break;
        case "rho_per_unit_rate": value = greeks.rho; break;
        case "elasticity": value = (greeks.delta * +row.S) / greeks.price; break;
        case "dividend_rho_per_unit_yield": value = greeks.dividendRho; break;
        case "implied_vol": value = +row.sigma; break;
        default: throw new Error(`row ${row.id}: unknown published figure ${name}`);
      }
      expect(Math.abs(value - +printed), `${row.id} ${name}: ${value} vs ${printed}`).toBeLessThanOrEqual(
        publishedTolerance(row, printed),
      );
    }
  });
});

describe("LEAN units", () => {
  it("reports vega and rho per 1 %, theta per year and per calendar day", () => {
    const row = european.find((r) => r.id === "hull-greeks-49-50")!;
    const lean = toLeanUnits(compute(row));
    expect(relativeError(lean.vega, +row.vega_per_vol_point)).toBeLessThanOrEqual(1e-12);
    expect(relativeError(lean.rho, +row.rho_per_pct_point)).toBeLessThanOrEqual(1e-12);
    expect(relativeError(lean.theta, +row.theta_per_year)).toBeLessThanOrEqual(1e-12);
    expect(relativeError(lean.thetaPerDay, +row.theta_per_calendar_day)).toBeLessThanOrEqual(1e-12);
  });
});

describe("Black-Scholes-Merton identities", () => {
  it("satisfies put-call parity and the Black-Scholes PDE on a grid", () => {
    const call = createGreeks();
    const put = createGreeks();
    for (const k of [50, 90, 100, 130, 200]) for (const t of [1 / 365, 0.25, 2]) for (const v of [0.05, 0.3, 2]) {
      const [s, r, q] = [100, 0.03, 0.01];
      blackScholesGreeks("call", s, k, t, r, q, v, call);
      blackScholesGreeks("put", s, k, t, r, q, v, put);
      const parity = s * Math.exp(-q * t) - k * Math.exp(-r * t);
      expect(Math.abs(call.price - put.price - parity)).toBeLessThanOrEqual(1e-12 * (s + k));
      // theta + (r - q) S delta + 1/2 sigma^2 S^2 gamma - r V = 0
      const pde = call.theta + (r - q) * s * call.delta + 0.5 * v * v * s * s * call.gamma - r * call.price;
      expect(Math.abs(pde)).toBeLessThanOrEqual(1e-10 * (s + k));
    }
  });

  it("keeps relative accuracy deep out of the money where the textbook formula cancels", () => {
    // put S=412.5, K=288.75, 60 days, sigma 12 %: true value 7.843204615176168e-14 (mpmath)
    const value = blackScholesPrice("put", 412.5, 288.75, 0.1643835616438356, 0.05, 0.005, 0.12);
    expect(relativeError(value, 7.843204615176168e-14)).toBeLessThanOrEqual(1e-12);
  });

  it("returns the discounted intrinsic value at zero volatility or expiry", () => {
    const g = blackScholesGreeks("call", 110, 100, 0, 0.05, 0, 0.2, createGreeks());
    expect(g.price).toBe(10);
    expect(g.delta).toBe(1);
    expect(blackScholesGreeks("put", 110, 100, 1, 0.05, 0, 0, createGreeks()).price).toBe(0);
  });
});
