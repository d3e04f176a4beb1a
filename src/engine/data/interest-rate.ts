/**
 * LEAN's default risk-free rate (InterestRateProvider): `alternative/interest-rate/usa/interest-rate.csv`,
 * header `DATE,PCREDIT8`, rows `yyyy-MM-dd,percent`. The rate is the percent / 100, a step
 * function: each row's rate holds from its date until the next row; dates before the first row
 * take the first rate; without the file every date gets 1% (LEAN's DefaultRiskFreeRate = 0.01).
 * Lookups are a binary search over an Int32Array of dates, with the last answer cached.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DateTime } from "luxon";
import { isoDateToYyyymmdd } from "./calendar-days.ts";
import { DataFormatError } from "./errors.ts";
import { interestRatePath } from "./lean-paths.ts";

export const DEFAULT_RISK_FREE_RATE = 0.01;

export class InterestRateProvider {
  private readonly dates: Int32Array;
  private readonly rates: Float64Array;
  private cacheFrom = 1;
  private cacheTo = 0;
  private cacheRate = DEFAULT_RISK_FREE_RATE;

  /** Rows sorted by date; rate as a fraction (0.0075 for 0.75%). Empty = the 1% fallback. */
  constructor(rows: readonly { date: number; rate: number }[] = []) {
    const sorted = [...rows].sort((a, b) => a.date - b.date);
    this.dates = Int32Array.from(sorted, (r) => r.date);
    this.rates = Float64Array.from(sorted, (r) => r.rate);
  }

  static parse(text: string, file = "<interest rate file>"): InterestRateProvider {
    const rows: { date: number; rate: number }[] = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === "" || (i === 0 && /^date\b/i.test(line))) continue;
      const parts = line.split(",");
      if (parts.length < 2) throw new DataFormatError(file, i + 1, `expected 2 fields, got ${parts.length}`);
      const date = isoDateToYyyymmdd(parts[0].trim());
      if (Number.isNaN(date)) throw new DataFormatError(file, i + 1, `invalid date "${parts[0].trim()}" (expected yyyy-MM-dd)`);
      const percent = parts[1].trim() === "" ? NaN : Number(parts[1]);
      if (!Number.isFinite(percent)) throw new DataFormatError(file, i + 1, `invalid rate "${parts[1].trim()}"`);
      rows.push({ date, rate: percent / 100 });
    }
    return new InterestRateProvider(rows);
  }

  /** The provider from a LEAN data folder; the 1% fallback when the file is missing. */
  static load(dataFolder: string, market = "usa"): InterestRateProvider {
    const rel = interestRatePath(market);
    const path = join(dataFolder, rel);
    if (!existsSync(path)) return new InterestRateProvider();
    return InterestRateProvider.parse(readFileSync(path, "utf8"), rel);
  }

  /** True when rates come from a file (false: the 1% fallback). */
  get hasData(): boolean {
    return this.dates.length > 0;
  }

  /** The rate (a fraction, 0.0075 = 0.75%) in force on `date` (yyyymmdd). */
  getInterestRate(date: number): number {
    if (date >= this.cacheFrom && date < this.cacheTo) return this.cacheRate;
    const dates = this.dates;
    const n = dates.length;
    if (n === 0) return DEFAULT_RISK_FREE_RATE;
    // Last row with dates[i] <= date.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (dates[mid] <= date) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < 0) {
      this.cacheFrom = -Infinity;
      this.cacheTo = dates[0];
      this.cacheRate = this.rates[0];
    } else {
      this.cacheFrom = dates[i];
      this.cacheTo = i + 1 < n ? dates[i + 1] : Infinity;
      this.cacheRate = this.rates[i];
    }
    return this.cacheRate;
  }

  /** The rate on the local date of an instant in `zone` (default New York). */
  getInterestRateAt(epochMs: number, zone = "America/New_York"): number {
    const local = DateTime.fromMillis(epochMs, { zone });
    return this.getInterestRate(local.year * 10000 + local.month * 100 + local.day);
  }
}
