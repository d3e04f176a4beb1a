/**
 * LEAN's backtest statistics: the sampler the engine drives during the run, and the pure functions that turn
 * the sampled series into LEAN's summary (names, order and digits as LEAN prints them).
 */
export { StatisticsSampler, resamplePeriodMs, type StatisticsSamplerOptions } from "./sampler.ts";
export {
  PerformanceMetrics,
  StatisticsError,
  averageRiskFreeRate,
  computeStatistics,
  createBenchmarkDifferences,
  formatSummary,
  generateStatistics,
  orderTransactionRecord,
  preprocessPerformanceValues,
  toSortedSeries,
  type CapacityEstimate,
  type SeriesPoint,
  type StatisticsInput,
  type StatisticsResult,
  type StatisticsSeries,
  type TransactionRecordEntry,
} from "./statistics-builder.ts";
export {
  annualPerformance,
  annualVariance,
  compoundingAnnualPerformance,
  computePortfolioStatistics,
  observedSharpeRatio,
  probabilisticSharpeRatio,
  trackingError,
  type PortfolioStatistics,
  type PortfolioStatisticsInput,
  type TimedDecimal,
} from "./portfolio-statistics.ts";
export { calculateDrawdownMetrics, type DrawdownMetrics } from "./drawdown.ts";
export { NetDecimal, DecimalOverflowError, DivideByZeroError, roundHalfEvenToInteger, type DecimalLike } from "./net-decimal.ts";
export { formatDouble, formatRatio, roundDouble } from "./dotnet-format.ts";
export { average, covariance, erfc, kurtosis, normalCdf, pow, skewness, standardDeviation, variance, RunningMoments } from "./math.ts";
