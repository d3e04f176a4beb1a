import { describe, expect, it } from "vitest";
import { MovingAverageType, RelativeStrengthIndex, WilderMovingAverage } from "../../../src/engine/indicators/index.ts";
import { INDICATORS_CLOSES, INDICATORS_RSI14_SIMPLE, INDICATORS_RSI14_WILDER, feedCloses, valuesAtRows } from "./lean-test-data.ts";

describe("RelativeStrengthIndex", () => {
  it("reproduces LEAN's RSI(14) (Wilder's, the default) on spy_with_indicators.txt", () => {
    const rsi = new RelativeStrengthIndex(14);
    expect(rsi.movingAverageType).toBe(MovingAverageType.Wilders);
    expect(rsi.averageGain).toBeInstanceOf(WilderMovingAverage);
    const values = valuesAtRows(rsi, INDICATORS_CLOSES, () => rsi.current.value);
    for (const [row, expected] of INDICATORS_RSI14_WILDER) expect(values.get(row)).toBeCloseTo(expected, 4);
  });

  it("reproduces the file's simple-average RSI 14 column with MovingAverageType.Simple", () => {
    const rsi = new RelativeStrengthIndex(14, MovingAverageType.Simple);
    const values = valuesAtRows(rsi, INDICATORS_CLOSES, () => rsi.current.value);
    for (const [row, expected] of INDICATORS_RSI14_SIMPLE) expect(values.get(row)).toBeCloseTo(expected, 3);
  });

  it("is ready after period + 1 samples (the first sample only sets the previous close)", () => {
    const rsi = new RelativeStrengthIndex(14);
    expect(rsi.warmUpPeriod).toBe(15);
    feedCloses(rsi, INDICATORS_CLOSES.slice(0, 20), (row) => expect(rsi.isReady).toBe(row >= 15));
  });

  it("is 100 on the first sample and when there are no losses, as LEAN's", () => {
    const rsi = new RelativeStrengthIndex(3);
    rsi.update(1, 10);
    expect(rsi.current.value).toBe(100);
    rsi.update(2, 11);
    rsi.update(3, 12);
    rsi.update(4, 12);
    expect(rsi.current.value).toBe(100);
  });

  it("counts an unchanged close as a zero gain and a zero loss", () => {
    const rsi = new RelativeStrengthIndex(2, MovingAverageType.Simple);
    for (const [t, v] of [[1, 10], [2, 8], [3, 8]] as const) rsi.update(t, v);
    // gains [0, 0], losses [2, 0] → average gain 0, average loss 1 → RSI 0
    expect(rsi.averageGain.current.value).toBe(0);
    expect(rsi.averageLoss.current.value).toBe(1);
    expect(rsi.current.value).toBe(0);
  });

  it("names its parts after itself and resets them", () => {
    const rsi = new RelativeStrengthIndex(14);
    expect(rsi.name).toBe("RSI(14)");
    expect(rsi.averageGain.name).toBe("RSI(14)Up");
    expect(rsi.averageLoss.name).toBe("RSI(14)Down");
    feedCloses(rsi, INDICATORS_CLOSES);
    rsi.reset();
    expect(rsi.samples).toBe(0);
    expect(rsi.averageGain.samples).toBe(0);
    expect(rsi.averageLoss.samples).toBe(0);
    expect(rsi.current.value).toBe(0);
    const values = valuesAtRows(rsi, INDICATORS_CLOSES, () => rsi.current.value);
    expect(values.get(15)).toBeCloseTo(88.04238, 4);
  });
});
