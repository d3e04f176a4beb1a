import { describe, expect, it } from "vitest";
import { RollingWindow } from "../../../src/engine/indicators/index.ts";

describe("RollingWindow", () => {
  it("indexes newest first and drops the oldest once full", () => {
    const w = new RollingWindow<number>(3);
    w.add(1);
    w.add(2);
    expect(w.count).toBe(2);
    expect(w.isReady).toBe(false);
    expect(w.get(0)).toBe(2);
    expect(w.get(1)).toBe(1);
    w.add(3);
    expect(w.isReady).toBe(true);
    w.add(4);
    w.add(5);
    expect(w.size).toBe(3);
    expect(w.count).toBe(3);
    expect(w.samples).toBe(5);
    expect([w.get(0), w.get(1), w.get(2)]).toEqual([5, 4, 3]);
    expect(w.newest).toBe(5);
    expect(w.oldest).toBe(3);
    expect(w.mostRecentlyRemoved).toBe(2);
  });

  it("iterates newest first", () => {
    const w = new RollingWindow<string>(4);
    for (const s of ["a", "b", "c", "d", "e", "f"]) w.add(s);
    expect([...w]).toEqual(["f", "e", "d", "c"]);
    expect(w.toArray()).toEqual(["f", "e", "d", "c"]);
  });

  it("counts negative indexes from the oldest, as LEAN does", () => {
    const w = new RollingWindow<number>(3);
    for (const v of [10, 20, 30, 40]) w.add(v);
    expect(w.get(-1)).toBe(20);
    expect(w.get(-3)).toBe(40);
  });

  it("throws on an index outside the items it holds", () => {
    const w = new RollingWindow<number>(3);
    w.add(1);
    expect(() => w.get(1)).toThrow(/index out of range, the window holds 1 of 3 items/);
    expect(() => w.get(-2)).toThrow(RangeError);
  });

  it("throws for mostRecentlyRemoved before anything fell off", () => {
    const w = new RollingWindow<number>(2);
    w.add(1);
    w.add(2);
    expect(() => w.mostRecentlyRemoved).toThrow(/no items have been removed yet/);
  });

  it("rejects a size below 1", () => {
    expect(() => new RollingWindow<number>(0)).toThrow(/positive integer, got 0/);
  });

  it("resets to empty", () => {
    const w = new RollingWindow<number>(2);
    for (const v of [1, 2, 3]) w.add(v);
    w.reset();
    expect(w.count).toBe(0);
    expect(w.samples).toBe(0);
    expect(w.isReady).toBe(false);
    w.add(7);
    expect(w.toArray()).toEqual([7]);
  });
});
