import { describe, expect, it } from "vitest";
import { erfc, erfcx, inverseNormCdf, normCdf, normPdf } from "../../../src/engine/pricing/normal.ts";
import { normalisedBlackCall } from "../../../src/engine/pricing/normalised-black.ts";
import { relativeError } from "./reference-vectors.ts";

// Reference values: mpmath at 40 digits.
/** inverse normal at 1e-300, 1e-20, 1e-5, 0.01, 0.3, 0.9 */
const QUANTILES = [-37.0470962993612, -9.262340089798407, -4.264890793922825, -2.326347874040841, -0.5244005127080408, 1.2815515655446006];
const CDF: [number, number][] = [
  [-30, 4.906713927148187e-198],
  [-20, 2.7536241186062337e-89],
  [-12, 1.776482112077679e-33],
  [-5, 2.866515718791939e-7],
  [-1.5, 0.06680720126885807],
  [-0.3, 0.3820885778110474],
  [0, 0.5],
  [0.7, 0.758036347776927],
  [3, 0.9986501019683699],
];

describe("normal distribution", () => {
  it("computes the cumulative distribution to ~1e-16 relative, also far in the lower tail", () => {
    for (const [x, expected] of CDF) expect(relativeError(normCdf(x), expected), `x=${x}`).toBeLessThanOrEqual(4e-16);
  });

  it("computes erfc, erfcx and the density to ~1e-16 relative", () => {
    expect(relativeError(erfc(5), 1.537459794428035e-12)).toBeLessThanOrEqual(4e-16);
    expect(relativeError(erfc(-1), 1.8427007929497148)).toBeLessThanOrEqual(4e-16);
    expect(relativeError(erfcx(10), 0.05614099274382259)).toBeLessThanOrEqual(4e-16);
    expect(relativeError(erfcx(0.2), 0.8090195199015807)).toBeLessThanOrEqual(4e-16);
    expect(relativeError(erfcx(-2), 108.94090438997797)).toBeLessThanOrEqual(4e-16);
    expect(relativeError(normPdf(-12), 2.1463837356630605e-32)).toBeLessThanOrEqual(4e-16);
  });

  it("inverts the cumulative distribution to ~1e-16 relative", () => {
    const probabilities = [1e-300, 1e-20, 1e-5, 0.01, 0.3, 0.9];
    probabilities.forEach((p, i) => {
      expect(relativeError(inverseNormCdf(p), QUANTILES[i]), `p=${p}`).toBeLessThanOrEqual(4e-16);
    });
    expect(inverseNormCdf(0.5)).toBe(0);
    expect(inverseNormCdf(0)).toBe(-Infinity);
    expect(inverseNormCdf(1)).toBe(Infinity);
  });
});

describe("normalised Black function", () => {
  it("keeps full relative accuracy in each of its regions", () => {
    // [x, s, mpmath value]
    const cases: [number, number, number][] = [
      [-40, 3, 5.4169095699679625e-42], // asymptotic series
      [-0.001, 0.0001, 7.474560245421083e-29], // asymptotic series, tiny s
      [-0.3, 0.15, 0.0012707921681644986], // small-t Taylor series
      [-1, 0.8, 0.03832373104084641], // erfcx difference
      [-0.3, 3, 0.7275323820993085], // direct
      [0.2, 0.05, 0.20033385720103], // in the money: intrinsic + out of the money part
    ];
    for (const [x, s, expected] of cases) {
      expect(relativeError(normalisedBlackCall(x, s), expected), `x=${x} s=${s}`).toBeLessThanOrEqual(1e-13);
    }
  });
});
