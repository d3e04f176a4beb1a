import { describe, expect, it } from "vitest";
import { OptionRight, OptionStyle, Symbol } from "../../../src/engine/securities/symbol.ts";
import { exerciseFills, isWinningTrade, isAutoExercised, exerciseQuantity } from "../../../src/engine/options/option-exercise.ts";
import { localWallTime, nextAssignmentCheck, optionAssignment, type AssignmentInput } from "../../../src/engine/options/option-assignment.ts";

const goog = Symbol.create("GOOG");
const call = Symbol.createOption(goog, 750, 20160115, OptionRight.Call);
const put = Symbol.createOption(goog, 750, 20160115, OptionRight.Put);

describe("exercise at expiry (DefaultExerciseModel)", () => {
  it("long ITM call: option out at 0, +100 shares per contract bought at the strike", () => {
    const fills = exerciseFills({ contract: call, holdingsQuantity: 2, underlyingClose: 760 });
    expect(fills.map((f) => [f.symbol.value, f.quantity, f.price, f.isAssignment, f.isInTheMoney, f.message])).toEqual([
      [call.value, -2, 0, false, true, "Automatic Exercise. Underlying: 760"],
      ["GOOG", 200, 750, false, true, "Option Exercise"],
    ]);
    expect(fills.every((f) => f.fee === 0)).toBe(true);
  });
  it("long ITM put: sells 100 shares per contract at the strike", () => {
    const fills = exerciseFills({ contract: put, holdingsQuantity: 1, underlyingClose: 740.5 });
    expect(fills.map((f) => [f.symbol.value, f.quantity, f.price])).toEqual([[put.value, -1, 0], ["GOOG", -100, 750]]);
  });
  it("short ITM call is assigned: option bought back at 0, shares sold at the strike", () => {
    const fills = exerciseFills({ contract: call, holdingsQuantity: -3, underlyingClose: 751 });
    expect(fills.map((f) => [f.symbol.value, f.quantity, f.price, f.isAssignment, f.message])).toEqual([
      [call.value, 3, 0, true, "Assigned. Underlying: 751"],
      ["GOOG", -300, 750, false, "Option Assignment"],
    ]);
  });
  it("short ITM put is assigned: shares bought at the strike", () => {
    const fills = exerciseFills({ contract: put, holdingsQuantity: -1, underlyingClose: 700 });
    expect(fills.map((f) => [f.symbol.value, f.quantity, f.price, f.isAssignment])).toEqual([[put.value, 1, 0, true], ["GOOG", 100, 750, false]]);
  });
  it("OTM long and short expire worthless: only the option leaves at 0, no assignment", () => {
    for (const [contract, q, s] of [[call, 1, 749], [call, -1, 700], [put, 1, 751], [put, -2, 800]] as const) {
      const fills = exerciseFills({ contract, holdingsQuantity: q, underlyingClose: s });
      expect(fills.length).toBe(1);
      expect([fills[0].quantity, fills[0].price, fills[0].isInTheMoney, fills[0].isAssignment]).toEqual([-q, 0, false, false]);
      expect(fills[0].message.startsWith("OTM. Underlying: ")).toBe(true);
    }
  });
  it("needs intrinsic value of at least 0.01 to be in the money", () => {
    expect(isAutoExercised(OptionRight.Call, 750, 750.01)).toBe(true);
    expect(isAutoExercised(OptionRight.Call, 750, 750.009)).toBe(false);
    expect(isAutoExercised(OptionRight.Put, 750, 749.99)).toBe(true);
    expect(exerciseFills({ contract: call, holdingsQuantity: 1, underlyingClose: 750.005 }).length).toBe(1);
  });
  it("cash settlement delivers no shares", () => {
    expect(exerciseFills({ contract: call, holdingsQuantity: 1, underlyingClose: 800, settlement: "cash" }).length).toBe(1);
  });
  it("GetExerciseQuantity signs: long call +, long put −, short call −, short put +", () => {
    expect([exerciseQuantity(OptionRight.Call, -1), exerciseQuantity(OptionRight.Put, -1), exerciseQuantity(OptionRight.Call, 1), exerciseQuantity(OptionRight.Put, 1)]).toEqual([100, -100, -100, 100]);
  });
});

describe("IsWin for exercise fills", () => {
  const common = { right: OptionRight.Call, strike: 750, underlyingPrice: 760, contractMultiplier: 100 };
  it("ordinary closes win when P&L > 0", () => {
    expect(isWinningTrade({ profitLoss: 1, isExercise: false, fillQuantity: -1, isInTheMoney: false })).toBe(true);
    expect(isWinningTrade({ profitLoss: 0, isExercise: false, fillQuantity: -1, isInTheMoney: false })).toBe(false);
  });
  it("a long exercised ITM (sell fill) wins only when the premium lost is below the ITM amount ($1000)", () => {
    expect(isWinningTrade({ ...common, profitLoss: -999, isExercise: true, fillQuantity: -1, isInTheMoney: true })).toBe(true);
    expect(isWinningTrade({ ...common, profitLoss: -1001, isExercise: true, fillQuantity: -1, isInTheMoney: true })).toBe(false);
    expect(isWinningTrade({ ...common, profitLoss: -5, isExercise: true, fillQuantity: -1, isInTheMoney: false })).toBe(false);
  });
  it("a short assigned (buy fill) wins when OTM or when the premium kept exceeds the ITM amount", () => {
    expect(isWinningTrade({ ...common, profitLoss: 500, isExercise: true, fillQuantity: 1, isInTheMoney: false })).toBe(true);
    expect(isWinningTrade({ ...common, profitLoss: 1001, isExercise: true, fillQuantity: 1, isInTheMoney: true })).toBe(true);
    expect(isWinningTrade({ ...common, profitLoss: 999, isExercise: true, fillQuantity: 1, isInTheMoney: true })).toBe(false);
  });
});

describe("early assignment (DefaultOptionAssignmentModel)", () => {
  // short 1 call K=100 expiring 2016-01-15, sold at 2.00
  const xyz = Symbol.create("XYZ");
  const shortCall = Symbol.createOption(xyz, 100, 20160115, OptionRight.Call);
  const shortPut = Symbol.createOption(xyz, 100, 20160115, OptionRight.Put);
  const base: AssignmentInput = {
    contract: shortCall, holdingsQuantity: -1, averagePrice: 2, localTimeMs: localWallTime(20160111, 10 * 3_600_000),
    underlyingClose: 110, underlyingBid: 109.9, underlyingAsk: 110.1, optionBid: 9.8, optionCloseFee: 1, underlyingCloseFee: 1,
  };

  it("assigns a short American call more than 5 % ITM within 4 days of expiry when exercising pays", () => {
    const r = optionAssignment(base);
    expect(r.quantity).toBe(1);
    expect(r.tag).toBe("Simulated option assignment before expiration");
    // LEAN's arithmetic: alt = (109.9 − 100) × 100 × 100 − 1 − 2 × 100 = 98799; base = (9.8 − 2) × 1 × 100 − 1 = 779
    expect(r.arbitragePnL).toBeCloseTo(98_799 - 779, 6);
  });
  it("is 4 days inclusive: 2016-01-11 00:00 qualifies, 2016-01-10 23:59 does not", () => {
    expect(optionAssignment({ ...base, localTimeMs: localWallTime(20160111, 0) }).quantity).toBe(1);
    expect(optionAssignment({ ...base, localTimeMs: localWallTime(20160110, 23 * 3_600_000 + 59 * 60_000) }).reason).toBe("not near expiry");
  });
  it("needs strictly more than 5 % in the money against the close", () => {
    expect(optionAssignment({ ...base, underlyingClose: 105.3, underlyingBid: 105.2 }).quantity).toBe(1); // (105.3 − 100) / 105.3 = 5.03 %
    expect(optionAssignment({ ...base, underlyingClose: 105.2, underlyingBid: 105.2 }).reason).toBe("not deep in the money"); // 4.94 %
    expect(optionAssignment({ ...base, contract: shortPut, underlyingClose: 95.2, underlyingAsk: 95.2 }).quantity).toBe(1); // (100 − 95.2) / 95.2 = 5.04 %
    expect(optionAssignment({ ...base, contract: shortPut, underlyingClose: 95.3, underlyingAsk: 95.3 }).reason).toBe("not deep in the money"); // 4.93 %
  });
  it("does not assign when the counterparty gains nothing by exercising", () => {
    // the call's underlying bid below the strike: exercising and selling loses
    const r = optionAssignment({ ...base, underlyingBid: 99 });
    expect(r.reason).toBe("no arbitrage");
    expect(r.quantity).toBe(0);
  });
  it("ignores long positions, and European contracts before their expiry date", () => {
    expect(optionAssignment({ ...base, holdingsQuantity: 1 }).reason).toBe("not short");
    // (symbols are interned by their OSI value, so the European contract needs its own strike here)
    const european = Symbol.createOption(Symbol.create("XYZE"), 100, 20160115, OptionRight.Call, OptionStyle.European);
    expect(optionAssignment({ ...base, contract: european }).reason).toBe("not near expiry");
    expect(optionAssignment({ ...base, contract: european, localTimeMs: localWallTime(20160115, 10 * 3_600_000) }).quantity).toBe(1);
  });
  it("is checked at the first scan at or after each whole hour", () => {
    const t = Date.UTC(2016, 0, 11, 15, 31);
    expect(new Date(nextAssignmentCheck(t)).toISOString()).toBe("2016-01-11T16:00:00.000Z");
    expect(new Date(nextAssignmentCheck(Date.UTC(2016, 0, 11, 16))).toISOString()).toBe("2016-01-11T17:00:00.000Z");
  });
});
