/**
 * The reader the engine calls for equities and indexes in LEAN's data folder: yields chunks of
 * bars (one per file day for second/minute data; one per file run for hour/daily data) with epoch
 * times, prices normalized with the factor file and volumes scaled by the inverse factor (rounded
 * half to even, as LEAN does). The map file decides which ticker's folder holds each date.
 * Synchronous generators: memory holds one day (second/minute) or one filtered file (hour/daily).
 * Knows nothing of time zones: the caller passes `epochFromLocal`.
 */
import { join } from "node:path";
import { RESOLUTION_MS, type BarChunk, type EpochFromLocal, type QuoteBarChunk, type TradeBarChunk } from "./bar-chunk.ts";
import { calendarDays } from "./calendar-days.ts";
import { DirectoryListings } from "./directory-listings.ts";
import { DataFileNotFoundError, DataNotSupportedError } from "./errors.ts";
import { FactorFile } from "./factor-file.ts";
import { parseQuoteRows, parseTradeRows, type QuoteRows, type TradeRows } from "./lean-parser.ts";
import { dayEntryName, dayZipName, dayZipPath, pathTicker, wholeHistoryEntryName, wholeHistoryZipPath } from "./lean-paths.ts";
import { fillDailyEpochs, fillDayEpochs, fillMultiDayEpochs } from "./local-times.ts";
import { MapFile } from "./map-file.ts";
import { DataNormalizationMode, roundHalfEven } from "./normalization.ts";
import { readZipEntries, type ZipEntry } from "./zip.ts";

export type BarResolution = "second" | "minute" | "hour" | "daily";

export interface LeanBarRequest {
  dataFolder: string;
  ticker: string;
  /** "equity" (default) or "index" (plain dollar prices, no factor or map files). */
  securityType?: "equity" | "index";
  market?: string;
  resolution: BarResolution;
  tickType?: "trade" | "quote";
  /** Default Adjusted for equities (LEAN's default), Raw for indexes. Use Raw for option underlyings. */
  normalization?: DataNormalizationMode;
  /** First and last local exchange dates, yyyymmdd, inclusive. */
  startDate: number;
  endDate: number;
  /** Folder listings shared by the readers of one run (data, factor and map files); default: the reader's own. */
  listings?: DirectoryListings;
  epochFromLocal: EpochFromLocal;
  /**
   * Daily bars use LEAN's strict daily times (DailyPreciseEndTime): time = the regular open,
   * endTime = the regular close of the bar's date (13:00 on early-close days).
   * Defaults: 09:30 and 16:00 local.
   */
  dailyStartTime?: (yyyymmdd: number) => number;
  dailyEndTime?: (yyyymmdd: number) => number;
}

/** Reads LEAN equity/index bars as chunks; see LeanBarRequest. */
export function readLeanBars(request: LeanBarRequest): Generator<BarChunk> {
  const securityType = request.securityType ?? "equity";
  const normalization = request.normalization ?? (securityType === "equity" ? DataNormalizationMode.Adjusted : DataNormalizationMode.Raw);
  if (securityType === "index" && normalization !== DataNormalizationMode.Raw) {
    throw new DataNotSupportedError(`index data has no factor files: normalization must be Raw, got ${normalization}`);
  }
  if (request.startDate > request.endDate) return emptyGenerator();
  const market = request.market ?? "usa";
  const factorFile = securityType === "equity" && normalization !== DataNormalizationMode.Raw ? FactorFile.load(request.dataFolder, request.ticker, market, request.listings) : null;
  // Validates the mode now, not at the first chunk.
  factorFile?.getPriceFactor(request.startDate, normalization);
  const mapFile = securityType === "equity" ? MapFile.load(request.dataFolder, request.ticker, market, "equity", request.listings) : null;
  const context: ReadContext = { request, securityType, market, normalization, factorFile, mapFile, tickType: request.tickType ?? "trade" };
  return request.resolution === "hour" || request.resolution === "daily" ? readWholeHistory(context) : readDays(context);
}

function* emptyGenerator(): Generator<BarChunk> {}

interface ReadContext {
  request: LeanBarRequest;
  securityType: "equity" | "index";
  market: string;
  normalization: DataNormalizationMode;
  factorFile: FactorFile | null;
  mapFile: MapFile | null;
  tickType: "trade" | "quote";
}

function mappedTicker(context: ReadContext, date: number): string | undefined {
  return context.mapFile ? context.mapFile.getMappedSymbol(date) : pathTicker(context.request.ticker);
}

function* readDays(context: ReadContext): Generator<BarChunk> {
  const { request, securityType, market, tickType } = context;
  const resolution = request.resolution as "second" | "minute";
  const shared = request.listings ?? new DirectoryListings();
  // the listing of each mapped ticker's folder, by ticker
  const listings = new Map<string, ReadonlySet<string> | null>();
  const listing = (ticker: string): ReadonlySet<string> | null => {
    let files = listings.get(ticker);
    if (files === undefined) {
      files = shared.get(join(request.dataFolder, securityType, market, resolution, ticker));
      listings.set(ticker, files);
    }
    return files;
  };
  const priceScale = securityType === "index" ? 1 : 10000;
  for (const date of calendarDays(request.startDate, request.endDate)) {
    const ticker = mappedTicker(context, date);
    if (ticker === undefined) continue;
    const files = listing(ticker);
    if (files === null || !files.has(dayZipName(date, tickType))) continue;
    const rel = dayZipPath(securityType, market, resolution, ticker, date, tickType);
    const entry = pickEntry(readZipEntries(join(request.dataFolder, rel), undefined, rel), dayEntryName(date, ticker, resolution, tickType), rel);
    const factor = context.factorFile ? context.factorFile.getPriceFactor(date, context.normalization) : 1;
    const periodMs = RESOLUTION_MS[resolution];
    if (tickType === "trade") {
      const rows = parseTradeRows(entry.data, { priceScale, file: rel });
      if (rows.count === 0) continue;
      if (factor !== 1) adjustTrade(rows, 0, rows.count, factor);
      const chunk = tradeChunk(request.ticker, date, rows);
      fillDayEpochs(date, rows.time, periodMs, request.epochFromLocal, chunk.time, chunk.endTime);
      yield chunk;
    } else {
      const rows = parseQuoteRows(entry.data, { priceScale, file: rel });
      if (rows.count === 0) continue;
      if (factor !== 1) adjustQuote(rows, 0, rows.count, factor);
      const chunk = quoteChunk(request.ticker, date, rows);
      fillDayEpochs(date, rows.time, periodMs, request.epochFromLocal, chunk.time, chunk.endTime);
      yield chunk;
    }
  }
  let anyFolder = false;
  for (const files of listings.values()) if (files !== null) anyFolder = true;
  if (!anyFolder) {
    const tickers = [...listings.keys()];
    const folder = `${securityType}/${market}/${resolution}/${tickers[0] ?? pathTicker(request.ticker)}`;
    throw new DataFileNotFoundError(
      folder,
      tickers.length === 0
        ? `no ticker is mapped for ${request.ticker.toUpperCase()} between ${request.startDate} and ${request.endDate}`
        : `no ${resolution} data folder for ${request.ticker.toUpperCase()} (looked for ${tickers.map((t) => `${securityType}/${market}/${resolution}/${t}`).join(", ")})`,
    );
  }
}

/** The entry named as LEAN names it, or the only entry of a one-entry zip. */
function pickEntry(entries: ZipEntry[], expected: string, rel: string): ZipEntry {
  const exact = entries.find((e) => e.name === expected);
  if (exact) return exact;
  if (entries.length === 1) return entries[0];
  throw new DataFileNotFoundError(rel, `no entry ${expected} among ${entries.length} entries`);
}

function* readWholeHistory(context: ReadContext): Generator<BarChunk> {
  const { request, securityType, market, tickType } = context;
  const resolution = request.resolution as "hour" | "daily";
  // Runs of dates mapped to the same ticker, in date order.
  const segments: { ticker: string; from: number; to: number }[] = [];
  for (const date of calendarDays(request.startDate, request.endDate)) {
    const ticker = mappedTicker(context, date);
    if (ticker === undefined) continue;
    const last = segments[segments.length - 1];
    if (last && last.ticker === ticker) last.to = date;
    else segments.push({ ticker, from: date, to: date });
  }
  const priceScale = securityType === "index" ? 1 : 10000;
  const tried: string[] = [];
  let found = false;
  for (const segment of segments) {
    const rel = wholeHistoryZipPath(securityType, market, resolution, segment.ticker, tickType);
    tried.push(rel);
    let entries: ZipEntry[];
    try {
      entries = readZipEntries(join(request.dataFolder, rel), undefined, rel);
    } catch (error) {
      if (error instanceof DataFileNotFoundError) continue;
      throw error;
    }
    found = true;
    const entry = pickEntry(entries, wholeHistoryEntryName(segment.ticker), rel);
    const rows = tickType === "trade" ? parseTradeRows(entry.data, { priceScale, dateTime: true, file: rel }) : parseQuoteRows(entry.data, { priceScale, dateTime: true, file: rel });
    const dates = rows.date!;
    const from = lowerBound(dates, segment.from);
    const to = lowerBound(dates, segment.to + 1);
    if (to <= from) continue;
    const sliced = sliceRows(rows, from, to);
    if (context.factorFile) {
      const sd = sliced.date!;
      let i = 0;
      while (i < sliced.count) {
        let j = i + 1;
        while (j < sliced.count && sd[j] === sd[i]) j++;
        const factor = context.factorFile.getPriceFactor(sd[i], context.normalization);
        if (factor !== 1) {
          if (tickType === "trade") adjustTrade(sliced as TradeRows, i, j, factor);
          else adjustQuote(sliced as QuoteRows, i, j, factor);
        }
        i = j;
      }
    }
    const chunk = tickType === "trade" ? tradeChunk(request.ticker, sliced.date![0], sliced as TradeRows) : quoteChunk(request.ticker, sliced.date![0], sliced as QuoteRows);
    if (resolution === "hour") {
      fillMultiDayEpochs(sliced.date!, sliced.time, RESOLUTION_MS.hour, request.epochFromLocal, chunk.time, chunk.endTime);
    } else {
      fillDailyEpochs(sliced.date!, request, chunk.time, chunk.endTime);
    }
    yield chunk;
  }
  if (!found) {
    throw new DataFileNotFoundError(
      tried[0] ?? wholeHistoryZipPath(securityType, market, resolution, request.ticker, tickType),
      tried.length === 0 ? `no ticker is mapped for ${request.ticker.toUpperCase()} between ${request.startDate} and ${request.endDate}` : `no ${resolution} data for ${request.ticker.toUpperCase()} (looked for ${tried.join(", ")})`,
    );
  }
}

function lowerBound(values: Int32Array, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sliceRows<T extends TradeRows | QuoteRows>(rows: T, from: number, to: number): T {
  const out: Record<string, unknown> = { count: to - from };
  for (const [key, value] of Object.entries(rows)) {
    if (value instanceof Float64Array || value instanceof Int32Array) out[key] = value.subarray(from, to);
  }
  return out as unknown as T;
}

function adjustTrade(rows: TradeRows, from: number, to: number, factor: number): void {
  const { open, high, low, close, volume } = rows;
  for (let i = from; i < to; i++) {
    open[i] *= factor;
    high[i] *= factor;
    low[i] *= factor;
    close[i] *= factor;
    volume[i] = roundHalfEven(volume[i] / factor);
  }
}

function adjustQuote(rows: QuoteRows, from: number, to: number, factor: number): void {
  for (const column of [rows.bidOpen, rows.bidHigh, rows.bidLow, rows.bidClose, rows.askOpen, rows.askHigh, rows.askLow, rows.askClose]) {
    for (let i = from; i < to; i++) column[i] *= factor;
  }
  for (const column of [rows.lastBidSize, rows.lastAskSize]) {
    for (let i = from; i < to; i++) column[i] = roundHalfEven(column[i] / factor);
  }
}

/**
 * A chunk of the parsed rows. It takes over `rows.time` for its bar start times: the caller fills
 * them (and the end times) from the local times in that same array, in place.
 */
export function tradeChunk(ticker: string, date: number, rows: TradeRows): TradeBarChunk {
  return {
    kind: "trade",
    ticker,
    date,
    count: rows.count,
    time: rows.time,
    endTime: new Float64Array(rows.count),
    open: rows.open,
    high: rows.high,
    low: rows.low,
    close: rows.close,
    volume: rows.volume,
  };
}

/** The same for quote rows. */
export function quoteChunk(ticker: string, date: number, rows: QuoteRows): QuoteBarChunk {
  return {
    kind: "quote",
    ticker,
    date,
    count: rows.count,
    time: rows.time,
    endTime: new Float64Array(rows.count),
    bidOpen: rows.bidOpen,
    bidHigh: rows.bidHigh,
    bidLow: rows.bidLow,
    bidClose: rows.bidClose,
    lastBidSize: rows.lastBidSize,
    askOpen: rows.askOpen,
    askHigh: rows.askHigh,
    askLow: rows.askLow,
    askClose: rows.askClose,
    lastAskSize: rows.lastAskSize,
  };
}
