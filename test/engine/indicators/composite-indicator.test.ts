import { describe, expect, it } from "vitest";
import { ConstantIndicator, Identity, minus, over, plus, times } from "../../../src/engine/indicators/index.ts";

describe("CompositeIndicator", () => {
  it("updates once both sides have a new value, stamped with the latest time", () => {
    const a = new Identity("a");
    const b = new Identity("b");
    const sum = plus(a, b);
    expect(sum.name).toBe("COMPOSE(a,b)");
    a.update(1, 2);
    expect(sum.samples).toBe(0);
    a.update(2, 3);
    expect(sum.samples).toBe(0);
    b.update(3, 10);
    expect(sum.samples).toBe(1);
    expect(sum.current).toEqual({ time: 3, value: 13 });
    b.update(4, 20);
    expect(sum.samples).toBe(1); // waits for a again
  });

  it("updates on every value of one side when the other is a constant", () => {
    const a = new Identity("a");
    const doubled = times(a, 2, "x2");
    a.update(1, 4);
    expect(doubled.current.value).toBe(8);
    a.update(2, 5);
    expect(doubled.current.value).toBe(10);
    expect(doubled.samples).toBe(2);
  });

  it("is ready when both sides are", () => {
    const a = new Identity("a");
    const k = new ConstantIndicator("k", 3);
    expect(k.current.value).toBe(3);
    const diff = minus(a, k);
    expect(diff.isReady).toBe(false);
    a.update(1, 10);
    expect(diff.isReady).toBe(true);
    expect(diff.current.value).toBe(7);
  });

  it("produces no new value when dividing by zero (LEAN's MathError) but counts the sample", () => {
    const a = new Identity("a");
    const b = new Identity("b");
    const ratio = over(a, b);
    a.update(1, 6);
    b.update(1, 3);
    expect(ratio.current.value).toBe(2);
    a.update(2, 5);
    b.update(2, 0);
    expect(ratio.current).toEqual({ time: 1, value: 2 });
    expect(ratio.samples).toBe(2);
  });

  it("resets both sides, and a constant keeps its value through reset", () => {
    const a = new Identity("a");
    const k = new ConstantIndicator("k", 5);
    const p = plus(a, k);
    a.update(1, 1);
    p.reset();
    expect(a.samples).toBe(0);
    expect(p.samples).toBe(0);
    expect(k.current.value).toBe(5);
  });
});
