import { describe, expect, it } from "vitest";
import { constantRate, InvalidRateCurveError, rateCurve } from "../../../src/engine/pricing/rate-providers.ts";

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
