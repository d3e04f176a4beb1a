/**
 * Test helpers: read LEAN's SPY files from the shared data folder (zip with one CSV entry), the factor file and
 * the interest-rate file, with LEAN's parsing rules, to rebuild LEAN regression runs for the statistics tests.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { NetDecimal } from "../../../src/engine/statistics/net-decimal.ts";

export const LEAN_DATA = "/work/shared/data/lean";

export function readZipEntry(path: string): string {
  const entries = unzipSync(readFileSync(path));
  const names = Object.keys(entries);
  if (names.length !== 1) throw new Error(`${path}: expected one entry, found ${names.length}`);
  return strFromU8(entries[names[0]]);
}

export interface FactorRow {
  date: string; // yyyyMMdd
  factor: NetDecimal; // price factor × split factor
}

export function readFactorFile(ticker: string): FactorRow[] {
  const text = readFileSync(join(LEAN_DATA, "equity/usa/factor_files", `${ticker}.csv`), "utf8");
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "" && !line.includes("inf") && !line.includes("e+"))
    .map((line) => {
      const [date, price, split] = line.split(",");
      return { date, factor: NetDecimal.parse(price).multiply(NetDecimal.parse(split)) };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Adjusted factor for a bar date: the row with the smallest date on or after it. */
export function factorFor(rows: FactorRow[], yyyymmdd: string): NetDecimal {
  const row = rows.find((r) => r.date >= yyyymmdd);
  if (!row) throw new Error(`no factor row on or after ${yyyymmdd}`);
  return row.factor;
}

/** LEAN price: raw integer × 0.0001m (scale 4), then × factor. */
export function leanPrice(raw: string, factor: NetDecimal): NetDecimal {
  return NetDecimal.parse(raw).multiply(NetDecimal.parse("0.0001")).multiply(factor);
}

export interface DailyBar {
  date: string;
  open: string;
  close: string;
}

export function readDailyBars(ticker: string): DailyBar[] {
  const text = readZipEntry(join(LEAN_DATA, "equity/usa/daily", `${ticker}.zip`));
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [time, open, , , close] = line.split(",");
      return { date: time.slice(0, 8), open, close };
    });
}

export interface MinuteRow {
  /** ms since midnight, bar start */
  start: number;
  open: string;
  close: string;
}

export function readMinuteTrades(ticker: string, yyyymmdd: string): MinuteRow[] {
  return readMinute(ticker, yyyymmdd, "trade").map(([start, open, , , close]) => ({ start: Number(start), open, close }));
}

export function readMinuteQuotes(ticker: string, yyyymmdd: string): { start: number; askClose: string; bidClose: string }[] {
  return readMinute(ticker, yyyymmdd, "quote").map((f) => ({ start: Number(f[0]), bidClose: f[4], askClose: f[9] }));
}

function readMinute(ticker: string, yyyymmdd: string, kind: "trade" | "quote"): string[][] {
  const text = readZipEntry(join(LEAN_DATA, "equity/usa/minute", ticker, `${yyyymmdd}_${kind}.zip`));
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => line.split(","));
}

/** LEAN's InterestRateProvider: rate / 100, carried forward day by day, first rate before the first row. */
export function interestRateProvider(): (utcDateMs: number) => NetDecimal {
  const text = readFileSync(join(LEAN_DATA, "alternative/interest-rate/usa/interest-rate.csv"), "utf8");
  const rows = text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [date, rate] = line.split(",");
      return { time: Date.parse(`${date}T00:00:00Z`), rate: NetDecimal.parse(rate).divide(NetDecimal.HUNDRED) };
    })
    .sort((a, b) => a.time - b.time);
  return (utcDateMs: number) => {
    let rate = rows[0].rate;
    for (const row of rows) {
      if (row.time <= utcDateMs) rate = row.rate;
      else break;
    }
    return rate;
  };
}

export interface HourBar {
  date: string; // yyyyMMdd
  hour: number; // bar start hour (9 = the 09:30-10:00 bar)
  open: string;
  close: string;
}

export function readHourBars(ticker: string): HourBar[] {
  const text = readZipEntry(join(LEAN_DATA, "equity/usa/hour", `${ticker}.zip`));
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [time, open, , , close] = line.split(",");
      return { date: time.slice(0, 8), hour: Number(time.slice(9, 11)), open, close };
    });
}
