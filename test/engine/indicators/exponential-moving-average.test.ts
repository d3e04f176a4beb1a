import { describe, expect, it } from "vitest";
import { ExponentialMovingAverage } from "../../../src/engine/indicators/index.ts";
import { INDICATORS_CLOSES, INDICATORS_EMA14, valuesAtRows } from "./lean-test-data.ts";

describe("ExponentialMovingAverage", () => {
  it("reproduces LEAN's EMA14 on spy_with_indicators.txt", () => {
    const ema = new ExponentialMovingAverage(14);
    const values = valuesAtRows(ema, INDICATORS_CLOSES, () => ema.current.value);
    for (const [row, expected] of INDICATORS_EMA14) expect(values.get(row)).toBeCloseTo(expected, 2);
  });

  it("is 0 until period samples, then the SMA of the first period, then smooths with 2/(n+1)", () => {
    const ema = new ExponentialMovingAverage(3);
    expect(ema.smoothingFactor).toBeCloseTo(0.5, 15);
    expect(ema.update(1, 1)).toBe(false);
    expect(ema.current.value).toBe(0);
    expect(ema.update(2, 2)).toBe(false);
    expect(ema.current.value).toBe(0);
    expect(ema.update(3, 6)).toBe(true);
    expect(ema.current.value).toBe(3);
    ema.update(4, 7);
    expect(ema.current.value).toBe(5); // 7·0.5 + 3·0.5
    ema.update(5, 1);
    expect(ema.current.value).toBe(3);
  });

  it("takes a custom smoothing factor and names itself EMA(period,factor)", () => {
    const ema = new ExponentialMovingAverage(2, { smoothingFactor: 0.1 });
    expect(ema.name).toBe("EMA(2,0.1)");
    ema.update(1, 10);
    ema.update(2, 20);
    ema.update(3, 30);
    expect(ema.current.value).toBeCloseTo(30 * 0.1 + 15 * 0.9, 12);
    expect(new ExponentialMovingAverage(14).name).toBe("EMA(14)");
  });

  it("resets, including its warm-up sum", () => {
    const ema = new ExponentialMovingAverage(2);
    ema.update(1, 100);
    ema.update(2, 100);
    ema.reset();
    ema.update(3, 1);
    ema.update(4, 3);
    expect(ema.current.value).toBe(2);
    expect(ema.samples).toBe(2);
  });
});
