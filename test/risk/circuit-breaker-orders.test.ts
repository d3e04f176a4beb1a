// What a tripped, half-open or halted breaker lets through.
import { describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { CircuitBreakerUsageError } from "../../src/risk/index.ts";
import { makeBreaker } from "./helpers.ts";

const STORAGE_CRITICAL = "Storage critical: 90%+ full";
const STORAGE_FULL = "Storage full: 100%";

describe("checkOrder", () => {
  it("lets every order through while closed", () => {
    const { breaker } = makeBreaker();
    expect(breaker.checkOrder({ quantity: 100, currentHoldings: 0 })).toEqual({ allowed: true });
    expect(breaker.checkOrder({ quantity: -20, currentHoldings: 10 })).toEqual({ allowed: true });
  });

  it("refuses orders that add risk once tripped, saying why, and lets reducing and closing orders through", () => {
    const { breaker } = makeBreaker();
    expect(breaker.trip(STORAGE_CRITICAL)).toBe(true);
    const refusal =
      "Circuit breaker open (Storage critical: 90%+ full): orders that add risk are refused; " +
      "only orders that reduce or close positions go through until the circuit breaker is reset";
    expect(breaker.checkOrder({ quantity: 10, currentHoldings: 0 })).toEqual({ allowed: false, reason: refusal }); // open
    expect(breaker.checkOrder({ quantity: 5, currentHoldings: 10 })).toEqual({ allowed: false, reason: refusal }); // add to long
    expect(breaker.checkOrder({ quantity: -5, currentHoldings: -10 })).toEqual({ allowed: false, reason: refusal }); // add to short
    expect(breaker.checkOrder({ quantity: -4, currentHoldings: 10 })).toEqual({ allowed: true }); // reduce long
    expect(breaker.checkOrder({ quantity: -10, currentHoldings: 10 })).toEqual({ allowed: true }); // close long
    expect(breaker.checkOrder({ quantity: 10, currentHoldings: -10 })).toEqual({ allowed: true }); // cover short
    expect(breaker.checkOrder({ quantity: new Decimal(-2.5), currentHoldings: new Decimal(2.5) })).toEqual({ allowed: true });
  });

  it("counts a flip (long 10, sell 20) as adding risk", () => {
    const { breaker } = makeBreaker();
    breaker.trip("user rule");
    expect(breaker.checkOrder({ quantity: -20, currentHoldings: 10 }).allowed).toBe(false);
    expect(breaker.checkOrder({ quantity: 11, currentHoldings: -10 }).allowed).toBe(false);
  });

  it("refuses reducing orders too when allowReducingOrdersWhenTripped is off", () => {
    const { breaker } = makeBreaker({ allowReducingOrdersWhenTripped: false });
    breaker.trip(STORAGE_CRITICAL);
    expect(breaker.checkOrder({ quantity: -10, currentHoldings: 10 })).toEqual({
      allowed: false,
      reason: "Circuit breaker open (Storage critical: 90%+ full): no new orders go through until the circuit breaker is reset",
    });
  });

  it("names the end of the cool-down in a refusal when there is one", () => {
    const { breaker } = makeBreaker({ coolDownMinutes: 30 });
    breaker.trip("user rule");
    const check = breaker.checkOrder({ quantity: 1, currentHoldings: 0 });
    expect(check).toEqual({
      allowed: false,
      reason:
        "Circuit breaker open (user rule): orders that add risk are refused; only orders that reduce or close positions go " +
        "through until the cool-down ends at 2024-01-05T15:00:00.000Z or the circuit breaker is reset",
    });
  });

  it("refuses every new order while halted, reducing ones included, until reset", () => {
    const { breaker } = makeBreaker({ allowReducingOrdersWhenTripped: true });
    expect(breaker.halt(STORAGE_FULL)).toBe(true);
    const refusal = {
      allowed: false,
      reason: "Trading halted (Storage full: 100%): no new orders go through until a person resets the circuit breaker",
    };
    expect(breaker.checkOrder({ quantity: -10, currentHoldings: 10 })).toEqual(refusal);
    expect(breaker.checkOrder({ quantity: 0, currentHoldings: 10 })).toEqual(refusal);
    expect(breaker.checkOrder({ quantity: 10, currentHoldings: 0 })).toEqual(refusal);
    expect(breaker.isHalted).toBe(true);
    expect(breaker.reset("Storage cleaned up")).toBe(true);
    expect(breaker.checkOrder({ quantity: 10, currentHoldings: 0 })).toEqual({ allowed: true });
  });

  it("refuses orders whose quantities are not finite numbers", () => {
    const { breaker } = makeBreaker();
    expect(() => breaker.checkOrder({ quantity: Number.NaN, currentHoldings: 0 })).toThrow(CircuitBreakerUsageError);
  });
});

describe("trip, halt and reset", () => {
  it("keeps the first reason when tripped again, and says so by returning false", () => {
    const { breaker, records } = makeBreaker();
    expect(breaker.trip("first")).toBe(true);
    expect(breaker.trip(STORAGE_CRITICAL)).toBe(false);
    expect(breaker.getStatus()).toMatchObject({ reason: "first", tripCount: 1 });
    expect(records).toHaveLength(1);
  });

  it("escalates an open breaker to halted without counting a second trip", () => {
    const { breaker, clock } = makeBreaker();
    breaker.trip(STORAGE_CRITICAL);
    const trippedAt = breaker.getStatus().trippedAt;
    clock.advanceMinutes(5);
    expect(breaker.halt(STORAGE_FULL)).toBe(true);
    expect(breaker.halt(STORAGE_FULL)).toBe(false);
    expect(breaker.trip("again")).toBe(false);
    expect(breaker.getStatus()).toMatchObject({ state: "halted", tripped: true, reason: STORAGE_FULL, tripCount: 1, trippedAt });
  });

  it("counts a halt of a closed breaker as a trip", () => {
    const { breaker } = makeBreaker();
    breaker.halt(STORAGE_FULL);
    expect(breaker.getStatus()).toMatchObject({ state: "halted", tripCount: 1, trippedAt: "2024-01-05T14:30:00.000Z" });
  });

  it("does nothing when resetting a closed breaker, and returns false", () => {
    const { breaker, records } = makeBreaker();
    expect(breaker.reset()).toBe(false);
    expect(records).toEqual([]);
  });

  it("clears reason and trip time on reset but keeps the trip count", () => {
    const { breaker } = makeBreaker();
    breaker.trip("x");
    breaker.reset();
    expect(breaker.getStatus()).toEqual({
      state: "closed",
      tripped: false,
      reason: null,
      trippedAt: null,
      tripCount: 1,
      dailyPnlPct: 0,
      drawdownPct: 0,
      consecutiveLosses: 0,
    });
  });

  it("measures afresh after a reset, so a drawdown that is still deep does not trip it again at once", () => {
    const { breaker, records } = makeBreaker({ maxDailyLossPct: 3, maxDrawdownPct: 10, maxConsecutiveLosses: 3 });
    breaker.startOfDay(100_000);
    breaker.updateEquity(88_000); // -12%: trips on the daily loss
    breaker.recordTradeResult(-1);
    breaker.recordTradeResult(-1);
    breaker.reset();
    breaker.updateEquity(88_000);
    breaker.recordTradeResult(-1);
    breaker.recordTradeResult(-1);
    expect(breaker.isTripped).toBe(false);
    expect(breaker.getStatus()).toMatchObject({ dailyPnlPct: 0, drawdownPct: 0, consecutiveLosses: 2 });
    breaker.updateEquity(85_360); // exactly 3% below the 88,000 it was reset at
    expect(breaker.getStatus().reason).toBe("Max daily loss exceeded: -3.00% <= -3.00%");
    expect(records.map((r) => r.type)).toEqual(["trip", "reset", "trip"]);
  });

  it("refuses an empty reason", () => {
    const { breaker } = makeBreaker();
    expect(() => breaker.trip("")).toThrow(/trip\(reason\): the reason must be a non-empty string/);
    expect(() => breaker.halt("  ")).toThrow(CircuitBreakerUsageError);
    expect(() => breaker.reset("")).toThrow(CircuitBreakerUsageError);
    expect(breaker.state).toBe("closed");
  });
});
