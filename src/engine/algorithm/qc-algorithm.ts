// The class a user extends (LEAN's QCAlgorithm, camelCase): set-up, state, trading, indicators,
// scheduling and logging. The engine attaches an environment before `initialize` and drives the
// clock; everything else a strategy needs is reachable from `this`.
import { Decimal } from "decimal.js";
import { DateTime } from "luxon";
import { Resolution, resolutionToMs } from "../common/resolution.ts";
import { SecurityType, Market } from "../common/security-type.ts";
import { AlgorithmUsageError } from "../common/errors.ts";
import { Security, DataNormalizationMode, type Subscription } from "../securities/security.ts";
import { Symbol, type SymbolLike } from "../securities/symbol.ts";
import type { ExchangeHoursLike } from "../securities/exchange.ts";
import type { TradeBar, QuoteBar } from "../securities/bars.ts";
import { Portfolio } from "../portfolio/portfolio.ts";
import { calculateOrderQuantity } from "../portfolio/order-sizing.ts";
import { TransactionManager } from "../orders/transaction-manager.ts";
import { OrderDirection, OrderType } from "../orders/order-enums.ts";
import { trailingStopPrice } from "../orders/fills/fill-model.ts";
import type { OrderTicket } from "../orders/order-ticket.ts";
import type { OrderEvent } from "../orders/order-event.ts";
import type { Order } from "../orders/order.ts";
import { SecurityManager } from "./securities-manager.ts";
import { ScheduleManager } from "./schedule.ts";
import { defaultSettings, type AlgorithmSettings } from "./settings.ts";
import type { Slice } from "./slice.ts";
import { DateRules, TimeRules } from "../time/index.ts";
import {
  AverageTrueRange,
  BollingerBands,
  ExponentialMovingAverage,
  MovingAverageConvergenceDivergence,
  MovingAverageType,
  RelativeStrengthIndex,
  SimpleMovingAverage,
  Identity,
  createIndicatorName,
  type BarLike,
  type IndicatorBase,
} from "../indicators/index.ts";
import { TradeBarConsolidator } from "../consolidators/trade-bar-consolidator.ts";
import { CircuitBreaker } from "../../risk/index.ts";
import { StorageCategory, type StorageMonitor, type SyncObjectStore, type SyncObjectStoreManager } from "../../storage/index.ts";
import { Option } from "../securities/option.ts";
import { OptionPricingConfig } from "../options/index.ts";

/** What the engine provides to an algorithm. */
export interface AlgorithmEnvironment {
  exchangeHoursFor(securityType: SecurityType, market: string, ticker: string): ExchangeHoursLike;
  /** the engine registers a data feed for a new subscription */
  subscribe(security: Security, subscription: Subscription): void;
  log(level: "debug" | "log" | "error", utcTime: number, message: string): void;
  /** MOC orders inside this buffer before the close are rejected (LEAN: 15.5 minutes) */
  readonly marketOnCloseBufferMs: number;
  /** trade bars of a security ending in (startMs, endMs], oldest first, from the data folder */
  history(security: Security, resolution: Resolution, startMs: number, endMs: number): TradeBar[];
  /** the engine starts the option chain feed of a new option subscription */
  addOptionChain(option: Option): void;
  /** the option exchange's hours (Option-usa-[*]) */
  optionHours(market: string, underlying: string): ExchangeHoursLike;
  /** the data folder the run reads (for an algorithm's own files, e.g. news) */
  readonly dataFolder: string;
  /** keeps an option contract in its chain (and makes it a security) whatever the filter says */
  includeOptionContract(symbol: Symbol): Security;
  /** the object store, opened on first use (on the algorithm's clock) */
  objectStore(): SyncObjectStore;
  objectStoreManager(): SyncObjectStoreManager;
  storageMonitor(): StorageMonitor;
}

export type LogLevel = "debug" | "log" | "error";

interface IndicatorRegistration {
  symbol: Symbol;
  indicator: IndicatorBase<never>;
  consolidator?: TradeBarConsolidator;
}

const MOC_BUFFER_MS = 15.5 * 60_000;

export class QCAlgorithm {
  // ---- state the engine drives -------------------------------------------------------------
  /** @internal current engine time, epoch ms UTC */
  utcNow = 0;
  /** @internal */
  env: AlgorithmEnvironment | undefined;
  /** @internal set by the engine while initialize() runs */
  initializing = false;
  /** @internal registered indicators, updated by the engine */
  readonly indicatorRegistrations: IndicatorRegistration[] = [];
  /** @internal */
  warmUpPeriodMs = 0;
  /** @internal */
  warmUpBars = 0;
  /** @internal */
  warmUpResolution: Resolution | undefined;
  /** @internal */
  isWarmingUpFlag = false;
  /** @internal */
  benchmarkSymbol: Symbol | undefined;
  /** @internal */
  benchmarkFunction: ((time: DateTime) => number) | undefined;
  /** @internal */
  benchmarkDisabled = false;

  private startDateValue: DateTime;
  private endDateValue: DateTime;
  private timeZoneValue = "America/New_York";
  private warnedMarketClosed = false;
  private startCash = new Decimal(100_000);
  private startDateSet = false;
  private endDateSet = false;
  private cashSet = false;

  readonly settings: AlgorithmSettings = defaultSettings();
  readonly securities = new SecurityManager();
  readonly portfolio: Portfolio;
  readonly transactions: TransactionManager;
  readonly schedule = new ScheduleManager();
  /**
   * The circuit breaker: refuses risk-adding orders once tripped (its rules come from
   * config/settings.json; external trips such as storage alerts always work). The engine replaces
   * this default (every rule off) with the configured one before initialize().
   */
  circuitBreaker: CircuitBreaker;
  readonly dateRules: DateRules;
  readonly timeRules: TimeRules;
  /** the run's log lines, as printed */
  readonly logs: string[] = [];

  constructor() {
    this.startDateValue = DateTime.fromObject({ year: 1998, month: 1, day: 1 }, { zone: this.timeZoneValue });
    this.endDateValue = DateTime.now().setZone(this.timeZoneValue).startOf("day").minus({ days: 1 });
    this.portfolio = new Portfolio(this.securities, this.startCash);
    this.circuitBreaker = new CircuitBreaker(
      { maxDailyLossPct: null, maxDrawdownPct: null, maxConsecutiveLosses: null },
      { now: () => this.utcNow },
    );
    this.transactions = new TransactionManager({
      now: () => this.utcNow,
      security: (s) => this.securities.get(s),
      trySecurity: (s) => this.securities.tryGet(s),
      portfolio: this.portfolio,
      get stalePriceMs() {
        return 3_600_000;
      },
      emit: (event, order) => this.deliverOrderEvent(event, order),
      error: (message) => this.error(message),
    });
    const algorithm = this;
    const ruleContext = {
      get timeZone(): string {
        return algorithm.timeZoneValue;
      },
      hoursFor: (symbol: unknown) => this.hoursFor(symbol),
      utcNow: () => this.utcNow,
    };
    this.dateRules = new DateRules(ruleContext);
    this.timeRules = new TimeRules(ruleContext);
  }

  // ---- persistence ----------------------------------------------------------------------------
  /** The data folder this run reads (LEAN's Globals.DataFolder). */
  get dataFolder(): string {
    return this.requireEnv("dataFolder").dataFolder;
  }

  /**
   * The guide's trading-state snapshot (usage pattern 1): `trading_state_{date}` in
   * trading_state for 90 days, with `timestamp`, `equity`, `positions` and `circuit_breaker`, plus
   * the `cash` and per-position `quantity`/`average_price` that `--resume` restarts from.
   */
  saveTradingState(extra: Record<string, unknown> = {}): string {
    const positions: Record<string, { quantity: number; average_price: string; price: number; market_value: string }> = {};
    for (const security of this.securities.values()) {
      const h = security.holdings;
      if (h.quantity === 0) continue;
      positions[security.symbol.value] = { quantity: h.quantity, average_price: h.averagePrice.toString(), price: security.price, market_value: h.holdingsValue.toString() };
    }
    const key = `trading_state_${this.time.toISODate()}`;
    this.objectStoreManager.save({
      key,
      data: {
        timestamp: this.time.toFormat("yyyy-MM-dd HH:mm:ss"),
        equity: this.portfolio.totalPortfolioValue.toNumber(),
        cash: this.portfolio.cash.toString(),
        positions,
        circuit_breaker: this.circuitBreaker.toJSON(),
        ...extra,
      },
      category: StorageCategory.TRADING_STATE,
      expireDays: 90,
    });
    return key;
  }

  // ---- events a strategy overrides ---------------------------------------------------------
  /**
   * The object store (LEAN's ObjectStore, camelCase): durable key-value storage shared by every run
   * pointed at the same store (`--store DIR`, default ./storage). Opened on first use.
   */
  get objectStore(): SyncObjectStore {
    return this.requireEnv("objectStore").objectStore();
  }

  /** The guide's manager over the same store: categories, expiry, compression, quotas. */
  get objectStoreManager(): SyncObjectStoreManager {
    return this.requireEnv("objectStoreManager").objectStoreManager();
  }

  /** The guide's storage monitor: usage, growth, days until full, thresholds, cleanup suggestions. */
  get storageMonitor(): StorageMonitor {
    return this.requireEnv("storageMonitor").storageMonitor();
  }

  // ---- events a strategy overrides ---------------------------------------------------------
  initialize(): void {}
  onData(_slice: Slice): void {}
  onOrderEvent(_orderEvent: OrderEvent): void {}
  onAssignmentOrderEvent(_assignmentEvent: OrderEvent): void {}
  onEndOfDay(_symbol: Symbol): void {}
  onEndOfAlgorithm(): void {}
  onWarmupFinished(): void {}
  /** After the last event, with LEAN's statistics computed (a tradeloom extension: results to store). */
  onEndOfBacktest(_results: { statistics: Record<string, string> }): void {}

  // ---- set-up ------------------------------------------------------------------------------
  setStartDate(year: number | DateTime | string, month?: number, day?: number): void {
    this.startDateValue = this.toDate(year, month, day, "setStartDate");
    this.startDateSet = true;
    // as LEAN: during initialize the algorithm's clock stands at the start date
    if (this.initializing) this.utcNow = this.startDateValue.toMillis();
  }

  setEndDate(year: number | DateTime | string, month?: number, day?: number): void {
    this.endDateValue = this.toDate(year, month, day, "setEndDate");
    this.endDateSet = true;
  }

  /** @internal overrides from the command line (--start/--end/--cash) */
  applyOverrides(o: { start?: DateTime; end?: DateTime; cash?: number }): void {
    if (o.start) this.startDateValue = o.start.setZone(this.timeZoneValue, { keepLocalTime: true }).startOf("day");
    if (o.end) this.endDateValue = o.end.setZone(this.timeZoneValue, { keepLocalTime: true }).startOf("day");
    if (o.cash !== undefined) this.setCash(o.cash);
  }

  private toDate(year: number | DateTime | string, month: number | undefined, day: number | undefined, method: string): DateTime {
    let dt: DateTime;
    if (DateTime.isDateTime(year)) dt = year.setZone(this.timeZoneValue, { keepLocalTime: true });
    else if (typeof year === "string") dt = DateTime.fromISO(year, { zone: this.timeZoneValue });
    else dt = DateTime.fromObject({ year, month, day }, { zone: this.timeZoneValue });
    if (!dt.isValid) throw new AlgorithmUsageError(`${method}: invalid date (${dt.invalidExplanation ?? "check year, month and day"})`);
    return dt.startOf("day");
  }

  setCash(amount: number | string | Decimal): void {
    const value = new Decimal(amount);
    if (!value.isFinite() || value.lt(0)) throw new AlgorithmUsageError(`setCash: amount must be a finite number >= 0, got ${String(amount)}`);
    this.startCash = value;
    this.cashSet = true;
    this.portfolio.setCash(value);
  }

  setTimeZone(zone: string): void {
    const probe = DateTime.now().setZone(zone);
    if (!probe.isValid) throw new AlgorithmUsageError(`setTimeZone: unknown time zone "${zone}"`);
    this.timeZoneValue = zone;
    this.startDateValue = this.startDateValue.setZone(zone, { keepLocalTime: true });
    this.endDateValue = this.endDateValue.setZone(zone, { keepLocalTime: true });
  }

  /** The benchmark: a symbol or ticker (its price is sampled daily), or a function of time. */
  setBenchmark(benchmark: SymbolLike | ((time: DateTime) => number)): void {
    if (typeof benchmark === "function") {
      this.benchmarkFunction = benchmark;
      this.benchmarkSymbol = undefined;
    } else {
      this.benchmarkSymbol = benchmark instanceof Symbol ? benchmark : this.securities.resolve(benchmark) ?? Symbol.create(benchmark);
      this.benchmarkFunction = undefined;
    }
  }

  /** Warm-up by a time span (ms or a luxon Duration-like { days: n }) or a count of bars. */
  setWarmUp(period: number | { days?: number; hours?: number; minutes?: number }, resolution?: Resolution): void {
    if (typeof period === "number") {
      if (!(period >= 0) || !Number.isInteger(period)) throw new AlgorithmUsageError(`setWarmUp: bar count must be a whole number >= 0, got ${period}`);
      this.warmUpBars = period;
      this.warmUpResolution = resolution;
    } else {
      const ms = ((period.days ?? 0) * 24 * 60 + (period.hours ?? 0) * 60 + (period.minutes ?? 0)) * 60_000;
      this.warmUpPeriodMs = ms;
    }
  }

  addEquity(
    ticker: string,
    resolution: Resolution = Resolution.Minute,
    market: string = Market.USA,
    fillForward = true,
    leverage = 0,
    extendedMarketHours = false,
    dataNormalizationMode?: DataNormalizationMode,
  ): Security {
    return this.addSecurity(SecurityType.Equity, ticker, resolution, market, fillForward, leverage, extendedMarketHours, dataNormalizationMode);
  }

  /**
   * Subscribes to an equity's option chain (LEAN's AddOption): the underlying is added if needed
   * and switched to raw prices, as LEAN forces for option underlyings. Returns the canonical
   * option, whose `symbol` keys `slice.optionChains` and whose `setFilter` picks the contracts.
   */
  addOption(underlying: SymbolLike, resolution: Resolution = Resolution.Minute, market: string = Market.USA): Option {
    const env = this.requireEnv("addOption");
    const ticker = typeof underlying === "string" ? underlying : underlying.value;
    const equity = this.securities.tryGet(ticker) ?? this.addEquity(ticker, resolution, market, true, 0, false, DataNormalizationMode.Raw);
    equity.setDataNormalizationMode(DataNormalizationMode.Raw);
    const canonical = Symbol.createCanonicalOption(equity.symbol, market);
    const existing = this.options.get(canonical);
    if (existing) return existing;
    const option = new Option(canonical, equity, resolution, new OptionPricingConfig());
    this.options.set(canonical, option);
    env.addOptionChain(option);
    return option;
  }

  /** LEAN's IsMarketOpen: the security's (or option chain's) regular session is open now. */
  isMarketOpen(symbol: SymbolLike): boolean {
    const key = symbol instanceof Symbol ? symbol : this.securities.resolve(symbol);
    const option = key ? this.options.get(key) : undefined;
    if (option) return this.requireEnv("isMarketOpen").optionHours(option.symbol.market, option.underlying.symbol.value).isOpen(this.utcNow, false);
    return this.securities.get(symbol).exchange.exchangeOpen;
  }

  /**
   * With `--resume`: the trading_state_* record the run continues from (its key and value), set
   * before the first data so an algorithm can restore its own state from it.
   */
  resumedState: { key: string; state: Record<string, unknown> } | undefined;

  /** @internal the algorithm's option chain subscriptions */
  readonly options = new Map<Symbol, Option>();

  /**
   * LEAN's AddOptionContract: one contract, whatever its chain's filter selects (the chain is
   * subscribed if needed, with a filter that selects nothing else).
   */
  addOptionContract(symbol: Symbol | string): Security {
    const contract = typeof symbol === "string" ? Symbol.parseOption(symbol) : symbol;
    if (!contract.underlying || contract.strike === undefined) throw new AlgorithmUsageError(`addOptionContract: ${contract.value} is not an option contract`);
    const canonical = Symbol.createCanonicalOption(contract.underlying, contract.market);
    if (!this.options.has(canonical)) this.addOption(contract.underlying).setFilter((u) => u.contracts([]));
    return this.requireEnv("addOptionContract").includeOptionContract(contract);
  }

  /** Exercises a long option position early (LEAN's ExerciseOption); fills as LEAN's exercise model. */
  exerciseOption(symbol: SymbolLike, quantity: number): OrderTicket {
    const security = this.securities.get(symbol);
    if (security.type !== SecurityType.Option) throw new AlgorithmUsageError(`exerciseOption: ${security.symbol.value} is not an option contract`);
    return this.transactions.submitExercise(security, -Math.abs(quantity));
  }

  addIndex(ticker: string, resolution: Resolution = Resolution.Minute, market: string = Market.USA, fillForward = true): Security {
    return this.addSecurity(SecurityType.Index, ticker, resolution, market, fillForward, 0, false, DataNormalizationMode.Raw);
  }

  /** @internal */
  addSecurity(
    type: SecurityType,
    ticker: string,
    resolution: Resolution,
    market: string,
    fillForward: boolean,
    leverage: number,
    extendedMarketHours: boolean,
    normalization: DataNormalizationMode | undefined,
  ): Security {
    const env = this.requireEnv("addEquity");
    const symbol = Symbol.create(ticker, type, market);
    const existing = this.securities.tryGet(symbol);
    if (existing) return existing;
    const hours = env.exchangeHoursFor(type, market, symbol.value);
    const security = new Security(symbol, hours, () => this.utcNow, { normalization });
    if (leverage > 0) security.setLeverage(leverage);
    this.securities.add(security);
    const tickTypes: Array<"trade" | "quote"> = resolution === Resolution.Minute || resolution === Resolution.Second ? ["trade", "quote"] : ["trade"];
    if (type === SecurityType.Index) tickTypes.splice(1);
    for (const tickType of tickTypes) {
      const subscription: Subscription = { symbol, resolution, tickType, extendedMarketHours, fillForward };
      security.subscriptions.push(subscription);
      env.subscribe(security, subscription);
    }
    return security;
  }

  // ---- state -------------------------------------------------------------------------------
  /** The algorithm's current time, in its time zone. */
  get time(): DateTime {
    return DateTime.fromMillis(this.utcNow, { zone: this.timeZoneValue });
  }
  get utcTime(): DateTime {
    return DateTime.fromMillis(this.utcNow, { zone: "utc" });
  }
  get startDate(): DateTime {
    return this.startDateValue;
  }
  get endDate(): DateTime {
    return this.endDateValue;
  }
  get timeZone(): string {
    return this.timeZoneValue;
  }
  get isWarmingUp(): boolean {
    return this.isWarmingUpFlag;
  }
  get startingCash(): Decimal {
    return this.startCash;
  }
  /** @internal whether set-up methods were called */
  get setupFlags(): { start: boolean; end: boolean; cash: boolean } {
    return { start: this.startDateSet, end: this.endDateSet, cash: this.cashSet };
  }

  // ---- logging -----------------------------------------------------------------------------
  debug(message: unknown): void {
    this.write("debug", message);
  }
  log(message: unknown): void {
    this.write("log", message);
  }
  error(message: unknown): void {
    this.write("error", message);
  }

  private write(level: LogLevel, message: unknown): void {
    const text = typeof message === "string" ? message : message instanceof Error ? message.message : JSON.stringify(message);
    const stamp = DateTime.fromMillis(this.utcNow, { zone: this.timeZoneValue }).toFormat("yyyy-MM-dd HH:mm:ss");
    const line = `${stamp} ${level === "error" ? "ERROR " : ""}${text}`;
    this.logs.push(line);
    this.env?.log(level, this.utcNow, line);
  }

  // ---- trading -----------------------------------------------------------------------------
  marketOrder(symbol: SymbolLike, quantity: number, asynchronous = false, tag = ""): OrderTicket {
    const security = this.securities.get(symbol);
    if (this.isWarmingUpFlag) return this.refuseDuringWarmUp(security, OrderType.Market, quantity, tag);
    if (!security.exchange.exchangeOpen) {
      if (!this.warnedMarketClosed) {
        this.warnedMarketClosed = true;
        this.debug("Warning: due to the market being closed, market orders are converted to MarketOnOpen orders.");
      }
      return this.marketOnOpenOrder(security.symbol, quantity, tag);
    }
    if (security.subscriptions.length > 0 && security.subscriptions.every((s) => s.resolution === Resolution.Daily)) {
      const close = security.exchange.hours.nextMarketClose(this.utcNow, false);
      if (close - this.utcNow > MOC_BUFFER_MS) return this.marketOnCloseOrder(security.symbol, quantity, tag);
      return this.marketOnOpenOrder(security.symbol, quantity, tag);
    }
    return this.transactions.submit({ symbol: security.symbol, type: OrderType.Market, quantity, tag, synchronous: !asynchronous });
  }

  limitOrder(symbol: SymbolLike, quantity: number, limitPrice: number, tag = ""): OrderTicket {
    return this.place(symbol, OrderType.Limit, quantity, tag, { limitPrice });
  }

  stopMarketOrder(symbol: SymbolLike, quantity: number, stopPrice: number, tag = ""): OrderTicket {
    return this.place(symbol, OrderType.StopMarket, quantity, tag, { stopPrice });
  }

  stopLimitOrder(symbol: SymbolLike, quantity: number, stopPrice: number, limitPrice: number, tag = ""): OrderTicket {
    return this.place(symbol, OrderType.StopLimit, quantity, tag, { stopPrice, limitPrice });
  }

  /**
   * LEAN's ComboMarketOrder: the legs (symbol and ratio, e.g. a vertical spread
   * `[{ symbol: shortPut, quantity: -1 }, { symbol: longPut, quantity: 1 }]`) fill together at
   * market, `quantity` times; or not at all.
   */
  comboMarketOrder(legs: ReadonlyArray<{ symbol: SymbolLike; quantity: number }>, quantity: number, asynchronous = false, tag = ""): OrderTicket[] {
    return this.transactions.submitCombo({ type: OrderType.ComboMarket, legs: legs.map((l) => ({ symbol: this.securities.symbolOf(l.symbol), quantity: l.quantity })), quantity, tag, asynchronous });
  }

  /** LEAN's ComboLimitOrder: the combo fills when its net price (Σ ratio × leg price) beats `limitPrice`. */
  comboLimitOrder(legs: ReadonlyArray<{ symbol: SymbolLike; quantity: number }>, quantity: number, limitPrice: number, tag = ""): OrderTicket[] {
    return this.transactions.submitCombo({ type: OrderType.ComboLimit, legs: legs.map((l) => ({ symbol: this.securities.symbolOf(l.symbol), quantity: l.quantity })), quantity, limitPrice, tag });
  }

  /** A stop that trails the price by an amount (or a fraction with `trailingAsPercentage`). */
  trailingStopOrder(symbol: SymbolLike, quantity: number, trailingAmount: number, trailingAsPercentage: boolean, tag = ""): OrderTicket {
    const security = this.securities.get(symbol);
    const direction = quantity > 0 ? OrderDirection.Buy : OrderDirection.Sell;
    const stopPrice = trailingStopPrice(security.price, trailingAmount, trailingAsPercentage, direction);
    if (this.isWarmingUpFlag) return this.refuseDuringWarmUp(security, OrderType.TrailingStop, quantity, tag);
    return this.transactions.submit({ symbol: security.symbol, type: OrderType.TrailingStop, quantity, tag, stopPrice, trailingAmount, trailingAsPercentage });
  }

  marketOnOpenOrder(symbol: SymbolLike, quantity: number, tag = ""): OrderTicket {
    return this.place(symbol, OrderType.MarketOnOpen, quantity, tag, {});
  }

  marketOnCloseOrder(symbol: SymbolLike, quantity: number, tag = ""): OrderTicket {
    const security = this.securities.get(symbol);
    const close = security.exchange.hours.nextMarketClose(this.utcNow, false);
    if (close - this.utcNow < (this.env?.marketOnCloseBufferMs ?? MOC_BUFFER_MS) && security.exchange.exchangeOpen) {
      return this.transactions.submit({
        symbol: security.symbol,
        type: OrderType.MarketOnClose,
        quantity,
        tag,
        rejectReason: "MarketOnClose orders must be placed at least 15.5 minutes before the market close",
      });
    }
    return this.place(security.symbol, OrderType.MarketOnClose, quantity, tag, {});
  }

  private place(symbol: SymbolLike, type: OrderType, quantity: number, tag: string, prices: { limitPrice?: number; stopPrice?: number }): OrderTicket {
    const security = this.securities.get(symbol);
    if (this.isWarmingUpFlag) return this.refuseDuringWarmUp(security, type, quantity, tag);
    return this.transactions.submit({ symbol: security.symbol, type, quantity, tag, ...prices });
  }

  private refuseDuringWarmUp(security: Security, type: OrderType, quantity: number, tag: string): OrderTicket {
    return this.transactions.submit({ symbol: security.symbol, type, quantity, tag, rejectReason: "This order was not submitted because the algorithm is still warming up" });
  }

  /** Moves a security to `fraction` of the portfolio value, as LEAN sizes it. */
  setHoldings(symbol: SymbolLike, fraction: number, liquidateExistingHoldings = false, tag = ""): OrderTicket[] {
    const security = this.securities.get(symbol);
    const tickets: OrderTicket[] = [];
    if (liquidateExistingHoldings) {
      for (const other of this.securities.values()) {
        if (other !== security && other.holdings.quantity !== 0) tickets.push(...this.liquidate(other.symbol, tag));
      }
    }
    const target = calculateOrderQuantity(this.portfolio, security, fraction, this.settings, this.utcNow);
    let openMarket = 0;
    for (const t of this.transactions.getOpenOrderTickets(security.symbol)) {
      if (t.orderType === OrderType.Market || t.orderType === OrderType.MarketOnOpen) openMarket += t.quantity - t.quantityFilled;
    }
    const quantity = target - openMarket;
    if (quantity !== 0) {
      tickets.push(security.exchange.exchangeOpen ? this.marketOrder(security.symbol, quantity, false, tag) : this.marketOnOpenOrder(security.symbol, quantity, tag));
    }
    return tickets;
  }

  /** The quantity setHoldings would order for this target fraction. */
  calculateOrderQuantity(symbol: SymbolLike, target: number): number {
    return calculateOrderQuantity(this.portfolio, this.securities.get(symbol), target, this.settings, this.utcNow);
  }

  /** Cancels open orders and closes positions: one symbol, or everything. */
  liquidate(symbol?: SymbolLike, tag = "Liquidated"): OrderTicket[] {
    const targets = symbol === undefined ? [...this.securities.values()] : [this.securities.get(symbol)];
    const tickets: OrderTicket[] = [];
    for (const security of targets) {
      this.transactions.cancelOpenOrders(security.symbol, tag);
      const quantity = security.holdings.quantity;
      if (quantity !== 0) tickets.push(this.marketOrder(security.symbol, -quantity, false, tag));
    }
    return tickets;
  }

  private deliverOrderEvent(event: OrderEvent, _order: Order): void {
    if (event.isAssignment) this.onAssignmentOrderEvent(event);
    this.onOrderEvent(event);
  }

  // ---- indicators (LEAN's helpers, registered for automatic updates) ------------------------
  sma(symbol: SymbolLike, period: number, resolution?: Resolution, selector?: (bar: BarLike) => number): SimpleMovingAverage {
    const s = this.securities.symbolOf(symbol);
    return this.registered(s, new SimpleMovingAverage(period, { name: this.indicatorName(s, "SMA", [period], resolution), selector }), resolution);
  }

  ema(symbol: SymbolLike, period: number, resolution?: Resolution, selector?: (bar: BarLike) => number): ExponentialMovingAverage {
    const s = this.securities.symbolOf(symbol);
    return this.registered(s, new ExponentialMovingAverage(period, { name: this.indicatorName(s, "EMA", [period], resolution), selector }), resolution);
  }

  rsi(symbol: SymbolLike, period: number, movingAverageType: MovingAverageType = MovingAverageType.Wilders, resolution?: Resolution, selector?: (bar: BarLike) => number): RelativeStrengthIndex {
    const s = this.securities.symbolOf(symbol);
    const name = this.indicatorName(s, "RSI", [period, MovingAverageType[movingAverageType]], resolution);
    return this.registered(s, new RelativeStrengthIndex(period, movingAverageType, { name, selector }), resolution);
  }

  macd(
    symbol: SymbolLike,
    fastPeriod: number,
    slowPeriod: number,
    signalPeriod: number,
    type: MovingAverageType = MovingAverageType.Exponential,
    resolution?: Resolution,
    selector?: (bar: BarLike) => number,
  ): MovingAverageConvergenceDivergence {
    const s = this.securities.symbolOf(symbol);
    const name = this.indicatorName(s, "MACD", [fastPeriod, slowPeriod, signalPeriod], resolution);
    return this.registered(s, new MovingAverageConvergenceDivergence(fastPeriod, slowPeriod, signalPeriod, type, { name, selector }), resolution);
  }

  bb(symbol: SymbolLike, period: number, k: number, movingAverageType: MovingAverageType = MovingAverageType.Simple, resolution?: Resolution, selector?: (bar: BarLike) => number): BollingerBands {
    const s = this.securities.symbolOf(symbol);
    const name = this.indicatorName(s, "BB", [period, k], resolution);
    return this.registered(s, new BollingerBands(period, k, movingAverageType, { name, selector }), resolution);
  }

  atr(symbol: SymbolLike, period: number, type: MovingAverageType = MovingAverageType.Wilders, resolution?: Resolution): AverageTrueRange {
    const s = this.securities.symbolOf(symbol);
    return this.registered(s, new AverageTrueRange(period, type, this.indicatorName(s, "ATR", [period], resolution)), resolution);
  }

  /** The bar values themselves, as an indicator (LEAN's Identity): chain other indicators on it. */
  identity(symbol: SymbolLike, resolution?: Resolution, selector?: (bar: BarLike) => number): Identity {
    const s = this.securities.symbolOf(symbol);
    return this.registered(s, new Identity({ name: createIndicatorName(s.value, "Identity", resolution ?? this.securities.tryGet(s)?.resolution ?? null), selector }), resolution);
  }

  // ---- history -------------------------------------------------------------------------------
  /**
   * Trade bars before the current time (LEAN's History): the last `period` bars when a number, or
   * the bars of the last `{ days, hours, minutes }`. Resolution: the security's unless given.
   */
  history(symbol: SymbolLike, period: number | { days?: number; hours?: number; minutes?: number }, resolution?: Resolution): TradeBar[] {
    const env = this.requireEnv("history");
    const security = this.securities.get(symbol);
    const res = resolution ?? security.resolution ?? Resolution.Daily;
    const end = this.utcNow;
    if (typeof period === "number") {
      if (!(period > 0) || !Number.isInteger(period)) throw new AlgorithmUsageError(`history: bar count must be a whole number > 0, got ${period}`);
      // read back far enough for the count (markets are open ~1/4 of the week's hours), then keep the last ones
      const span = res === Resolution.Daily ? period * 2 * 86_400_000 + 10 * 86_400_000 : period * resolutionToMs(res) * 5 + 5 * 86_400_000;
      const bars = env.history(security, res, end - span, end);
      return bars.slice(Math.max(0, bars.length - period));
    }
    const ms = ((period.days ?? 0) * 1440 + (period.hours ?? 0) * 60 + (period.minutes ?? 0)) * 60_000;
    if (!(ms > 0)) throw new AlgorithmUsageError("history: the period must be longer than zero");
    return env.history(security, res, end - ms, end);
  }

  private registered<T extends IndicatorBase<never>>(symbol: Symbol, indicator: T, resolution?: Resolution): T {
    this.registerIndicator(symbol, indicator, resolution);
    return indicator;
  }

  /** LEAN's CreateIndicatorName: `SMA(20,SPY_min)`; without a resolution, the subscription's. */
  private indicatorName(symbol: Symbol, type: string, args: Array<string | number>, resolution?: Resolution): string {
    const res = resolution ?? this.securities.tryGet(symbol)?.resolution ?? null;
    return createIndicatorName(symbol.value, `${type}(${args.join(",")})`, res);
  }

  /** Updates `indicator` automatically with the symbol's bars (consolidated to `resolution` if coarser). */
  registerIndicator(symbol: SymbolLike, indicator: IndicatorBase<never>, resolution?: Resolution): void {
    const security = this.securities.get(symbol);
    const registration: IndicatorRegistration = { symbol: security.symbol, indicator };
    const base = security.resolution;
    if (resolution && base && resolutionToMs(resolution) > resolutionToMs(base)) {
      registration.consolidator = this.makeConsolidator(security, resolution);
      registration.consolidator.onDataConsolidated((bar) => updateIndicator(registration, bar));
    }
    this.indicatorRegistrations.push(registration);
  }

  private makeConsolidator(security: Security, resolution: Resolution): TradeBarConsolidator {
    const zone = security.exchange.timeZone;
    const hours = security.exchange.hours;
    if (resolution === Resolution.Daily) {
      const start = (t: number) => DateTime.fromMillis(t, { zone }).startOf("day").toMillis();
      const end = (t: number) => {
        const close = hours.nextMarketClose(start(t), false);
        return this.settings.dailyPreciseEndTime ? close : DateTime.fromMillis(t, { zone }).startOf("day").plus({ days: 1 }).toMillis();
      };
      return new TradeBarConsolidator(start, end);
    }
    const period = resolutionToMs(resolution);
    return new TradeBarConsolidator(
      (t) => Math.floor(t / period) * period,
      (t) => Math.floor(t / period) * period + period,
    );
  }

  /** Exchange hours of a security, or of any symbol the market-hours database knows (date/time rules). */
  private hoursFor(symbol: unknown): ExchangeHoursLike {
    const security = this.securities.tryGet(symbol as SymbolLike);
    if (security) return security.exchange.hours;
    const env = this.requireEnv("date and time rules");
    if (symbol instanceof Symbol) return env.exchangeHoursFor(symbol.securityType, symbol.market, symbol.value);
    if (typeof symbol === "string") return env.exchangeHoursFor(SecurityType.Equity, Market.USA, symbol.toUpperCase());
    throw new AlgorithmUsageError(`date/time rules: ${String(symbol)} is not a symbol or ticker`);
  }

  private requireEnv(method: string): AlgorithmEnvironment {
    if (!this.env) throw new AlgorithmUsageError(`${method} can only be called while the engine runs the algorithm (in initialize or later)`);
    return this.env;
  }
}

/** @internal feeds one bar to a registered indicator */
export function updateIndicator(registration: IndicatorRegistration, bar: TradeBar | QuoteBar): void {
  registration.indicator.updateBar(bar as BarLike);
}

export type { IndicatorRegistration };
