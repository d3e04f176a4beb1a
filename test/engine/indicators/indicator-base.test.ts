import { describe, expect, it } from "vitest";
import { Identity, SimpleMovingAverage, type BarLike } from "../../../src/engine/indicators/index.ts";

const bar = (endTime: number, close: number, high = close + 1): BarLike => ({
  time: endTime - 60_000,
  endTime,
  open: close,
  high,
  low: close - 1,
  close,
  volume: 100,
});

describe("IndicatorBase bookkeeping", () => {
  it("starts at value 0 with no samples, as LEAN's Current", () => {
    const sma = new SimpleMovingAverage(3);
    expect(sma.current.value).toBe(0);
    expect(sma.samples).toBe(0);
    expect(sma.isReady).toBe(false);
  });

  it("stamps values with the input time and accepts a data point or (time, value)", () => {
    const id = new Identity();
    id.update(1000, 5);
    expect(id.current).toEqual({ time: 1000, value: 5 });
    id.update({ time: 2000, value: 6 });
    expect(id.current).toEqual({ time: 2000, value: 6 });
    expect(id.samples).toBe(2);
  });

  it("takes a bar's close at its end time in updateBar, or what the selector picks", () => {
    const byClose = new Identity("close");
    byClose.updateBar(bar(60_000, 10));
    expect(byClose.current).toEqual({ time: 60_000, value: 10 });
    const byHigh = new Identity({ name: "high", selector: (b) => b.high });
    byHigh.updateBar(bar(60_000, 10, 12));
    expect(byHigh.current.value).toBe(12);
  });

  it("ignores an input older than the previous one (forward-only), warning once", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    try {
      const sma = new SimpleMovingAverage(2);
      sma.update(2000, 10);
      sma.update(1000, 99);
      sma.update(500, 98);
      expect(sma.samples).toBe(1);
      expect(sma.current).toEqual({ time: 2000, value: 10 });
      sma.update(2000, 20); // the same time is accepted
      expect(sma.samples).toBe(2);
      expect(sma.current.value).toBe(15);
      // process warnings are delivered on a later tick
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/SMA\(2\): this is a forward-only indicator/);
  });

  it("notifies listeners after each new value and stops after unsubscribe", () => {
    const id = new Identity("x");
    const seen: number[] = [];
    const off = id.onUpdated((point, indicator) => {
      expect(indicator).toBe(id);
      expect(id.current).toBe(point);
      seen.push(point.value);
    });
    id.update(1, 1);
    id.update(2, 2);
    off();
    id.update(3, 3);
    expect(seen).toEqual([1, 2]);
  });

  it("returns isReady from update", () => {
    const sma = new SimpleMovingAverage(2);
    expect(sma.update(1, 1)).toBe(false);
    expect(sma.update(2, 1)).toBe(true);
  });

  it("rejects update(time) without a value", () => {
    const id = new Identity();
    expect(() => (id.update as unknown as (this: Identity, t: number) => boolean).call(id, 1)).toThrow(/value is missing/);
  });

  it("resets to the initial state and keeps its listeners", () => {
    const id = new Identity();
    const seen: number[] = [];
    id.onUpdated((p) => seen.push(p.value));
    id.update(5000, 5);
    id.reset();
    expect(id.samples).toBe(0);
    expect(id.isReady).toBe(false);
    expect(id.current.value).toBe(0);
    // the forward-only clock is reset too: an earlier time is accepted again
    id.update(1000, 1);
    expect(id.current).toEqual({ time: 1000, value: 1 });
    expect(seen).toEqual([5, 1]);
  });
});
