/**
 * LEAN's statistics sampling (BaseResultsHandler.Sample, BacktestingResultHandler.ProcessSynchronousEvents and
 * Sample, AlgorithmManager's "Daily Sampling" event and final sample), as a small state machine the engine drives.
 * It owns every sampling rule: which points are kept, the 4-decimal equity candles, the 10-decimal daily
 * performance, the turnover window, the resample period, and the SmartRounding that LEAN's ChartPoint and
 * Candlestick setters apply to every stored value (trailing zeros removed; 4 decimals above 1000, else 7
 * significant digits), which the statistics then read. The engine only calls:
 *
 * - `sampleDaily(time, tpv, benchmarkPrice)` at every time in `dailySampleTimes()` (00:00 of every calendar day
 *   from the start date to the end date in the algorithm time zone, weekends and holidays included), as LEAN's
 *   scheduled "Daily Sampling" event fires: when the first time slice later than that midnight is processed,
 *   before that slice's prices are applied and before any of its fills (realtime.ScanPastEvents), so the TPV is
 *   the one left by the previous slice; several pending midnights fire in order with the same TPV. If a slice's
 *   time equals the midnight exactly, it fires after the slice's prices are applied and its resting orders are
 *   filled, before OnData (realtime.SetTime). Midnights after the last processed slice never fire. A time pulse
 *   (a slice without data) also fires the pending midnights (ScanPastEvents runs before the pulse check) but
 *   takes no equity sample and does not run SetTime. Among events due at the same time, "Daily Sampling" comes
 *   after the user's events created in Initialize (LEAN orders by time, then by creation).
 * - `sampleEquity(time, tpv)` at the end of every time slice that is not a time pulse (after OnData, the market
 *   orders it filled and the other end-of-slice work, where AlgorithmManager calls
 *   results.ProcessSynchronousEvents()), time = the slice time. Call it for every slice: the sampler keeps a
 *   point only when time > the previous resample time + max(4 min, (end date - start date) / 4000).
 * - `final(time, tpv, benchmarkPrice)` once after the loop and OnEndOfAlgorithm, time = the last processed slice
 *   time (results.ProcessSynchronousEvents(forceProcess: true) then results.Sample(time)).
 * - `recordSale(value)` for every fill, with |fill quantity| × fill price × contract multiplier in the account
 *   currency (SecurityHolding.AddNewSale), buys and sells alike.
 * - `onWarmupFinished(tpv)` when warm-up ends, if the sampler was created with `warmingUp: true`.
 *
 * Times are epoch ms UTC. `tpv` is Portfolio.TotalPortfolioValue, unrounded (a decimal.js value is fine: the
 * stored points are normalised, so the .NET scale of the TPV never shows); `benchmarkPrice` the benchmark
 * security's price (Benchmark.Evaluate = Security.Price × quote-currency rate, 0 before its first data).
 * A point whose time is not later than the series' last point is dropped, as LEAN's chart sampling does
 * (turnover points are always added, and the later one at a time wins).
 */
import { DateTime } from "luxon";
import { NetDecimal, type DecimalLike } from "./net-decimal.ts";
import type { SeriesPoint, StatisticsSeries } from "./statistics-builder.ts";

export interface StatisticsSamplerOptions {
  /** Starting portfolio value (SetCash), e.g. 100000 (prints "100000") or "100000.00" (prints "100000.00"). */
  startingCapital: DecimalLike;
  /** SetStartDate, "yyyy-MM-dd" in the algorithm time zone. */
  startDate: string;
  /** SetEndDate, "yyyy-MM-dd" in the algorithm time zone. */
  endDate: string;
  /** Algorithm time zone (IANA), "America/New_York" by default as in LEAN. */
  timeZone?: string;
  /** True while the algorithm warms up: samples update the state but add no points (LEAN's IsWarmingUp). */
  warmingUp?: boolean;
}

const SAMPLES = 4000;
const MINIMUM_SAMPLE_PERIOD_MINUTES = 4;
const TICKS_PER_MINUTE = 600_000_000;
const TICKS_PER_DAY = 864_000_000_000;
const TICKS_PER_MS = 10_000;
const EQUITY_DECIMALS = 4;
const PERFORMANCE_DECIMALS = 10;

interface Point {
  time: number;
  value: NetDecimal;
}

export class StatisticsSampler {
  readonly timeZone: string;
  /** Start date 00:00 in the algorithm time zone, epoch ms UTC (LEAN's StartDate converted to UTC). */
  readonly startTime: number;
  /** Resample period of the intraday equity samples in ms (may be fractional: LEAN's TimeSpan has 100 ns ticks). */
  readonly resamplePeriodMs: number;

  private startingPortfolioValue: NetDecimal;
  private dailyPortfolioValue: NetDecimal;
  private totalSaleVolume = NetDecimal.ZERO;
  /** RollingWindow<decimal>(2) of total sale volume at the turnover samples: [latest, previous]. */
  private previousSalesVolume: NetDecimal[] = [NetDecimal.ZERO];
  private previousTurnoverSampleTime: number | undefined;
  private nextSample = -Infinity;
  private warmingUp: boolean;
  private readonly startDate: string;
  private readonly endDate: string;

  private readonly equity: Point[] = [];
  private readonly performance: Point[] = [];
  private readonly benchmark: Point[] = [];
  private readonly portfolioTurnover: Point[] = [];

  constructor(options: StatisticsSamplerOptions) {
    this.timeZone = options.timeZone ?? "America/New_York";
    this.startDate = options.startDate;
    this.endDate = options.endDate;
    const start = parseDate(options.startDate, this.timeZone);
    const end = parseDate(options.endDate, this.timeZone);
    if (end < start) {
      throw new RangeError(`StatisticsSampler: end date ${options.endDate} is before start date ${options.startDate}`);
    }
    this.startTime = start.toMillis();
    this.resamplePeriodMs = resamplePeriodMs(options.startDate, options.endDate);
    this.startingPortfolioValue = NetDecimal.from(options.startingCapital);
    this.dailyPortfolioValue = this.startingPortfolioValue;
    this.warmingUp = options.warmingUp ?? false;
  }

  /** The starting capital the statistics must use (re-captured after warm-up, as LEAN). */
  get startingCapital(): NetDecimal {
    return this.startingPortfolioValue;
  }

  /** Total sale volume recorded so far (LEAN's Portfolio.TotalSaleVolume). */
  get saleVolume(): NetDecimal {
    return this.totalSaleVolume;
  }

  /** UTC epoch ms of 00:00 (algorithm time zone) of every calendar day from the start date to the end date. */
  dailySampleTimes(): number[] {
    const times: number[] = [];
    const end = parseDate(this.endDate, this.timeZone);
    for (let day = parseDate(this.startDate, this.timeZone); day <= end; day = day.plus({ days: 1 }).startOf("day")) {
      times.push(day.toMillis());
    }
    return times;
  }

  /** LEAN's daily `Sample(time)`: equity, benchmark, daily performance and turnover at one time. */
  sampleDaily(time: number, totalPortfolioValue: DecimalLike, benchmarkPrice: DecimalLike): void {
    const current = NetDecimal.from(totalPortfolioValue);
    const performance = this.dailyPortfolioValue.isZero()
      ? NetDecimal.ZERO
      : current
          .subtract(this.dailyPortfolioValue)
          .multiply(NetDecimal.HUNDRED)
          .divide(this.dailyPortfolioValue)
          .round(PERFORMANCE_DECIMALS);
    this.addPoint(this.equity, time, current.round(EQUITY_DECIMALS));
    // UpdateBenchmarkValue applies SmartRounding, and so does the chart point
    this.addPoint(this.benchmark, time, NetDecimal.from(benchmarkPrice).smartRounding());
    this.addPoint(this.performance, time, performance);
    this.samplePortfolioTurnover(time, current);
    this.dailyPortfolioValue = current;
  }

  /** LEAN's `ProcessSynchronousEvents()` at the end of a time slice: an equity point once per resample period. */
  sampleEquity(time: number, totalPortfolioValue: DecimalLike): void {
    if (time > this.nextSample) {
      this.nextSample = time + this.resamplePeriodMs;
      this.addPoint(this.equity, time, NetDecimal.from(totalPortfolioValue).round(EQUITY_DECIMALS));
    }
  }

  /** End of the run: the forced equity sample, then the final daily `Sample(time)`. */
  final(time: number, totalPortfolioValue: DecimalLike, benchmarkPrice: DecimalLike): void {
    this.nextSample = time + this.resamplePeriodMs;
    this.addPoint(this.equity, time, NetDecimal.from(totalPortfolioValue).round(EQUITY_DECIMALS));
    this.sampleDaily(time, totalPortfolioValue, benchmarkPrice);
  }

  /** A fill's sale value in the account currency (|quantity| × price × multiplier), buys and sells alike. */
  recordSale(saleValue: DecimalLike): void {
    this.totalSaleVolume = this.totalSaleVolume.add(NetDecimal.from(saleValue).abs());
  }

  /** LEAN's `OnWarmupFinished`: points are kept from now on; the starting and daily values are re-captured. */
  onWarmupFinished(totalPortfolioValue: DecimalLike): void {
    const current = NetDecimal.from(totalPortfolioValue);
    if (!this.dailyPortfolioValue.equals(current)) this.dailyPortfolioValue = current;
    if (!this.startingPortfolioValue.equals(current)) this.startingPortfolioValue = current;
    this.warmingUp = false;
  }

  /** The series for `computeStatistics`, as LEAN's charts hold them. */
  series(): StatisticsSeries {
    const copy = (points: Point[]): SeriesPoint[] => points.map((point) => ({ time: point.time, value: point.value }));
    return {
      equity: copy(this.equity),
      performance: copy(this.performance),
      benchmark: copy(this.benchmark),
      portfolioTurnover: copy(this.portfolioTurnover),
    };
  }

  private samplePortfolioTurnover(time: number, current: NetDecimal): void {
    if (current.isZero()) return;
    // the sample at the start date's midnight comes before any trading day: LEAN skips it
    if (time === this.startTime) return;
    const previous =
      this.previousTurnoverSampleTime === time ? this.previousSalesVolume[1] : this.previousSalesVolume[0];
    const turnover = this.totalSaleVolume.subtract(previous).divide(current);
    this.previousSalesVolume = [this.totalSaleVolume, this.previousSalesVolume[0]];
    this.previousTurnoverSampleTime = time;
    // chart points always take the latest turnover value at a time (no time check), SmartRounding'ed
    if (!this.warmingUp) this.portfolioTurnover.push({ time, value: turnover.smartRounding() });
  }

  /** LEAN's chart `Sample`: skipped while warming up, dropped unless later than the last point; values SmartRounding'ed. */
  private addPoint(series: Point[], time: number, value: NetDecimal): void {
    if (this.warmingUp) return;
    // ChartPoint.y and Candlestick OHLC setters apply SmartRounding (trailing zeros removed, 4 decimals above
    // 1000, else 7 significant digits): the statistics read these rounded values
    if (series.length === 0 || time > series[series.length - 1].time) series.push({ time, value: value.smartRounding() });
  }
}

function parseDate(date: string, zone: string): DateTime {
  const parsed = DateTime.fromISO(date, { zone });
  if (!parsed.isValid) throw new RangeError(`StatisticsSampler: invalid date "${date}" in zone ${zone}: ${parsed.invalidExplanation}`);
  return parsed.startOf("day");
}

/**
 * BacktestingResultHandler.SetAlgorithm: (EndDate - StartDate) in minutes, EndDate being the end date's last tick
 * (23:59:59.9999999), wall-clock in the algorithm zone; 4 minutes if that is under 4 × 4000 minutes, else a
 * 4000th of it; TimeSpan.FromMinutes truncates to 100 ns ticks.
 */
export function resamplePeriodMs(startDate: string, endDate: string): number {
  const days = DateTime.fromISO(endDate, { zone: "utc" }).diff(DateTime.fromISO(startDate, { zone: "utc" }), "days").days;
  const totalTicks = (Math.round(days) + 1) * TICKS_PER_DAY - 1;
  const totalMinutes = totalTicks / TICKS_PER_MINUTE;
  const minutes = totalMinutes < MINIMUM_SAMPLE_PERIOD_MINUTES * SAMPLES ? MINIMUM_SAMPLE_PERIOD_MINUTES : totalMinutes / SAMPLES;
  return Math.trunc(minutes * TICKS_PER_MINUTE) / TICKS_PER_MS;
}
