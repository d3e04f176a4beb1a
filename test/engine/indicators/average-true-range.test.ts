import { describe, expect, it } from "vitest";
import { AverageTrueRange, MovingAverageType, TrueRange, type BarLike } from "../../../src/engine/indicators/index.ts";
import { ATR14_SIMPLE, ATR14_WILDER, ATR_BARS } from "./lean-test-data.ts";

const bar = (i: number, high: number, low: number, close: number): BarLike => ({
  time: i * 1000,
  endTime: (i + 1) * 1000,
  open: close,
  high,
  low,
  close,
  volume: 0,
});

describe("TrueRange", () => {
  it("is high-low on the first bar, then the widest of that and the gaps from the previous close", () => {
    const tr = new TrueRange();
    expect(tr.name).toBe("TR");
    tr.update(bar(0, 10, 9, 9.5));
    expect(tr.current.value).toBe(1);
    expect(tr.isReady).toBe(false);
    tr.update(bar(1, 12, 11, 11.5)); // gap up: |9.5 - 12| = 2.5
    expect(tr.current.value).toBe(2.5);
    expect(tr.isReady).toBe(true);
    tr.update(bar(2, 9, 8.5, 8.8)); // gap down: |11.5 - 8.5| = 3
    expect(tr.current.value).toBe(3);
    tr.update(bar(3, 10, 8, 9)); // inside: high-low = 2
    expect(tr.current.value).toBe(2);
    expect(tr.current.time).toBe(4000);
  });
});

describe("AverageTrueRange", () => {
  it("reproduces LEAN's ATR(14) (Wilder's, the default) on spy_atr_wilder.txt", () => {
    const atr = new AverageTrueRange(14);
    ATR_BARS.forEach((b, i) => {
      atr.update(b);
      const expected = ATR14_WILDER.find(([row]) => row === i + 1);
      if (expected) expect(atr.current.value).toBeCloseTo(expected[1], 5);
    });
  });

  it("reproduces LEAN's ATR(14, Simple) on spy_atr.txt", () => {
    const atr = new AverageTrueRange(14, MovingAverageType.Simple);
    ATR_BARS.forEach((b, i) => {
      atr.updateBar(b);
      const expected = ATR14_SIMPLE.find(([row]) => row === i + 1);
      if (expected) expect(atr.current.value).toBeCloseTo(expected[1], 5);
    });
  });

  it("averages every true range including the first bar's high-low, and is ready at period bars", () => {
    const atr = new AverageTrueRange(3, MovingAverageType.Simple);
    expect(atr.warmUpPeriod).toBe(3);
    expect(atr.update(bar(0, 10, 9, 9.5))).toBe(false);
    expect(atr.trueRange.current.value).toBe(1);
    expect(atr.update(bar(1, 12, 11, 11.5))).toBe(false);
    expect(atr.update(bar(2, 9, 8.5, 8.8))).toBe(true);
    expect(atr.current.value).toBeCloseTo((1 + 2.5 + 3) / 3, 12);
    expect(atr.trueRange.samples).toBe(3);
    expect(atr.smoother.samples).toBe(3);
  });

  it("is named ATR(period) with a true range and smoother named after it", () => {
    const atr = new AverageTrueRange(14);
    expect(atr.name).toBe("ATR(14)");
    expect(atr.trueRange.name).toBe("ATR(14)_TrueRange");
    expect(atr.smoother.name).toBe("ATR(14)_Wilders");
  });

  it("resets the true range and smoother", () => {
    const atr = new AverageTrueRange(14);
    ATR_BARS.forEach((b) => atr.update(b));
    atr.reset();
    for (const part of [atr, atr.trueRange, atr.smoother]) {
      expect(part.samples).toBe(0);
      expect(part.isReady).toBe(false);
      expect(part.current.value).toBe(0);
    }
    ATR_BARS.slice(0, 14).forEach((b) => atr.update(b));
    expect(atr.current.value).toBeCloseTo(1.15429, 5);
  });
});
