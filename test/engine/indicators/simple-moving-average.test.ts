import { describe, expect, it } from "vitest";
import { SimpleMovingAverage } from "../../../src/engine/indicators/index.ts";
import { INDICATORS_CLOSES, INDICATORS_SMA14, valuesAtRows } from "./lean-test-data.ts";

describe("SimpleMovingAverage", () => {
  it("reproduces LEAN's SMA14 on spy_with_indicators.txt", () => {
    const sma = new SimpleMovingAverage(14);
    const values = valuesAtRows(sma, INDICATORS_CLOSES, () => sma.current.value);
    for (const [row, expected] of INDICATORS_SMA14) expect(values.get(row)).toBeCloseTo(expected, 2);
  });

  it("averages the values seen so far before it is ready, as LEAN's", () => {
    const sma = new SimpleMovingAverage(4);
    sma.update(1, 2);
    expect(sma.current.value).toBe(2);
    sma.update(2, 4);
    expect(sma.current.value).toBe(3);
    sma.update(3, 9);
    expect(sma.current.value).toBe(5);
  });

  it("is ready after exactly period samples and averages only the last period", () => {
    const sma = new SimpleMovingAverage(3);
    expect(sma.warmUpPeriod).toBe(3);
    expect(sma.update(1, 1)).toBe(false);
    expect(sma.update(2, 2)).toBe(false);
    expect(sma.update(3, 3)).toBe(true);
    expect(sma.current.value).toBe(2);
    sma.update(4, 10);
    expect(sma.current.value).toBe(5);
  });

  it("is named SMA(period) unless told otherwise", () => {
    expect(new SimpleMovingAverage(14).name).toBe("SMA(14)");
    expect(new SimpleMovingAverage(14, "mine").name).toBe("mine");
    expect(new SimpleMovingAverage(14, { name: "other" }).name).toBe("other");
  });

  it("rejects a period below 1", () => {
    expect(() => new SimpleMovingAverage(0)).toThrow(/period must be an integer >= 1, got 0/);
  });

  it("resets and then computes as new", () => {
    const sma = new SimpleMovingAverage(2);
    sma.update(1, 100);
    sma.update(2, 200);
    sma.reset();
    expect(sma.isReady).toBe(false);
    expect(sma.samples).toBe(0);
    expect(sma.current.value).toBe(0);
    sma.update(3, 1);
    sma.update(4, 3);
    expect(sma.current.value).toBe(2);
  });

  it("does not drift after rare huge values leave the window (compensated running sum)", () => {
    // every 1000th input is ~1e6 times the others: a plain running sum keeps ~1e-6 relative error
    // after a spike leaves the window; the compensated sum stays at rounding level
    const sma = new SimpleMovingAverage(20);
    const last: number[] = [];
    let x = 0.1;
    for (let i = 0; i < 200_000; i++) {
      x = (x * 9301 + 49297) % 233280;
      const v = i % 1000 === 0 ? x * 1e6 : x / 7e3;
      sma.update(i, v);
      last.push(v);
      if (last.length > 20) last.shift();
    }
    const exact = last.reduce((a, b) => a + b, 0) / 20;
    expect(Math.abs(sma.current.value - exact) / exact).toBeLessThan(1e-12);
  });
});
