/**
 * Where an option chain feed gets its contracts and bars, one day at a time: LEAN's data folder
 * (universe files + per-day minute/second zips) or our CSV chain files (option-chain-csv.ts).
 * Sources return columnar chunks (bar-chunk.ts) so a day of a large chain stays cheap.
 */
import type { OpenInterestChunk, QuoteBarChunk, TradeBarChunk, EpochFromLocal } from "../data/bar-chunk.ts";
import { optionContractKey } from "../data/lean-paths.ts";
import { readOptionDay, readOptionUniverse } from "../data/option-reader.ts";
import { OptionRight, OptionStyle, Symbol } from "../securities/symbol.ts";
import type { OptionUniverseEntry } from "./option-filter-universe.ts";
import { universeDateFor, universeEntries, type TradingCalendar } from "./universe-selection.ts";

/** The contracts a trading day's selection chooses from. */
export interface OptionUniverseSnapshot {
  /** the date of the data the snapshot comes from (LEAN: the previous trading day's file) */
  universeDate: number;
  /** the price strike ranks are anchored on */
  underlyingPrice: number;
  entries: OptionUniverseEntry[];
}

/** One contract's bars for one day (any part may be missing). */
export interface OptionContractDay {
  symbol: Symbol;
  trade?: TradeBarChunk;
  quote?: QuoteBarChunk;
  openInterest?: OpenInterestChunk;
}

export interface OptionChainSource {
  /** The universe for trading day `tradingDay`, or null when the data has none. */
  universe(tradingDay: number): OptionUniverseSnapshot | null;
  /** The bars of `date` for the wanted contracts (others are not inflated). */
  day(date: number, wanted: ReadonlySet<Symbol>): OptionContractDay[];
}

export interface LeanOptionSourceOptions {
  dataFolder: string;
  underlying: Symbol;
  calendar: TradingCalendar;
  resolution?: "minute" | "second";
  epochFromLocal: EpochFromLocal;
  style?: OptionStyle;
}

/** Contract key as the LEAN readers name it (`put:750:20160617`). */
export function contractKeyOf(symbol: Symbol): string {
  return optionContractKey({ right: symbol.right === OptionRight.Call ? "call" : "put", strike: symbol.strike!, expiry: symbol.expiry! });
}

/** LEAN's data folder: universe file of the previous trading day; the day's trade/quote/open-interest zips. */
export class LeanOptionChainSource implements OptionChainSource {
  constructor(private readonly options: LeanOptionSourceOptions) {}

  universe(tradingDay: number): OptionUniverseSnapshot | null {
    const o = this.options;
    const universeDate = universeDateFor(tradingDay, o.calendar);
    const file = readOptionUniverse(o.dataFolder, o.underlying.value.toLowerCase(), universeDate);
    if (!file) return null;
    return { universeDate, underlyingPrice: file.underlying.close, entries: universeEntries(file, o.underlying, o.style ?? OptionStyle.American) };
  }

  day(date: number, wanted: ReadonlySet<Symbol>): OptionContractDay[] {
    const o = this.options;
    if (wanted.size === 0) return [];
    const byKey = new Map<string, Symbol>();
    for (const s of wanted) byKey.set(contractKeyOf(s), s);
    const out = new Map<Symbol, OptionContractDay>();
    for (const tickType of ["trade", "quote", "openinterest"] as const) {
      const chunks = readOptionDay({
        dataFolder: o.dataFolder,
        underlying: o.underlying.value.toLowerCase(),
        date,
        tickType,
        resolution: o.resolution ?? "minute",
        epochFromLocal: o.epochFromLocal,
        filter: (c) => byKey.has(optionContractKey(c)),
      });
      for (const { key, chunk } of chunks) {
        const symbol = byKey.get(key)!;
        let day = out.get(symbol);
        if (!day) out.set(symbol, (day = { symbol }));
        if (chunk.kind === "trade") day.trade = chunk;
        else if (chunk.kind === "quote") day.quote = chunk;
        else day.openInterest = chunk;
      }
    }
    return [...out.values()];
  }
}
