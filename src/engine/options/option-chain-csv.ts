/**
 * Our plain CSV option chain format (docs/option-chain-csv.md): one file per underlying and day,
 * `<folder>/<underlying lower-case>/<yyyymmdd>.csv`, header
 * `time,expiry,strike,right,bid,ask,last,volume,open_interest[,underlying_price]`, one row per
 * contract observation. Parsed with csv-parse into the same per-contract columnar chunks the LEAN
 * readers produce, so the chain feed replays both alike. Errors name the file, line and field.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { EpochFromLocal, OpenInterestChunk, QuoteBarChunk, TradeBarChunk } from "../data/bar-chunk.ts";
import { DataFormatError } from "../data/errors.ts";
import { OptionRight, OptionStyle, Symbol } from "../securities/symbol.ts";
import type { OptionUniverseEntry } from "./option-filter-universe.ts";
import type { OptionChainSource, OptionContractDay, OptionUniverseSnapshot } from "./option-chain-source.ts";
import type { TradingCalendar } from "./universe-selection.ts";

export const OPTION_CHAIN_CSV_COLUMNS = ["time", "expiry", "strike", "right", "bid", "ask", "last", "volume", "open_interest"] as const;
export const OPTION_CHAIN_CSV_OPTIONAL_COLUMNS = ["underlying_price"] as const;

export interface CsvContractDay {
  right: OptionRight;
  strike: number;
  expiry: number;
  quote: QuoteBarChunk;
  /** rows with a last price */
  trade?: TradeBarChunk;
  /** rows with an open interest */
  openInterest?: OpenInterestChunk;
}

export interface OptionChainCsvDay {
  date: number;
  file: string;
  /** contracts keyed `C|P:strike:expiry`, in first-appearance order */
  contracts: Map<string, CsvContractDay>;
  /** underlying prices by observation end time (when the column is present) */
  underlyingPrices: { endTime: number; price: number }[];
}

export interface ParseOptionChainCsvOptions {
  date: number;
  file?: string;
  ticker?: string;
  epochFromLocal: EpochFromLocal;
  /** bar length; an observation at time t is the bar (t − period, t]; default one minute */
  periodMs?: number;
}

interface Builder {
  right: OptionRight;
  strike: number;
  expiry: number;
  time: number[];
  bid: number[];
  ask: number[];
  tradeTime: number[];
  last: number[];
  volume: number[];
  oiTime: number[];
  oi: number[];
}

export function parseOptionChainCsv(text: string, options: ParseOptionChainCsvOptions): OptionChainCsvDay {
  const file = options.file ?? "<option chain csv>";
  const period = options.periodMs ?? 60_000;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new DataFormatError(file, e.lines, e.message);
  }
  if (records.length === 0) throw new DataFormatError(file, 1, "empty file: expected a header " + OPTION_CHAIN_CSV_COLUMNS.join(","));
  const header = records[0].record.map((h) => h.toLowerCase());
  const index = new Map(header.map((h, i) => [h, i] as const));
  for (const column of OPTION_CHAIN_CSV_COLUMNS) {
    if (!index.has(column)) throw new DataFormatError(file, records[0].info.lines, `missing column "${column}" in header (expected ${OPTION_CHAIN_CSV_COLUMNS.join(",")}[,underlying_price])`);
  }
  for (const h of header) {
    if (!(OPTION_CHAIN_CSV_COLUMNS as readonly string[]).includes(h) && !(OPTION_CHAIN_CSV_OPTIONAL_COLUMNS as readonly string[]).includes(h)) {
      throw new DataFormatError(file, records[0].info.lines, `unknown column "${h}"`);
    }
  }
  const col = (name: string) => index.get(name)!;
  const underlyingColumn = index.get("underlying_price");
  const builders = new Map<string, Builder>();
  const underlyingPrices: OptionChainCsvDay["underlyingPrices"] = [];
  let previousTime = -Infinity;
  for (let r = 1; r < records.length; r++) {
    const { record, info } = records[r];
    const line = info.lines;
    const fail = (field: string, message: string): never => {
      throw new DataFormatError(file, line, `field "${field}": ${message}`);
    };
    const number = (field: string, { optional, nonNegative, integer }: { optional: boolean; nonNegative?: boolean; integer?: boolean }): number => {
      const raw = record[col(field)];
      if (raw === "") return optional ? NaN : fail(field, "is required");
      const value = Number(raw);
      if (!Number.isFinite(value)) fail(field, `invalid number "${raw}"`);
      if (nonNegative && value < 0) fail(field, `must not be negative, got ${raw}`);
      if (integer && !Number.isInteger(value)) fail(field, `must be a whole number, got ${raw}`);
      return value;
    };
    const timeText = record[col("time")];
    const tm = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(timeText);
    if (!tm || Number(tm[2]) > 59 || Number(tm[3] ?? 0) > 59 || Number(tm[1]) > 24) fail("time", `invalid time "${timeText}" (expected HH:MM or HH:MM:SS, exchange time)`);
    const msOfDay = ((Number(tm![1]) * 60 + Number(tm![2])) * 60 + Number(tm![3] ?? 0)) * 1000;
    const endTime = options.epochFromLocal(options.date, msOfDay);
    if (endTime < previousTime) fail("time", `rows must be in time order: ${timeText} comes after a later row`);
    previousTime = endTime;
    const expiryText = record[col("expiry")];
    const em = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(expiryText);
    if (!em) fail("expiry", `invalid expiry "${expiryText}" (expected yyyymmdd or yyyy-mm-dd)`);
    const expiry = Number(em![1] + em![2] + em![3]);
    const strike = number("strike", { optional: false });
    if (!(strike > 0)) fail("strike", `must be positive, got ${record[col("strike")]}`);
    const rightText = record[col("right")].toLowerCase();
    const right = rightText === "c" || rightText === "call" ? OptionRight.Call : rightText === "p" || rightText === "put" ? OptionRight.Put : fail("right", `invalid right "${record[col("right")]}" (expected C, P, call or put)`);
    const bid = number("bid", { optional: true, nonNegative: true });
    const ask = number("ask", { optional: true, nonNegative: true });
    if (bid > ask) fail("bid", `bid ${bid} is above ask ${ask}`);
    const last = number("last", { optional: true, nonNegative: true });
    const volumeRaw = number("volume", { optional: true, nonNegative: true, integer: true });
    const oi = number("open_interest", { optional: true, nonNegative: true, integer: true });
    if (underlyingColumn !== undefined) {
      const raw = record[underlyingColumn];
      if (raw !== "") {
        const price = Number(raw);
        if (!(price > 0)) fail("underlying_price", `invalid price "${raw}"`);
        if (underlyingPrices.length === 0 || underlyingPrices[underlyingPrices.length - 1].endTime !== endTime) underlyingPrices.push({ endTime, price });
      }
    }
    const key = `${right === OptionRight.Call ? "C" : "P"}:${strike}:${expiry}`;
    let b = builders.get(key);
    if (!b) builders.set(key, (b = { right, strike, expiry, time: [], bid: [], ask: [], tradeTime: [], last: [], volume: [], oiTime: [], oi: [] }));
    if (b.time.length > 0 && b.time[b.time.length - 1] === endTime) fail("time", `a second row for ${key} at ${timeText}`);
    b.time.push(endTime);
    b.bid.push(bid);
    b.ask.push(ask);
    if (!Number.isNaN(last)) {
      b.tradeTime.push(endTime);
      b.last.push(last);
      b.volume.push(Number.isNaN(volumeRaw) ? 0 : volumeRaw);
    }
    if (!Number.isNaN(oi)) {
      b.oiTime.push(endTime);
      b.oi.push(oi);
    }
  }
  const ticker = options.ticker ?? "";
  const contracts = new Map<string, CsvContractDay>();
  for (const [key, b] of builders) {
    const n = b.time.length;
    const end = Float64Array.from(b.time);
    const start = end.map((t) => t - period);
    const bid = Float64Array.from(b.bid);
    const ask = Float64Array.from(b.ask);
    const quote: QuoteBarChunk = {
      kind: "quote", ticker, date: options.date, count: n, time: start, endTime: end,
      bidOpen: bid, bidHigh: bid, bidLow: bid, bidClose: bid, lastBidSize: new Float64Array(n),
      askOpen: ask, askHigh: ask, askLow: ask, askClose: ask, lastAskSize: new Float64Array(n),
    };
    const day: CsvContractDay = { right: b.right, strike: b.strike, expiry: b.expiry, quote };
    if (b.tradeTime.length > 0) {
      const tEnd = Float64Array.from(b.tradeTime);
      const last = Float64Array.from(b.last);
      day.trade = {
        kind: "trade", ticker, date: options.date, count: tEnd.length, time: tEnd.map((t) => t - period), endTime: tEnd,
        open: last, high: last, low: last, close: last, volume: Float64Array.from(b.volume),
      };
    }
    if (b.oiTime.length > 0) {
      const oEnd = Float64Array.from(b.oiTime);
      day.openInterest = { kind: "openinterest", ticker, date: options.date, count: oEnd.length, time: oEnd.slice(), endTime: oEnd, openInterest: Float64Array.from(b.oi) };
    }
    contracts.set(key, day);
  }
  return { date: options.date, file, contracts, underlyingPrices };
}

/** Path of a day's file relative to the folder. */
export function optionChainCsvPath(underlying: string, date: number): string {
  return join(underlying.toLowerCase(), `${date}.csv`);
}

/** Reads one day's file, or null when there is none. */
export function readOptionChainCsv(folder: string, underlying: string, date: number, options: Omit<ParseOptionChainCsvOptions, "date" | "file">): OptionChainCsvDay | null {
  const rel = optionChainCsvPath(underlying, date);
  const path = join(folder, rel);
  if (!existsSync(path)) return null;
  return parseOptionChainCsv(readFileSync(path, "utf8"), { ...options, date, file: rel, ticker: options.ticker ?? underlying });
}

export interface CsvOptionChainSourceOptions {
  folder: string;
  underlying: Symbol;
  calendar: TradingCalendar;
  epochFromLocal: EpochFromLocal;
  periodMs?: number;
  style?: OptionStyle;
}

/**
 * The chain feed's source over CSV chain files. The universe for trading day D is, as in LEAN,
 * the previous trading day's contracts anchored on its last underlying price; when that file is
 * missing (the first day of a data set), D's own contracts anchored on D's first underlying price.
 */
export class CsvOptionChainSource implements OptionChainSource {
  private cache: OptionChainCsvDay | null | undefined;
  private cacheDate = 0;

  constructor(private readonly options: CsvOptionChainSourceOptions) {}

  private read(date: number): OptionChainCsvDay | null {
    if (this.cacheDate !== date || this.cache === undefined) {
      const o = this.options;
      this.cache = readOptionChainCsv(o.folder, o.underlying.value, date, { epochFromLocal: o.epochFromLocal, periodMs: o.periodMs });
      this.cacheDate = date;
    }
    return this.cache;
  }

  universe(tradingDay: number): OptionUniverseSnapshot | null {
    const previous = this.options.calendar.previousTradingDay(tradingDay) as number;
    const prior = this.read(previous);
    if (prior) return this.snapshot(prior, prior.underlyingPrices.at(-1)?.price ?? NaN);
    const today = this.read(tradingDay);
    return today ? this.snapshot(today, today.underlyingPrices[0]?.price ?? NaN) : null;
  }

  private snapshot(day: OptionChainCsvDay, price: number): OptionUniverseSnapshot {
    const entries: OptionUniverseEntry[] = [];
    for (const c of day.contracts.values()) {
      const last = c.trade ? c.trade.close[c.trade.count - 1] : NaN;
      entries.push({
        symbol: this.symbolOf(c),
        strike: c.strike,
        expiry: c.expiry,
        right: c.right,
        close: last,
        volume: c.trade ? c.trade.volume.reduce((a, b) => a + b, 0) : 0,
        openInterest: c.openInterest ? c.openInterest.openInterest[c.openInterest.count - 1] : NaN,
        impliedVolatility: NaN,
        delta: NaN,
      });
    }
    return { universeDate: day.date, underlyingPrice: price, entries };
  }

  private symbolOf(c: CsvContractDay): Symbol {
    return Symbol.createOption(this.options.underlying, c.strike, c.expiry, c.right, this.options.style ?? OptionStyle.American);
  }

  day(date: number, wanted: ReadonlySet<Symbol>): OptionContractDay[] {
    const day = this.read(date);
    if (!day) return [];
    const out: OptionContractDay[] = [];
    for (const c of day.contracts.values()) {
      const symbol = this.symbolOf(c);
      if (wanted.has(symbol)) out.push({ symbol, trade: c.trade, quote: c.quote, openInterest: c.openInterest });
    }
    return out;
  }
}
