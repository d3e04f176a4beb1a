import { describe, expect, it } from "vitest";
import { NetDecimal } from "../../../src/engine/statistics/net-decimal.ts";
import {
  compoundingAnnualPerformance,
  computePortfolioStatistics,
  probabilisticSharpeRatio,
  type PortfolioStatisticsInput,
} from "../../../src/engine/statistics/portfolio-statistics.ts";
import { formatSummary } from "../../../src/engine/statistics/statistics-builder.ts";
import { normalCdf } from "../../../src/engine/statistics/math.ts";

const d = (text: string) => NetDecimal.parse(text);
const DAY = 86_400_000;
const T0 = Date.UTC(2020, 0, 1);

function input(overrides: Partial<PortfolioStatisticsInput> = {}): PortfolioStatisticsInput {
  return {
    profitLoss: [],
    equity: [
      { time: T0, value: d("100000") },
      { time: T0 + 10 * DAY, value: d("101000") },
    ],
    portfolioTurnover: [],
    performance: [0.01, -0.005, 0.002, 0.003],
    benchmark: [0.008, -0.004, 0.001, 0.0025],
    startingCapital: d("100000"),
    riskFreeRate: d("0.01"),
    tradingDaysPerYear: 252,
    ...overrides,
  };
}

function summaryOf(overrides: Partial<PortfolioStatisticsInput> = {}): Map<string, string> {
  return formatSummary(computePortfolioStatistics(input(overrides)), {
    totalFees: d("0"),
    totalOrders: 0,
    accountCurrencySymbol: "$",
  });
}

describe("trade statistics from the transaction record", () => {
  it("divides each P&L by the capital before it and averages wins and losses", () => {
    const summary = summaryOf({ profitLoss: [d("1000"), d("-500"), d("2000")], winCount: 2, lossCount: 1 });
    // wins: 1000/100000 and 2000/100500; loss: -500/101000
    expect(summary.get("Average Win")).toBe("1.50%");
    expect(summary.get("Average Loss")).toBe("-0.50%");
    expect(summary.get("Profit-Loss Ratio")).toBe("3.02");
    expect(summary.get("Win Rate")).toBe("67%");
    expect(summary.get("Loss Rate")).toBe("33%");
    // 2/3 × 3.01995… − 1/3
    expect(summary.get("Expectancy")).toBe("1.680");
  });

  it("counts wins and losses from the IsWin flags (an ITM exercise can win at a loss) but averages by sign", () => {
    // -100/100000 = -0.001, then 299.7/99900 = 0.003 exactly: the ratio is the exact decimal 3
    const summary = summaryOf({ profitLoss: [d("-100"), d("299.7")], winCount: 2, lossCount: 0 });
    expect(summary.get("Win Rate")).toBe("100%");
    expect(summary.get("Loss Rate")).toBe("0%");
    expect(summary.get("Average Loss")).toBe("-0.10%");
    // WinRate 1 × PLR − LossRate 0
    expect(summary.get("Profit-Loss Ratio")).toBe("3");
    expect(summary.get("Expectancy")).toBe("3");
  });

  it("prints the integer zeros LEAN prints when there are no trades", () => {
    const summary = summaryOf();
    expect(summary.get("Average Win")).toBe("0%");
    expect(summary.get("Expectancy")).toBe("0");
    expect(summary.get("Profit-Loss Ratio")).toBe("0");
    expect(summary.get("Win Rate")).toBe("0%");
  });

  it("prints -1 expectancy for losses only", () => {
    const summary = summaryOf({ profitLoss: [d("-250.5")], winCount: 0, lossCount: 1 });
    expect(summary.get("Expectancy")).toBe("-1");
    expect(summary.get("Loss Rate")).toBe("100%");
  });
});

describe("return statistics", () => {
  it("computes Sharpe, variance and deviation from the daily returns annualised over 252 days", () => {
    const perf = [0.01, -0.005, 0.002, 0.003];
    const mean = perf.reduce((a, b) => a + b) / perf.length;
    const variance = perf.reduce((a, v) => a + (v - mean) ** 2, 0) / (perf.length - 1);
    const annualPerformance = (mean + 1) ** 252 - 1;
    const sd = Math.sqrt(variance * 252);
    const stats = computePortfolioStatistics(input());
    expect(stats.annualVariance.toDouble()).toBeCloseTo(variance * 252, 12);
    expect(stats.annualStandardDeviation.toDouble()).toBeCloseTo(sd, 12);
    expect(stats.sharpeRatio.toDouble()).toBeCloseTo((annualPerformance - 0.01) / sd, 10);
    // Sortino: only one negative return → no downside deviation → 0
    expect(stats.sortinoRatio.isZero()).toBe(true);
  });

  it("computes Beta, Alpha, Tracking Error, Information and Treynor ratios against the benchmark", () => {
    const perf = [0.01, -0.005, 0.002, 0.003];
    const bench = [0.008, -0.004, 0.001, 0.0025];
    const mean = (x: number[]) => x.reduce((a, b) => a + b) / x.length;
    const cov = (x: number[], y: number[]) =>
      x.reduce((a, v, i) => a + (v - mean(x)) * (y[i] - mean(y)), 0) / (x.length - 1);
    const beta = cov(perf, bench) / cov(bench, bench);
    const ap = (mean(perf) + 1) ** 252 - 1;
    const bap = (mean(bench) + 1) ** 252 - 1;
    const diff = perf.map((v, i) => v - bench[i]);
    const te = Math.sqrt(cov(diff, diff) * 252);
    const stats = computePortfolioStatistics(input());
    expect(stats.beta.toDouble()).toBeCloseTo(beta, 12);
    expect(stats.alpha.toDouble()).toBeCloseTo(ap - (0.01 + beta * (bap - 0.01)), 10);
    expect(stats.trackingError.toDouble()).toBeCloseTo(te, 12);
    expect(stats.informationRatio.toDouble()).toBeCloseTo((ap - bap) / te, 8);
    expect(stats.treynorRatio.toDouble()).toBeCloseTo((ap - 0.01) / beta, 10);
  });

  it("computes Sortino from the sample deviation of the negative returns", () => {
    const perf = [0.01, -0.005, 0.002, -0.003, 0.004];
    const negatives = [-0.005, -0.003];
    const m = -0.004;
    const downside = Math.sqrt(((negatives[0] - m) ** 2 + (negatives[1] - m) ** 2) * 252);
    const ap = (perf.reduce((a, b) => a + b) / perf.length + 1) ** 252 - 1;
    const stats = computePortfolioStatistics(input({ performance: perf, benchmark: [0, 0, 0, 0, 0] }));
    expect(stats.sortinoRatio.toDouble()).toBeCloseTo((ap - 0.01) / downside, 9);
    // a flat benchmark has no variance: Beta, Alpha and Treynor are 0
    expect(stats.beta.isZero() && stats.alpha.isZero() && stats.treynorRatio.isZero()).toBe(true);
  });

  it("computes the Probabilistic Sharpe Ratio with LEAN's (γ4 − 1)/4 on the excess kurtosis", () => {
    const perf = [0.01, -0.005, 0.002, 0.003, -0.001, 0.004];
    const n = perf.length;
    const m = perf.reduce((a, b) => a + b) / n;
    const s = Math.sqrt(perf.reduce((a, v) => a + (v - m) ** 2, 0) / (n - 1));
    const g1 = (n / ((n - 1) * (n - 2))) * perf.reduce((a, v) => a + ((v - m) / s) ** 3, 0);
    const g2 =
      ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * perf.reduce((a, v) => a + ((v - m) / s) ** 4, 0) -
      (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
    const rf = 0.01 / 252;
    const sr = (m - rf) / s;
    const sigma = Math.sqrt((1 - g1 * sr + ((g2 - 1) / 4) * sr * sr) / (n - 1));
    const expected = normalCdf((sr - 1 / Math.sqrt(252)) / sigma);
    expect(probabilisticSharpeRatio(perf, 1 / Math.sqrt(252), rf)).toBeCloseTo(expected, 12);
    // fewer than 4 returns: kurtosis is NaN, so PSR is 0
    expect(probabilisticSharpeRatio([0.01, 0.02, -0.01], 0.063)).toBe(0);
  });

  it("compounds the annual return over the equity span in days / 365", () => {
    // 4 2/3 days, +1.69191983728%: LEAN's BasicTemplateAlgorithm prints 271.453%
    const car = compoundingAnnualPerformance(d("100000"), d("101691.9198"), NetDecimal.fromDouble(4 + 2 / 3).divide(d("365")));
    expect(car.safeMultiply100().round(3).toString()).toBe("271.453");
    expect(compoundingAnnualPerformance(d("100000"), d("100000"), NetDecimal.ZERO).toString()).toBe("0");
  });
});

describe("net profit, equities and turnover", () => {
  it("prints start and end equity with LEAN's scale and net profit to 3 decimals", () => {
    const summary = summaryOf({
      equity: [
        { time: T0, value: d("100000") },
        { time: T0 + DAY, value: d("99993.895") },
      ],
    });
    expect(summary.get("Start Equity")).toBe("100000");
    expect(summary.get("End Equity")).toBe("99993.90");
    expect(summary.get("Net Profit")).toBe("-0.006%");
  });

  it("averages the turnover samples as decimals", () => {
    const summary = summaryOf({ portfolioTurnover: [d("0"), d("0.9963103"), d("0"), d("0"), d("0")] });
    expect(summary.get("Portfolio Turnover")).toBe("19.93%");
    expect(summaryOf({ portfolioTurnover: [d("0"), d("0")] }).get("Portfolio Turnover")).toBe("0%");
    // an exact average keeps its short scale: 0.5 × 100 = 50.0
    expect(summaryOf({ portfolioTurnover: [d("0.5")] }).get("Portfolio Turnover")).toBe("50.0%");
  });

  it("reports only start equity, end equity and turnover with fewer than two returns (one-day runs)", () => {
    const summary = summaryOf({
      performance: [0.01],
      benchmark: [0.01],
      profitLoss: [d("100")],
      portfolioTurnover: [d("0.25")],
      equity: [
        { time: T0, value: d("100000") },
        { time: T0 + DAY, value: d("90000") },
      ],
    });
    expect(summary.get("End Equity")).toBe("90000");
    expect(summary.get("Portfolio Turnover")).toBe("25.00%");
    expect(summary.get("Drawdown")).toBe("0%");
    expect(summary.get("Net Profit")).toBe("0%");
    expect(summary.get("Sharpe Ratio")).toBe("0");
    expect(summary.get("Average Win")).toBe("0%");
  });
});
