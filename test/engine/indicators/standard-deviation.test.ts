import { describe, expect, it } from "vitest";
import { StandardDeviation, Variance } from "../../../src/engine/indicators/index.ts";
import { SPY_2013_CLOSES, VAR10, feedCloses, valuesAtRows } from "./lean-test-data.ts";

describe("Variance and StandardDeviation", () => {
  it("reproduce LEAN's Var column of spy_var.txt (period 10); the deviation is its square root", () => {
    const variance = new Variance(10);
    const std = new StandardDeviation(10);
    const v = valuesAtRows(variance, SPY_2013_CLOSES, () => variance.current.value);
    const s = valuesAtRows(std, SPY_2013_CLOSES, () => std.current.value);
    for (const [row, expected] of VAR10) {
      expect(v.get(row)).toBeCloseTo(expected, 9);
      expect(s.get(row)).toBeCloseTo(Math.sqrt(expected), 9);
    }
  });

  it("match LEAN's hand-checked population deviations (1, -1, 1, -2, 3 with period 3)", () => {
    const std = new StandardDeviation(3);
    const expected = [0, 1, 0.942809041582063, 1.24721912892465, 2.05480466765633];
    [1, -1, 1, -2, 3].forEach((x, i) => {
      std.update(i + 1, x);
      expect(std.current.value).toBeCloseTo(expected[i], 13);
    });
  });

  it("are ready exactly at period samples and named VAR(n) / STD(n)", () => {
    const std = new StandardDeviation(10);
    expect(std.name).toBe("STD(10)");
    expect(new Variance(10).name).toBe("VAR(10)");
    feedCloses(std, SPY_2013_CLOSES, (row) => expect(std.isReady).toBe(row >= 10));
  });

  it("stay accurate for large prices with a tiny spread, where E[x²]-E[x]² in doubles cancels to noise", () => {
    const std = new StandardDeviation(4);
    const base = 1e8;
    const offsets = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08];
    offsets.forEach((d, i) => std.update(i + 1, base + d));
    // the last four offsets 0.05..0.08 have population deviation √0.000125 ≈ 0.01118
    expect(std.current.value).toBeCloseTo(Math.sqrt(0.000125), 6);
  });

  it("does not drift over a long trending run at a high price level", () => {
    // level 1e7, a slow saw-tooth trend and noise: without periodic exact recomputation the
    // sliding update drifts to ~5e-6 relative error after 300,000 updates
    const variance = new Variance(50);
    const last: number[] = [];
    let x = 1;
    let worst = 0;
    for (let i = 0; i < 300_000; i++) {
      x = (x * 16807) % 2147483647;
      const v = 1e7 + ((i * 0.37) % 1000) + (x % 1000) / 1e4;
      variance.update(i, v);
      last.push(v);
      if (last.length > 50) last.shift();
      if (i >= 299_900) {
        const mean = last.reduce((a, b) => a + b, 0) / 50;
        const exact = last.reduce((a, b) => a + (b - mean) ** 2, 0) / 50;
        worst = Math.max(worst, Math.abs(variance.current.value - exact) / exact);
      }
    }
    expect(worst).toBeLessThan(5e-8);
  });

  it("stays exact at every step after an outlier leaves the window", () => {
    const variance = new Variance(10);
    const last: number[] = [];
    let x = 1;
    for (let i = 0; i < 3000; i++) {
      x = (x * 16807) % 2147483647;
      const v = i % 500 === 7 ? 1e8 : 1 + (x % 1000) / 1000;
      variance.update(i, v);
      last.push(v);
      if (last.length > 10) last.shift();
      const mean = last.reduce((a, b) => a + b, 0) / last.length;
      const exact = last.reduce((a, b) => a + (b - mean) ** 2, 0) / last.length;
      expect(Math.abs(variance.current.value - exact), `step ${i}`).toBeLessThanOrEqual(1e-9 * exact);
    }
  });

  it("resets", () => {
    const std = new StandardDeviation(2);
    std.update(1, 10);
    std.update(2, 20);
    std.reset();
    std.update(3, 1);
    expect(std.current.value).toBe(0);
    std.update(4, 3);
    expect(std.current.value).toBe(1);
  });
});
