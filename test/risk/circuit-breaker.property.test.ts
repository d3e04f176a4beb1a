// Properties over random histories: whatever happened, a tripped breaker never lets an order that
// adds risk through, and a stored status carries on in a second run exactly as the first would have.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CircuitBreaker, type CircuitBreakerConfig, type CircuitBreakerEvent } from "../../src/risk/index.ts";
import { FakeClock } from "./helpers.ts";

type Op =
  | { kind: "day"; equity: number }
  | { kind: "equity"; equity: number }
  | { kind: "trade"; pnl: number }
  | { kind: "trip" }
  | { kind: "halt" }
  | { kind: "reset" }
  | { kind: "wait"; minutes: number };

const cents = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((c) => c / 100);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: cents(80_000, 120_000).map((equity) => ({ kind: "day" as const, equity })) },
  { weight: 5, arbitrary: cents(80_000, 120_000).map((equity) => ({ kind: "equity" as const, equity })) },
  { weight: 4, arbitrary: cents(-500, 500).map((pnl) => ({ kind: "trade" as const, pnl })) },
  { weight: 1, arbitrary: fc.constant({ kind: "trip" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "halt" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "reset" as const }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 120 }).map((minutes) => ({ kind: "wait" as const, minutes })) },
);

const configArb: fc.Arbitrary<Partial<CircuitBreakerConfig>> = fc.record({
  maxDailyLossPct: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
  maxDrawdownPct: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  maxConsecutiveLosses: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
  allowReducingOrdersWhenTripped: fc.boolean(),
  coolDownMinutes: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }),
});

/** Orders that add risk, by a definition independent of the breaker's: not a move toward zero that stays on its side. */
const riskAddingArb = fc
  .tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: -100, max: 100 }))
  .filter(([quantity, holdings]) => {
    const after = holdings + quantity;
    return quantity !== 0 && !(Math.abs(after) < Math.abs(holdings) && after * holdings >= 0);
  })
  .map(([quantity, currentHoldings]) => ({ quantity, currentHoldings }));

const anyOrderArb = fc
  .tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: -100, max: 100 }))
  .map(([quantity, currentHoldings]) => ({ quantity, currentHoldings }));

function apply(breaker: CircuitBreaker, clock: FakeClock, op: Op): void {
  switch (op.kind) {
    case "day":
      return breaker.startOfDay(op.equity);
    case "equity":
      return breaker.updateEquity(op.equity);
    case "trade":
      return breaker.recordTradeResult(op.pnl);
    case "trip":
      breaker.trip("external");
      return;
    case "halt":
      breaker.halt("Storage full: 100%");
      return;
    case "reset":
      breaker.reset();
      return;
    case "wait":
      return clock.advanceMinutes(op.minutes);
  }
}

describe("circuit breaker properties", () => {
  it("a tripped breaker never allows an order that adds risk; a halted one allows nothing; closed and half-open allow all", () => {
    fc.assert(
      fc.property(configArb, fc.array(opArb, { maxLength: 40 }), fc.array(riskAddingArb, { minLength: 1, maxLength: 5 }), fc.array(anyOrderArb, { minLength: 1, maxLength: 5 }), (config, ops, risky, any) => {
        const clock = new FakeClock();
        const breaker = new CircuitBreaker(config, { now: clock.now });
        for (const op of ops) {
          apply(breaker, clock, op);
          const status = breaker.getStatus();
          if (status.tripped) for (const order of risky) expect(breaker.checkOrder(order).allowed).toBe(false);
          if (status.state === "halted") for (const order of any) expect(breaker.checkOrder(order).allowed).toBe(false);
          if (!status.tripped) for (const order of any) expect(breaker.checkOrder(order).allowed).toBe(true);
          expect(status.tripped).toBe(status.state === "open" || status.state === "halted");
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a breaker restored from its stored JSON at any point goes on exactly as the original does", () => {
    fc.assert(
      fc.property(configArb, fc.array(opArb, { maxLength: 30 }), fc.array(opArb, { maxLength: 30 }), (config, before, after) => {
        const clock = new FakeClock();
        const original: CircuitBreakerEvent[] = [];
        const breaker = new CircuitBreaker(config, { now: clock.now, record: (e) => original.push(e) });
        for (const op of before) apply(breaker, clock, op);
        const stored = JSON.parse(JSON.stringify(breaker.toJSON()));

        const clock2 = new FakeClock(clock.ms);
        const restoredEvents: CircuitBreakerEvent[] = [];
        const restored = CircuitBreaker.fromJSON(stored, config, { now: clock2.now, record: (e) => restoredEvents.push(e) });
        expect(restored.getStatus()).toEqual(breaker.getStatus());

        const originalFrom = original.length;
        for (const op of after) {
          apply(breaker, clock, op);
          apply(restored, clock2, op);
          expect(restored.getStatus()).toEqual(breaker.getStatus());
        }
        expect(restored.toJSON()).toEqual(breaker.toJSON());
        expect(restoredEvents).toEqual(original.slice(originalFrom));
      }),
      { numRuns: 200 },
    );
  });

  it("trip counts and event sequences only ever grow", () => {
    fc.assert(
      fc.property(configArb, fc.array(opArb, { maxLength: 40 }), (config, ops) => {
        const clock = new FakeClock();
        const events: CircuitBreakerEvent[] = [];
        const breaker = new CircuitBreaker(config, { now: clock.now, record: (e) => events.push(e) });
        for (const op of ops) apply(breaker, clock, op);
        breaker.getStatus();
        events.forEach((e, i) => {
          expect(e.sequence).toBe(i + 1);
          if (i > 0) {
            expect(e.trip_count).toBeGreaterThanOrEqual(events[i - 1].trip_count);
            expect(Date.parse(e.time)).toBeGreaterThanOrEqual(Date.parse(events[i - 1].time));
            expect(e.previous_state).toBe(events[i - 1].state);
          }
          expect(e.state).not.toBe(e.previous_state);
        });
        expect(breaker.getStatus().tripCount).toBe(events.filter((e) => e.type === "trip" || (e.type === "halt" && (e.previous_state === "closed" || e.previous_state === "half_open"))).length);
      }),
      { numRuns: 200 },
    );
  });
});
