// The replay loop (LEAN's AlgorithmManager for backtests): merges every subscription's bars into
// time slices, updates securities, scans orders, fires scheduled events in order with the data,
// calls onData, samples the equity curve and, at the end, builds LEAN's statistics.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DateTime } from "luxon";
import { Decimal } from "decimal.js";
import { QCAlgorithm, updateIndicator, type AlgorithmEnvironment } from "../algorithm/qc-algorithm.ts";
import { Slice } from "../algorithm/slice.ts";
import { Feed } from "./feed.ts";
import { EventQueue } from "./scheduler.ts";
import { Resolution, resolutionToMs } from "../common/resolution.ts";
import { SecurityType } from "../common/security-type.ts";
import { Security, type Subscription } from "../securities/security.ts";
import { Symbol } from "../securities/symbol.ts";
import { QuoteBar, TradeBar } from "../securities/bars.ts";
import { MarketHoursDatabase, epochFromLocal, hours, localDateKey, localTimeOfDay, type ExchangeHours } from "../time/index.ts";
import { LeanOptionChainSource, OptionChainFeed, localWallTime, nextAssignmentCheck, optionAssignment, tradingDayOnOrAfter, type OptionChain } from "../options/index.ts";
import type { Option } from "../securities/option.ts";
import { readLeanBars } from "../data/equity-reader.ts";
import { DirectoryListings } from "../data/directory-listings.ts";
import { DataNormalizationMode } from "../data/normalization.ts";
import { InterestRateProvider } from "../data/interest-rate.ts";
import type { Order } from "../orders/order.ts";
import type { OrderEvent } from "../orders/order-event.ts";
import { StatisticsSampler, computeStatistics } from "../statistics/index.ts";
import { AlgorithmUsageError } from "../common/errors.ts";
import { CircuitBreaker, circuitBreakerEventKey, type CircuitBreakerConfig, type CircuitBreakerEvent } from "../../risk/index.ts";
import {
  openSyncObjectStore,
  SyncObjectStoreManager,
  StorageCategory,
  StorageMonitor,
  ObjectStoreError,
  formatStatisticsReport,
  type StorageReportSection,
  type StorageStatistics,
  type SyncObjectStore,
} from "../../storage/index.ts";
import { loadEngineSettings } from "./settings-file.ts";

export interface BacktestOptions {
  dataFolder: string;
  /** overrides of the algorithm's own set-up */
  start?: DateTime;
  end?: DateTime;
  cash?: number;
  /** called for every log line the algorithm writes */
  onLog?: (line: string, level: "debug" | "log" | "error") => void;
  /** progress callback, called at most every `progressEveryMs` of wall time */
  onProgress?: (p: BacktestProgress) => void;
  progressEveryMs?: number;
  /** a market-hours database; default LEAN's file in the data folder if present, else built in */
  marketHours?: MarketHoursDatabase;
  /** circuit-breaker rules; default: config/settings.json's quantconnect.circuit_breaker, else rules off */
  circuitBreaker?: Partial<CircuitBreakerConfig>;
  /** the object store: a directory (default ./storage) or a postgres:// URL (the shared store) */
  store?: string;
  /** settings file (default config/settings.json in the working directory; defaults when absent) */
  settingsPath?: string;
  /** continue from the store's last trading_state_* (cash, positions, circuit breaker) from the next trading day */
  resume?: boolean;
  /** where trips and resets are recorded (the object store's monitoring_data) */
  onCircuitBreakerEvent?: (event: CircuitBreakerEvent) => void;
}

export interface BacktestProgress {
  /** simulated time, epoch ms */
  time: number;
  fraction: number;
  dataPoints: number;
  dataPointsPerSecond: number;
  elapsedMs: number;
}

export interface EquityPoint {
  time: number;
  value: number;
}

export interface BacktestResult {
  statistics: Record<string, string>;
  orders: Order[];
  orderEvents: OrderEvent[];
  equity: EquityPoint[];
  benchmark: EquityPoint[];
  logs: string[];
  /** the option book's Greeks at each daily sample (LEAN units), when it held options */
  greeks: Array<{ time: number; delta: number; gamma: number; vega: number; theta: number }>;
  /** the object store at the end of the run: the guide's statistics, its report block and the HTML report's section */
  storage?: { statistics: StorageStatistics; report: string[]; section: StorageReportSection };
  dataPoints: number;
  elapsedMs: number;
  startTime: number;
  endTime: number;
  algorithm: QCAlgorithm;
}

const HOUR = 3_600_000;

export class BacktestEngine {
  private readonly feeds: Feed[] = [];
  /** a feed was added since the replay loop last went over them */
  private feedsAdded = false;
  /** the data folders' listings, read once per run (an equity's trade and quote feeds share its folder) */
  private readonly listings = new DirectoryListings();
  private readonly marketHours: MarketHoursDatabase;
  private readonly orderEvents: OrderEvent[] = [];
  private endBound = Infinity;
  /** the option book's Greeks at each daily sample (empty without option positions) */
  private readonly bookGreeks: Array<{ time: number; delta: number; gamma: number; vega: number; theta: number }> = [];
  /** contracts kept in their chains whatever the filter (addOptionContract, resumed positions) */
  private readonly includedContracts = new Set<Symbol>();
  private closeStore: () => void = () => {};
  private started = false;

  constructor(
    private readonly algorithm: QCAlgorithm,
    private readonly options: BacktestOptions,
  ) {
    const file = join(options.dataFolder, "market-hours", "market-hours-database.json");
    this.marketHours = options.marketHours ?? (existsSync(file) ? MarketHoursDatabase.fromFile(file) : MarketHoursDatabase.builtIn());
  }

  private hoursFor(type: SecurityType, market: string, ticker: string): ExchangeHours {
    return this.marketHours.get(type, market, ticker).exchangeHours;
  }

  run(): BacktestResult {
    try {
      return this.replay();
    } finally {
      this.closeStore();
    }
  }

  private replay(): BacktestResult {
    const algorithm = this.algorithm;
    const wallStart = performance.now();
    const settings = loadEngineSettings(this.options.settingsPath);
    // the store opens on first use, with expiry on the algorithm's clock (simulated days)
    let store: SyncObjectStore | undefined;
    let manager: SyncObjectStoreManager | undefined;
    const openStore = (): SyncObjectStore => {
      store ??= openSyncObjectStore({ store: this.options.store ?? defaultStoreLocation(), settings: settings.objectStore, now: () => algorithm.utcNow });
      return store;
    };
    const openManager = (): SyncObjectStoreManager => {
      manager ??= new SyncObjectStoreManager(openStore());
      return manager;
    };
    this.closeStore = () => store?.close();
    // the storage monitor (the guide's usage checks); its callbacks reach the circuit breaker
    let monitor: StorageMonitor | undefined;
    const openMonitor = (): StorageMonitor => {
      monitor ??= new StorageMonitor({
        manager: openManager(),
        now: () => algorithm.utcNow,
        // growth over up to two years of the store's timeline: run after run, not just the last month
        growthWindowDays: 730,
        log: (line) => algorithm.log(line),
        warn: (line) => algorithm.log(line),
        tripCircuitBreaker: (reason) => algorithm.circuitBreaker.trip(reason),
        haltTrading: (reason) => algorithm.circuitBreaker.halt(reason),
      });
      return monitor;
    };
    const breakerEvents: CircuitBreakerEvent[] = [];
    const env: AlgorithmEnvironment = {
      exchangeHoursFor: (type, market, ticker) => this.hoursFor(type, market, ticker),
      subscribe: (security, subscription) => {
        if (this.started) this.addFeed(security, subscription, algorithm.utcNow, false);
      },
      log: (level, _utc, line) => this.options.onLog?.(line, level),
      marketOnCloseBufferMs: 15.5 * 60_000,
      history: (security, resolution, startMs, endMs) => this.readHistory(security, resolution, startMs, endMs),
      objectStore: openStore,
      objectStoreManager: openManager,
      storageMonitor: openMonitor,
      addOptionChain: (option) => {
        pendingOptions.push(option);
        if (this.started) startChains();
      },
      optionHours: (market, underlying) => this.hoursFor(SecurityType.Option, market, underlying),
      dataFolder: this.options.dataFolder,
      includeOptionContract: (symbol) => {
        const canonical = Symbol.createCanonicalOption(symbol.underlying!, symbol.market);
        const chain = chains.find((c) => c.option.symbol === canonical);
        const option = chain?.option ?? pendingOptions.find((o) => o.symbol === canonical);
        if (!option) throw new AlgorithmUsageError(`no option chain subscribed for ${symbol.value}: call addOption first`);
        included.add(symbol);
        return this.contractSecurity(symbol, option, algorithm);
      },
    };
    const included = this.includedContracts;
    const pendingOptions: Option[] = [];
    const chains: ChainState[] = [];
    algorithm.env = env;
    // every trip and reset is a record in the store (monitoring_data), so the history spans runs
    const recordBreakerEvent = (event: CircuitBreakerEvent) => {
      breakerEvents.push(event);
      this.options.onCircuitBreakerEvent?.(event);
      try {
        openManager().save({ key: circuitBreakerEventKey(event), data: event, category: StorageCategory.MONITORING_DATA, expireDays: null });
      } catch (error) {
        // a full store must not stop the breaker from acting; the event stays in the run's results
        if (!(error instanceof ObjectStoreError)) throw error;
        algorithm.error(`Circuit breaker ${event.type} not stored: ${error.message}`);
      }
    };
    const breaker = new CircuitBreaker(
      { maxDailyLossPct: null, maxDrawdownPct: null, maxConsecutiveLosses: null, ...settings.circuitBreaker, ...this.options.circuitBreaker },
      { now: () => algorithm.utcNow, record: recordBreakerEvent },
    );
    algorithm.circuitBreaker = breaker;
    algorithm.transactions.addOrderGuard((order, security) => {
      const open = algorithm.transactions.openOrdersRemainingQuantity(security.symbol);
      const verdict = algorithm.circuitBreaker.checkOrder({ quantity: order.quantity, currentHoldings: security.holdings.quantity + open });
      return verdict.allowed ? null : verdict.reason;
    });
    const breakerWatchesEquity = breaker.config.maxDailyLossPct !== null || breaker.config.maxDrawdownPct !== null;
    algorithm.initializing = true;
    algorithm.initialize();
    algorithm.applyOverrides({ start: this.options.start, end: this.options.end, cash: this.options.cash });
    algorithm.initializing = false;
    if (this.options.resume) this.resume(algorithm, settings.circuitBreaker, recordBreakerEvent, (s) => included.add(s));
    if (algorithm.endDate < algorithm.startDate) {
      throw new AlgorithmUsageError(`end date ${algorithm.endDate.toISODate()} is before start date ${algorithm.startDate.toISODate()}`);
    }

    const zone = algorithm.timeZone;
    const startMs = algorithm.startDate.toMillis();
    const endMs = algorithm.endDate.endOf("day").toMillis();
    this.endBound = endMs;
    const dataStart = this.warmUpStart(startMs);

    // The benchmark (LEAN's SecurityBenchmark): its own security, apart from the algorithm's, fed by
    // an internal hour-bar subscription without fill-forward that starts one trading day before the
    // start, so it never has a zero price. SPY by default, when the data folder has it.
    let benchmarkSecurity: Security | undefined;
    if (!algorithm.benchmarkFunction) {
      const symbol = algorithm.benchmarkSymbol ?? Symbol.create("SPY");
      const resolution = this.benchmarkResolution(symbol.value);
      if (resolution) {
        const hours = this.hoursFor(symbol.securityType, symbol.market, symbol.value);
        benchmarkSecurity = new Security(symbol, hours, () => algorithm.utcNow);
        const subscription: Subscription = { symbol, resolution, tickType: "trade", extendedMarketHours: false, fillForward: false };
        benchmarkSecurity.subscriptions.push(subscription);
        const previousDay = hours.previousTradingDay(DateTime.fromMillis(dataStart, { zone: hours.timeZone })) as DateTime;
        this.addFeed(benchmarkSecurity, subscription, previousDay.startOf("day").toMillis(), true, dataStart);
      }
    }

    for (const security of algorithm.securities.values()) {
      // option contracts' bars come from their chain's feed
      if (security.type === SecurityType.Option) continue;
      for (const subscription of security.subscriptions) this.addFeed(security, subscription, dataStart, false);
    }
    const rates = InterestRateProvider.load(this.options.dataFolder);
    const endKey = localDateKey(endMs, zone);
    // option chains: each a feed of its selected contracts, one trading day at a time
    const startChains = () => {
      for (const option of pendingOptions.splice(0)) {
        const chain = this.startChain(option, algorithm, rates, Math.max(dataStart, algorithm.utcNow));
        chains.push(chain);
      }
    };
    startChains();
    this.started = true;
    // a resumed run starts from the equity its trading state recorded
    const resumedEquity = algorithm.resumedState?.state.equity;
    const sampler = new StatisticsSampler({
      startingCapital: typeof resumedEquity === "number" ? String(resumedEquity) : algorithm.startingCash.toString(),
      startDate: algorithm.startDate.toISODate()!,
      endDate: algorithm.endDate.toISODate()!,
      timeZone: zone,
      warmingUp: dataStart < startMs,
    });
    const benchmarkValue = (): number => {
      if (algorithm.benchmarkFunction) return algorithm.benchmarkFunction(algorithm.time);
      return benchmarkSecurity?.price ?? 0;
    };
    const tpv = () => algorithm.portfolio.totalPortfolioValue;

    // scheduled events: the algorithm's (registered in initialize) first, then the engine's own, so at
    // equal times they fire in LEAN's order
    const events = new EventQueue(dataStart, endMs);
    // the guide's automatic monitoring: schedule.on(dateRules.everyDay(), timeRules.every(hours(6)), check)
    const monitoring = settings.objectStore.usageMonitoring;
    if (settings.objectStore.enabled && monitoring.enabled) {
      algorithm.schedule.on("Storage check", algorithm.dateRules.everyDay(), algorithm.timeRules.every(hours(monitoring.checkIntervalHours)), () => {
        if (!algorithm.isWarmingUp) openMonitor().check();
      });
    }
    for (const spec of algorithm.schedule.events) events.addRules(spec.name, spec.dateRule, spec.timeRule, (t) => spec.callback(spec.name, t), startMs);
    algorithm.schedule.onAdded((spec) => events.addRules(spec.name, spec.dateRule, spec.timeRule, (t) => spec.callback(spec.name, t), algorithm.utcNow));
    events.addTimes("Daily Sampling", sampler.dailySampleTimes()[globalThis.Symbol.iterator](), (t) => {
      sampler.sampleDaily(t, tpv(), benchmarkValue());
      if (chains.length) this.sampleBookGreeks(t, chains, algorithm);
      breaker.startOfDay(tpv());
    });
    if (overrides(algorithm, "onEndOfDay")) {
      for (const security of algorithm.securities.values()) {
        const hours = security.exchange.hours;
        const symbol = security.symbol;
        const rule = {
          name: `${symbol.value}: EndOfDay`,
          timesForDay: (day: number) => {
            const close = hours.lastDailyClose(day, security.extendedMarketHours);
            return close === null ? [] : [close - 10 * 60_000];
          },
        };
        events.addRules(`${symbol.value}: EndOfDay`, algorithm.dateRules.everyDay(symbol), rule as never, () => {
          if (!algorithm.isWarmingUp) algorithm.onEndOfDay(symbol);
        });
      }
    }

    const originalEmit = algorithm.onOrderEvent.bind(algorithm);
    let tradesSeen = 0;
    const trades = algorithm.portfolio.transactionRecord;
    algorithm.onOrderEvent = (e: OrderEvent) => {
      this.orderEvents.push(e);
      while (tradesSeen < trades.length) breaker.recordTradeResult(trades[tradesSeen++].profitLoss);
      if (e.fillQuantity !== 0) {
        sampler.recordSale(new Decimal(e.fillQuantity).mul(e.fillPrice).mul(algorithm.securities.get(e.symbol).contractMultiplier).abs());
      }
      originalEmit(e);
    };

    const warmingUp = dataStart < startMs;
    algorithm.isWarmingUpFlag = warmingUp;
    if (!warmingUp) algorithm.onWarmupFinished();

    const resolve = (ticker: string) => algorithm.securities.resolve(ticker);
    let dataPoints = 0;
    let nextEquitySample = -Infinity;
    let nextAssignmentCheckTime = -Infinity;
    let lastTime = dataStart;
    let lastProgress = wallStart;
    const progressEvery = this.options.progressEveryMs ?? 250;
    const setTime = (t: number) => {
      algorithm.utcNow = t;
    };
    const indicatorRegistrations = algorithm.indicatorRegistrations;
    const consolidated = indicatorRegistrations.filter((r) => r.consolidator);

    // the earliest next bar of the feeds: each step's pass over them works it out for the next step
    let nextFeedEnd = Infinity;
    this.feedsAdded = true;
    for (;;) {
      // the next time step: the earliest next bar (a feed added since the last pass is looked at anew)
      if (this.feedsAdded) {
        this.feedsAdded = false;
        nextFeedEnd = this.dropExhaustedFeeds();
      }
      let time = nextFeedEnd;
      for (const chain of chains) {
        if (chain.feed.nextEnd < time) time = chain.feed.nextEnd;
        if (chain.feed.nextTradingDay <= endKey && chain.feed.nextSelectionTime < time) time = chain.feed.nextSelectionTime;
        if (chain.delistings.length && chain.delistings[0].time < time) time = chain.delistings[0].time;
      }
      if (time === Infinity || time > endMs) break;

      if (algorithm.isWarmingUpFlag && time > startMs) {
        algorithm.isWarmingUpFlag = false;
        sampler.onWarmupFinished(tpv());
        algorithm.onWarmupFinished();
      }
      if (!algorithm.isWarmingUpFlag && algorithm.portfolio.approximateTotalPortfolioValue <= 0) {
        algorithm.error("Portfolio value is less than or equal to zero, stopping algorithm.");
        break;
      }

      // events before this slice fire at their own times, on the previous prices
      events.fireUntil(time, false, setTime);
      setTime(time);
      lastTime = time;

      // a new trading day's contracts (LEAN: at the midnight after the universe file's date)
      for (const chain of chains) {
        if (chain.feed.nextTradingDay <= endKey && chain.feed.nextSelectionTime <= time) this.selectContracts(chain, algorithm);
      }

      // one pass over the feeds: the bars ending now go to their securities and the slice, exhausted
      // feeds leave the list, and the earliest next bar is kept for the next step
      const feeds = this.feeds;
      const slice = new Slice(time, resolve, feeds.length);
      this.feedsAdded = false;
      let next = Infinity;
      let live = 0;
      for (let i = 0; i < feeds.length; i++) {
        const feed = feeds[i];
        if (feed.nextEnd === time) {
          if (feed.nextIsFillForward) {
            // the cache keeps real bars only: a filled-forward bar goes to the slice alone
            const bar = feed.takeFillForward();
            if (!feed.internal) {
              if (feed.isTrade) slice.addTradeBar(bar as TradeBar);
              else slice.addQuoteBar(bar as QuoteBar);
            }
          } else {
            // a real bar: the cache and the slice take its row, and a bar object is made only when asked for
            const rows = feed.chunk!;
            const row = feed.takeRow();
            dataPoints++;
            const security = feed.security;
            if (rows.kind === "trade") {
              security.cache.updateTradeRow(rows, row, time, feed.nonZero);
              if (!feed.internal) slice.addTradeRow(security.symbol, rows, row);
            } else {
              security.cache.updateQuoteRow(rows, row);
              if (!feed.internal) slice.addQuoteRow(security.symbol, rows, row);
            }
          }
        }
        const end = feed.nextEnd;
        if (end === Infinity) continue;
        feeds[live++] = feed;
        if (end < next) next = end;
      }
      feeds.length = live;
      nextFeedEnd = next;

      // prices moved: the portfolio's value is recomputed when next asked for
      // option contracts: their bars after the underlying's, and the chain into the slice
      for (const chain of chains) {
        if (chain.feed.nextEnd !== time) continue;
        const updates = chain.feed.take();
        for (const { symbol, bar } of updates) {
          const security = algorithm.securities.tryGet(symbol);
          if (!security) continue;
          if (bar instanceof TradeBar) {
            security.cache.updateTrade(bar);
            slice.addTradeBar(bar);
          } else {
            security.cache.updateQuote(bar);
            slice.addQuoteBar(bar);
          }
          security.cache.openInterest = chain.feed.openInterest(symbol);
          if (!bar.isFillForward) dataPoints++;
        }
        if (updates.length) {
          const underlying = chain.option.underlying;
          const underlyingBar = slice.tradeBar(underlying.symbol);
          const optionChain = chain.feed.chain(updates, { symbol: underlying.symbol, price: underlying.price, bar: underlyingBar }, time, chain.option.pricing.settings);
          slice.optionChains.set(chain.option.symbol, optionChain);
          chain.lastChain = optionChain;
        }
      }

      algorithm.portfolio.invalidateTotalPortfolioValue();
      algorithm.transactions.scan();
      events.fireUntil(time, true, setTime);
      setTime(time);

      for (const registration of indicatorRegistrations) {
        const bar = slice.tradeBar(registration.symbol) ?? slice.quoteBar(registration.symbol);
        if (!bar || bar.isFillForward) continue;
        if (registration.consolidator) registration.consolidator.update(bar as TradeBar);
        else updateIndicator(registration, bar);
      }
      for (const r of consolidated) r.consolidator!.scan(time);

      if (slice.hasData) algorithm.onData(slice);
      algorithm.transactions.scan();
      // expired contracts: exercised or expired after onData (LEAN's Delisted processing)
      for (const chain of chains) this.processDelistings(chain, algorithm);
      if (chains.length && time >= nextAssignmentCheckTime) {
        nextAssignmentCheckTime = nextAssignmentCheck(time);
        for (const chain of chains) this.processAssignments(chain, algorithm);
      }
      if (breakerWatchesEquity && !algorithm.isWarmingUpFlag) breaker.updateEquity(tpv());

      // the sampler keeps a point once per resample period; skip valuing the portfolio otherwise
      if (time > nextEquitySample) {
        nextEquitySample = time + sampler.resamplePeriodMs;
        sampler.sampleEquity(time, tpv());
      }

      if (this.options.onProgress && dataPoints % 4096 === 0) {
        const now = performance.now();
        if (now - lastProgress >= progressEvery) {
          lastProgress = now;
          const elapsed = now - wallStart;
          this.options.onProgress({
            time,
            fraction: Math.min(1, Math.max(0, (time - startMs) / (endMs - startMs))),
            dataPoints,
            dataPointsPerSecond: (dataPoints * 1000) / Math.max(1, elapsed),
            elapsedMs: elapsed,
          });
        }
      }
    }

    // With option universes LEAN's last time step is the next universe selection: the end date's
    // universe file is a data point ending at the following midnight, which LEAN still processes.
    let finalTime = lastTime;
    for (const chain of chains) {
      const t = chain.feed.nextSelectionTime;
      if (t > finalTime && t <= endMs + 1 && chain.feed.nextTradingDay > endKey) finalTime = t;
    }
    if (finalTime > lastTime) {
      events.fireUntil(finalTime, false, setTime);
      setTime(finalTime);
      algorithm.transactions.scan();
      for (const chain of chains) this.processDelistings(chain, algorithm);
      lastTime = finalTime;
    }

    algorithm.onEndOfAlgorithm();
    setTime(lastTime);
    sampler.final(lastTime, tpv(), benchmarkValue());

    const statistics = Object.fromEntries(
      computeStatistics({
        ...sampler.series(),
        startingCapital: sampler.startingCapital,
        totalFees: algorithm.portfolio.totalFees,
        totalOrders: algorithm.transactions.ordersCount,
        trades: algorithm.portfolio.transactionRecord,
        riskFreeRate: (utcDateMs: number) => rates.getInterestRate(localDateKey(utcDateMs, "UTC")),
      }),
    );
    algorithm.onEndOfBacktest({ statistics });
    const series = sampler.series();
    // the guide's final report: the storage statistics of the store this run used
    let storage: { statistics: StorageStatistics; report: string[]; section: StorageReportSection } | undefined;
    if (store || monitor) {
      const m = openMonitor();
      const statistics = m.getStatistics();
      storage = { statistics, report: formatStatisticsReport(statistics), section: m.reportSection(breakerEvents.map((e) => ({ time: e.time, type: e.type, reason: e.reason }))) };
    }

    return {
      statistics,
      orders: algorithm.transactions.getOrders(),
      orderEvents: this.orderEvents,
      equity: series.equity.map((p) => ({ time: p.time, value: Number(p.value.toString()) })),
      benchmark: series.benchmark.map((p) => ({ time: p.time, value: Number(p.value.toString()) })),
      logs: algorithm.logs,
      storage,
      greeks: this.bookGreeks,
      dataPoints,
      elapsedMs: performance.now() - wallStart,
      startTime: startMs,
      endTime: endMs,
      algorithm,
    };
  }

  /** Builds the chain feed of an option subscription and selects its first day's contracts. */
  private startChain(option: Option, algorithm: QCAlgorithm, rates: InterestRateProvider, from: number): ChainState {
    const underlying = option.underlying;
    const hours = this.hoursFor(SecurityType.Option, underlying.symbol.market, underlying.symbol.value);
    const zone = hours.timeZone;
    const source = new LeanOptionChainSource({
      dataFolder: this.options.dataFolder,
      underlying: underlying.symbol,
      calendar: hours,
      resolution: option.resolution === Resolution.Second ? "second" : "minute",
      epochFromLocal: (key, ms) => epochFromLocal(key, ms, zone),
    });
    const feed = new OptionChainFeed({
      source,
      canonical: option.symbol,
      exchangeHours: hours,
      resolution: option.resolution === Resolution.Second ? "second" : "minute",
      filter: option.filter,
    });
    option.onFilterChanged((filter) => feed.setFilter(filter));
    option.pricing.setRiskFreeRate((date) => rates.getInterestRate(date));
    const chain: ChainState = { option, feed, hours, delistings: [], include: this.includedContracts };
    const firstDay = tradingDayOnOrAfter(localDateKey(from, zone), hours);
    this.selectContracts(chain, algorithm, firstDay);
    return chain;
  }

  /** Runs a trading day's universe selection and adds the new contracts as securities. */
  private selectContracts(chain: ChainState, algorithm: QCAlgorithm, day = chain.feed.nextTradingDay): void {
    const isHeld = (symbol: Symbol) => {
      const security = algorithm.securities.tryGet(symbol);
      return !!security && (security.holdings.quantity !== 0 || algorithm.transactions.getOpenOrders(symbol).length > 0);
    };
    const start = chain.feed.startDay(day, { isHeld, include: chain.include });
    const underlying = chain.option.underlying;
    for (const symbol of start.added) this.contractSecurity(symbol, chain.option, algorithm);
    chain.delistings.push(...start.delisted);
    chain.delistings.sort((a, b) => a.time - b.time);
  }

  /**
   * The option book's Greeks at a time: Σ over held contracts of quantity × multiplier × the
   * contract's Greek (LEAN units: vega per 1 % of vol, theta per calendar day), from each chain's
   * latest contracts. Kept for the report's Greeks chart.
   */
  private sampleBookGreeks(time: number, chains: ChainState[], algorithm: QCAlgorithm): void {
    let delta = 0;
    let gamma = 0;
    let vega = 0;
    let theta = 0;
    let held = false;
    for (const chain of chains) {
      if (!chain.lastChain) continue;
      for (const contract of chain.lastChain) {
        const security = algorithm.securities.tryGet(contract.symbol);
        const q = security?.holdings.quantity ?? 0;
        if (q === 0) continue;
        const g = contract.greeks;
        const m = q * (security?.contractMultiplier ?? 100);
        if (![g.delta, g.gamma, g.vega, g.thetaPerDay].every(Number.isFinite)) continue;
        held = true;
        delta += m * g.delta;
        gamma += m * g.gamma;
        vega += m * g.vega;
        theta += m * g.thetaPerDay;
      }
    }
    if (held || this.bookGreeks.length) this.bookGreeks.push({ time, delta, gamma, vega, theta });
  }

  /** The security of an option contract, made on first use (multiplier 100, LEAN's option models). */
  private contractSecurity(symbol: Symbol, option: Option, algorithm: QCAlgorithm): Security {
    const existing = algorithm.securities.tryGet(symbol);
    if (existing) return existing;
    const hours = this.hoursFor(SecurityType.Option, symbol.market, option.underlying.symbol.value);
    const security = new Security(symbol, hours, () => algorithm.utcNow);
    security.underlyingPrice = () => option.underlying.price;
    for (const tickType of ["trade", "quote"] as const) {
      security.subscriptions.push({ symbol, resolution: option.resolution, tickType, extendedMarketHours: false, fillForward: true });
    }
    algorithm.securities.add(security);
    return security;
  }

  /**
   * `--resume`: the store's last trading_state_* gives the cash, the positions (with their average
   * prices) and the circuit breaker; the run starts on the next trading day after it.
   */
  private resume(algorithm: QCAlgorithm, breakerConfig: Partial<CircuitBreakerConfig> | null, record: (e: CircuitBreakerEvent) => void, include: (s: Symbol) => void): void {
    const manager = algorithm.objectStoreManager;
    const keys = manager.listKeys(StorageCategory.TRADING_STATE).filter((k) => /^trading_state_\d{4}-\d{2}-\d{2}$/.test(k)).sort();
    const key = keys.at(-1);
    if (!key) throw new AlgorithmUsageError("--resume: the store has no trading_state_* record to resume from");
    const state = manager.load(key) as { cash?: string; positions?: Record<string, { quantity: number; average_price: string }>; circuit_breaker?: unknown } | null;
    if (!state || typeof state.cash !== "string" || typeof state.positions !== "object") {
      throw new AlgorithmUsageError(`--resume: ${key} has no cash and positions to resume from (saved by saveTradingState?)`);
    }
    const date = DateTime.fromISO(key.slice("trading_state_".length), { zone: algorithm.timeZone });
    algorithm.applyOverrides({ start: date.plus({ days: 1 }) });
    algorithm.utcNow = algorithm.startDate.toMillis();
    algorithm.portfolio.setCash(state.cash);
    for (const [value, position] of Object.entries(state.positions)) {
      const isOption = /\d{6}[CP]\d{8}$/.test(value);
      let security: Security | undefined;
      if (isOption) {
        const symbol = Symbol.parseOption(value);
        include(symbol);
        const canonical = Symbol.createCanonicalOption(symbol.underlying!, symbol.market);
        const option = algorithm.options.get(canonical);
        if (!option) throw new AlgorithmUsageError(`--resume: position in ${value} but the algorithm subscribes no ${symbol.underlying!.value} options`);
        security = this.contractSecurity(symbol, option, algorithm);
      } else {
        security = algorithm.securities.tryGet(value);
        if (!security) throw new AlgorithmUsageError(`--resume: position in ${value}, which the algorithm does not add in initialize`);
      }
      algorithm.portfolio.restoreHolding(security, position.quantity, position.average_price);
    }
    if (state.circuit_breaker !== undefined) {
      algorithm.circuitBreaker = CircuitBreaker.fromJSON(
        state.circuit_breaker,
        { maxDailyLossPct: null, maxDrawdownPct: null, maxConsecutiveLosses: null, ...breakerConfig, ...this.options.circuitBreaker },
        { now: () => algorithm.utcNow, record },
      );
    }
    algorithm.resumedState = { key, state: state as Record<string, unknown> };
    algorithm.log(`Resumed from ${key}: cash ${state.cash}, ${Object.keys(state.positions).length} positions`);
  }

  /** Exercises or expires the positions in contracts past their expiry (LEAN's option exercise at delisting). */
  private processDelistings(chain: ChainState, algorithm: QCAlgorithm): void {
    while (chain.delistings.length && chain.delistings[0].time <= algorithm.utcNow) {
      const { symbol } = chain.delistings.shift()!;
      const security = algorithm.securities.tryGet(symbol);
      if (!security) continue;
      algorithm.transactions.cancelOpenOrders(symbol, "Canceled: the contract expired");
      const holdings = security.holdings.quantity;
      if (holdings !== 0) algorithm.transactions.submitExercise(security, -holdings);
      security.isTradable = false;
      security.isDelisted = true;
    }
  }

  /** LEAN's early assignment of short American contracts near expiry and deep in the money. */
  private processAssignments(chain: ChainState, algorithm: QCAlgorithm): void {
    const underlying = chain.option.underlying;
    const zone = chain.hours.timeZone;
    const now = algorithm.utcNow;
    const local = localWallTime(localDateKey(now, zone), localTimeOfDay(now, zone));
    for (const symbol of chain.feed.members) {
      const security = algorithm.securities.tryGet(symbol);
      if (!security || security.holdings.quantity >= 0 || security.isDelisted) continue;
      const result = optionAssignment({
        contract: symbol,
        holdingsQuantity: security.holdings.quantity,
        averagePrice: security.holdings.averagePrice.toNumber(),
        localTimeMs: local,
        underlyingClose: underlying.close,
        underlyingBid: underlying.bidPrice || underlying.price,
        underlyingAsk: underlying.askPrice || underlying.price,
        optionBid: security.bidPrice,
      });
      if (result.quantity > 0) algorithm.transactions.submitExercise(security, -security.holdings.quantity, result.tag);
    }
  }

  private readHistory(security: Security, resolution: Resolution, startMs: number, endMs: number): TradeBar[] {
    const subscription: Subscription = { symbol: security.symbol, resolution, tickType: "trade", extendedMarketHours: security.extendedMarketHours, fillForward: false };
    const feed = this.makeFeed(security, subscription, startMs, endMs);
    const bars: TradeBar[] = [];
    while (feed.nextEnd <= endMs) {
      const bar = feed.take() as TradeBar;
      if (bar.time >= startMs) bars.push(bar);
    }
    return bars;
  }

  /**
   * LEAN feeds the benchmark hour bars only (UniverseSelection's internal benchmark subscription);
   * without an hour file the benchmark has no data and stays at 0, as in LEAN.
   */
  private benchmarkResolution(ticker: string): Resolution | undefined {
    return existsSync(join(this.options.dataFolder, "equity", "usa", "hour", `${ticker.toLowerCase()}.zip`)) ? Resolution.Hour : undefined;
  }

  /** The first data time: the start, or earlier by the warm-up period. */
  private warmUpStart(startMs: number): number {
    const algorithm = this.algorithm;
    if (algorithm.warmUpPeriodMs > 0) return startMs - algorithm.warmUpPeriodMs;
    if (algorithm.warmUpBars > 0) {
      const resolutions = [...algorithm.securities.values()].flatMap((s) => s.subscriptions.map((x) => x.resolution));
      const resolution = algorithm.warmUpResolution ?? resolutions.sort((a, b) => resolutionToMs(a) - resolutionToMs(b))[0] ?? Resolution.Minute;
      const security = [...algorithm.securities.values()][0];
      if (!security) return startMs;
      const hours = security.exchange.hours;
      // walk back over trading days until enough bars of that resolution fit
      const perDay = resolution === Resolution.Daily ? 1 : Math.max(1, Math.floor((6.5 * HOUR) / resolutionToMs(resolution)));
      let needed = algorithm.warmUpBars;
      let t = startMs;
      let guard = 0;
      while (needed > 0 && guard++ < 100_000) {
        t -= 86_400_000;
        if (hours.isDateOpen(DateTime.fromMillis(t, { zone: hours.timeZone }))) needed -= perDay;
      }
      return DateTime.fromMillis(t, { zone: algorithm.timeZone }).startOf("day").toMillis();
    }
    return startMs;
  }

  /**
   * Registers a feed reading from `from`; bars ending at or before `seedUntil` (default `from`) only
   * seed the security's price and make no time slice.
   */
  private addFeed(security: Security, subscription: Subscription, from: number, internal: boolean, seedUntil = from): void {
    const feed = this.makeFeed(security, subscription, from, this.endBound, internal);
    while (feed.nextEnd <= seedUntil) {
      const bar = feed.take();
      if (bar instanceof TradeBar) security.cache.updateTrade(bar);
      else security.cache.updateQuote(bar);
    }
    this.feeds.push(feed);
    this.feedsAdded = true;
  }

  /** Drops the exhausted feeds; returns the earliest next bar end of the others. */
  private dropExhaustedFeeds(): number {
    const feeds = this.feeds;
    let earliest = Infinity;
    let live = 0;
    for (let i = 0; i < feeds.length; i++) {
      const feed = feeds[i];
      const end = feed.nextEnd;
      if (end === Infinity) continue;
      feeds[live++] = feed;
      if (end < earliest) earliest = end;
    }
    feeds.length = live;
    return earliest;
  }

  private makeFeed(security: Security, subscription: Subscription, from: number, until: number, internal = false): Feed {
    const zone = security.exchange.timeZone;
    const hours = security.exchange.hours;
    const normalization = security.dataNormalizationMode;
    const startKey = localDateKey(from, zone);
    const endKey = localDateKey(until, zone);
    const chunks = readLeanBars({
      dataFolder: this.options.dataFolder,
      ticker: security.symbol.value.toLowerCase(),
      securityType: security.type === SecurityType.Index ? "index" : "equity",
      market: security.symbol.market,
      resolution: subscription.resolution,
      tickType: subscription.tickType,
      normalization: security.type === SecurityType.Index ? DataNormalizationMode.Raw : normalization,
      startDate: startKey,
      endDate: endKey,
      listings: this.listings,
      epochFromLocal: (key, ms) => epochFromLocal(key, ms, zone),
      dailyEndTime: (key) => {
        const close = hours.marketClose(key);
        return close ?? epochFromLocal(key, 16 * HOUR, zone);
      },
    });
    const iterator = chunks[globalThis.Symbol.iterator]();
    return new Feed(security, subscription, iterator, until, internal);
  }
}

interface ChainState {
  option: Option;
  /** the latest chain a slice carried, for the book's Greeks */
  lastChain?: OptionChain;
  /** contracts kept whatever the filter */
  include: ReadonlySet<Symbol>;
  feed: OptionChainFeed;
  hours: ExchangeHours;
  /** contracts past expiry, with LEAN's Delisted time, earliest first */
  delistings: { symbol: Symbol; time: number }[];
}

/** `--store` when given; else $TRADELOOM_STORE; else ./storage in the working directory (LEAN's default). */
export function defaultStoreLocation(): string {
  return process.env.TRADELOOM_STORE || "./storage";
}

function overrides(algorithm: QCAlgorithm, method: keyof QCAlgorithm): boolean {
  return (algorithm as unknown as Record<string, unknown>)[method] !== (QCAlgorithm.prototype as unknown as Record<string, unknown>)[method];
}

/** Runs a backtest of `algorithm` on `dataFolder`. */
export function runBacktest(algorithm: QCAlgorithm, options: BacktestOptions): BacktestResult {
  return new BacktestEngine(algorithm, options).run();
}

export { Decimal };
