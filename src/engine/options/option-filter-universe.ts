/**
 * The contract filter of an option chain (LEAN's `OptionFilterUniverse` with the expiry-type
 * logic of `ContractSecurityFilterUniverse`), camelCase. A filter is a function of the universe
 * that narrows it in place and may return it for chaining:
 * `option.setFilter(u => u.standardsOnly().strikes(-2, 2).expiration(0, 180))`.
 *
 * LEAN's semantics kept on purpose:
 * - `standardsOnly`/`weeklysOnly`/`includeWeeklys` only record the wanted expiry types; the type
 *   filter is applied after the user's function (or by `frontMonth`/`backMonths`), so `strikes`
 *   ranks strikes over every contract still in the universe at the time it is called.
 * - `strikes(min, max)` ranks the distinct strikes; the anchor is the first strike at or above
 *   the underlying price; when the price is not itself a strike and the range straddles it, the
 *   upper bound loses one step (so `strikes(-2, 2)` keeps two strikes below and two above).
 * - `expiration(min, max)` counts calendar days from the selection date, moved to the next
 *   trading day when the exchange is closed on it.
 * Knows no engine: plain symbols, numbers and a trading-day function.
 */
import { dateKeyFromDayNumber, dayNumberFromDateKey } from "../time/index.ts";
import { OptionRight, Symbol } from "../securities/symbol.ts";
import { isStandardExpiry } from "./expiry-type.ts";

/** One contract as the universe file lists it (statistics NaN where unknown). */
export interface OptionUniverseEntry {
  readonly symbol: Symbol;
  readonly strike: number;
  /** yyyymmdd */
  readonly expiry: number;
  readonly right: OptionRight;
  readonly close: number;
  readonly volume: number;
  readonly openInterest: number;
  readonly impliedVolatility: number;
  readonly delta: number;
}

const STANDARD = 1;
const WEEKLY = 2;

export class FilterOrderError extends Error {
  override name = "FilterOrderError";
}

export class OptionFilterUniverse implements Iterable<OptionUniverseEntry> {
  private data: OptionUniverseEntry[];
  private type = STANDARD | WEEKLY;
  private typesApplied = false;

  /**
   * @param entries the chain's contracts
   * @param underlyingPrice the price the strike ranks are anchored on (LEAN: the universe file's underlying close)
   * @param localDate selection date, yyyymmdd (exchange local)
   * @param nextTradingDay moves a closed date to the next trading day (identity when open)
   */
  constructor(
    entries: readonly OptionUniverseEntry[],
    readonly underlyingPrice: number,
    readonly localDate: number,
    private readonly tradingDayOnOrAfter: (yyyymmdd: number) => number = (d) => d,
  ) {
    this.data = [...entries];
  }

  get count(): number {
    return this.data.length;
  }

  get symbols(): Symbol[] {
    return this.data.map((x) => x.symbol);
  }

  [globalThis.Symbol.iterator](): Iterator<OptionUniverseEntry> {
    return this.data[globalThis.Symbol.iterator]();
  }

  /** Keeps the strikes from `minStrike` to `maxStrike` steps around the underlying price. */
  strikes(minStrike: number, maxStrike: number): this {
    if (!Number.isFinite(this.underlyingPrice)) return this;
    const unique = [...new Set(this.data.map((x) => x.strike))].sort((a, b) => a - b);
    if (unique.length === 0) return this;
    const price = this.underlyingPrice;
    const index = lowerBound(unique, price);
    const exact = index < unique.length && unique[index] === price;
    if (!exact && index === unique.length) return this.empty();
    let lo = index + minStrike;
    let hi = index + maxStrike;
    if (!exact) {
      if (minStrike < 0 && maxStrike > 0) hi--;
      else if (minStrike > 0) {
        lo--;
        hi--;
      }
    }
    if (lo < 0) lo = 0;
    else if (lo >= unique.length) return this.empty();
    if (hi < 0) return this.empty();
    if (hi >= unique.length) hi = unique.length - 1;
    const minPrice = unique[lo];
    const maxPrice = unique[hi];
    this.data = this.data.filter((x) => x.strike >= minPrice && x.strike <= maxPrice);
    return this;
  }

  /** Keeps expiries from `minExpiryDays` to `maxExpiryDays` calendar days after the selection date. */
  expiration(minExpiryDays: number, maxExpiryDays: number): this {
    const reference = dayNumberFromDateKey(this.tradingDayOnOrAfter(this.localDate));
    const min = dateKeyFromDayNumber(reference + Math.max(Math.ceil(minExpiryDays), -1e6));
    const max = maxExpiryDays >= 1e6 ? Infinity : dateKeyFromDayNumber(reference + Math.floor(maxExpiryDays));
    this.data = this.data.filter((x) => x.expiry >= min && x.expiry <= max);
    return this;
  }

  callsOnly(): this {
    this.data = this.data.filter((x) => x.right === OptionRight.Call);
    return this;
  }

  putsOnly(): this {
    this.data = this.data.filter((x) => x.right === OptionRight.Put);
    return this;
  }

  /** Only standard (monthly) expiries. Call before frontMonth/backMonths. */
  standardsOnly(): this {
    if (this.typesApplied) {
      throw new FilterOrderError("standardsOnly(): expiry type filters were already applied; call standardsOnly() before frontMonth() or backMonths()");
    }
    this.type = STANDARD;
    return this;
  }

  /** Weeklies are included by default (LEAN marks this obsolete); kept for old filters. */
  includeWeeklys(): this {
    if (this.typesApplied) {
      throw new FilterOrderError("includeWeeklys(): expiry type filters were already applied; call includeWeeklys() before frontMonth() or backMonths()");
    }
    this.type |= WEEKLY;
    return this;
  }

  /** Only weekly (non-standard) expiries. */
  weeklysOnly(): this {
    this.type = WEEKLY;
    return this;
  }

  /** The nearest expiry only (after applying the expiry-type filter). */
  frontMonth(): this {
    this.applyTypesFilter();
    if (this.data.length === 0) return this;
    const first = Math.min(...this.data.map((x) => x.expiry));
    this.data = this.data.filter((x) => x.expiry === first);
    return this;
  }

  /** Every expiry but the nearest. */
  backMonths(): this {
    this.applyTypesFilter();
    if (this.data.length === 0) return this;
    const first = Math.min(...this.data.map((x) => x.expiry));
    this.data = this.data.filter((x) => x.expiry !== first);
    return this;
  }

  /** The second nearest expiry. */
  backMonth(): this {
    return this.backMonths().frontMonth();
  }

  /** Keeps contracts whose universe delta is within [min, max] (NaN deltas are dropped). */
  delta(min: number, max: number): this {
    this.data = this.data.filter((x) => x.delta >= min && x.delta <= max);
    return this;
  }

  /** Keeps contracts whose universe implied volatility is within [min, max]. */
  impliedVolatility(min: number, max: number): this {
    this.data = this.data.filter((x) => x.impliedVolatility >= min && x.impliedVolatility <= max);
    return this;
  }

  /** Keeps contracts whose universe open interest is within [min, max]. */
  openInterest(min: number, max: number): this {
    this.data = this.data.filter((x) => x.openInterest >= min && x.openInterest <= max);
    return this;
  }

  /**
   * A custom selection: a list of symbols, or a function of the current entries returning the
   * entries or symbols to keep.
   */
  contracts(selection: readonly Symbol[] | ((entries: readonly OptionUniverseEntry[]) => Iterable<OptionUniverseEntry | Symbol>)): this {
    const picked = typeof selection === "function" ? [...selection(this.data)] : [...selection];
    const bySymbol = new Map(this.data.map((x) => [x.symbol, x] as const));
    const out: OptionUniverseEntry[] = [];
    for (const item of picked) {
      if (item instanceof Symbol) out.push(bySymbol.get(item) ?? syntheticEntry(item));
      else out.push(item);
    }
    this.data = out;
    return this;
  }

  /** LEAN keeps this for old filters; filters always run once a day now. */
  onlyApplyFilterAtMarketOpen(): this {
    return this;
  }

  /** Applies the recorded expiry types (once). */
  applyTypesFilter(): this {
    if (this.typesApplied) return this;
    const type = this.type;
    if (type !== (STANDARD | WEEKLY)) {
      const memo = new Map<number, boolean>();
      const standard = (expiry: number) => {
        let v = memo.get(expiry);
        if (v === undefined) memo.set(expiry, (v = isStandardExpiry(expiry)));
        return v;
      };
      this.data = this.data.filter((x) => (type === STANDARD ? standard(x.expiry) : type === WEEKLY ? !standard(x.expiry) : false));
    }
    this.typesApplied = true;
    return this;
  }

  private empty(): this {
    this.data = [];
    return this;
  }
}

function syntheticEntry(symbol: Symbol): OptionUniverseEntry {
  return {
    symbol,
    strike: symbol.strike ?? NaN,
    expiry: symbol.expiry ?? 0,
    right: symbol.right ?? OptionRight.Call,
    close: NaN,
    volume: NaN,
    openInterest: NaN,
    impliedVolatility: NaN,
    delta: NaN,
  };
}

/** First index with sorted[i] >= value. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A contract filter: narrows the universe in place; may return it (or nothing) for chaining. */
export type OptionFilter = (universe: OptionFilterUniverse) => OptionFilterUniverse | void;

/** `setFilter(minStrike, maxStrike, minExpiryDays, maxExpiryDays)` as a filter function. */
export function strikeExpiryFilter(minStrike: number, maxStrike: number, minExpiryDays: number, maxExpiryDays: number): OptionFilter {
  return (u) => u.strikes(minStrike, maxStrike).expiration(minExpiryDays, maxExpiryDays);
}

/** LEAN's default when no filter is set (`Option` constructor): strikes -1..+1, expiries 0..35 days. */
export const DEFAULT_OPTION_FILTER: OptionFilter = strikeExpiryFilter(-1, 1, 0, 35);

/** Runs `filter` and then the expiry-type filter, as LEAN's `SetFilter` wrapper does. */
export function applyOptionFilter(filter: OptionFilter, universe: OptionFilterUniverse): Symbol[] {
  const result = filter(universe) ?? universe;
  return result.applyTypesFilter().symbols;
}

/**
 * LEAN's `SetFilter` overloads as one function for the engine's `option.setFilter(...)`:
 * `(filter)`, `(minStrike, maxStrike)`, `(minStrike, maxStrike, minExpiryDays, maxExpiryDays)`.
 * (LEAN's `(TimeSpan minExpiry, TimeSpan maxExpiry)` overload has no distinct JavaScript form;
 * use `u => u.expiration(min, max)`.)
 */
export function optionFilterFrom(...args: [OptionFilter] | [number, number] | [number, number, number, number]): OptionFilter {
  if (args.length === 1 && typeof args[0] === "function") return args[0];
  const numbers = args as number[];
  if (!numbers.every((x) => typeof x === "number" && Number.isFinite(x))) {
    throw new TypeError(`setFilter: expected a filter function, (minStrike, maxStrike) or (minStrike, maxStrike, minExpiryDays, maxExpiryDays), got (${args.map(String).join(", ")})`);
  }
  if (numbers.length === 2) return (u) => u.strikes(numbers[0], numbers[1]);
  if (numbers.length === 4) return strikeExpiryFilter(numbers[0], numbers[1], numbers[2], numbers[3]);
  throw new TypeError(`setFilter: expected 1, 2 or 4 arguments, got ${numbers.length}`);
}
