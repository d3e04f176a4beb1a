import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { CircuitBreakerUsageError, isRiskAddingOrder, orderRiskEffect, type OrderRiskEffect } from "../../src/risk/index.ts";

describe("orderRiskEffect", () => {
  it.each([
    [10, 0, "adds-risk", "opens a long position"],
    [-10, 0, "adds-risk", "opens a short position"],
    [5, 10, "adds-risk", "adds to a long"],
    [-5, -10, "adds-risk", "adds to a short"],
    [-4, 10, "reduces", "sells part of a long"],
    [-10, 10, "reduces", "closes a long exactly"],
    [-20, 10, "adds-risk", "flips long 10 to short 10"],
    [4, -10, "reduces", "covers part of a short"],
    [10, -10, "reduces", "closes a short exactly"],
    [11, -10, "adds-risk", "flips short 10 to long 1"],
    [0, 10, "none", "changes nothing"],
  ] as [number, number, OrderRiskEffect, string][])("quantity %d against holdings %d: %s (%s)", (quantity, holdings, effect) => {
    expect(orderRiskEffect(quantity, holdings)).toBe(effect);
  });

  it("takes decimal quantities and compares them exactly", () => {
    expect(orderRiskEffect(new Decimal("-10.000000000000000001"), new Decimal(10))).toBe("adds-risk");
    expect(orderRiskEffect(new Decimal("-10"), new Decimal("10.000000000000000001"))).toBe("reduces");
    expect(isRiskAddingOrder(new Decimal(0.5), 0)).toBe(true);
  });

  it("refuses quantities that are not finite numbers", () => {
    expect(() => orderRiskEffect(Number.NaN, 10)).toThrow(CircuitBreakerUsageError);
    expect(() => orderRiskEffect(1, Number.POSITIVE_INFINITY)).toThrow(/current holdings must be a finite number/);
    expect(() => orderRiskEffect(new Decimal(Number.NaN), 1)).toThrow(/order quantity must be a finite number/);
  });

  it("calls an order risk-adding exactly when it does not move the position toward zero without crossing it", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (quantity, holdings) => {
        const after = holdings + quantity;
        const reducing = Math.abs(after) < Math.abs(holdings) && after * holdings >= 0;
        expect(isRiskAddingOrder(quantity, holdings)).toBe(quantity !== 0 && !reducing);
      }),
      { numRuns: 500 },
    );
  });
});
