import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { OptionRight } from "../../../src/engine/securities/symbol.ts";
import {
  optionInitialMargin, optionMaintenanceMargin, optionMarginRequirement, optionOrderMargin, recognizeVerticalSpread, verticalSpreadMargin,
} from "../../../src/engine/options/option-margin.ts";

const C = OptionRight.Call;
const P = OptionRight.Put;

describe("single-leg option margin (OptionMarginModel)", () => {
  it("short OTM call: 250 premium + 100 × max(10 % × 100, 20 % × 100 − 5) = 1750", () => {
    expect(optionMarginRequirement({ price: 2.5, strike: 105, underlyingPrice: 100, quantity: -1, right: C })).toBeCloseTo(1750, 9);
  });
  it("short OTM puts: 600 + 2 × 100 × max(9.5, 15) = 3600", () => {
    expect(optionMarginRequirement({ price: 3, strike: 95, underlyingPrice: 100, quantity: -2, right: P })).toBeCloseTo(3600, 9);
  });
  it("deep OTM short put falls back to 10 % of the strike: 10 + 100 × 6 = 610", () => {
    expect(optionMarginRequirement({ price: 0.1, strike: 60, underlyingPrice: 100, quantity: -1, right: P })).toBeCloseTo(610, 9);
  });
  it("ITM short call: 1100 + 100 × 20 = 3100; index options use 15 %: OTM call 250 + 100 × 10 = 1250", () => {
    expect(optionMarginRequirement({ price: 11, strike: 90, underlyingPrice: 100, quantity: -1, right: C })).toBeCloseTo(3100, 9);
    expect(optionMarginRequirement({ price: 2.5, strike: 105, underlyingPrice: 100, quantity: -1, right: C, isIndexOption: true })).toBeCloseTo(1250, 9);
  });
  it("longs: an order needs the premium; holdings need no initial or maintenance margin", () => {
    const long = { price: 2.5, strike: 105, underlyingPrice: 100, quantity: 3, right: C };
    expect(optionOrderMargin(long)).toBeCloseTo(750, 9);
    expect(optionInitialMargin(long)).toBe(0);
    expect(optionMaintenanceMargin({ ...long, averagePrice: 2 })).toBe(0);
  });
  it("maintenance of a short uses the holdings' average price: 200 + 1500 = 1700", () => {
    expect(optionMaintenanceMargin({ price: 2.5, averagePrice: 2, strike: 105, underlyingPrice: 100, quantity: -1, right: C })).toBeCloseTo(1700, 9);
    expect(optionInitialMargin({ price: 2.5, strike: 105, underlyingPrice: 100, quantity: -1, right: C })).toBeCloseTo(1750, 9);
  });
  it("is 0 when the option price, strike or underlying price is 0 (LEAN's guard)", () => {
    expect(optionMarginRequirement({ price: 0, strike: 105, underlyingPrice: 100, quantity: -1, right: C })).toBe(0);
    expect(optionMarginRequirement({ price: 1, strike: 105, underlyingPrice: 0, quantity: -1, right: C })).toBe(0);
  });
  it("equals LEAN's ratio form value × requirement for any short equity option", () => {
    // OptionMarginModel.GetMarginRequirement as written (multiplier ratio 1/100, unit of trade 100)
    const leanForm = (price: number, strike: number, s: number, q: number, right: OptionRight) => {
      const value = -Math.abs(price * 100 * q);
      const absValue = -value;
      const ratio = (x: number) => (1 / 100) * 100 * (x / (absValue / 100));
      const otm = Math.max(right === C ? strike - s : s - strike, 0);
      const naked = 0.1 * (right === C ? ratio(s) : ratio(strike));
      const requirement = 1 + Math.abs(q) * Math.max(naked, 0.2 * ratio(s) - ratio(otm));
      return absValue * requirement;
    };
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 50, noNaN: true }), fc.double({ min: 10, max: 300, noNaN: true }), fc.double({ min: 10, max: 300, noNaN: true }),
        fc.integer({ min: 1, max: 20 }), fc.boolean(),
        (price, strike, s, n, isCall) => {
          const right = isCall ? C : P;
          const ours = optionMarginRequirement({ price, strike, underlyingPrice: s, quantity: -n, right });
          expect(ours).toBeCloseTo(leanForm(price, strike, s, -n, right), 6);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("vertical spreads (OptionStrategyPositionGroupBuyingPowerModel)", () => {
  const leg = (right: OptionRight, strike: number, quantity: number, expiry = 20160115) => ({ right, strike, quantity, expiry });
  it("bear call spread: (long 110 − short 100) × 100 × 2 = 2000; bull call spread: 0", () => {
    const bear = recognizeVerticalSpread(leg(C, 110, 2), leg(C, 100, -2))!;
    expect(bear.name).toBe("BearCallSpread");
    expect(verticalSpreadMargin(bear)).toBe(2000);
    const bull = recognizeVerticalSpread(leg(C, 100, 1), leg(C, 110, -1))!;
    expect(bull.name).toBe("BullCallSpread");
    expect(verticalSpreadMargin(bull)).toBe(0);
  });
  it("bull put spread: (short 100 − long 90) × 100 = 1000; bear put spread: 0", () => {
    const bullPut = recognizeVerticalSpread(leg(P, 100, -1), leg(P, 90, 1))!;
    expect(bullPut.name).toBe("BullPutSpread");
    expect(verticalSpreadMargin(bullPut)).toBe(1000);
    const bearPut = recognizeVerticalSpread(leg(P, 100, 3), leg(P, 90, -3))!;
    expect(bearPut.name).toBe("BearPutSpread");
    expect(verticalSpreadMargin(bearPut)).toBe(0);
  });
  it("is not a vertical with different expiries, rights, sizes or the same strike", () => {
    expect(recognizeVerticalSpread(leg(C, 110, 1), leg(C, 100, -1, 20160219))).toBeNull();
    expect(recognizeVerticalSpread(leg(C, 110, 1), leg(P, 100, -1))).toBeNull();
    expect(recognizeVerticalSpread(leg(C, 110, 2), leg(C, 100, -1))).toBeNull();
    expect(recognizeVerticalSpread(leg(C, 100, 1), leg(C, 100, -1))).toBeNull();
  });
});
