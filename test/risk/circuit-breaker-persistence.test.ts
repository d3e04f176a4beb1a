// The `circuit_breaker` entry of trading state: toJSON in one run, fromJSON in the next.
import { describe, expect, it } from "vitest";
import {
  CircuitBreaker,
  CircuitBreakerStateError,
  statusFromJson,
  type CircuitBreakerConfig,
  type CircuitBreakerEvent,
} from "../../src/risk/index.ts";
import { FakeClock, MINUTE, T0, makeBreaker } from "./helpers.ts";

/** Stands in for the object store: trading state goes in as JSON text and comes out parsed. */
class FakeTradingStateStore {
  private readonly saved = new Map<string, string>();
  readonly records: CircuitBreakerEvent[] = [];
  save(key: string, state: unknown): void {
    this.saved.set(key, JSON.stringify(state));
  }
  read(key: string): unknown {
    const text = this.saved.get(key);
    if (text === undefined) throw new Error(`no ${key}`);
    return JSON.parse(text);
  }
}

function run(store: FakeTradingStateStore, clock: FakeClock, config: Partial<CircuitBreakerConfig>, stored?: unknown): CircuitBreaker {
  const options = { now: clock.now, record: (e: CircuitBreakerEvent) => store.records.push(e) };
  return stored === undefined ? new CircuitBreaker(config, options) : CircuitBreaker.fromJSON(stored, config, options);
}

describe("two runs", () => {
  it("carries a tripped breaker, its reason, counts and measures from one run to the next", () => {
    const store = new FakeTradingStateStore();
    const config = { maxDailyLossPct: 3, maxDrawdownPct: 10, maxConsecutiveLosses: 5 };

    const clock1 = new FakeClock();
    const first = run(store, clock1, config);
    first.startOfDay(100_000);
    first.updateEquity(101_500.25);
    first.recordTradeResult(-10);
    first.recordTradeResult(-20);
    first.updateEquity(98_000); // -2% on the day: not yet
    clock1.advanceMinutes(45);
    first.updateEquity(96_999.99); // trips
    first.recordTradeResult(-5);
    const statusAtEnd = first.getStatus();
    store.save("trading_state_2024-01-05", { timestamp: "x", equity: 96_999.99, circuit_breaker: first.toJSON() });

    const clock2 = new FakeClock(clock1.ms);
    const second = run(store, clock2, config, (store.read("trading_state_2024-01-05") as { circuit_breaker: unknown }).circuit_breaker);
    expect(second.getStatus()).toEqual(statusAtEnd);
    expect(statusAtEnd).toMatchObject({
      state: "open",
      tripped: true,
      reason: "Max daily loss exceeded: -3.00% <= -3.00%",
      trippedAt: "2024-01-05T15:15:00.000Z",
      tripCount: 1,
      consecutiveLosses: 3,
    });
    expect(second.toJSON()).toEqual(first.toJSON());
    expect(second.checkOrder({ quantity: 10, currentHoldings: 0 }).allowed).toBe(false);

    // the second run goes on where the first stopped: the sequence and trip count continue
    clock2.advanceMinutes(60 * 24);
    second.reset("Next morning review");
    second.trip("Storage critical: 90%+ full");
    expect(store.records.map((r) => [r.type, r.sequence, r.trip_count])).toEqual([
      ["trip", 1, 1],
      ["reset", 2, 1],
      ["trip", 3, 2],
    ]);
  });

  it("keeps the drawdown rule's peak across runs", () => {
    const store = new FakeTradingStateStore();
    const config = { maxDailyLossPct: null, maxDrawdownPct: 10 };
    const first = run(store, new FakeClock(), config);
    first.updateEquity(110_000);
    first.updateEquity(105_000);
    store.save("state", first.toJSON());

    const second = run(store, new FakeClock(T0 + 24 * 60 * MINUTE), config, store.read("state"));
    second.updateEquity(99_000.01);
    expect(second.isTripped).toBe(false);
    second.updateEquity(99_000); // 10% below the first run's peak
    expect(second.getStatus().reason).toBe("Max drawdown exceeded: 10.00% >= 10.00%");
  });

  it("lets a cool-down that ran out between the runs take effect at the time it fell due", () => {
    const store = new FakeTradingStateStore();
    const first = run(store, new FakeClock(), { coolDownMinutes: 30, halfOpenMinutes: 120 });
    first.trip("user rule");
    store.save("state", first.toJSON());

    const second = run(store, new FakeClock(T0 + 45 * MINUTE), { coolDownMinutes: 30, halfOpenMinutes: 120 }, store.read("state"));
    expect(second.state).toBe("half_open");
    expect(store.records.at(-1)).toMatchObject({ type: "half_open", time: "2024-01-05T15:00:00.000Z", sequence: 2 });
  });

  it("restores under the second run's config: without a cool-down an open breaker waits for reset", () => {
    const store = new FakeTradingStateStore();
    const first = run(store, new FakeClock(), { coolDownMinutes: 30 });
    first.trip("user rule");
    store.save("state", first.toJSON());
    const second = run(store, new FakeClock(T0 + 600 * MINUTE), { coolDownMinutes: null }, store.read("state"));
    expect(second.state).toBe("open");
  });

  it("round-trips a halted breaker and a fresh one that has seen no equity", () => {
    const clock = new FakeClock();
    const halted = makeBreaker({}, clock).breaker;
    halted.halt("Storage full: 100%");
    const fresh = makeBreaker({}, clock).breaker;
    for (const breaker of [halted, fresh]) {
      const json = JSON.parse(JSON.stringify(breaker.toJSON()));
      const restored = CircuitBreaker.fromJSON(json, {}, { now: clock.now });
      expect(restored.getStatus()).toEqual(breaker.getStatus());
      expect(restored.toJSON()).toEqual(breaker.toJSON());
    }
    expect(fresh.toJSON()).toEqual({
      state: "closed",
      tripped: false,
      reason: null,
      tripped_at: null,
      trip_count: 0,
      daily_pnl_pct: 0,
      drawdown_pct: 0,
      consecutive_losses: 0,
      state_since: "2024-01-05T14:30:00.000Z",
      start_of_day_equity: null,
      peak_equity: null,
      equity: null,
      event_count: 0,
    });
  });
});

describe("toJSON", () => {
  it("holds the eight status fields in snake_case, equal to getStatus()", () => {
    const { breaker } = makeBreaker();
    breaker.startOfDay(100_000);
    breaker.updateEquity(99_000);
    breaker.recordTradeResult(-3);
    breaker.trip("x");
    const json = breaker.toJSON();
    expect(statusFromJson(json)).toEqual(breaker.getStatus());
    expect(json).toMatchObject({
      state: "open",
      tripped: true,
      reason: "x",
      tripped_at: "2024-01-05T14:30:00.000Z",
      trip_count: 1,
      daily_pnl_pct: -1,
      drawdown_pct: 1,
      consecutive_losses: 1,
      start_of_day_equity: "100000",
      peak_equity: "100000",
      equity: "99000",
      event_count: 1,
    });
  });
});

describe("fromJSON refuses a status toJSON could not have written", () => {
  const valid = () => {
    const { breaker } = makeBreaker();
    breaker.updateEquity(100_000);
    breaker.trip("x");
    return JSON.parse(JSON.stringify(breaker.toJSON())) as Record<string, unknown>;
  };
  const restore = (json: unknown) => CircuitBreaker.fromJSON(json, {}, { now: () => T0 });

  it.each([
    ["state", "tripped", 'circuit_breaker.state must be one of "closed", "open", "half_open", "halted", got "tripped"'],
    ["tripped", false, 'circuit_breaker.tripped must be true when state is "open", got false'],
    ["reason", null, 'circuit_breaker.reason must be a non-empty string when state is "open", got null'],
    ["tripped_at", "2024-01-05", 'circuit_breaker.tripped_at must be an ISO 8601 time such as "2024-01-05T14:30:00.000Z", got "2024-01-05"'],
    ["trip_count", 0, "circuit_breaker.trip_count must be a whole number of at least 1, got 0"],
    ["consecutive_losses", -1, "circuit_breaker.consecutive_losses must be a whole number of at least 0, got -1"],
    ["daily_pnl_pct", "1", 'circuit_breaker.daily_pnl_pct must be a finite number, got "1"'],
    ["state_since", undefined, 'circuit_breaker.state_since must be an ISO 8601 time such as "2024-01-05T14:30:00.000Z", got nothing'],
    ["peak_equity", 100000, 'circuit_breaker.peak_equity must be a decimal string such as "100000.25" or null, got 100000'],
    ["equity", "NaN", 'circuit_breaker.equity must be a decimal string such as "100000.25" or null, got "NaN"'],
    ["event_count", 1.5, "circuit_breaker.event_count must be a whole number of at least 0, got 1.5"],
  ])("%s = %j", (field, value, message) => {
    const json = { ...valid(), [field]: value };
    if (value === undefined) delete json[field];
    let error: unknown;
    try {
      restore(json);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CircuitBreakerStateError);
    expect((error as CircuitBreakerStateError).message).toBe(message);
    expect((error as CircuitBreakerStateError).field).toBe(`circuit_breaker.${field}`);
  });

  it("refuses a closed breaker with a reason, and something that is not an object", () => {
    const closed = { ...valid(), state: "closed", tripped: false };
    expect(() => restore(closed)).toThrow('circuit_breaker.reason must be null when state is "closed", got "x"');
    expect(() => restore("open")).toThrow(CircuitBreakerStateError);
    expect(() => restore(null)).toThrow(/circuit_breaker must be an object/);
  });
});
