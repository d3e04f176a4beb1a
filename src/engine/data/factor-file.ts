/**
 * LEAN factor files (`equity/usa/factor_files/<ticker>.csv`): `yyyyMMdd,priceFactor,splitFactor[,referencePrice]`.
 * The factor for a bar on date d is the row with the smallest date on or after d (LEAN's
 * CorporateFactorProvider.GetPriceFactor); after the last row, or without a file, the factor is 1.
 * Rows containing `inf` or `e+` are skipped, as are rows whose priceFactor × splitFactor is 0.
 * Knows nothing of bars or files other than its own.
 */
import { existsSync, readFileSync } from "node:fs";
import type { DirectoryListings } from "./directory-listings.ts";
import { join } from "node:path";
import { DataFormatError, DataNotSupportedError } from "./errors.ts";
import { factorFilePath } from "./lean-paths.ts";
import { DataNormalizationMode } from "./normalization.ts";

export interface FactorRow {
  date: number;
  priceFactor: number;
  splitFactor: number;
  referencePrice: number;
}

export class FactorFile {
  readonly rows: readonly FactorRow[];
  private readonly dates: Int32Array;
  private readonly adjusted: Float64Array;
  private readonly split: Float64Array;

  constructor(rows: readonly FactorRow[]) {
    this.rows = [...rows].sort((a, b) => a.date - b.date);
    this.dates = Int32Array.from(this.rows, (r) => r.date);
    this.adjusted = Float64Array.from(this.rows, (r) => r.priceFactor * r.splitFactor);
    this.split = Float64Array.from(this.rows, (r) => r.splitFactor);
  }

  /** Parses a factor file's text; `file` names it in errors. */
  static parse(text: string, file = "<factor file>"): FactorFile {
    const rows: FactorRow[] = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === "" || line.startsWith("#")) continue;
      if (line.includes("inf") || line.includes("e+")) continue;
      const parts = line.split(",");
      if (parts.length < 3) throw new DataFormatError(file, i + 1, `expected at least 3 fields, got ${parts.length}`);
      const date = parseYyyymmdd(parts[0], file, i + 1);
      const priceFactor = parseNumber(parts[1], "price factor", file, i + 1);
      const splitFactor = parseNumber(parts[2], "split factor", file, i + 1);
      const referencePrice = parts.length > 3 && parts[3].trim() !== "" ? parseNumber(parts[3], "reference price", file, i + 1) : 0;
      if (priceFactor * splitFactor === 0) continue;
      rows.push({ date, priceFactor, splitFactor, referencePrice });
    }
    return new FactorFile(rows);
  }

  /**
   * The ticker's factor file under `dataFolder`, or an empty one (factor 1) when there is none
   * (looked up in `listings` when given).
   */
  static load(dataFolder: string, ticker: string, market = "usa", listings?: DirectoryListings): FactorFile {
    const rel = factorFilePath(ticker, market);
    const path = join(dataFolder, rel);
    if (!(listings ? listings.has(path) : existsSync(path))) return new FactorFile([]);
    return FactorFile.parse(readFileSync(path, "utf8"), rel);
  }

  /** Index of the row with the smallest date >= `date`, or -1 past the last row. */
  private rowIndex(date: number): number {
    const dates = this.dates;
    let lo = 0;
    let hi = dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (dates[mid] < date) lo = mid + 1;
      else hi = mid;
    }
    return lo < dates.length ? lo : -1;
  }

  /** The factor that multiplies raw prices (and divides volumes) of a bar on `date` (yyyymmdd). */
  getPriceFactor(date: number, mode: DataNormalizationMode): number {
    switch (mode) {
      case DataNormalizationMode.Raw:
        return 1;
      case DataNormalizationMode.Adjusted: {
        const i = this.rowIndex(date);
        return i < 0 ? 1 : this.adjusted[i];
      }
      case DataNormalizationMode.SplitAdjusted: {
        const i = this.rowIndex(date);
        return i < 0 ? 1 : this.split[i];
      }
      default:
        throw new DataNotSupportedError(`data normalization mode ${mode} is not supported by the LEAN readers (use Raw, Adjusted or SplitAdjusted)`);
    }
  }
}

export function parseYyyymmdd(text: string, file: string, line: number): number {
  const t = text.trim();
  if (!/^\d{8}$/.test(t)) throw new DataFormatError(file, line, `invalid date "${t}" (expected yyyyMMdd)`);
  const value = Number(t);
  const month = Math.floor(value / 100) % 100;
  const day = value % 100;
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new DataFormatError(file, line, `invalid date "${t}"`);
  return value;
}

function parseNumber(text: string, what: string, file: string, line: number): number {
  const t = text.trim();
  const value = t === "" ? NaN : Number(t);
  if (!Number.isFinite(value)) throw new DataFormatError(file, line, `invalid ${what} "${t}"`);
  return value;
}
