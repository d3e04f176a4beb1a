/**
 * LEAN option data: the per-day minute/second zips (one entry per contract), the per-year
 * hour/daily zips, and the daily chain universe files. Option prices are never adjusted (LEAN
 * reads options Raw). Contracts can be filtered by (right, strike, expiry) before their entry is
 * inflated, so a chain of 2000 contracts costs only the contracts the algorithm keeps.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RESOLUTION_MS, type BarChunk, type EpochFromLocal } from "./bar-chunk.ts";
import { DataFormatError } from "./errors.ts";
import { quoteChunk, tradeChunk } from "./equity-reader.ts";
import { parseOpenInterestRows, parseQuoteRows, parseTradeRows, type OpenInterestRows, type QuoteRows, type TradeRows } from "./lean-parser.ts";
import {
  optionContractKey,
  optionDayZipPath,
  optionUniversePath,
  optionYearZipPath,
  parseOptionEntryName,
  type OptionContractId,
  type OptionStyle,
  type TickType,
} from "./lean-paths.ts";
import { fillDailyEpochs, fillDayEpochs, fillMultiDayEpochs } from "./local-times.ts";
import { extractZipBufferEntry, listZipBufferEntries, readZipFile } from "./zip.ts";

export interface OptionContractChunk {
  contract: OptionContractId;
  /** optionContractKey(contract), e.g. `put:750:20160617`. */
  key: string;
  chunk: BarChunk;
}

export interface OptionDayRequest {
  dataFolder: string;
  underlying: string;
  /** Local date, yyyymmdd. */
  date: number;
  tickType: TickType;
  resolution?: "minute" | "second";
  market?: string;
  style?: OptionStyle;
  epochFromLocal: EpochFromLocal;
  /** Keep only these contracts (decided from the entry name, before inflating). */
  filter?: (contract: OptionContractId) => boolean;
}

/**
 * Every contract of one day's option zip, one chunk per contract, in the zip's entry order.
 * Yields nothing when there is no file for that day (holiday, no data).
 */
export function* readOptionDay(request: OptionDayRequest): Generator<OptionContractChunk> {
  const resolution = request.resolution ?? "minute";
  const rel = optionDayZipPath(request.underlying, request.date, request.tickType, resolution, request.market ?? "usa", request.style ?? "american");
  const path = join(request.dataFolder, rel);
  if (!existsSync(path)) return;
  const zip = readZipFile(path, rel);
  const periodMs = RESOLUTION_MS[resolution];
  for (const info of listZipBufferEntries(zip, rel)) {
    const parsed = parseOptionEntryName(info.name);
    const contract: OptionContractId = { right: parsed.right, strike: parsed.strike, expiry: parsed.expiry };
    if (request.filter && !request.filter(contract)) continue;
    const file = `${rel}/${info.name}`;
    const data = extractZipBufferEntry(zip, info, rel);
    const rows = parseAny(request.tickType, data, file, false);
    if (rows.count === 0) continue;
    const chunk = toChunk(request.tickType, request.underlying, request.date, rows);
    fillDayEpochs(request.date, rows.time, periodMs, request.epochFromLocal, chunk.time, chunk.endTime);
    yield { contract, key: optionContractKey(contract), chunk };
  }
}

export interface OptionHistoryRequest {
  dataFolder: string;
  underlying: string;
  resolution: "hour" | "daily";
  tickType: TickType;
  startDate: number;
  endDate: number;
  market?: string;
  style?: OptionStyle;
  epochFromLocal: EpochFromLocal;
  /** Daily bars: time = regular open (default 09:30), endTime = regular close (default 16:00). */
  dailyStartTime?: (yyyymmdd: number) => number;
  dailyEndTime?: (yyyymmdd: number) => number;
  filter?: (contract: OptionContractId) => boolean;
}

/**
 * Hour/daily option bars from the per-year zips, filtered to [startDate, endDate]; one chunk per
 * contract per year file. Years without a file are skipped.
 */
export function* readOptionHistory(request: OptionHistoryRequest): Generator<OptionContractChunk> {
  const firstYear = Math.floor(request.startDate / 10000);
  const lastYear = Math.floor(request.endDate / 10000);
  for (let year = firstYear; year <= lastYear; year++) {
    const rel = optionYearZipPath(request.underlying, year, request.tickType, request.resolution, request.market ?? "usa", request.style ?? "american");
    const path = join(request.dataFolder, rel);
    if (!existsSync(path)) continue;
    const zip = readZipFile(path, rel);
    for (const info of listZipBufferEntries(zip, rel)) {
      const parsed = parseOptionEntryName(info.name);
      const contract: OptionContractId = { right: parsed.right, strike: parsed.strike, expiry: parsed.expiry };
      if (request.filter && !request.filter(contract)) continue;
      const file = `${rel}/${info.name}`;
      const rows = parseAny(request.tickType, extractZipBufferEntry(zip, info, rel), file, true);
      const dates = rows.date!;
      let from = 0;
      while (from < rows.count && dates[from] < request.startDate) from++;
      let to = from;
      while (to < rows.count && dates[to] <= request.endDate) to++;
      if (to <= from) continue;
      const sliced = slice(rows, from, to);
      const chunk = toChunk(request.tickType, request.underlying, sliced.date![0], sliced);
      if (request.resolution === "hour") {
        fillMultiDayEpochs(sliced.date!, sliced.time, RESOLUTION_MS.hour, request.epochFromLocal, chunk.time, chunk.endTime);
      } else {
        fillDailyEpochs(sliced.date!, request, chunk.time, chunk.endTime);
      }
      yield { contract, key: optionContractKey(contract), chunk };
    }
  }
}

type AnyRows = TradeRows | QuoteRows | OpenInterestRows;

function parseAny(tickType: TickType, data: Buffer, file: string, dateTime: boolean): AnyRows {
  if (tickType === "trade") return parseTradeRows(data, { file, dateTime });
  if (tickType === "quote") return parseQuoteRows(data, { file, dateTime });
  return parseOpenInterestRows(data, { file, dateTime });
}

function slice<T extends AnyRows>(rows: T, from: number, to: number): T {
  const out: Record<string, unknown> = { count: to - from };
  for (const [key, value] of Object.entries(rows)) {
    if (value instanceof Float64Array || value instanceof Int32Array) out[key] = value.subarray(from, to);
    else if (value === null) out[key] = null;
  }
  return out as unknown as T;
}

function toChunk(tickType: TickType, ticker: string, date: number, rows: AnyRows): BarChunk {
  if (tickType === "trade") return tradeChunk(ticker, date, rows as TradeRows);
  if (tickType === "quote") return quoteChunk(ticker, date, rows as QuoteRows);
  const oi = rows as OpenInterestRows;
  return { kind: "openinterest", ticker, date, count: oi.count, time: new Float64Array(oi.count), endTime: new Float64Array(oi.count), openInterest: oi.openInterest };
}

/** One day's option chain from `option/usa/universes/<und>/<yyyymmdd>.csv`. Prices in dollars. */
export interface OptionUniverse {
  date: number;
  underlying: { open: number; high: number; low: number; close: number; volume: number };
  count: number;
  expiry: Int32Array;
  strike: Float64Array;
  /** 0 = call, 1 = put. */
  right: Uint8Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** NaN where the file leaves it empty. */
  openInterest: Float64Array;
  impliedVolatility: Float64Array;
  delta: Float64Array;
  gamma: Float64Array;
  vega: Float64Array;
  theta: Float64Array;
  rho: Float64Array;
}

export const OPTION_RIGHT_CALL = 0;
export const OPTION_RIGHT_PUT = 1;

/** The chain universe of `underlying` on `date`, or null when there is no file for that day. */
export function readOptionUniverse(dataFolder: string, underlying: string, date: number, market = "usa"): OptionUniverse | null {
  const rel = optionUniversePath(underlying, date, market);
  const path = join(dataFolder, rel);
  if (!existsSync(path)) return null;
  return parseOptionUniverse(readFileSync(path, "latin1"), date, rel);
}

const UNIVERSE_FIELDS = 15;

export function parseOptionUniverse(text: string, date: number, file = "<universe>"): OptionUniverse {
  const lines = text.split("\n");
  const n = lines.length;
  const expiry = new Int32Array(n);
  const strike = new Float64Array(n);
  const right = new Uint8Array(n);
  const numeric = Array.from({ length: 12 }, () => new Float64Array(n));
  let underlying: OptionUniverse["underlying"] | undefined;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const line = lines[i].endsWith("\r") ? lines[i].slice(0, -1) : lines[i];
    if (line === "" || line.startsWith("#")) continue;
    const parts = line.split(",");
    if (parts.length !== UNIVERSE_FIELDS) throw new DataFormatError(file, i + 1, `expected ${UNIVERSE_FIELDS} fields, got ${parts.length}`);
    const number = (k: number, name: string): number => {
      const t = parts[k];
      if (t === "") return NaN;
      const v = Number(t);
      if (Number.isNaN(v)) throw new DataFormatError(file, i + 1, `invalid ${name} "${t}"`);
      return v;
    };
    if (parts[0] === "" && parts[1] === "" && parts[2] === "") {
      if (underlying) throw new DataFormatError(file, i + 1, "a second underlying row");
      underlying = { open: number(3, "open"), high: number(4, "high"), low: number(5, "low"), close: number(6, "close"), volume: number(7, "volume") };
      continue;
    }
    if (!/^\d{8}$/.test(parts[0])) throw new DataFormatError(file, i + 1, `invalid expiry "${parts[0]}"`);
    const r = parts[2].toUpperCase();
    if (r !== "C" && r !== "P") throw new DataFormatError(file, i + 1, `invalid right "${parts[2]}" (expected C or P)`);
    expiry[count] = Number(parts[0]);
    strike[count] = number(1, "strike");
    right[count] = r === "C" ? OPTION_RIGHT_CALL : OPTION_RIGHT_PUT;
    const names = ["open", "high", "low", "close", "volume", "open_interest", "implied_volatility", "delta", "gamma", "vega", "theta", "rho"];
    for (let k = 0; k < 12; k++) numeric[k][count] = number(3 + k, names[k]);
    count++;
  }
  if (!underlying) throw new DataFormatError(file, undefined, "no underlying row (empty expiry, strike and right)");
  const col = (k: number) => numeric[k].subarray(0, count);
  return {
    date,
    underlying,
    count,
    expiry: expiry.subarray(0, count),
    strike: strike.subarray(0, count),
    right: right.subarray(0, count),
    open: col(0),
    high: col(1),
    low: col(2),
    close: col(3),
    volume: col(4),
    openInterest: col(5),
    impliedVolatility: col(6),
    delta: col(7),
    gamma: col(8),
    vega: col(9),
    theta: col(10),
    rho: col(11),
  };
}
