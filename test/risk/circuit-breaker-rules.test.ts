// Each rule trips AT its boundary and not a cent before it.
import { describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { CircuitBreakerUsageError } from "../../src/risk/index.ts";
import { makeBreaker } from "./helpers.ts";

describe("max daily loss (% of start-of-day equity)", () => {
  it("does not trip at a 2.99% loss and trips at exactly 3.00%", () => {
    const { breaker, records } = makeBreaker({ maxDailyLossPct: 3, maxDrawdownPct: null });
    breaker.startOfDay(100_000);
    breaker.updateEquity(97_001);
    expect(breaker.isTripped).toBe(false);
    breaker.updateEquity(97_000.01); // 2.99999%
    expect(breaker.isTripped).toBe(false);
    expect(records).toEqual([]);
    breaker.updateEquity(97_000);
    expect(breaker.getStatus()).toMatchObject({
      state: "open",
      tripped: true,
      reason: "Max daily loss exceeded: -3.00% <= -3.00%",
      dailyPnlPct: -3,
      tripCount: 1,
    });
  });

  it("is exact at the boundary for equities that are not round numbers, as numbers or decimals", () => {
    const asNumber = makeBreaker({ maxDailyLossPct: 3, maxDrawdownPct: null }).breaker;
    asNumber.startOfDay(1000.1);
    asNumber.updateEquity(970.0971); // just above 97%
    expect(asNumber.isTripped).toBe(false);
    asNumber.updateEquity(970.097); // 1000.1 × 0.97 exactly
    expect(asNumber.isTripped).toBe(true);

    const asDecimal = makeBreaker({ maxDailyLossPct: 3, maxDrawdownPct: null }).breaker;
    asDecimal.startOfDay(new Decimal("123456.78"));
    asDecimal.updateEquity(new Decimal("119753.0767"));
    expect(asDecimal.isTripped).toBe(false);
    asDecimal.updateEquity(new Decimal("119753.0766")); // 123456.78 × 0.97 exactly
    expect(asDecimal.isTripped).toBe(true);
  });

  it("shows the loss in the message with the digits the limit needs", () => {
    const { breaker } = makeBreaker({ maxDailyLossPct: 2.125, maxDrawdownPct: null });
    breaker.startOfDay(100_000);
    breaker.updateEquity(97_875.01);
    expect(breaker.isTripped).toBe(false);
    breaker.updateEquity(97_000);
    expect(breaker.getStatus().reason).toBe("Max daily loss exceeded: -3.000% <= -2.125%");
  });

  it("measures from each day's start, not from an earlier day", () => {
    const { breaker } = makeBreaker({ maxDailyLossPct: 3, maxDrawdownPct: null });
    breaker.startOfDay(100_000);
    breaker.updateEquity(98_000); // -2% on day 1
    breaker.startOfDay(98_000);
    breaker.updateEquity(95_100); // -2.96% on day 2, -4.9% over both days
    expect(breaker.isTripped).toBe(false);
    expect(breaker.getStatus().dailyPnlPct).toBeCloseTo(-2.959, 3);
    breaker.updateEquity(95_060); // exactly -3% of 98,000
    expect(breaker.isTripped).toBe(true);
  });

  it("takes the first sample as the day's baseline when startOfDay was never called", () => {
    const { breaker } = makeBreaker({ maxDailyLossPct: 3, maxDrawdownPct: null });
    breaker.updateEquity(50_000);
    breaker.updateEquity(48_500.5);
    expect(breaker.isTripped).toBe(false);
    breaker.updateEquity(48_500);
    expect(breaker.isTripped).toBe(true);
  });

  it("never trips when the rule is off", () => {
    const { breaker } = makeBreaker({ maxDailyLossPct: null, maxDrawdownPct: null });
    breaker.startOfDay(100_000);
    breaker.updateEquity(10_000);
    expect(breaker.isTripped).toBe(false);
    expect(breaker.getStatus().dailyPnlPct).toBe(-90);
  });
});

describe("max drawdown (% from peak equity)", () => {
  it("does not trip at 9.99% below the peak and trips at exactly 10.00%", () => {
    const { breaker } = makeBreaker({ maxDailyLossPct: null, maxDrawdownPct: 10 });
    breaker.startOfDay(100_000);
    breaker.updateEquity(110_000); // the peak
    breaker.updateEquity(99_011); // 9.99%
    expect(breaker.isTripped).toBe(false);
    expect(breaker.getStatus().drawdownPct).toBeCloseTo(9.99, 10);
    breaker.updateEquity(99_000.01);
    expect(breaker.isTripped).toBe(false);
    breaker.updateEquity(99_000);
    expect(breaker.getStatus()).toMatchObject({
      state: "open",
      reason: "Max drawdown exceeded: 10.00% >= 10.00%",
      drawdownPct: 10,
    });
  });

  it("keeps the peak across days, so a slow bleed trips it though no single day loses 3%", () => {
    const { breaker } = makeBreaker({ maxDailyLossPct: 3, maxDrawdownPct: 10 });
    let equity = 100_000;
    for (let day = 0; day < 4; day++) {
      breaker.startOfDay(equity);
      equity -= 2_000; // -2% to -2.1% a day, down to 92,000
      breaker.updateEquity(equity);
      expect(breaker.isTripped).toBe(false);
    }
    breaker.startOfDay(equity);
    breaker.updateEquity(89_600); // 10.4% below the 100,000 peak, -2.6% today
    expect(breaker.getStatus().reason).toBe("Max drawdown exceeded: 10.40% >= 10.00%");
  });

  it("reports the daily-loss rule when one sample breaks both", () => {
    const { breaker, records } = makeBreaker({ maxDailyLossPct: 3, maxDrawdownPct: 10 });
    breaker.startOfDay(100_000);
    breaker.updateEquity(80_000);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ rule: "max_daily_loss", reason: "Max daily loss exceeded: -20.00% <= -3.00%" });
  });

  it("never trips when the rule is off", () => {
    const { breaker } = makeBreaker({ maxDailyLossPct: null, maxDrawdownPct: null });
    breaker.updateEquity(100_000);
    breaker.updateEquity(40_000);
    expect(breaker.isTripped).toBe(false);
    expect(breaker.getStatus().drawdownPct).toBe(60);
  });
});

describe("max consecutive losing trades", () => {
  it("does not trip at 4 losses in a row and trips at the 5th", () => {
    const { breaker, records } = makeBreaker({ maxConsecutiveLosses: 5 });
    for (let i = 0; i < 4; i++) breaker.recordTradeResult(-10);
    expect(breaker.isTripped).toBe(false);
    expect(breaker.getStatus().consecutiveLosses).toBe(4);
    breaker.recordTradeResult(new Decimal("-0.01"));
    expect(breaker.getStatus()).toMatchObject({
      state: "open",
      reason: "Max consecutive losses reached: 5 >= 5",
      consecutiveLosses: 5,
    });
    expect(records.map((r) => r.rule)).toEqual(["max_consecutive_losses"]);
  });

  it("starts the count again after a winning or a break-even trade", () => {
    const { breaker } = makeBreaker({ maxConsecutiveLosses: 3 });
    breaker.recordTradeResult(-1);
    breaker.recordTradeResult(-1);
    breaker.recordTradeResult(5);
    breaker.recordTradeResult(-1);
    breaker.recordTradeResult(-1);
    breaker.recordTradeResult(0);
    breaker.recordTradeResult(new Decimal("-0")); // -0 is break-even, not a loss
    breaker.recordTradeResult(-1);
    breaker.recordTradeResult(-1);
    expect(breaker.isTripped).toBe(false);
    expect(breaker.getStatus().consecutiveLosses).toBe(2);
    breaker.recordTradeResult(-1);
    expect(breaker.isTripped).toBe(true);
  });

  it("never trips when the rule is off", () => {
    const { breaker } = makeBreaker({ maxConsecutiveLosses: null });
    for (let i = 0; i < 50; i++) breaker.recordTradeResult(-1);
    expect(breaker.isTripped).toBe(false);
    expect(breaker.getStatus().consecutiveLosses).toBe(50);
  });
});

describe("while tripped", () => {
  it("keeps measuring but records no second trip", () => {
    const { breaker, records } = makeBreaker({ maxDailyLossPct: 3, maxDrawdownPct: 10, maxConsecutiveLosses: 2 });
    breaker.startOfDay(100_000);
    breaker.updateEquity(96_000);
    breaker.updateEquity(85_000);
    breaker.recordTradeResult(-1);
    breaker.recordTradeResult(-1);
    expect(records).toHaveLength(1);
    expect(breaker.getStatus()).toMatchObject({
      reason: "Max daily loss exceeded: -4.00% <= -3.00%",
      tripCount: 1,
      dailyPnlPct: -15,
      drawdownPct: 15,
      consecutiveLosses: 2,
    });
  });
});

describe("inputs", () => {
  it("refuses equities and P&L that are not finite numbers", () => {
    const { breaker } = makeBreaker();
    expect(() => breaker.updateEquity(Number.NaN)).toThrow(CircuitBreakerUsageError);
    expect(() => breaker.startOfDay(Number.POSITIVE_INFINITY)).toThrow(/start-of-day equity must be a finite number/);
    expect(() => breaker.recordTradeResult(new Decimal(Number.NaN))).toThrow(/trade profit\/loss must be a finite number/);
    expect(() => breaker.updateEquity("100" as never)).toThrow(CircuitBreakerUsageError);
  });

  it("refuses a clock that does not return epoch milliseconds", () => {
    expect(() => makeBreaker({}, { now: () => Number.NaN } as never)).toThrow(/clock returned NaN/);
  });
});

describe("equity as text", () => {
  it("is refused with the value quoted, not parsed", () => {
    const { breaker } = makeBreaker();
    expect(() => breaker.startOfDay("100000.10" as never)).toThrow('start-of-day equity must be a finite number or a Decimal, got "100000.10"');
  });
});
