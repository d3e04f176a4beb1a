import { describe, expect, it } from "vitest";
import { constantRate, InvalidRateCurveError, rateCurve } from "../../../src/engine/pricing/rate-providers.ts";
import { blackScholesGreeks, createGreeks } from "../../../src/engine/pricing/black-scholes.ts";
import { blackScholesModel, evaluateOption, yearFraction } from "../../../src/engine/pricing/models.ts";

const day = 86_400_000;

describe("rate providers", () => {
  it("returns a constant rate at any time", () => {
    const provider = constantRate(0.0425);
    expect(provider.rate(0)).toBe(0.0425);
    expect(provider.rate(1_700_000_000_000)).toBe(0.0425);
  });

  it("interpolates a curve linearly between its points and holds it flat outside", () => {
    const curve = rateCurve([
      { timeMs: 10 * day, rate: 0.01 },
      { timeMs: 20 * day, rate: 0.03 },
      { timeMs: 40 * day, rate: 0.02 },
    ]);
    expect(curve.rate(0)).toBe(0.01);
    expect(curve.rate(10 * day)).toBe(0.01);
    expect(curve.rate(15 * day)).toBeCloseTo(0.02, 15);
    expect(curve.rate(20 * day)).toBe(0.03);
    expect(curve.rate(30 * day)).toBeCloseTo(0.025, 15);
    expect(curve.rate(99 * day)).toBe(0.02);
  });

  it("rejects an empty, unsorted or non-finite curve with a message naming the point", () => {
    expect(() => rateCurve([])).toThrow(InvalidRateCurveError);
    expect(() => rateCurve([{ timeMs: 2, rate: 0.01 }, { timeMs: 1, rate: 0.02 }])).toThrow(/point 1: time 1 is not after/);
    expect(() => rateCurve([{ timeMs: 0, rate: Number.NaN }])).toThrow(/point 0/);
    expect(() => constantRate(Number.POSITIVE_INFINITY)).toThrow(InvalidRateCurveError);
  });
});

describe("evaluating a model with providers", () => {
  it("reads the rate and the dividend yield at the evaluation time and counts ACT/365F", () => {
    const now = Date.UTC(2024, 0, 10);
    const expiry = now + 30 * day;
    expect(yearFraction(now, expiry)).toBe(30 / 365);
    const rates = rateCurve([{ timeMs: now - day, rate: 0.04 }, { timeMs: now + day, rate: 0.06 }]);
    const greeks = evaluateOption(blackScholesModel, "put", 100, 105, now, expiry, 0.25, rates, constantRate(0.01), createGreeks());
    const direct = blackScholesGreeks("put", 100, 105, 30 / 365, 0.05, 0.01, 0.25, createGreeks());
    expect(greeks).toEqual(direct);
  });
});
