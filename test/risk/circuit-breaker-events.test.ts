// Every trip, halt and reset is a record: what the sink receives, what events$ emits, its key.
import { describe, expect, it } from "vitest";
import {
  CIRCUIT_BREAKER_EVENT_CATEGORY,
  CircuitBreaker,
  CircuitBreakerUsageError,
  circuitBreakerEventKey,
  type CircuitBreakerEvent,
} from "../../src/risk/index.ts";
import { FakeClock, makeBreaker } from "./helpers.ts";

describe("event records", () => {
  it("records a rule trip with the measures that tripped it", () => {
    const { breaker, clock, records } = makeBreaker({ maxDailyLossPct: 3, maxDrawdownPct: 10 });
    breaker.startOfDay(100_000);
    breaker.updateEquity(104_000);
    clock.advanceMinutes(61);
    breaker.recordTradeResult(-50);
    breaker.updateEquity(100_880); // -3.0% from 104,000 peak, +0.88% on the day
    breaker.updateEquity(96_900); // -3.1% on the day, 6.83% drawdown
    expect(records).toEqual([
      {
        type: "trip",
        rule: "max_daily_loss",
        reason: "Max daily loss exceeded: -3.10% <= -3.00%",
        time: "2024-01-05T15:31:00.000Z",
        state: "open",
        previous_state: "closed",
        trip_count: 1,
        daily_pnl_pct: -3.1,
        drawdown_pct: expect.closeTo(6.826923, 5),
        consecutive_losses: 1,
        sequence: 1,
      },
    ]);
  });

  it("records a reset with the measures as they stood when the person reset it", () => {
    const { breaker, clock, records } = makeBreaker({ maxDrawdownPct: 10, maxDailyLossPct: null });
    breaker.updateEquity(100_000);
    breaker.updateEquity(89_000);
    clock.advanceMinutes(90);
    breaker.reset("Reviewed: resume trading");
    expect(records[1]).toEqual({
      type: "reset",
      rule: null,
      reason: "Reviewed: resume trading",
      time: "2024-01-05T16:00:00.000Z",
      state: "closed",
      previous_state: "open",
      trip_count: 1,
      daily_pnl_pct: -11,
      drawdown_pct: 11,
      consecutive_losses: 0,
      sequence: 2,
    });
    expect(breaker.getStatus().drawdownPct).toBe(0); // re-armed after the record was taken
  });

  it("records external trips and halts with the caller's reason, and a default reason for a manual reset", () => {
    const { breaker, clock, records } = makeBreaker();
    breaker.trip("Storage critical: 90%+ full");
    clock.advanceMinutes(1);
    breaker.halt("Storage full: 100%");
    clock.advanceMinutes(1);
    breaker.reset();
    expect(records.map(({ type, rule, reason, state, previous_state, trip_count, sequence }) => ({
      type, rule, reason, state, previous_state, trip_count, sequence,
    }))).toEqual([
      { type: "trip", rule: "external", reason: "Storage critical: 90%+ full", state: "open", previous_state: "closed", trip_count: 1, sequence: 1 },
      { type: "halt", rule: "external", reason: "Storage full: 100%", state: "halted", previous_state: "open", trip_count: 1, sequence: 2 },
      { type: "reset", rule: null, reason: "Manual reset", state: "closed", previous_state: "halted", trip_count: 1, sequence: 3 },
    ]);
  });

  it("emits on events$ exactly what it hands the sink, after the state has changed", () => {
    const clock = new FakeClock();
    const seen: { event: CircuitBreakerEvent; state: string; tripped: boolean }[] = [];
    const sink: CircuitBreakerEvent[] = [];
    const breaker = new CircuitBreaker({}, { now: clock.now, record: (e) => sink.push(e) });
    breaker.events$.subscribe((event) => seen.push({ event, state: breaker.state, tripped: breaker.isTripped }));
    breaker.trip("a");
    breaker.reset();
    expect(seen.map((s) => s.event)).toEqual(sink);
    expect(seen.map((s) => [s.state, s.tripped])).toEqual([["open", true], ["closed", false]]);
  });

  it("stores plain JSON: the record survives JSON.stringify unchanged", () => {
    const { breaker, records } = makeBreaker();
    breaker.updateEquity(1_000.1);
    breaker.trip("x");
    expect(JSON.parse(JSON.stringify(records[0]))).toEqual(records[0]);
  });

  it("keeps the state change when the sink throws, passes the error on, and still emits on events$", () => {
    const clock = new FakeClock();
    const emitted: CircuitBreakerEvent[] = [];
    const breaker = new CircuitBreaker({}, {
      now: clock.now,
      record: () => {
        throw new Error("Storage full: cannot save");
      },
    });
    breaker.events$.subscribe((e) => emitted.push(e));
    expect(() => breaker.halt("Storage full: 100%")).toThrow("Storage full: cannot save");
    expect(breaker.isHalted).toBe(true);
    expect(emitted.map((e) => e.type)).toEqual(["halt"]);
    expect(() => breaker.reset()).toThrow("Storage full: cannot save");
    expect(breaker.state).toBe("closed");
  });
});

describe("circuitBreakerEventKey", () => {
  it("is circuit_breaker/<yyyymmdd_HHMMSS>_<sequence> in UTC, for the monitoring_data category", () => {
    expect(circuitBreakerEventKey({ time: "2024-01-05T14:30:00.000Z", sequence: 1 })).toBe("circuit_breaker/20240105_143000_000001");
    expect(circuitBreakerEventKey({ time: "2024-01-05T09:30:59.999-05:00", sequence: 123456 })).toBe(
      "circuit_breaker/20240105_143059_123456",
    );
    expect(CIRCUIT_BREAKER_EVENT_CATEGORY).toBe("monitoring_data");
  });

  it("gives two records of the same second two keys that sort in the order they happened", () => {
    const { breaker, records } = makeBreaker();
    breaker.trip("a");
    breaker.reset();
    breaker.halt("b");
    const keys = records.map(circuitBreakerEventKey);
    expect(new Set(keys).size).toBe(3);
    expect([...keys].sort()).toEqual(keys);
  });

  it("refuses a time that is not ISO 8601 and a sequence that is not a whole number", () => {
    expect(() => circuitBreakerEventKey({ time: "yesterday", sequence: 1 })).toThrow(CircuitBreakerUsageError);
    expect(() => circuitBreakerEventKey({ time: "2024-01-05T14:30:00Z", sequence: 1.5 })).toThrow(/whole number/);
  });
});
