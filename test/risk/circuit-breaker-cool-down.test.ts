// The optional cool-down: open → half-open after coolDownMinutes, half-open → closed after a
// clean period, on a fake clock.
import { describe, expect, it } from "vitest";
import { MINUTE, T0, makeBreaker } from "./helpers.ts";

describe("cool-down", () => {
  it("turns half-open exactly when the cool-down has passed, not a millisecond before", () => {
    const { breaker, clock, records } = makeBreaker({ coolDownMinutes: 30, halfOpenMinutes: 60 });
    breaker.trip("user rule");
    clock.advanceMs(30 * MINUTE - 1);
    expect(breaker.state).toBe("open");
    clock.advanceMs(1);
    expect(breaker.getStatus()).toMatchObject({
      state: "half_open",
      tripped: false,
      reason: "user rule",
      trippedAt: "2024-01-05T14:30:00.000Z",
      tripCount: 1,
    });
    expect(records.at(-1)).toMatchObject({
      type: "half_open",
      rule: null,
      reason: "Cool-down of 30 minutes passed",
      time: "2024-01-05T15:00:00.000Z",
      state: "half_open",
      previous_state: "open",
      sequence: 2,
    });
  });

  it("lets orders that add risk through while half-open", () => {
    const { breaker, clock } = makeBreaker({ coolDownMinutes: 30 });
    breaker.trip("user rule");
    clock.advanceMinutes(30);
    expect(breaker.checkOrder({ quantity: 100, currentHoldings: 0 })).toEqual({ allowed: true });
  });

  it("closes after a clean half-open period, timed from when it turned half-open", () => {
    const { breaker, clock, records } = makeBreaker({ coolDownMinutes: 30, halfOpenMinutes: 60 });
    breaker.trip("user rule");
    clock.advanceMinutes(30);
    expect(breaker.state).toBe("half_open");
    breaker.recordTradeResult(25); // a winning trade keeps the period clean
    clock.advanceMs(60 * MINUTE - 1);
    expect(breaker.state).toBe("half_open");
    clock.advanceMs(1);
    expect(breaker.getStatus()).toMatchObject({ state: "closed", tripped: false, reason: null, trippedAt: null, tripCount: 1 });
    expect(records.map((r) => [r.type, r.time])).toEqual([
      ["trip", "2024-01-05T14:30:00.000Z"],
      ["half_open", "2024-01-05T15:00:00.000Z"],
      ["close", "2024-01-05T16:00:00.000Z"],
    ]);
    expect(records.at(-1)).toMatchObject({ reason: "Clean half-open period of 60 minutes passed", previous_state: "half_open" });
  });

  it("uses the cool-down as the clean period when halfOpenMinutes is not set", () => {
    const { breaker, clock } = makeBreaker({ coolDownMinutes: 15 });
    breaker.trip("x");
    clock.advanceMinutes(15);
    expect(breaker.state).toBe("half_open");
    clock.advanceMinutes(14);
    expect(breaker.state).toBe("half_open");
    clock.advanceMinutes(1);
    expect(breaker.state).toBe("closed");
  });

  it("stamps each change with the time it fell due, even when nobody asks until much later", () => {
    const { breaker, clock, records } = makeBreaker({ coolDownMinutes: 30, halfOpenMinutes: 60 });
    breaker.trip("x");
    clock.advanceMinutes(24 * 60);
    expect(breaker.state).toBe("closed");
    expect(records.map((r) => [r.type, r.time])).toEqual([
      ["trip", "2024-01-05T14:30:00.000Z"],
      ["half_open", "2024-01-05T15:00:00.000Z"],
      ["close", "2024-01-05T16:00:00.000Z"],
    ]);
  });

  it("trips again on a losing trade while half-open, and the cool-down starts over", () => {
    const { breaker, clock, records } = makeBreaker({ coolDownMinutes: 30, halfOpenMinutes: 60 });
    breaker.trip("x");
    clock.advanceMinutes(40);
    breaker.recordTradeResult(-12.5);
    expect(breaker.getStatus()).toMatchObject({
      state: "open",
      reason: "Losing trade while half-open: -12.5",
      trippedAt: "2024-01-05T15:10:00.000Z",
      tripCount: 2,
      consecutiveLosses: 1,
    });
    expect(records.at(-1)).toMatchObject({ type: "trip", rule: "half_open_loss", previous_state: "half_open", trip_count: 2 });
    clock.advanceMinutes(29);
    expect(breaker.state).toBe("open");
    clock.advanceMinutes(1);
    expect(breaker.state).toBe("half_open");
  });

  it("re-arms the rules when it turns half-open, then trips on a fresh breach", () => {
    const { breaker, clock, records } = makeBreaker({ coolDownMinutes: 30, maxDailyLossPct: 3, maxDrawdownPct: 10 });
    breaker.startOfDay(100_000);
    breaker.updateEquity(95_000); // -5%: trips
    clock.advanceMinutes(30);
    breaker.updateEquity(95_000); // still -5% on the day, but measured afresh from 95,000
    expect(breaker.getStatus()).toMatchObject({ state: "half_open", dailyPnlPct: 0, drawdownPct: 0 });
    expect(records.find((r) => r.type === "half_open")).toMatchObject({ daily_pnl_pct: -5, drawdown_pct: 5 });
    breaker.updateEquity(92_150); // exactly 3% below 95,000
    expect(breaker.getStatus()).toMatchObject({
      state: "open",
      reason: "Max daily loss exceeded: -3.00% <= -3.00%",
      tripCount: 2,
    });
  });

  it("stays open without a cool-down until reset, however long it waits", () => {
    const { breaker, clock, records } = makeBreaker({ coolDownMinutes: null });
    breaker.trip("x");
    clock.advanceMinutes(365 * 24 * 60);
    expect(breaker.state).toBe("open");
    expect(records).toHaveLength(1);
  });

  it("never cools down out of a halt", () => {
    const { breaker, clock } = makeBreaker({ coolDownMinutes: 1 });
    breaker.halt("Storage full: 100%");
    clock.advanceMinutes(10_000);
    expect(breaker.state).toBe("halted");
    breaker.reset();
    expect(breaker.state).toBe("closed");
  });

  it("closes straight from half-open on a manual reset", () => {
    const { breaker, clock, records } = makeBreaker({ coolDownMinutes: 5 });
    breaker.trip("x");
    clock.advanceMinutes(6);
    breaker.reset("ok");
    expect(breaker.state).toBe("closed");
    expect(records.map((r) => `${r.previous_state}->${r.state}`)).toEqual(["closed->open", "open->half_open", "half_open->closed"]);
    expect(records.at(-1)?.type).toBe("reset");
    expect(clock.ms).toBe(T0 + 6 * MINUTE);
  });

  it("does not run a transition from inside a subscriber while an event is being delivered", () => {
    const { breaker, clock } = makeBreaker({ coolDownMinutes: 30 });
    const order: string[] = [];
    breaker.events$.subscribe((e) => {
      order.push(`${e.type}:${breaker.getStatus().state}`);
    });
    breaker.trip("x");
    clock.advanceMinutes(120);
    expect(breaker.state).toBe("closed");
    expect(order).toEqual(["trip:open", "half_open:half_open", "close:closed"]);
  });
});
