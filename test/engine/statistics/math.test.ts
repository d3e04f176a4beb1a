import { describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import {
  average,
  covariance,
  erfc,
  kurtosis,
  normalCdf,
  pow,
  skewness,
  standardDeviation,
  variance,
} from "../../../src/engine/statistics/math.ts";

const xs = [1, 2, 3, 4, 10];

/** Textbook bias-corrected sample skewness G1 and excess kurtosis G2. */
function textbook(values: number[]): { g1: number; g2: number } {
  const n = values.length;
  const m = values.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (n - 1));
  const g1 = (n / ((n - 1) * (n - 2))) * values.reduce((a, v) => a + ((v - m) / s) ** 3, 0);
  const g2 =
    ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * values.reduce((a, v) => a + ((v - m) / s) ** 4, 0) -
    (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
  return { g1, g2 };
}

describe("MathNet statistics", () => {
  it("computes the sample mean, variance and standard deviation", () => {
    expect(average([1, 2, 3, 4])).toBe(2.5);
    expect(variance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 15);
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 15);
    expect(variance([1])).toBeNaN();
    expect(() => average([])).toThrow(RangeError);
  });

  it("computes the sample covariance", () => {
    expect(covariance([1, 2, 3], [2, 4, 7])).toBeCloseTo(2.5, 15);
    expect(covariance([1], [1])).toBeNaN();
    expect(() => covariance([1, 2], [1])).toThrow(RangeError);
  });

  it("computes bias-corrected skewness and excess kurtosis, NaN below 3 and 4 values", () => {
    const { g1, g2 } = textbook(xs);
    expect(skewness(xs)).toBeCloseTo(g1, 13);
    expect(kurtosis(xs)).toBeCloseTo(g2, 13);
    expect(skewness([1, 2])).toBeNaN();
    expect(kurtosis([1, 2, 3])).toBeNaN();
  });
});

describe("normal distribution", () => {
  it("matches reference values of Φ to ~1e-15", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 15);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145705, 15);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 15);
    expect(normalCdf(0.5)).toBeCloseTo(0.6914624612740131, 15);
    expect(normalCdf(-2.5)).toBeCloseTo(0.0062096653257761, 15);
  });

  it("keeps the magnitude of far-tail probabilities (they decide \"0.000%\" versus \"0%\")", () => {
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 12);
    expect(erfc(5) / 1.5374597944280349e-12).toBeCloseTo(1, 12);
    expect(normalCdf(-40)).toBe(0);
  });
});

describe("pow", () => {
  it("is correctly rounded (glibc), where V8's pow may be an ulp off", () => {
    // the double nearest to the exact power (decimal.js parses its 60-digit string with correct rounding)
    const exact = Decimal.clone({ precision: 60 });
    // bases exactly representable in binary, so the decimal base is the double's exact value
    expect(pow(1.0078125, 252)).toBe(new exact("1.0078125").pow(252).toNumber());
    expect(pow(0.998046875, 252)).toBe(new exact("0.998046875").pow(252).toNumber());
    expect(pow(1.5, 0.25)).toBe(new exact("1.5").pow("0.25").toNumber());
    expect(pow(2, 0.5)).toBe(Math.SQRT2);
    expect(pow(1.5, 0)).toBe(1);
    expect(pow(-8, 1 / 3)).toBeNaN();
  });
});
