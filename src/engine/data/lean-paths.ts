/**
 * LEAN's data folder layout: where a file for a security, resolution, tick type and date lives,
 * and what a zip's entries are called. Paths are relative to the data folder, with `/`.
 * Pure string functions: no file system access.
 */
import { DataFormatError } from "./errors.ts";

export type Resolution = "tick" | "second" | "minute" | "hour" | "daily";
export type TickType = "trade" | "quote" | "openinterest";
export type LeanSecurityType = "equity" | "index" | "option";
export type OptionRight = "call" | "put";
export type OptionStyle = "american" | "european";

export interface OptionContractId {
  right: OptionRight;
  /** Strike in dollars (the file name holds it ×10000). */
  strike: number;
  /** Expiry date, yyyymmdd. */
  expiry: number;
}

/** The date as LEAN writes it in names: yyyyMMdd. */
export function formatDate(date: number): string {
  return String(date).padStart(8, "0");
}

/** LEAN lower-cases tickers in paths. */
export function pathTicker(ticker: string): string {
  return ticker.toLowerCase();
}

/** `equity/usa/minute/spy/20131007_trade.zip` (also `index/...` and second resolution). */
export function dayZipPath(securityType: "equity" | "index", market: string, resolution: "second" | "minute", ticker: string, date: number, tickType: TickType): string {
  return `${securityType}/${market}/${resolution}/${pathTicker(ticker)}/${dayZipName(date, tickType)}`;
}

/** `20131007_trade.zip`: the file name of dayZipPath. */
export function dayZipName(date: number, tickType: TickType): string {
  return `${formatDate(date)}_${tickType}.zip`;
}

/** `20131007_spy_minute_trade.csv`. */
export function dayEntryName(date: number, ticker: string, resolution: "second" | "minute", tickType: TickType): string {
  return `${formatDate(date)}_${pathTicker(ticker)}_${resolution}_${tickType}.csv`;
}

/** `equity/usa/daily/spy.zip`; non-trade tick types add a suffix (`spy_quote.zip`). */
export function wholeHistoryZipPath(securityType: "equity" | "index", market: string, resolution: "hour" | "daily", ticker: string, tickType: TickType = "trade"): string {
  const suffix = tickType === "trade" ? "" : `_${tickType}`;
  return `${securityType}/${market}/${resolution}/${pathTicker(ticker)}${suffix}.zip`;
}

/** `spy.csv`, the single entry of an hour/daily zip. */
export function wholeHistoryEntryName(ticker: string): string {
  return `${pathTicker(ticker)}.csv`;
}

export function factorFilePath(ticker: string, market = "usa"): string {
  return `equity/${market}/factor_files/${pathTicker(ticker)}.csv`;
}

export function mapFilePath(ticker: string, market = "usa", securityType: "equity" | "option" = "equity"): string {
  return `${securityType}/${market}/map_files/${pathTicker(ticker)}.csv`;
}

/** `option/usa/minute/goog/20151224_quote_american.zip`. */
export function optionDayZipPath(underlying: string, date: number, tickType: TickType, resolution: "second" | "minute" = "minute", market = "usa", style: OptionStyle = "american"): string {
  return `option/${market}/${resolution}/${pathTicker(underlying)}/${formatDate(date)}_${tickType}_${style}.zip`;
}

/** `option/usa/daily/goog_2015_trade_american.zip`. */
export function optionYearZipPath(underlying: string, year: number, tickType: TickType, resolution: "hour" | "daily", market = "usa", style: OptionStyle = "american"): string {
  return `option/${market}/${resolution}/${pathTicker(underlying)}_${year}_${tickType}_${style}.zip`;
}

/** `20151224_goog_minute_quote_american_put_7500000_20160617.csv`. */
export function optionDayEntryName(date: number, underlying: string, resolution: "second" | "minute", tickType: TickType, contract: OptionContractId, style: OptionStyle = "american"): string {
  return `${formatDate(date)}_${pathTicker(underlying)}_${resolution}_${tickType}_${style}_${contract.right}_${Math.round(contract.strike * 10000)}_${formatDate(contract.expiry)}.csv`;
}

/** `goog_trade_american_put_7100000_20151231.csv` (entry of an hour/daily option zip). */
export function optionYearEntryName(underlying: string, tickType: TickType, contract: OptionContractId, style: OptionStyle = "american"): string {
  return `${pathTicker(underlying)}_${tickType}_${style}_${contract.right}_${Math.round(contract.strike * 10000)}_${formatDate(contract.expiry)}.csv`;
}

/** `option/usa/universes/goog/20151224.csv`. */
export function optionUniversePath(underlying: string, date: number, market = "usa"): string {
  return `option/${market}/universes/${pathTicker(underlying)}/${formatDate(date)}.csv`;
}

export function interestRatePath(market = "usa"): string {
  return `alternative/interest-rate/${market}/interest-rate.csv`;
}

export interface ParsedOptionEntryName extends OptionContractId {
  /** The file's date for minute/second entries, undefined for hour/daily entries. */
  date: number | undefined;
  underlying: string;
  resolution: Resolution | undefined;
  tickType: TickType;
  style: OptionStyle;
}

const TICK_TYPES = new Set(["trade", "quote", "openinterest"]);
const RESOLUTIONS = new Set(["tick", "second", "minute", "hour", "daily"]);

/**
 * Parses either form of option entry name:
 * `<date>_<und>_<res>_<tick>_<style>_<right>_<strike×10000>_<expiry>.csv` (minute/second) or
 * `<und>_<tick>_<style>_<right>_<strike×10000>_<expiry>.csv` (hour/daily).
 * Parsed from the right, so an underlying containing `_` still works.
 */
export function parseOptionEntryName(name: string): ParsedOptionEntryName {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const fail = (reason: string): never => {
    throw new DataFormatError(name, undefined, `not an option entry name: ${reason}`);
  };
  if (!base.toLowerCase().endsWith(".csv")) fail("expected a .csv name");
  const parts = base.slice(0, -4).split("_");
  if (parts.length < 6) fail("too few parts");
  const expiryText = parts[parts.length - 1];
  const strikeText = parts[parts.length - 2];
  const right = parts[parts.length - 3];
  const style = parts[parts.length - 4];
  const tickType = parts[parts.length - 5];
  if (!/^\d{8}$/.test(expiryText)) fail(`invalid expiry "${expiryText}"`);
  if (!/^\d+$/.test(strikeText)) fail(`invalid strike "${strikeText}"`);
  if (right !== "call" && right !== "put") fail(`invalid right "${right}"`);
  if (style !== "american" && style !== "european") fail(`invalid style "${style}"`);
  if (!TICK_TYPES.has(tickType)) fail(`invalid tick type "${tickType}"`);
  const head = parts.slice(0, parts.length - 5);
  let date: number | undefined;
  let resolution: Resolution | undefined;
  let underlying: string;
  if (head.length >= 3 && /^\d{8}$/.test(head[0]) && RESOLUTIONS.has(head[head.length - 1])) {
    date = Number(head[0]);
    resolution = head[head.length - 1] as Resolution;
    underlying = head.slice(1, -1).join("_");
  } else {
    underlying = head.join("_");
  }
  if (underlying === "") fail("no underlying");
  return {
    date,
    underlying,
    resolution,
    tickType: tickType as TickType,
    style: style as OptionStyle,
    right: right as OptionRight,
    strike: Number(strikeText) / 10000,
    expiry: Number(expiryText),
  };
}

/** A stable string key for a contract: `put:750:20160617`. */
export function optionContractKey(contract: OptionContractId): string {
  return `${contract.right}:${contract.strike}:${contract.expiry}`;
}
