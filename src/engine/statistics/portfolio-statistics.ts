/**
 * LEAN's `PortfolioStatistics`: every figure of the summary that depends on the equity curve, the daily
 * performance and benchmark returns and the closed-trade record. Values are kept as LEAN keeps them (decimals
 * with their .NET scale, computed in the same mix of decimal and double arithmetic), because the summary prints
 * them with `Math.Round` and `ToString`, where the type and the scale decide the digits.
 * Pure: takes the prepared series, knows nothing of sampling or of the engine.
 */
import { calculateDrawdownMetrics } from "./drawdown.ts";
import { average, covariance, kurtosis, normalCdf, pow, skewness, standardDeviation, variance } from "./math.ts";
import { NetDecimal } from "./net-decimal.ts";

export interface TimedDecimal {
  /** Epoch milliseconds, UTC. */
  time: number;
  value: NetDecimal;
}

export interface PortfolioStatisticsInput {
  /** Closed-trade profit and loss (LEAN's `TransactionRecord`), in time order. */
  profitLoss: readonly NetDecimal[];
  /** Equity curve (candle closes), time-ordered, one value per time. */
  equity: readonly TimedDecimal[];
  /** Portfolio turnover samples (fractions). */
  portfolioTurnover: readonly NetDecimal[];
  /** Daily algorithm returns after LEAN's preprocessing (first two samples dropped, divided by 100). */
  performance: readonly number[];
  /** Daily benchmark returns after LEAN's preprocessing (first difference dropped). */
  benchmark: readonly number[];
  startingCapital: NetDecimal;
  /** `GetAverageRiskFreeRate(equity keys)`: the average annual risk-free rate (0.0075 = 0.75%). */
  riskFreeRate: NetDecimal;
  tradingDaysPerYear: number;
  /** Number of winning / losing transactions from the IsWin flags (options exercise may differ from the P&L sign). */
  winCount?: number;
  lossCount?: number;
}

export interface PortfolioStatistics {
  averageWinRate: NetDecimal;
  averageLossRate: NetDecimal;
  profitLossRatio: NetDecimal;
  winRate: NetDecimal;
  lossRate: NetDecimal;
  expectancy: NetDecimal;
  startEquity: NetDecimal;
  endEquity: NetDecimal;
  compoundingAnnualReturn: NetDecimal;
  drawdown: NetDecimal;
  totalNetProfit: NetDecimal;
  sharpeRatio: NetDecimal;
  probabilisticSharpeRatio: NetDecimal;
  sortinoRatio: NetDecimal;
  alpha: NetDecimal;
  beta: NetDecimal;
  annualStandardDeviation: NetDecimal;
  annualVariance: NetDecimal;
  informationRatio: NetDecimal;
  trackingError: NetDecimal;
  treynorRatio: NetDecimal;
  portfolioTurnover: NetDecimal;
  drawdownRecovery: number;
}

const MS_PER_DAY = 86_400_000;
const DAYS_PER_YEAR = NetDecimal.fromInteger(365);

/** `Statistics.AnnualVariance`: sample variance × trading days, 0 when NaN or zero. */
export function annualVariance(performance: readonly number[], tradingDaysPerYear: number): number {
  const v = variance(performance);
  return Number.isNaN(v) || v === 0 ? 0 : v * tradingDaysPerYear;
}

/** `Statistics.AnnualPerformance`: (mean daily return + 1)^days - 1. */
export function annualPerformance(performance: readonly number[], tradingDaysPerYear: number): number {
  return pow(average(performance) + 1, tradingDaysPerYear) - 1;
}

/** `Statistics.CompoundingAnnualPerformance`. */
export function compoundingAnnualPerformance(start: NetDecimal, final: NetDecimal, years: NetDecimal): NetDecimal {
  if (years.isZero() || start.isZero()) return NetDecimal.ZERO;
  const power = 1 / years.toDouble();
  const baseNumber = final.toDouble() / start.toDouble();
  const result = pow(baseNumber, power) - 1;
  return Number.isFinite(result) ? NetDecimal.safeFromDouble(result) : NetDecimal.ZERO;
}

/** `Statistics.SharpeRatio(decimal, decimal, decimal)`: computed in double, cast back to decimal. */
function sharpe(annualReturn: NetDecimal, deviation: NetDecimal, riskFreeRate: NetDecimal): NetDecimal {
  const sd = deviation.toDouble();
  const value = sd === 0 ? 0 : (annualReturn.toDouble() - riskFreeRate.toDouble()) / sd;
  return NetDecimal.safeFromDouble(value);
}

/** `Statistics.TrackingError`. */
export function trackingError(algorithm: readonly number[], benchmark: readonly number[], tradingDaysPerYear: number): number {
  if (algorithm.length !== benchmark.length) return 0;
  const difference = algorithm.map((value, i) => value - benchmark[i]);
  return Math.sqrt(annualVariance(difference, tradingDaysPerYear));
}

/** `Statistics.ObservedSharpeRatio`: the daily (not annualised) Sharpe ratio. */
export function observedSharpeRatio(performance: readonly number[], riskFreeRate = 0): number {
  const excess = average(performance) - riskFreeRate;
  const sd = standardDeviation(performance);
  return Number.isNaN(sd) || sd === 0 ? 0 : excess / sd;
}

/**
 * `Statistics.ProbabilisticSharpeRatio` (LEAN #9583): σ_SR = sqrt((1 - γ3·SR + (γ4 - 1)/4·SR²)/(n - 1)) with γ4 the
 * excess kurtosis, PSR = Φ((SR - benchmark SR)/σ_SR); 0 when σ_SR is NaN, Φ(0) when it is 0.
 */
export function probabilisticSharpeRatio(performance: readonly number[], benchmarkSharpeRatio: number, riskFreeRate = 0): number {
  const observed = observedSharpeRatio(performance, riskFreeRate);
  const operandA = skewness(performance) * observed;
  // Math.Pow(x, 2) and Math.Pow(x, 0.5) are x*x and sqrt(x) when correctly rounded
  const operandB = ((kurtosis(performance) - 1) / 4) * (observed * observed);
  const estimateStandardDeviation = Math.sqrt((1 - operandA + operandB) / (performance.length - 1));
  if (Number.isNaN(estimateStandardDeviation)) return 0;
  const value = estimateStandardDeviation === 0 ? 0 : (observed - benchmarkSharpeRatio) / estimateStandardDeviation;
  return normalCdf(value);
}

/** `decimal.SafeDivision`: 0 when the denominator is zero. */
function safeDivision(numerator: NetDecimal, denominator: NetDecimal): NetDecimal {
  return denominator.isZero() ? NetDecimal.ZERO : numerator.divide(denominator);
}

/** The statistics a run with too few samples reports (LEAN's early return): everything 0 but the equities and turnover. */
function emptyStatistics(startEquity: NetDecimal, endEquity: NetDecimal, portfolioTurnover: NetDecimal): PortfolioStatistics {
  const zero = NetDecimal.ZERO;
  return {
    averageWinRate: zero,
    averageLossRate: zero,
    profitLossRatio: zero,
    winRate: zero,
    lossRate: zero,
    expectancy: zero,
    startEquity,
    endEquity,
    compoundingAnnualReturn: zero,
    drawdown: zero,
    totalNetProfit: zero,
    sharpeRatio: zero,
    probabilisticSharpeRatio: zero,
    sortinoRatio: zero,
    alpha: zero,
    beta: zero,
    annualStandardDeviation: zero,
    annualVariance: zero,
    informationRatio: zero,
    trackingError: zero,
    treynorRatio: zero,
    portfolioTurnover,
    drawdownRecovery: 0,
  };
}

/** LEAN's `PortfolioStatistics` constructor. */
export function computePortfolioStatistics(input: PortfolioStatisticsInput): PortfolioStatistics {
  const { equity, performance, benchmark, startingCapital, riskFreeRate, tradingDaysPerYear } = input;
  const startEquity = startingCapital;
  const endEquity = equity.length > 0 ? equity[equity.length - 1].value : NetDecimal.ZERO;

  let portfolioTurnover = NetDecimal.ZERO;
  if (input.portfolioTurnover.length > 0) {
    // LINQ Average over decimals: decimal sum / (decimal)count
    let sum = NetDecimal.ZERO;
    for (const value of input.portfolioTurnover) sum = sum.add(value);
    portfolioTurnover = sum.divide(NetDecimal.fromInteger(input.portfolioTurnover.length));
  }

  if (startingCapital.isZero() || benchmark.length < 2 || performance.length < 2) {
    return emptyStatistics(startEquity, endEquity, portfolioTurnover);
  }

  // trade rates: each P&L over the capital before it
  let runningCapital = startingCapital;
  let totalProfit = NetDecimal.ZERO;
  let totalLoss = NetDecimal.ZERO;
  let totalWins = 0;
  let totalLosses = 0;
  for (const tradeProfitLoss of input.profitLoss) {
    if (tradeProfitLoss.sign() > 0) {
      totalProfit = totalProfit.add(tradeProfitLoss.divide(runningCapital));
      totalWins++;
    } else {
      totalLoss = totalLoss.add(tradeProfitLoss.divide(runningCapital));
      totalLosses++;
    }
    runningCapital = runningCapital.add(tradeProfitLoss);
  }
  const averageWinRate = totalWins === 0 ? NetDecimal.ZERO : totalProfit.divide(NetDecimal.fromInteger(totalWins));
  const averageLossRate = totalLosses === 0 ? NetDecimal.ZERO : totalLoss.divide(NetDecimal.fromInteger(totalLosses));
  const profitLossRatio = averageLossRate.isZero() ? NetDecimal.ZERO : averageWinRate.divide(averageLossRate.abs());

  if (input.winCount !== undefined && input.lossCount !== undefined) {
    totalWins = input.winCount;
    totalLosses = input.lossCount;
  }
  const totalTrades = totalWins + totalLosses;
  const winRate = totalTrades === 0 ? NetDecimal.ZERO : NetDecimal.fromInteger(totalWins).divide(NetDecimal.fromInteger(totalTrades));
  const lossRate = totalTrades === 0 ? NetDecimal.ZERO : NetDecimal.fromInteger(totalLosses).divide(NetDecimal.fromInteger(totalTrades));
  const expectancy = winRate.multiply(profitLossRatio).subtract(lossRate);

  const totalNetProfit = endEquity.divide(startingCapital).subtract(NetDecimal.ONE);

  // (decimal)TimeSpan.TotalDays / 365
  const spanDays = (equity[equity.length - 1].time - equity[0].time) / MS_PER_DAY;
  const fractionOfYears = NetDecimal.fromDouble(spanDays).divide(DAYS_PER_YEAR);
  const compoundingAnnualReturn = compoundingAnnualPerformance(startingCapital, endEquity, fractionOfYears);

  const annualVarianceValue = NetDecimal.safeFromDouble(annualVariance(performance, tradingDaysPerYear));
  const annualStandardDeviation = NetDecimal.fromDouble(Math.sqrt(annualVarianceValue.toDouble()));

  const benchmarkAnnualPerformance = NetDecimal.safeFromDouble(annualPerformance(benchmark, tradingDaysPerYear));
  const annualPerformanceValue = NetDecimal.safeFromDouble(annualPerformance(performance, tradingDaysPerYear));

  const sharpeRatio = annualStandardDeviation.isZero()
    ? NetDecimal.ZERO
    : sharpe(annualPerformanceValue, annualStandardDeviation, riskFreeRate);

  const downside = performance.filter((value) => value < 0);
  const annualDownsideDeviation = NetDecimal.safeFromDouble(Math.sqrt(annualVariance(downside, tradingDaysPerYear)));
  const sortinoRatio = annualDownsideDeviation.isZero()
    ? NetDecimal.ZERO
    : sharpe(annualPerformanceValue, annualDownsideDeviation, riskFreeRate);

  const benchmarkVariance = variance(benchmark);
  const beta =
    Number.isNaN(benchmarkVariance) || benchmarkVariance === 0
      ? NetDecimal.ZERO
      : NetDecimal.fromDouble(covariance(performance, benchmark) / benchmarkVariance);

  const alpha = beta.isZero()
    ? NetDecimal.ZERO
    : annualPerformanceValue.subtract(riskFreeRate.add(beta.multiply(benchmarkAnnualPerformance.subtract(riskFreeRate))));

  const trackingErrorValue = NetDecimal.fromDouble(trackingError(performance, benchmark, tradingDaysPerYear));

  const informationRatio = trackingErrorValue.isZero()
    ? NetDecimal.ZERO
    : safeDivision(
        NetDecimal.safeFromDouble(annualPerformanceValue.toDouble() - benchmarkAnnualPerformance.toDouble()),
        trackingErrorValue,
      );

  const treynorRatio = beta.isZero()
    ? NetDecimal.ZERO
    : safeDivision(NetDecimal.safeFromDouble(annualPerformanceValue.toDouble() - riskFreeRate.toDouble()), beta);

  // a Sharpe ratio of 1, de-annualised
  const benchmarkSharpeRatio = 1.0 / Math.sqrt(tradingDaysPerYear);
  const probabilisticSharpeRatioValue = NetDecimal.safeFromDouble(
    probabilisticSharpeRatio(performance, benchmarkSharpeRatio, riskFreeRate.toDouble() / tradingDaysPerYear),
  );

  const drawdownMetrics = calculateDrawdownMetrics(equity, 3);

  return {
    averageWinRate,
    averageLossRate,
    profitLossRatio,
    winRate,
    lossRate,
    expectancy,
    startEquity,
    endEquity,
    compoundingAnnualReturn,
    drawdown: drawdownMetrics.drawdown,
    totalNetProfit,
    sharpeRatio,
    probabilisticSharpeRatio: probabilisticSharpeRatioValue,
    sortinoRatio,
    alpha,
    beta,
    annualStandardDeviation,
    annualVariance: annualVarianceValue,
    informationRatio,
    trackingError: trackingErrorValue,
    treynorRatio,
    portfolioTurnover,
    drawdownRecovery: drawdownMetrics.drawdownRecovery,
  };
}
