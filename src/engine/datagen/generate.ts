/**
 * The data set generator: simulates the ETF, then writes its minute and daily bars, factor and
 * map files, the option chain, the interest-rate file and the headlines into one folder in LEAN's
 * layout, and last a stamp file saying what was generated. `ensureDataSet` generates only when
 * the stamp is missing or describes a different data set, so a run after the first costs a file
 * read. Deterministic: the same options give byte-identical files.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { factorFilePath, interestRatePath, mapFilePath, wholeHistoryZipPath } from "../data/lean-paths.ts";
import { isoDateFromDayNumber, dayNumberFromDateKey } from "../time/index.ts";
import { dailyBar, hourBars, roundDay, writeEquityAuxiliary, writeEquityDaily, writeEquityHour, writeEquityMinuteDay, type DailyBar, type HourBar } from "./equity-writer.ts";
import { generateHeadlines, headlinesCsv, headlinesPath } from "./headlines.ts";
import { DEFAULT_MARKET_MODEL, simulateMarket, type MarketModelParameters } from "./market-model.ts";
import { DEFAULT_OPTION_CHAIN, OptionChainState, writeOptionDay, type OptionChainParameters } from "./option-writer.ts";
import { tradingSessions, usEquityExchangeHours } from "./trading-sessions.ts";
import { writeText } from "./zip-writer.ts";

/** Bump when the generated files would change for the same options. */
export const GENERATOR_VERSION = 4;
export const STAMP_FILE = "tradeloom-data.json";
export const DEFAULT_TICKER = "TLIX";
export const DEFAULT_SEED = 2025;
export const DEFAULT_START_DATE = 20250102;
/** Through July so the default set holds an early close (2025-07-03, 13:00) and the July 4 holiday. */
export const DEFAULT_END_DATE = 20250731;

export interface DataSetOptions {
  seed?: number;
  /** First and last dates, yyyymmdd, inclusive. */
  startDate?: number;
  endDate?: number;
  ticker?: string;
  /** Write the option chain (default true). */
  options?: boolean;
  /** Write the headlines file (default true). */
  headlines?: boolean;
  market?: Partial<MarketModelParameters>;
  chain?: Partial<OptionChainParameters>;
  /** Called after each trading day is written. */
  onProgress?: (done: number, total: number, date: number) => void;
}

export interface DataSetSummary {
  generatorVersion: number;
  folder: string;
  ticker: string;
  seed: number;
  startDate: number;
  endDate: number;
  tradingDays: number;
  /** First and last trading day written. */
  firstDate: number;
  lastDate: number;
  files: number;
  bytes: number;
  equityBytes: number;
  optionBytes: number;
  headlines: number;
  /** False when ensureDataSet found the data set already present. */
  generated: boolean;
  /** Wall time of this call. */
  milliseconds: number;
}

interface ResolvedOptions {
  seed: number;
  startDate: number;
  endDate: number;
  ticker: string;
  options: boolean;
  headlines: boolean;
  market: MarketModelParameters;
  chain: OptionChainParameters;
}

function resolve(options: DataSetOptions): ResolvedOptions {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`generateDataSet: seed must be a non-negative integer, got ${seed}`);
  const startDate = options.startDate ?? DEFAULT_START_DATE;
  const endDate = options.endDate ?? DEFAULT_END_DATE;
  for (const [name, d] of [["startDate", startDate], ["endDate", endDate]] as const) {
    if (!Number.isInteger(d) || !/^\d{8}$/.test(String(d))) throw new RangeError(`generateDataSet: ${name} must be yyyymmdd, got ${d}`);
  }
  if (startDate > endDate) throw new RangeError(`generateDataSet: startDate ${startDate} is after endDate ${endDate}`);
  const ticker = (options.ticker ?? DEFAULT_TICKER).toUpperCase();
  if (!/^[A-Z][A-Z0-9.]{0,9}$/.test(ticker)) throw new RangeError(`generateDataSet: invalid ticker "${ticker}"`);
  const market = { ...DEFAULT_MARKET_MODEL, ...options.market };
  const chain = { ...DEFAULT_OPTION_CHAIN, ...options.chain };
  // The surface follows the market model's variance dynamics unless told otherwise.
  if (!options.chain?.surface) chain.surface = { ...chain.surface, kappa: market.kappa, theta: market.theta };
  return { seed, startDate, endDate, ticker, options: options.options ?? true, headlines: options.headlines ?? true, market, chain };
}

/** What the stamp records: everything that decides the files' bytes. */
function stampKey(o: ResolvedOptions): Record<string, unknown> {
  return {
    generator_version: GENERATOR_VERSION,
    ticker: o.ticker,
    seed: o.seed,
    start_date: o.startDate,
    end_date: o.endDate,
    options: o.options,
    headlines: o.headlines,
    market: o.market,
    chain: o.chain,
  };
}

/** The paths the generator owns for a ticker (removed before regenerating). */
function ownedPaths(ticker: string): string[] {
  const t = ticker.toLowerCase();
  return [
    STAMP_FILE,
    `equity/usa/minute/${t}`,
    wholeHistoryZipPath("equity", "usa", "daily", ticker),
    wholeHistoryZipPath("equity", "usa", "hour", ticker),
    factorFilePath(ticker),
    mapFilePath(ticker),
    `option/usa/minute/${t}`,
    `option/usa/universes/${t}`,
    `alternative/news/${t}`,
    interestRatePath(),
  ];
}

/** The interest-rate file LEAN's provider reads: one row, the pricing rate in percent from the first date. */
export function interestRateText(firstDate: number, rate: number): string {
  return `DATE,PCREDIT8\n${isoDateFromDayNumber(dayNumberFromDateKey(firstDate))},${Number((rate * 100).toFixed(6))}\n`;
}

/** Generates the whole data set into `folder` (files of an earlier data set for the ticker are replaced). */
export function generateDataSet(folder: string, options: DataSetOptions = {}): DataSetSummary {
  const started = performance.now();
  const o = resolve(options);
  for (const rel of ownedPaths(o.ticker)) rmSync(join(folder, rel), { recursive: true, force: true });
  const hours = usEquityExchangeHours();
  const sessions = tradingSessions(o.startDate, o.endDate, hours);
  if (sessions.length === 0) throw new RangeError(`generateDataSet: no trading days between ${o.startDate} and ${o.endDate}`);
  const days = simulateMarket(sessions, o.seed, o.market);
  const chainState = o.options ? new OptionChainState(hours, sessions[0].dayNumber, sessions[sessions.length - 1].dayNumber, o.chain) : null;
  let files = 0;
  let equityBytes = 0;
  let optionBytes = 0;
  const dailyBars: DailyBar[] = [];
  const hourly: HourBar[] = [];
  let previousClose = o.market.initialPrice;
  for (let d = 0; d < days.length; d++) {
    const day = days[d];
    const bars = roundDay(day);
    const daily = dailyBar(day.session.date, bars);
    dailyBars.push(daily);
    hourly.push(...hourBars(day.session.date, day.session.openLocal, bars));
    const equity = writeEquityMinuteDay(folder, o.ticker, day, bars, o.seed);
    files += equity.files;
    equityBytes += equity.bytes;
    if (chainState) {
      const written = writeOptionDay(folder, o.ticker, day, daily, previousClose, chainState, o.seed);
      files += written.files;
      optionBytes += written.bytes;
    }
    previousClose = day.close[day.session.minutes - 1];
    options.onProgress?.(d + 1, days.length, day.session.date);
  }
  const firstDate = sessions[0].date;
  const lastDate = sessions[sessions.length - 1].date;
  const dailyWritten = writeEquityDaily(folder, o.ticker, dailyBars);
  const hourWritten = writeEquityHour(folder, o.ticker, hourly);
  files += hourWritten.files;
  equityBytes += hourWritten.bytes;
  const auxiliary = writeEquityAuxiliary(folder, o.ticker, firstDate);
  files += dailyWritten.files + auxiliary.files;
  equityBytes += dailyWritten.bytes + auxiliary.bytes;
  let otherBytes = writeText(join(folder, interestRatePath()), interestRateText(firstDate, o.chain.riskFreeRate));
  files++;
  let headlineCount = 0;
  if (o.headlines) {
    const headlines = generateHeadlines(days, o.ticker, o.seed, o.market.initialPrice);
    headlineCount = headlines.length;
    otherBytes += writeText(join(folder, headlinesPath(o.ticker)), headlinesCsv(headlines));
    files++;
  }
  const summary: DataSetSummary = {
    generatorVersion: GENERATOR_VERSION,
    folder,
    ticker: o.ticker,
    seed: o.seed,
    startDate: o.startDate,
    endDate: o.endDate,
    tradingDays: sessions.length,
    firstDate,
    lastDate,
    files,
    bytes: equityBytes + optionBytes + otherBytes,
    equityBytes,
    optionBytes,
    headlines: headlineCount,
    generated: true,
    milliseconds: 0,
  };
  // The stamp goes last: its presence means the data set is complete.
  const stamp = { ...stampKey(o), summary: { ...summary, folder: undefined, generated: undefined, milliseconds: undefined } };
  writeText(join(folder, STAMP_FILE), JSON.stringify(stamp, null, 2) + "\n");
  summary.milliseconds = Math.round(performance.now() - started);
  return summary;
}

/** The stamp's summary when it describes exactly this data set and its daily file is present; else null. */
export function readDataSetStamp(folder: string, options: DataSetOptions = {}): DataSetSummary | null {
  const o = resolve(options);
  const path = join(folder, STAMP_FILE);
  if (!existsSync(path) || !existsSync(join(folder, wholeHistoryZipPath("equity", "usa", "daily", o.ticker)))) return null;
  let stamp: Record<string, unknown>;
  try {
    stamp = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch {
    return null; // a damaged stamp means "not generated": ensureDataSet regenerates
  }
  const { summary, ...key } = stamp;
  if (JSON.stringify(key) !== JSON.stringify(JSON.parse(JSON.stringify(stampKey(o))))) return null;
  return { ...(summary as DataSetSummary), folder, generated: false, milliseconds: 0 };
}

/**
 * Makes sure `folder` holds the data set for these options: returns at once when the stamp says
 * so, otherwise generates it (replacing an older data set of the same ticker).
 */
export function ensureDataSet(folder: string, options: DataSetOptions = {}): DataSetSummary {
  const started = performance.now();
  const present = readDataSetStamp(folder, options);
  if (present) return { ...present, milliseconds: Math.round(performance.now() - started) };
  return generateDataSet(folder, options);
}
