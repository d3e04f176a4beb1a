/**
 * Writes the underlying ETF in LEAN's equity layout: per-day minute trade and quote zips, the
 * whole-history daily zip, the factor file and the map file. Prices are rounded to the cent and
 * written as integers x10000, times as ms since local midnight (bar start), regular session only.
 *
 * Quote bars: the market maker's spread is 1 cent most minutes, 2-3 cents some minutes and more
 * often in the first minutes after the open; bid = floor(p - (k-1)/2) cents and ask = bid + k for
 * every price p of the minute's path, so bid <= trade <= ask and bid < ask always hold.
 */
import { join } from "node:path";
import { dayEntryName, dayZipPath, factorFilePath, mapFilePath, wholeHistoryEntryName, wholeHistoryZipPath } from "../data/lean-paths.ts";
import type { SimulatedDay } from "./market-model.ts";
import { Random } from "./random.ts";
import { writeText, writeZip } from "./zip-writer.ts";

export interface WrittenFiles {
  files: number;
  bytes: number;
}

/** The day's trade bars rounded to cents (integers, cents), as the files hold them /100. */
export interface DayBars {
  open: Int32Array;
  high: Int32Array;
  low: Int32Array;
  close: Int32Array;
  volume: Float64Array;
}

/** Rounds a simulated day to whole cents. */
export function roundDay(day: SimulatedDay): DayBars {
  const n = day.session.minutes;
  const bars: DayBars = { open: new Int32Array(n), high: new Int32Array(n), low: new Int32Array(n), close: new Int32Array(n), volume: day.volume };
  for (let i = 0; i < n; i++) {
    bars.open[i] = Math.round(day.open[i] * 100);
    bars.high[i] = Math.round(day.high[i] * 100);
    bars.low[i] = Math.round(day.low[i] * 100);
    bars.close[i] = Math.round(day.close[i] * 100);
  }
  return bars;
}

/** One daily bar in cents from a day's minute bars. */
export interface DailyBar {
  date: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export function dailyBar(date: number, bars: DayBars): DailyBar {
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  for (let i = 0; i < bars.open.length; i++) {
    if (bars.high[i] > high) high = bars.high[i];
    if (bars.low[i] < low) low = bars.low[i];
    volume += bars.volume[i];
  }
  return { date, open: bars.open[0], high, low, close: bars.close[bars.close.length - 1], volume };
}

/** One hour bar in cents: LEAN's hour rows carry the clock hour's start (09:00 holds 09:30-10:00). */
export interface HourBar extends DailyBar {
  /** local clock hour, 9..15 */
  hour: number;
}

/** A day's hour bars from its minute bars (the minutes starting at `openLocal` + i minutes). */
export function hourBars(date: number, openLocal: number, bars: DayBars): HourBar[] {
  const out: HourBar[] = [];
  let current: HourBar | undefined;
  for (let i = 0; i < bars.open.length; i++) {
    const hour = Math.floor((openLocal + i * 60_000) / 3_600_000);
    if (!current || current.hour !== hour) {
      current = { date, hour, open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: 0 };
      out.push(current);
    }
    if (bars.high[i] > current.high) current.high = bars.high[i];
    if (bars.low[i] < current.low) current.low = bars.low[i];
    current.close = bars.close[i];
    current.volume += bars.volume[i];
  }
  return out;
}

/** The whole-history hour zip (`yyyyMMdd HH:00,o,h,l,c,v`): what LEAN's benchmark subscription reads. */
export function writeEquityHour(folder: string, ticker: string, bars: readonly HourBar[]): WrittenFiles {
  const rows = bars.map((b) => `${b.date} ${String(b.hour).padStart(2, "0")}:00,${b.open * 100},${b.high * 100},${b.low * 100},${b.close * 100},${b.volume}`);
  const lastDate = bars.length > 0 ? bars[bars.length - 1].date : 19800101;
  const bytes = writeZip(join(folder, wholeHistoryZipPath("equity", "usa", "hour", ticker)), [{ name: wholeHistoryEntryName(ticker), text: rows.join("\n") }], lastDate);
  return { files: 1, bytes };
}

/** Writes one day's minute trade and quote zips. */
export function writeEquityMinuteDay(folder: string, ticker: string, day: SimulatedDay, bars: DayBars, seed: number): WrittenFiles {
  const date = day.session.date;
  const random = Random.stream(seed, `equity-quotes:${date}`);
  const n = day.session.minutes;
  const trade: string[] = new Array(n);
  const quote: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const time = day.session.openLocal + i * 60_000;
    trade[i] = `${time},${bars.open[i] * 100},${bars.high[i] * 100},${bars.low[i] * 100},${bars.close[i] * 100},${bars.volume[i]}`;
    const u = random.next();
    let spread = u < 0.85 ? 1 : u < 0.97 ? 2 : 3;
    if (i < 5) spread += 1;
    const shift = (spread - 1) / 2;
    const bid = (p: number) => Math.floor(p * 100 - shift) * 100;
    const bidOpen = bid(day.open[i]);
    const bidHigh = bid(day.high[i]);
    const bidLow = bid(day.low[i]);
    const bidClose = bid(day.close[i]);
    const ask = spread * 100;
    const bidSize = 100 * (1 + Math.floor(-Math.log(random.nextOpen()) * 6));
    const askSize = 100 * (1 + Math.floor(-Math.log(random.nextOpen()) * 6));
    quote[i] = `${time},${bidOpen},${bidHigh},${bidLow},${bidClose},${bidSize},${bidOpen + ask},${bidHigh + ask},${bidLow + ask},${bidClose + ask},${askSize}`;
  }
  let bytes = 0;
  bytes += writeZip(join(folder, dayZipPath("equity", "usa", "minute", ticker, date, "trade")), [{ name: dayEntryName(date, ticker, "minute", "trade"), text: trade.join("\n") }], date);
  bytes += writeZip(join(folder, dayZipPath("equity", "usa", "minute", ticker, date, "quote")), [{ name: dayEntryName(date, ticker, "minute", "quote"), text: quote.join("\n") }], date);
  return { files: 2, bytes };
}

/** The whole-history daily zip (`yyyyMMdd 00:00,o,h,l,c,v`, no newline after the last row, as LEAN's). */
export function writeEquityDaily(folder: string, ticker: string, bars: readonly DailyBar[]): WrittenFiles {
  const rows = bars.map((b) => `${b.date} 00:00,${b.open * 100},${b.high * 100},${b.low * 100},${b.close * 100},${b.volume}`);
  const lastDate = bars.length > 0 ? bars[bars.length - 1].date : 19800101;
  const bytes = writeZip(join(folder, wholeHistoryZipPath("equity", "usa", "daily", ticker)), [{ name: wholeHistoryEntryName(ticker), text: rows.join("\n") }], lastDate);
  return { files: 1, bytes };
}

/**
 * The factor file of a security without dividends or splits, as LEAN writes one for a new listing:
 * the first date with factors 1, then `20501231,1,1,0` (no newline at the end, as LEAN's).
 */
export function factorFileText(firstDate: number): string {
  return `${firstDate},1,1,1\n20501231,1,1,0`;
}

/** The map file of a ticker that never changed: first date, then 20501231; NYSE Arca (P), as ETFs list. */
export function mapFileText(firstDate: number, ticker: string): string {
  const t = ticker.toLowerCase();
  return `${firstDate},${t},P\n20501231,${t},P\n`;
}

export function writeEquityAuxiliary(folder: string, ticker: string, firstDate: number): WrittenFiles {
  const bytes = writeText(join(folder, factorFilePath(ticker)), factorFileText(firstDate)) + writeText(join(folder, mapFilePath(ticker)), mapFileText(firstDate, ticker));
  return { files: 2, bytes };
}
