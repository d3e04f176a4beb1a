/**
 * The option chain as the replay loop consumes it, one trading day at a time, synchronously:
 * `startDay(D)` runs the universe selection for D (LEAN: at the end time of the previous trading
 * day's universe file, i.e. the midnight after it) and loads D's bars of the member contracts;
 * then `nextEnd`/`take()` hand out every contract bar of the day in end-time order, all bars
 * with the same end time at once, filled forward while the market is open (LEAN's option
 * subscriptions fill forward by default). Memory: one day of the members' bars.
 *
 * Membership follows LEAN's universe rules: newly selected contracts are added; unselected ones
 * are removed unless held (`isHeld`, LEAN's pending removals keep invested securities); contracts
 * past their expiry are removed (delisted) whether held or not and reported in `delisted`, so the
 * engine can exercise or expire them.
 */
import { QuoteBar, TradeBar, type Bar } from "../securities/bars.ts";
import type { Symbol } from "../securities/symbol.ts";
import { dateKeyFromDayNumber, dayNumberFromDateKey, epochFromLocal, type ExchangeHours } from "../time/index.ts";
import type { OpenInterestChunk, QuoteBarChunk, TradeBarChunk } from "../data/bar-chunk.ts";
import { DEFAULT_OPTION_FILTER, type OptionFilter } from "./option-filter-universe.ts";
import type { OptionChainSource } from "./option-chain-source.ts";
import { selectContracts } from "./universe-selection.ts";
import { buildOptionChain, type ChainUnderlying, type OptionChain } from "./option-chain.ts";
import type { OptionPricingSettings } from "./option-pricing.ts";

export interface OptionChainFeedOptions {
  source: OptionChainSource;
  /** the canonical option symbol (`Symbol.createCanonicalOption(underlying)`) */
  canonical: Symbol;
  /** the option exchange's hours (MarketHoursDatabase: Option-usa-[*]) */
  exchangeHours: ExchangeHours;
  resolution?: "minute" | "second";
  filter?: OptionFilter;
  fillForward?: boolean;
  extendedMarketHours?: boolean;
}

export interface StartDayOptions {
  /** contracts with holdings or open orders stay members when unselected (LEAN pending removals) */
  isHeld?: (symbol: Symbol) => boolean;
  /** anchor for the strike ranks when the source has no universe price (NaN-free overrides only) */
  underlyingPrice?: number;
  /** contracts that are members besides the filter's until they expire (addOptionContract, resumed positions) */
  include?: Iterable<Symbol>;
}

export interface DayStart {
  /** the trading day, yyyymmdd */
  date: number;
  /** epoch ms at which LEAN runs this selection (midnight after the universe file's date) */
  selectionTime: number;
  /** universe data date used, or null when there was none (membership unchanged) */
  universeDate: number | null;
  underlyingPrice: number;
  /** what the filter selected */
  selected: Symbol[];
  /** members now (selected plus held leftovers) */
  members: Symbol[];
  added: Symbol[];
  removed: Symbol[];
  /** members expiring today (LEAN's Delisting warning, emitted on the expiry date) */
  delistingWarnings: Symbol[];
  /**
   * members whose expiry has passed: LEAN's Delisted event, time = expiry + 1 day 00:00, processed
   * after onData in that slice: exercise or expire the holdings then (option-exercise.ts)
   */
  delisted: { symbol: Symbol; time: number }[];
}

export interface OptionBarUpdate {
  symbol: Symbol;
  bar: TradeBar | QuoteBar;
}

interface ContractState {
  symbol: Symbol;
  trade?: TradeBarChunk;
  tradeIndex: number;
  quote?: QuoteBarChunk;
  quoteIndex: number;
  oi?: OpenInterestChunk;
  oiIndex: number;
  lastTrade?: TradeBar;
  lastQuote?: QuoteBar;
  openInterest: number;
}

const PERIOD = { minute: 60_000, second: 1_000 } as const;

export class OptionChainFeed {
  readonly canonical: Symbol;
  private readonly hours: ExchangeHours;
  private readonly period: number;
  private readonly fillForward: boolean;
  private readonly extended: boolean;
  private filter: OptionFilter;
  private readonly states = new Map<Symbol, ContractState>();
  private selected = new Set<Symbol>();
  private times = new Float64Array(0);
  private cursor = 0;
  private currentDate = 0;
  private lastTime = -Infinity;

  constructor(private readonly options: OptionChainFeedOptions) {
    this.canonical = options.canonical;
    this.hours = options.exchangeHours;
    this.period = PERIOD[options.resolution ?? "minute"];
    this.fillForward = options.fillForward ?? true;
    this.extended = options.extendedMarketHours ?? false;
    this.filter = options.filter ?? DEFAULT_OPTION_FILTER;
  }

  setFilter(filter: OptionFilter): void {
    this.filter = filter;
  }

  /** Current member contracts. */
  get members(): ReadonlySet<Symbol> {
    return new Set(this.states.keys());
  }

  /** The contracts the last selection chose (LEAN's chain `FilteredContracts`). */
  get filteredContracts(): ReadonlySet<Symbol> {
    return this.selected;
  }

  /** The trading day loaded by the last `startDay`, yyyymmdd (0 before the first). */
  get date(): number {
    return this.currentDate;
  }

  /** Epoch ms at which the selection for the trading day after `date` happens (the midnight after `date`). */
  get nextSelectionTime(): number {
    if (this.currentDate === 0) return -Infinity;
    return epochFromLocal(dateKeyFromDayNumber(dayNumberFromDateKey(this.currentDate) + 1), 0, this.hours.timeZone);
  }

  /** The next trading day after the loaded one. */
  get nextTradingDay(): number {
    return this.hours.nextTradingDay(this.currentDate) as number;
  }

  /** Selection for trading day `date` and loading of its bars. Call once per trading day, in order. */
  startDay(date: number, options: StartDayOptions = {}): DayStart {
    const zone = this.hours.timeZone;
    const snapshot = this.options.source.universe(date);
    const before = new Set(this.states.keys());
    const isHeld = options.isHeld ?? (() => false);
    let selected: Symbol[];
    let underlyingPrice = options.underlyingPrice ?? NaN;
    let selectionTime = epochFromLocal(date, 0, zone);
    if (snapshot) {
      if (!Number.isFinite(underlyingPrice)) underlyingPrice = snapshot.underlyingPrice;
      selected = selectContracts(snapshot.entries, underlyingPrice, date, this.filter, this.hours);
      selectionTime = epochFromLocal(dateKeyFromDayNumber(dayNumberFromDateKey(snapshot.universeDate) + 1), 0, zone);
      this.selected = new Set(selected);
    } else {
      selected = [...this.selected].filter((s) => s.expiry! >= date);
    }
    for (const symbol of options.include ?? []) if (symbol.expiry! >= date && !selected.includes(symbol)) selected.push(symbol);
    const selectedSet = new Set(selected);
    const delisted: DayStart["delisted"] = [];
    const removed: Symbol[] = [];
    for (const symbol of before) {
      if (symbol.expiry! < date) {
        delisted.push({ symbol, time: epochFromLocal(dateKeyFromDayNumber(dayNumberFromDateKey(symbol.expiry!) + 1), 0, zone) });
        removed.push(symbol);
        this.states.delete(symbol);
      } else if (!selectedSet.has(symbol) && !isHeld(symbol)) {
        removed.push(symbol);
        this.states.delete(symbol);
      }
    }
    const added: Symbol[] = [];
    for (const symbol of selected) {
      if (!this.states.has(symbol)) {
        added.push(symbol);
        this.states.set(symbol, { symbol, tradeIndex: 0, quoteIndex: 0, oiIndex: 0, openInterest: 0 });
      }
    }
    this.selected = selectedSet;
    this.loadDay(date);
    const members = [...this.states.keys()];
    return {
      date,
      selectionTime,
      universeDate: snapshot?.universeDate ?? null,
      underlyingPrice,
      selected,
      members,
      added,
      removed,
      delistingWarnings: members.filter((s) => s.expiry === date),
      delisted,
    };
  }

  private loadDay(date: number): void {
    this.currentDate = date;
    for (const state of this.states.values()) {
      state.trade = state.quote = state.oi = undefined;
      state.tradeIndex = state.quoteIndex = state.oiIndex = 0;
    }
    const days = this.options.source.day(date, new Set(this.states.keys()));
    const times = new Set<number>();
    for (const day of days) {
      const state = this.states.get(day.symbol);
      if (!state) continue;
      state.trade = day.trade;
      state.quote = day.quote;
      state.oi = day.openInterest;
      for (const chunk of [day.trade, day.quote]) {
        if (!chunk) continue;
        for (let i = 0; i < chunk.count; i++) if (this.inSession(chunk.time[i])) times.add(chunk.endTime[i]);
      }
    }
    if (this.fillForward && this.states.size > 0) {
      // fill-forward bars exist only after some member's first real bar (today or earlier)
      let from = Infinity;
      for (const state of this.states.values()) if (state.lastTrade || state.lastQuote) from = -Infinity;
      if (from === Infinity) for (const t of times) if (t < from) from = t;
      const zone = this.hours.timeZone;
      const start = epochFromLocal(date, 0, zone);
      const end = epochFromLocal(dateKeyFromDayNumber(dayNumberFromDateKey(date) + 1), 0, zone);
      for (let t = start; t < end; t += this.period) if (t + this.period >= from && this.inSession(t)) times.add(t + this.period);
    }
    this.times = Float64Array.from([...times].filter((t) => t > this.lastTime)).sort();
    this.cursor = 0;
  }

  private inSession(barStart: number): boolean {
    return this.hours.isOpen(barStart, this.extended);
  }

  /** End time of the next bars, epoch ms; Infinity when the loaded day is exhausted. */
  get nextEnd(): number {
    return this.cursor < this.times.length ? this.times[this.cursor] : Infinity;
  }

  /** Every member's bar ending at `nextEnd` (real, else filled forward), trade bars before quote bars per contract. */
  take(): OptionBarUpdate[] {
    const t = this.times[this.cursor++];
    if (t === undefined) return [];
    this.lastTime = t;
    const out: OptionBarUpdate[] = [];
    const start = t - this.period;
    for (const state of this.states.values()) {
      const symbol = state.symbol;
      const oi = state.oi;
      if (oi) {
        while (state.oiIndex < oi.count && oi.endTime[state.oiIndex] <= t) state.openInterest = oi.openInterest[state.oiIndex++];
      }
      const trade = state.trade;
      let real = false;
      if (trade) {
        while (state.tradeIndex < trade.count && trade.endTime[state.tradeIndex] < t) state.tradeIndex++;
        const i = state.tradeIndex;
        if (i < trade.count && trade.endTime[i] === t && this.inSession(trade.time[i])) {
          const bar = new TradeBar(symbol, trade.time[i], t, trade.open[i], trade.high[i], trade.low[i], trade.close[i], trade.volume[i]);
          state.lastTrade = bar;
          state.tradeIndex++;
          out.push({ symbol, bar });
          real = true;
        }
      }
      if (!real && this.fillForward && state.lastTrade) out.push({ symbol, bar: state.lastTrade.fillForward(start, t) });
      const quote = state.quote;
      real = false;
      if (quote) {
        while (state.quoteIndex < quote.count && quote.endTime[state.quoteIndex] < t) state.quoteIndex++;
        const i = state.quoteIndex;
        if (i < quote.count && quote.endTime[i] === t && this.inSession(quote.time[i])) {
          const bar = new QuoteBar(
            symbol, quote.time[i], t,
            side(quote.bidOpen[i], quote.bidHigh[i], quote.bidLow[i], quote.bidClose[i]),
            side(quote.askOpen[i], quote.askHigh[i], quote.askLow[i], quote.askClose[i]),
            quote.lastBidSize[i], quote.lastAskSize[i],
          );
          state.lastQuote = bar;
          state.quoteIndex++;
          out.push({ symbol, bar });
          real = true;
        }
      }
      if (!real && this.fillForward && state.lastQuote) out.push({ symbol, bar: state.lastQuote.fillForward(start, t) });
    }
    return out;
  }

  /** Latest open interest of a member (0 when none seen yet). */
  openInterest(symbol: Symbol): number {
    return this.states.get(symbol)?.openInterest ?? 0;
  }

  lastTrade(symbol: Symbol): TradeBar | undefined {
    return this.states.get(symbol)?.lastTrade;
  }

  lastQuote(symbol: Symbol): QuoteBar | undefined {
    return this.states.get(symbol)?.lastQuote;
  }

  /**
   * The slice's chain from the bars `take()` returned (LEAN builds it from the contracts with data
   * in the slice, filled-forward bars included).
   */
  chain(updates: readonly OptionBarUpdate[], underlying: ChainUnderlying, time: number, pricing?: OptionPricingSettings): OptionChain {
    const perContract = new Map<Symbol, { symbol: Symbol; trade?: TradeBar; quote?: QuoteBar; openInterest: number }>();
    for (const u of updates) {
      let entry = perContract.get(u.symbol);
      if (!entry) perContract.set(u.symbol, (entry = { symbol: u.symbol, openInterest: this.openInterest(u.symbol) }));
      if (u.bar instanceof TradeBar) entry.trade = u.bar;
      else entry.quote = u.bar;
    }
    const zone = this.hours.timeZone;
    return buildOptionChain({
      canonical: this.canonical,
      time,
      underlying,
      contracts: perContract.values(),
      filteredContracts: this.selected,
      timeZone: zone,
      expiryTime: (s) => this.expiryTime(s),
      pricing,
    });
  }

  /** When a contract stops trading: the market close of its expiry date (or the last trading day before). */
  expiryTime(symbol: Symbol): number {
    let day = symbol.expiry!;
    if (!this.hours.isDateOpen(day)) day = this.hours.previousTradingDay(day) as number;
    return this.hours.marketClose(day) ?? epochFromLocal(day, 16 * 3_600_000, this.hours.timeZone);
  }
}

function side(open: number, high: number, low: number, close: number): Bar | null {
  return Number.isNaN(close) ? null : { open, high, low, close };
}
