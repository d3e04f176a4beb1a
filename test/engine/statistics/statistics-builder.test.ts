import { describe, expect, it } from "vitest";
import { NetDecimal } from "../../../src/engine/statistics/net-decimal.ts";
import {
  PerformanceMetrics,
  StatisticsError,
  averageRiskFreeRate,
  computeStatistics,
  createBenchmarkDifferences,
  orderTransactionRecord,
  preprocessPerformanceValues,
  toSortedSeries,
  type StatisticsInput,
} from "../../../src/engine/statistics/statistics-builder.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2021, 2, 1, 5);
const series = (...values: string[]) => values.map((value, i) => ({ time: T0 + i * DAY, value }));

function baseInput(overrides: Partial<StatisticsInput> = {}): StatisticsInput {
  return {
    startingCapital: 100000,
    totalFees: "3.485",
    totalOrders: 2,
    equity: series("100000", "100000", "100500", "100200", "101000", "101300"),
    performance: series("0", "0", "0.5", "-0.2985074627", "0.7984031936", "0.2970297030"),
    benchmark: series("0", "380.12", "381.5", "380.9", "383.2", "384.1"),
    portfolioTurnover: series("0", "0.99", "0", "0", "0.5").slice(1),
    trades: [],
    riskFreeRate: () => "0.01",
    ...overrides,
  };
}

describe("series preprocessing", () => {
  it("drops day 0 and day 1 of performance and turns percent into fractions", () => {
    const points = toSortedSeries(series("0", "1.5", "-2", "0.25"));
    expect(preprocessPerformanceValues(points)).toEqual([-0.02, 0.0025]);
  });

  it("turns benchmark levels into returns, 0 after a zero level, and drops the first return", () => {
    const points = toSortedSeries(series("0", "100", "110", "99"));
    expect(createBenchmarkDifferences(points)).toEqual([0.1, -0.1]);
  });

  it("keeps one point per time, the last one added, in time order", () => {
    const points = toSortedSeries([
      { time: 3, value: "3" },
      { time: 1, value: "1" },
      { time: 3, value: "4" },
    ]);
    expect(points.map((p) => [p.time, p.value.toString()])).toEqual([
      [1, "1"],
      [3, "4"],
    ]);
  });

  it("averages the risk-free rate over every equity key, by UTC date", () => {
    const rate = (date: number) => (date < Date.UTC(2015, 11, 17) ? "0.0075" : "0.01");
    const times = [Date.UTC(2015, 11, 16, 20), Date.UTC(2015, 11, 17, 4), Date.UTC(2015, 11, 17, 20), Date.UTC(2015, 11, 18)];
    expect(averageRiskFreeRate(times, rate).toString()).toBe("0.009375");
  });

  it("moves a transaction recorded at a taken time 1 ms later, as LEAN's TransactionRecord", () => {
    const record = orderTransactionRecord([
      { time: 10, profitLoss: "5", isWin: true },
      { time: 10, profitLoss: "-2", isWin: false },
      { time: 5, profitLoss: "1", isWin: true },
    ]);
    expect(record.map((r) => [r.time, r.profitLoss.toString()])).toEqual([
      [5, "1"],
      [10, "5"],
      [11, "-2"],
    ]);
  });
});

describe("computeStatistics", () => {
  it("lists LEAN's statistics in LEAN's order, leaving out capacity without a capacity model", () => {
    const summary = computeStatistics(baseInput());
    expect([...summary.keys()]).toEqual([
      "Total Orders",
      "Average Win",
      "Average Loss",
      "Compounding Annual Return",
      "Drawdown",
      "Expectancy",
      "Start Equity",
      "End Equity",
      "Net Profit",
      "Sharpe Ratio",
      "Sortino Ratio",
      "Probabilistic Sharpe Ratio",
      "Loss Rate",
      "Win Rate",
      "Profit-Loss Ratio",
      "Alpha",
      "Beta",
      "Annual Standard Deviation",
      "Annual Variance",
      "Information Ratio",
      "Tracking Error",
      "Treynor Ratio",
      "Total Fees",
      "Portfolio Turnover",
      "Drawdown Recovery",
    ]);
    expect(summary.get("Total Orders")).toBe("2");
    expect(summary.get("Total Fees")).toBe("$3.49");
    expect(summary.get("Start Equity")).toBe("100000");
    expect(summary.get("End Equity")).toBe("101300");
    expect(summary.get("Net Profit")).toBe("1.300%");
    // 100500 → 100200: 100200/100500 - 1
    expect(summary.get("Drawdown")).toBe("0.300%");
    expect(summary.get("Portfolio Turnover")).toBe("37.25%");
  });

  it("prints the capacity lines in place when a capacity estimate is given", () => {
    const summary = computeStatistics(
      baseInput({ capacity: { capacity: "56234567.123", lowestCapacityAsset: "SPY R735QTJ8XC9X" } }),
    );
    const keys = [...summary.keys()];
    expect(keys.indexOf(PerformanceMetrics.EstimatedStrategyCapacity)).toBe(keys.indexOf(PerformanceMetrics.TotalFees) + 1);
    expect(summary.get("Estimated Strategy Capacity")).toBe("$56000000.00");
    expect(summary.get("Lowest Capacity Asset")).toBe("SPY R735QTJ8XC9X");
  });

  it("is empty without equity samples, as LEAN's", () => {
    expect(computeStatistics(baseInput({ equity: [] })).size).toBe(0);
  });

  it("refuses misaligned performance and benchmark series", () => {
    expect(() => computeStatistics(baseInput({ benchmark: series("0", "1") }))).toThrow(StatisticsError);
  });

  it("counts wins and losses from the transaction record's IsWin flags", () => {
    const summary = computeStatistics(
      baseInput({
        trades: [
          { time: T0 + DAY, profitLoss: "400", isWin: true },
          { time: T0 + 2 * DAY, profitLoss: "-150", isWin: true },
          { time: T0 + 3 * DAY, profitLoss: "-50", isWin: false },
        ],
      }),
    );
    expect(summary.get("Win Rate")).toBe("67%");
    expect(summary.get("Loss Rate")).toBe("33%");
  });

  it("uses 252 trading days unless told otherwise", () => {
    const a = computeStatistics(baseInput());
    const b = computeStatistics(baseInput({ tradingDaysPerYear: 365 }));
    expect(a.get("Annual Variance")).not.toBe(b.get("Annual Variance"));
    expect(computeStatistics(baseInput({ tradingDaysPerYear: 252 }))).toEqual(a);
  });

  it("keeps the decimal inputs' scale: a start equity of 100000.00 prints 100000.00", () => {
    expect(computeStatistics(baseInput({ startingCapital: "100000.00" })).get("Start Equity")).toBe("100000.00");
    expect(computeStatistics(baseInput({ startingCapital: NetDecimal.parse("100000") })).get("Start Equity")).toBe("100000");
  });
});
