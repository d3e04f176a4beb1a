/**
 * When and from what an option chain's contracts are chosen, as LEAN (commit 24863901) does it:
 * - The universe file `option/usa/universes/<und>/<d>.csv` is one data point with time d 00:00
 *   and end time d+1 00:00 (`BaseChainUniverseData.EndTime = Time + 1 day`); it is emitted, and
 *   the filter runs, at that end time (`OptionChainUniverse.SelectSymbols`).
 * - The universe subscription starts one trading day before the algorithm start
 *   (`DataManager`: "adjust the start time to the previous tradable date so universe selection
 *   always happens right away"), so the contracts tradable on trading day D are selected from
 *   the file of the previous trading day, at 00:00 of the day after that file (a weekend or
 *   holiday midnight when D follows one).
 * - The strike ranks are anchored on that file's underlying row close (`data.Underlying`), not on
 *   a live price; expiry windows count from the selection date moved to the next trading day.
 * Pure: takes the parsed universe file and returns symbols.
 */
import { OptionRight, OptionStyle, Symbol } from "../securities/symbol.ts";
import type { OptionUniverse } from "../data/option-reader.ts";
import { applyOptionFilter, OptionFilterUniverse, type OptionFilter, type OptionUniverseEntry } from "./option-filter-universe.ts";

/** Anything that knows the trading calendar (an ExchangeHours does). */
export interface TradingCalendar {
  readonly timeZone: string;
  isDateOpen(date: number): boolean;
  previousTradingDay(date: number): unknown;
  nextTradingDay(date: number): unknown;
}

/** The universe file date whose contracts are tradable on trading day `tradingDay` (both yyyymmdd). */
export function universeDateFor(tradingDay: number, calendar: TradingCalendar): number {
  return calendar.previousTradingDay(tradingDay) as number;
}

/** The first trading day on or after `date`. */
export function tradingDayOnOrAfter(date: number, calendar: TradingCalendar): number {
  return calendar.isDateOpen(date) ? date : (calendar.nextTradingDay(date) as number);
}

/** The universe file's rows as filter entries with interned contract symbols. */
export function universeEntries(universe: OptionUniverse, underlying: Symbol, style: OptionStyle = OptionStyle.American): OptionUniverseEntry[] {
  const out: OptionUniverseEntry[] = new Array(universe.count);
  for (let i = 0; i < universe.count; i++) {
    const right = universe.right[i] === 0 ? OptionRight.Call : OptionRight.Put;
    out[i] = {
      symbol: Symbol.createOption(underlying, universe.strike[i], universe.expiry[i], right, style),
      strike: universe.strike[i],
      expiry: universe.expiry[i],
      right,
      close: universe.close[i],
      volume: universe.volume[i],
      openInterest: universe.openInterest[i],
      impliedVolatility: universe.impliedVolatility[i],
      delta: universe.delta[i],
    };
  }
  return out;
}

export interface ContractSelection {
  /** yyyymmdd of the trading day the contracts are for */
  tradingDay: number;
  /** the universe file used (previous trading day) */
  universeDate: number;
  /** the price the strike ranks used (the file's underlying close) */
  underlyingPrice: number;
  /** selected contracts in the universe file's order */
  symbols: Symbol[];
}

/**
 * Runs `filter` over `entries` for trading day `tradingDay`, as LEAN's selection at the end time
 * of the previous trading day's file. Contracts expiring before `tradingDay` are dropped (they can
 * only come back through a custom `contracts(...)` selection, and would be delisted at once).
 */
export function selectContracts(
  entries: readonly OptionUniverseEntry[],
  underlyingPrice: number,
  tradingDay: number,
  filter: OptionFilter,
  calendar?: TradingCalendar,
): Symbol[] {
  const universe = new OptionFilterUniverse(entries, underlyingPrice, tradingDay, calendar ? (d) => tradingDayOnOrAfter(d, calendar) : undefined);
  return applyOptionFilter(filter, universe).filter((s) => (s.expiry ?? 0) >= tradingDay);
}

/** `selectContracts` from a parsed universe file. */
export function selectFromUniverseFile(
  universe: OptionUniverse,
  underlying: Symbol,
  tradingDay: number,
  filter: OptionFilter,
  calendar?: TradingCalendar,
  style: OptionStyle = OptionStyle.American,
): ContractSelection {
  const price = universe.underlying.close;
  return {
    tradingDay,
    universeDate: universe.date,
    underlyingPrice: price,
    symbols: selectContracts(universeEntries(universe, underlying, style), price, tradingDay, filter, calendar),
  };
}
