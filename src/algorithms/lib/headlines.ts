// Reads a data folder's news file, `alternative/news/<ticker>/headlines.csv` (header
// `#time,source,headline`, time `yyyyMMdd HH:mm:ss` exchange-local, RFC 4180 quoting), into
// headlines with epoch-ms times, sorted by time. The generated data set writes this file
// (src/engine/datagen/headlines.ts); a user can drop in their own in the same format.
// Knows the file format and the time zone, nothing of the engine or the store.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { DataFileNotFoundError, DataFormatError } from "../../engine/data/errors.ts";
import { epochFromLocal } from "../../engine/time/index.ts";

export { DataFileNotFoundError, DataFormatError };

export interface NewsHeadline {
  /** publication time, epoch ms UTC */
  time: number;
  /** exchange-local date of publication, yyyymmdd */
  date: number;
  source: string;
  headline: string;
}

export interface ReadHeadlinesOptions {
  /** the exchange time zone the file's times are in (default America/New_York) */
  timeZone?: string;
}

/** The file's path relative to the data folder (ticker lower-case, as LEAN's paths). */
export function headlinesPath(ticker: string): string {
  return `alternative/news/${ticker.toLowerCase()}/headlines.csv`;
}

/**
 * Every headline of `ticker` in `dataFolder`, sorted by time (stable: rows with the same time keep
 * the file's order). Throws DataFileNotFoundError when the file is missing and DataFormatError
 * (file and line) for a malformed row.
 */
export function readHeadlines(dataFolder: string, ticker: string, options: ReadHeadlinesOptions = {}): NewsHeadline[] {
  const rel = headlinesPath(ticker);
  let text: string;
  try {
    text = readFileSync(join(dataFolder, rel), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new DataFileNotFoundError(rel);
    throw error;
  }
  return parseHeadlines(text, rel, options);
}

const TIME_PATTERN = /^(\d{4})(\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Parses the file's text; `file` names it in errors. */
export function parseHeadlines(text: string, file = "<headlines>", options: ReadHeadlinesOptions = {}): NewsHeadline[] {
  const zone = options.timeZone ?? "America/New_York";
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new DataFormatError(file, e.lines, e.message);
  }
  const out: NewsHeadline[] = [];
  for (let i = 0; i < records.length; i++) {
    const { record, info } = records[i];
    const line = info.lines;
    // The header (`#time,source,headline`) and any other comment row.
    if (record[0]?.startsWith("#")) {
      if (i === 0 && record.join(",") !== "#time,source,headline") {
        throw new DataFormatError(file, line, `expected the header "#time,source,headline", got "${record.join(",")}"`);
      }
      continue;
    }
    if (record.length !== 3) throw new DataFormatError(file, line, `expected 3 fields (time,source,headline), got ${record.length}`);
    const [timeText, source, headline] = record;
    const m = TIME_PATTERN.exec(timeText);
    if (!m) throw new DataFormatError(file, line, `invalid time "${timeText}" (expected yyyyMMdd HH:mm:ss)`);
    const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
      throw new DataFormatError(file, line, `invalid time "${timeText}"`);
    }
    if (headline.trim() === "") throw new DataFormatError(file, line, "empty headline");
    const date = year * 10000 + month * 100 + day;
    out.push({ time: epochFromLocal(date, ((hour * 60 + minute) * 60 + second) * 1000, zone), date, source, headline });
  }
  // Array.prototype.sort is stable.
  return out.sort((a, b) => a.time - b.time);
}
