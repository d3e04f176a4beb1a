/**
 * LEAN's `StatisticsBuilder`: turns the sampled series (equity, daily performance, benchmark, portfolio turnover),
 * the closed-trade record and the run totals into the summary LEAN prints, with LEAN's names, order and digits.
 * Pure: the series come from `StatisticsSampler` (or any producer following the same rules); nothing here
 * knows the engine.
 */
import { formatRatio } from "./dotnet-format.ts";
import { computePortfolioStatistics, type PortfolioStatistics, type TimedDecimal } from "./portfolio-statistics.ts";
import { NetDecimal, type DecimalLike } from "./net-decimal.ts";

/** LEAN's `PerformanceMetrics` names, in the order `StatisticsBuilder.GetSummary` lists them. */
export const PerformanceMetrics = {
  TotalOrders: "Total Orders",
  AverageWin: "Average Win",
  AverageLoss: "Average Loss",
  CompoundingAnnualReturn: "Compounding Annual Return",
  Drawdown: "Drawdown",
  Expectancy: "Expectancy",
  StartEquity: "Start Equity",
  EndEquity: "End Equity",
  NetProfit: "Net Profit",
  SharpeRatio: "Sharpe Ratio",
  SortinoRatio: "Sortino Ratio",
  ProbabilisticSharpeRatio: "Probabilistic Sharpe Ratio",
  LossRate: "Loss Rate",
  WinRate: "Win Rate",
  ProfitLossRatio: "Profit-Loss Ratio",
  Alpha: "Alpha",
  Beta: "Beta",
  AnnualStandardDeviation: "Annual Standard Deviation",
  AnnualVariance: "Annual Variance",
  InformationRatio: "Information Ratio",
  TrackingError: "Tracking Error",
  TreynorRatio: "Treynor Ratio",
  TotalFees: "Total Fees",
  EstimatedStrategyCapacity: "Estimated Strategy Capacity",
  LowestCapacityAsset: "Lowest Capacity Asset",
  PortfolioTurnover: "Portfolio Turnover",
  DrawdownRecovery: "Drawdown Recovery",
} as const;

export interface SeriesPoint {
  /** Epoch milliseconds, UTC (LEAN's chart keys are UTC). */
  time: number;
  value: DecimalLike;
}

/** One closed trade of LEAN's `Transactions.TransactionRecord`: `closing profit - 2 × closing fee` and `IsWin`. */
export interface TransactionRecordEntry {
  /** Fill time, epoch ms UTC. */
  time: number;
  profitLoss: DecimalLike;
  isWin: boolean;
}

/** The four series LEAN's statistics read from the result handler's charts. */
export interface StatisticsSeries {
  /** "Strategy Equity"/"Equity" candle closes: SmartRounding(Math.Round(TPV, 4)) at every daily and intraday sample. */
  equity: readonly SeriesPoint[];
  /** "Strategy Equity"/"Return": daily performance in percent, SmartRounding(Math.Round(…, 10)), one per daily sample. */
  performance: readonly SeriesPoint[];
  /** "Benchmark": benchmark level (SmartRounding) at each daily sample. */
  benchmark: readonly SeriesPoint[];
  /** "Portfolio Turnover": SmartRounding(sale volume since the previous daily sample / TPV), per daily sample but the first. */
  portfolioTurnover: readonly SeriesPoint[];
}

export interface CapacityEstimate {
  capacity: DecimalLike;
  /** The lowest-capacity asset's security identifier string (e.g. "SPY R735QTJ8XC9X"); "" if none. */
  lowestCapacityAsset: string;
}

export interface StatisticsInput extends StatisticsSeries {
  /** Starting portfolio value (LEAN's `StartingPortfolioValue`; after warm-up, the re-captured value). */
  startingCapital: DecimalLike;
  /** `Portfolio.TotalFees` in the account currency. */
  totalFees: DecimalLike;
  /** Number of orders (LEAN's `TransactionHandler.OrdersCount`, exercise and assignment orders included). */
  totalOrders: number;
  /** Closed trades in the order they were recorded. */
  trades: readonly TransactionRecordEntry[];
  /**
   * Annual risk-free rate (0.0075 = 0.75%) in force on a UTC calendar date, given as the epoch ms of that date's
   * 00:00 UTC (LEAN's `InterestRateProvider.GetInterestRate(date)`; its default when the file is missing is 0.01).
   */
  riskFreeRate: (utcDateMs: number) => DecimalLike;
  /** 252 unless the brokerage says otherwise (365 for crypto brokerages). */
  tradingDaysPerYear?: number;
  /** "$" for USD. */
  accountCurrencySymbol?: string;
  /** LEAN's capacity model output. Without it the two capacity lines are left out rather than printed as "$0". */
  capacity?: CapacityEstimate;
}

export interface StatisticsResult {
  /** LEAN's summary statistics, in LEAN's order. Empty when no equity was ever sampled (as LEAN). */
  summary: Map<string, string>;
  /** The values behind the summary (LEAN's `TotalPerformance.PortfolioStatistics`); undefined without equity. */
  portfolioStatistics?: PortfolioStatistics;
}

export class StatisticsError extends Error {
  constructor(message: string) {
    super(`StatisticsError: ${message}`);
    this.name = "StatisticsError";
  }
}

/** `ChartPointToDictionary`: time-sorted, one value per time (the last one added wins). */
export function toSortedSeries(points: readonly SeriesPoint[]): TimedDecimal[] {
  const byTime = new Map<number, NetDecimal>();
  for (const point of points) byTime.set(point.time, NetDecimal.from(point.value));
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time, value }));
}

/**
 * `StatisticsBuilder.CreateBenchmarkDifferences`: daily benchmark returns, `(double)((value - previous) / previous)`
 * (0 after a zero level), with the first return dropped to line up with the performance series.
 */
export function createBenchmarkDifferences(points: readonly TimedDecimal[]): number[] {
  const result: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const previous = points[i - 1].value;
    const delta = previous.isZero() ? 0 : points[i].value.subtract(previous).divide(previous).toDouble();
    if (i >= 2) result.push(delta);
  }
  return result;
}

/** `StatisticsBuilder.PreprocessPerformanceValues`: drops day 0 and day 1, percent → fraction, as doubles. */
export function preprocessPerformanceValues(points: readonly TimedDecimal[]): number[] {
  return points.slice(2).map((point) => point.value.divide(NetDecimal.HUNDRED).toDouble());
}

const MS_PER_DAY = 86_400_000;

/** `IRiskFreeInterestRateModel.GetAverageRiskFreeRate(equity keys)`: decimal average of the rate on each key's UTC date. */
export function averageRiskFreeRate(times: readonly number[], rateOn: (utcDateMs: number) => DecimalLike): NetDecimal {
  if (times.length === 0) return NetDecimal.ZERO;
  const cache = new Map<number, NetDecimal>();
  let sum = NetDecimal.ZERO;
  for (const time of times) {
    const date = Math.floor(time / MS_PER_DAY) * MS_PER_DAY;
    let rate = cache.get(date);
    if (rate === undefined) {
      rate = NetDecimal.from(rateOn(date));
      cache.set(date, rate);
    }
    sum = sum.add(rate);
  }
  return sum.divide(NetDecimal.fromInteger(times.length));
}

/** `SecurityTransactionManager.AddTransactionRecord` keys: a time already taken moves 1 ms later. Returns P&L in key order. */
export function orderTransactionRecord(trades: readonly TransactionRecordEntry[]): { time: number; profitLoss: NetDecimal; isWin: boolean }[] {
  const byTime = new Map<number, { time: number; profitLoss: NetDecimal; isWin: boolean }>();
  for (const trade of trades) {
    let time = trade.time;
    while (byTime.has(time)) time += 1;
    byTime.set(time, { time, profitLoss: NetDecimal.from(trade.profitLoss), isWin: trade.isWin });
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

const percent = (value: NetDecimal, decimals: number): string => `${value.safeMultiply100().round(decimals).toString()}%`;
const ratio = (value: NetDecimal): string => formatRatio(value.toDouble());

/** `StatisticsBuilder.GetSummary`. */
export function formatSummary(
  statistics: PortfolioStatistics,
  totals: { totalFees: NetDecimal; totalOrders: number; accountCurrencySymbol: string; capacity?: CapacityEstimate },
): Map<string, string> {
  const m = PerformanceMetrics;
  const s = statistics;
  const summary = new Map<string, string>();
  summary.set(m.TotalOrders, String(totals.totalOrders));
  summary.set(m.AverageWin, percent(s.averageWinRate, 2));
  summary.set(m.AverageLoss, percent(s.averageLossRate, 2));
  summary.set(m.CompoundingAnnualReturn, percent(s.compoundingAnnualReturn, 3));
  summary.set(m.Drawdown, percent(s.drawdown, 3));
  summary.set(m.Expectancy, s.expectancy.round(3).toString());
  summary.set(m.StartEquity, s.startEquity.round(2).toString());
  summary.set(m.EndEquity, s.endEquity.round(2).toString());
  summary.set(m.NetProfit, percent(s.totalNetProfit, 3));
  summary.set(m.SharpeRatio, ratio(s.sharpeRatio));
  summary.set(m.SortinoRatio, ratio(s.sortinoRatio));
  summary.set(m.ProbabilisticSharpeRatio, percent(s.probabilisticSharpeRatio, 3));
  summary.set(m.LossRate, percent(s.lossRate, 0));
  summary.set(m.WinRate, percent(s.winRate, 0));
  summary.set(m.ProfitLossRatio, s.profitLossRatio.round(2).toString());
  summary.set(m.Alpha, ratio(s.alpha));
  summary.set(m.Beta, ratio(s.beta));
  summary.set(m.AnnualStandardDeviation, ratio(s.annualStandardDeviation));
  summary.set(m.AnnualVariance, ratio(s.annualVariance));
  summary.set(m.InformationRatio, ratio(s.informationRatio));
  summary.set(m.TrackingError, ratio(s.trackingError));
  summary.set(m.TreynorRatio, ratio(s.treynorRatio));
  summary.set(m.TotalFees, totals.accountCurrencySymbol + totals.totalFees.toFixed2());
  if (totals.capacity) {
    const capacity = NetDecimal.from(totals.capacity.capacity).roundToSignificantDigits(2);
    summary.set(m.EstimatedStrategyCapacity, totals.accountCurrencySymbol + capacity.toString());
    summary.set(m.LowestCapacityAsset, totals.capacity.lowestCapacityAsset);
  }
  summary.set(m.PortfolioTurnover, percent(s.portfolioTurnover, 2));
  summary.set(m.DrawdownRecovery, String(s.drawdownRecovery));
  return summary;
}

/** LEAN's `StatisticsBuilder.Generate` for the whole run (the rolling-window performances are not produced). */
export function generateStatistics(input: StatisticsInput): StatisticsResult {
  const equity = toSortedSeries(input.equity);
  if (equity.length === 0) return { summary: new Map() };

  const performance = toSortedSeries(input.performance);
  const benchmark = toSortedSeries(input.benchmark);
  if (benchmark.length !== performance.length) {
    throw new StatisticsError(
      `benchmark and performance series have ${Math.abs(benchmark.length - performance.length)} misaligned values ` +
        `(${benchmark.length} benchmark samples, ${performance.length} performance samples)`,
    );
  }
  const trades = orderTransactionRecord(input.trades);
  const tradingDaysPerYear = input.tradingDaysPerYear ?? 252;
  const portfolioStatistics = computePortfolioStatistics({
    profitLoss: trades.map((trade) => trade.profitLoss),
    equity,
    portfolioTurnover: toSortedSeries(input.portfolioTurnover).map((point) => point.value),
    performance: preprocessPerformanceValues(performance),
    benchmark: createBenchmarkDifferences(benchmark),
    startingCapital: NetDecimal.from(input.startingCapital),
    riskFreeRate: averageRiskFreeRate(
      equity.map((point) => point.time),
      input.riskFreeRate,
    ),
    tradingDaysPerYear,
    winCount: trades.filter((trade) => trade.isWin).length,
    lossCount: trades.filter((trade) => !trade.isWin).length,
  });
  const summary = formatSummary(portfolioStatistics, {
    totalFees: NetDecimal.from(input.totalFees),
    totalOrders: input.totalOrders,
    accountCurrencySymbol: input.accountCurrencySymbol ?? "$",
    capacity: input.capacity,
  });
  return { summary, portfolioStatistics };
}

/** The summary LEAN prints at the end of a backtest, in LEAN's order. */
export function computeStatistics(input: StatisticsInput): Map<string, string> {
  return generateStatistics(input).summary;
}
