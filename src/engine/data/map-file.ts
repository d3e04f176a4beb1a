/**
 * LEAN map files (`equity/usa/map_files/<ticker>.csv`): `yyyyMMdd,ticker,primaryExchange[,dataMappingMode]`.
 * Each row's ticker is in force up to and including its date (MapFile.GetMappedSymbol: the first
 * row whose date >= the search date); the first row is the listing date and 20501231 means
 * still listed. Past the last row the security is delisted: no ticker.
 */
import { existsSync, readFileSync } from "node:fs";
import type { DirectoryListings } from "./directory-listings.ts";
import { join } from "node:path";
import { DataFormatError } from "./errors.ts";
import { parseYyyymmdd } from "./factor-file.ts";
import { mapFilePath } from "./lean-paths.ts";

export interface MapFileRow {
  date: number;
  ticker: string;
  primaryExchange: string;
  dataMappingMode?: string;
}

export class MapFile {
  readonly rows: readonly MapFileRow[];
  private readonly dates: Int32Array;

  constructor(rows: readonly MapFileRow[]) {
    this.rows = [...rows].sort((a, b) => a.date - b.date);
    this.dates = Int32Array.from(this.rows, (r) => r.date);
  }

  static parse(text: string, file = "<map file>"): MapFile {
    const rows: MapFileRow[] = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === "" || line.startsWith("#")) continue;
      const parts = line.split(",");
      if (parts.length < 2) throw new DataFormatError(file, i + 1, `expected at least 2 fields, got ${parts.length}`);
      const ticker = parts[1].trim().toLowerCase();
      if (ticker === "") throw new DataFormatError(file, i + 1, "empty ticker");
      const row: MapFileRow = { date: parseYyyymmdd(parts[0], file, i + 1), ticker, primaryExchange: (parts[2] ?? "").trim() };
      if (parts.length > 3 && parts[3].trim() !== "") row.dataMappingMode = parts[3].trim();
      rows.push(row);
    }
    return new MapFile(rows);
  }

  /** The ticker's map file under `dataFolder`, or null when there is none (looked up in `listings` when given). */
  static load(dataFolder: string, ticker: string, market = "usa", securityType: "equity" | "option" = "equity", listings?: DirectoryListings): MapFile | null {
    const rel = mapFilePath(ticker, market, securityType);
    const path = join(dataFolder, rel);
    if (!(listings ? listings.has(path) : existsSync(path))) return null;
    return MapFile.parse(readFileSync(path, "utf8"), rel);
  }

  get firstDate(): number | undefined {
    return this.rows[0]?.date;
  }

  get lastDate(): number | undefined {
    return this.rows[this.rows.length - 1]?.date;
  }

  /** The ticker in force on `date` (yyyymmdd), or undefined after the last row (delisted). */
  getMappedSymbol(date: number): string | undefined {
    const dates = this.dates;
    let lo = 0;
    let hi = dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (dates[mid] < date) lo = mid + 1;
      else hi = mid;
    }
    return lo < dates.length ? this.rows[lo].ticker : undefined;
  }
}
