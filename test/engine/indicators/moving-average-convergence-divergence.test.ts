import { describe, expect, it } from "vitest";
import { ExponentialMovingAverage, MovingAverageConvergenceDivergence, MovingAverageType, SimpleMovingAverage } from "../../../src/engine/indicators/index.ts";
import { INDICATORS_CLOSES, INDICATORS_MACD_12_26, feedCloses, valuesAtRows } from "./lean-test-data.ts";

/** The definition, written out independently: EMA seeded with the SMA of its first n inputs. */
function referenceEma(values: number[], n: number): Array<number | undefined> {
  const out: Array<number | undefined> = [];
  const k = 2 / (n + 1);
  let ema: number | undefined;
  values.forEach((v, i) => {
    if (i + 1 < n) out.push(undefined);
    else if (i + 1 === n) out.push((ema = values.slice(0, n).reduce((a, b) => a + b, 0) / n));
    else out.push((ema = v * k + (ema as number) * (1 - k)));
  });
  return out;
}

describe("MovingAverageConvergenceDivergence", () => {
  it("reproduces LEAN's MACD 12 26 column of spy_with_indicators.txt", () => {
    const macd = new MovingAverageConvergenceDivergence(12, 26, 9);
    const values = valuesAtRows(macd, INDICATORS_CLOSES, () => macd.current.value);
    for (const [row, expected] of INDICATORS_MACD_12_26) expect(values.get(row)).toBeCloseTo(expected, 3);
  });

  it("feeds the signal from the first sample where both averages are ready; histogram = macd - signal", () => {
    const macd = new MovingAverageConvergenceDivergence(12, 26, 9);
    const fast = referenceEma(INDICATORS_CLOSES, 12);
    const slow = referenceEma(INDICATORS_CLOSES, 26);
    const diffs = INDICATORS_CLOSES.map((_, i) => (slow[i] === undefined ? undefined : (fast[i] as number) - (slow[i] as number)));
    const signal = referenceEma(diffs.slice(25) as number[], 9);
    feedCloses(macd, INDICATORS_CLOSES, (row) => {
      const i = row - 1;
      expect(macd.fast.current.value).toBeCloseTo(fast[i] ?? 0, 8);
      expect(macd.slow.current.value).toBeCloseTo(slow[i] ?? 0, 8);
      expect(macd.signal.samples).toBe(Math.max(0, row - 25));
      if (row >= 34) {
        expect(macd.signal.current.value).toBeCloseTo(signal[i - 25] as number, 8);
        expect(macd.histogram.current.value).toBeCloseTo(macd.current.value - macd.signal.current.value, 10);
        expect(macd.histogram.current.time).toBe(macd.current.time);
      } else {
        expect(macd.histogram.samples).toBe(0);
      }
    });
  });

  it("is ready with its signal, after slow + signal - 1 samples", () => {
    const macd = new MovingAverageConvergenceDivergence(12, 26, 9);
    expect(macd.warmUpPeriod).toBe(34);
    feedCloses(macd, INDICATORS_CLOSES, (row) => {
      expect(macd.isReady).toBe(row >= 34);
      expect(macd.signal.isReady).toBe(row >= 34);
      expect(macd.histogram.isReady).toBe(row >= 34);
    });
  });

  it("uses exponential averages by default, or the type given, and names its parts", () => {
    const macd = new MovingAverageConvergenceDivergence(12, 26, 9);
    expect(macd.name).toBe("MACD(12,26,9)");
    expect(macd.fast).toBeInstanceOf(ExponentialMovingAverage);
    expect([macd.fast.name, macd.slow.name, macd.signal.name, macd.histogram.name]).toEqual([
      "MACD(12,26,9)_Fast",
      "MACD(12,26,9)_Slow",
      "MACD(12,26,9)_Signal",
      "MACD(12,26,9)_Histogram",
    ]);
    const simple = new MovingAverageConvergenceDivergence(2, 3, 2, MovingAverageType.Simple);
    expect(simple.signal).toBeInstanceOf(SimpleMovingAverage);
  });

  it("requires fast < slow", () => {
    expect(() => new MovingAverageConvergenceDivergence(3, 3, 2)).toThrow(/fastPeriod must be less than slowPeriod/);
    expect(() => new MovingAverageConvergenceDivergence(4, 3, 2)).toThrow(RangeError);
  });

  it("resets every part", () => {
    const macd = new MovingAverageConvergenceDivergence(12, 26, 9);
    feedCloses(macd, INDICATORS_CLOSES);
    macd.reset();
    for (const part of [macd, macd.fast, macd.slow, macd.signal, macd.histogram]) {
      expect(part.samples).toBe(0);
      expect(part.current.value).toBe(0);
      expect(part.isReady).toBe(false);
    }
    const values = valuesAtRows(macd, INDICATORS_CLOSES, () => macd.current.value);
    expect(values.get(40)).toBeCloseTo(128.1868, 3);
  });
});
