import { describe, expect, it } from "vitest";
import { BollingerBands, ExponentialMovingAverage, MovingAverageType, SimpleMovingAverage } from "../../../src/engine/indicators/index.ts";
import { BOLLINGER_20_2, BOLLINGER_CLOSES, feedCloses } from "./lean-test-data.ts";

describe("BollingerBands", () => {
  it("reproduces every band of LEAN's spy_bollinger_bands.txt (period 20, k 2)", () => {
    const bb = new BollingerBands(20, 2);
    const byRow = new Map(BOLLINGER_20_2.map((r) => [r.row, r]));
    let checked = 0;
    feedCloses(bb, BOLLINGER_CLOSES, (row) => {
      const e = byRow.get(row);
      if (!e) return;
      checked++;
      expect(bb.middleBand.current.value).toBeCloseTo(e.middle, 3);
      expect(bb.upperBand.current.value).toBeCloseTo(e.upper, 3);
      expect(bb.lowerBand.current.value).toBeCloseTo(e.lower, 3);
      expect(bb.bandWidth.current.value).toBeCloseTo(e.bandWidth, 3);
      expect(bb.percentB.current.value).toBeCloseTo(e.percentB, 3);
    });
    expect(checked).toBe(BOLLINGER_20_2.length);
  });

  it("defines the bands from the middle band and the population deviation", () => {
    const bb = new BollingerBands(3, 1.5);
    feedCloses(bb, [1, 2, 6]);
    const mean = 3;
    const sd = Math.sqrt(((1 - 3) ** 2 + (2 - 3) ** 2 + (6 - 3) ** 2) / 3);
    expect(bb.standardDeviation.current.value).toBeCloseTo(sd, 12);
    expect(bb.middleBand.current.value).toBeCloseTo(mean, 12);
    expect(bb.upperBand.current.value).toBeCloseTo(mean + 1.5 * sd, 12);
    expect(bb.lowerBand.current.value).toBeCloseTo(mean - 1.5 * sd, 12);
    expect(bb.bandWidth.current.value).toBeCloseTo((100 * 3 * sd) / mean, 12);
    expect(bb.percentB.current.value).toBeCloseTo((6 - (mean - 1.5 * sd)) / (3 * sd), 12);
    expect(bb.price.current.value).toBe(6);
    expect(bb.current.value).toBe(6);
  });

  it("is ready, with all its parts, after exactly period samples (LEAN's BB(2, 2) case)", () => {
    const bb = new BollingerBands(2, 2);
    expect(bb.warmUpPeriod).toBe(2);
    bb.update(1, 1);
    expect(bb.isReady).toBe(false);
    bb.update(2, 2);
    for (const part of [bb, bb.standardDeviation, bb.middleBand, bb.upperBand, bb.lowerBand, bb.bandWidth, bb.percentB]) {
      expect(part.isReady, part.name).toBe(true);
    }
  });

  it("updates the lower and upper bands once per input, from the first", () => {
    const bb = new BollingerBands(2, 2);
    let lower = 0;
    let upper = 0;
    bb.lowerBand.onUpdated(() => lower++);
    bb.upperBand.onUpdated(() => upper++);
    bb.update(1, 1);
    expect([lower, upper]).toEqual([1, 1]);
    bb.update(2, 3);
    expect([lower, upper]).toEqual([2, 2]);
    expect(bb.upperBand.samples).toBe(2);
    expect(bb.upperBand.current.time).toBe(2);
  });

  it("produces no new value (and %B keeps its last) when a ready band has zero deviation, as LEAN", () => {
    const bb = new BollingerBands(2, 2);
    bb.update(1, 1);
    bb.update(2, 3);
    const percentB = bb.percentB.current;
    const seen: number[] = [];
    bb.onUpdated((p) => seen.push(p.value));
    bb.update(3, 3); // window [3, 3]: deviation 0, %B would be 0/0
    expect(bb.samples).toBe(3);
    expect(seen).toEqual([]);
    expect(bb.current).toEqual({ time: 2, value: 3 });
    expect(bb.percentB.current).toBe(percentB);
    expect(bb.middleBand.current.value).toBe(3);
    expect(bb.bandWidth.current.value).toBe(0);
  });

  it("uses a simple middle band by default, or the type given, and LEAN's names", () => {
    const bb = new BollingerBands(20, 2);
    expect(bb.name).toBe("BB(20,2)");
    expect(bb.middleBand).toBeInstanceOf(SimpleMovingAverage);
    expect([bb.middleBand.name, bb.upperBand.name, bb.lowerBand.name, bb.standardDeviation.name, bb.bandWidth.name, bb.percentB.name]).toEqual([
      "BB(20,2)_MiddleBand",
      "BB(20,2)_UpperBand",
      "BB(20,2)_LowerBand",
      "BB(20,2)_StandardDeviation",
      "BB(20,2)_BandWidth",
      "BB(20,2)_%B",
    ]);
    expect(new BollingerBands(20, 2, MovingAverageType.Exponential).middleBand).toBeInstanceOf(ExponentialMovingAverage);
  });

  it("resets every part and then reproduces the same values", () => {
    const bb = new BollingerBands(20, 2);
    feedCloses(bb, BOLLINGER_CLOSES);
    bb.reset();
    for (const part of [bb, bb.standardDeviation, bb.middleBand, bb.upperBand, bb.lowerBand, bb.bandWidth, bb.percentB]) {
      expect(part.samples, part.name).toBe(0);
      expect(part.current.value, part.name).toBe(0);
      expect(part.isReady, part.name).toBe(false);
    }
    feedCloses(bb, BOLLINGER_CLOSES.slice(0, 20));
    expect(bb.lowerBand.current.value).toBeCloseTo(149.3608, 3);
  });
});
