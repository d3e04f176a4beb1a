// The guide's options trading bot. It sells a two-part (vertical credit) spread on the ETF's
// weekly/monthly options when implied volatility is rich against realised volatility: a put spread
// when the sentiment model and the news lean up, a call spread when they lean down. The short
// leg's delta comes from `delta_range`; the position is sized so its worst case risks a fixed
// share of equity; it takes profit in steps (`profit_thresholds`, % of the credit), stops out at a
// loss of the whole credit and closes the day before expiry. Entry orders are combo limits at
// the mid, cancelled after `cancel_after_seconds` and retried once at market.
//
// Everything the guide's usage patterns save, it saves: trading_state_{date} daily,
// greeks_{symbol}_{date} for the contracts it tracks, sentiment_{hash} per headline through the
// cache, backtest_{YYYYMMDD_HHMMSS} at the end; it loads sentiment_model_v2 and
// optimized_params_v3 made by the research scripts, and the engine runs the storage monitor.
import { DateTime } from "luxon";
import {
  QCAlgorithm,
  OptionRight,
  OrderStatus,
  Resolution,
  RollingWindow,
  type OptionChain,
  type OptionContract,
  type OrderTicket,
  type Slice,
  Symbol,
  StorageCategory,
} from "tradeloom";
import { readHeadlines, type NewsHeadline } from "./lib/headlines.ts";
import { SentimentCache } from "./lib/sentiment-cache.ts";
import { WordListSentimentProvider } from "./lib/sentiment.ts";
import { featureRow } from "./lib/daily-features.ts";
import { loadModelFromStore, predictProbability, type SentimentModel } from "./lib/sentiment-model.ts";
import { GUIDE_PARAMETERS, loadOptimizedParameters, type OptimizedParameters } from "./lib/research.ts";

export const BOT_VERSION = "v1.0";

/** JSON has no NaN: a Greek or an implied vol that has no value (no quote, past expiry) is stored as null. */
function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** One open spread: the short and long legs, how many, what was received. */
interface Spread {
  short: Symbol;
  long: Symbol;
  right: OptionRight;
  quantity: number;
  /** credit per spread, in option price units */
  credit: number;
  expiry: number;
  openedAt: string;
  /** take-profit steps already taken */
  stepsTaken: number;
  /** a closing order not yet filled */
  closing?: { tickets: OrderTicket[]; placed: number; quantity: number; reason: string };
}

interface ClosedTrade {
  short: string;
  long: string;
  quantity: number;
  credit: number;
  exit: number;
  pnl: number;
  reason: string;
  opened: string;
  closed: string;
}

export default class OptionsTradingBot extends QCAlgorithm {
  ticker = "TLIX";
  /** the guide's parameters, replaced by optimized_params_v3 when the store has it */
  params: OptimizedParameters = { ...GUIDE_PARAMETERS, delta_range: [...GUIDE_PARAMETERS.delta_range], profit_thresholds: [...GUIDE_PARAMETERS.profit_thresholds] };
  /** enter only when ATM implied vol is at least this multiple of realised vol */
  ivRichness = 1.1;
  /** share of equity a spread's worst case may lose */
  riskPerTrade = 0.02;
  /** strikes between the legs */
  spreadWidthStrikes = 2;
  minDaysToExpiry = 7;
  maxDaysToExpiry = 45;

  private underlying!: Symbol;
  private optionSymbol!: Symbol;
  private closes = new RollingWindow<number>(21);
  private model: SentimentModel | null = null;
  private cache!: SentimentCache;
  private headlines: NewsHeadline[] = [];
  private headlineCursor = 0;
  private todaysScores: number[] = [];
  private lastChain: OptionChain | undefined;
  private spreads: Spread[] = [];
  private pending: { tickets: OrderTicket[]; spread: Spread; placed: number; retried: boolean } | undefined;
  readonly closedTrades: ClosedTrade[] = [];
  /** what the run found and used from the store (reported in the backtest record) */
  readonly loaded = { optimizedParams: false, model: false };

  override initialize(): void {
    this.setStartDate(2025, 1, 2);
    this.setEndDate(2025, 7, 31);
    this.setCash(100_000);
    this.underlying = this.addEquity(this.ticker, Resolution.Minute).symbol;
    const option = this.addOption(this.ticker, Resolution.Minute);
    option.setFilter((u) => u.includeWeeklys().strikes(-12, 12).expiration(this.minDaysToExpiry, this.maxDaysToExpiry));
    this.optionSymbol = option.symbol;
    this.setBenchmark(this.underlying);

    // research → live (the guide's patterns 5 and 6)
    const stored = loadOptimizedParameters(this.objectStore);
    if (stored) {
      this.params = stored;
      this.loaded.optimizedParams = true;
      this.debug(`Applied optimized_params_v3: ${JSON.stringify(stored)}`);
    }
    this.model = loadModelFromStore(this.objectStore);
    this.loaded.model = this.model !== null;
    this.debug(this.model ? "Loaded sentiment_model_v2" : "No sentiment_model_v2 in the store: trading on sentiment alone");

    this.cache = new SentimentCache(this.objectStoreManager, new WordListSentimentProvider());
    this.headlines = readHeadlines(this.dataFolder, this.ticker);
    for (const bar of this.history(this.underlying, 21, Resolution.Daily)) this.closes.add(bar.close);

    const rule = this.dateRules.everyDay(this.underlying);
    this.schedule.on(rule, this.timeRules.afterMarketOpen(this.underlying, 30), () => this.considerEntry());
    this.schedule.on(rule, this.timeRules.beforeMarketClose(this.underlying, 5), () => this.endOfDay());
  }

  /** On `--resume`, the open spreads come back from the trading state the run continues from. */
  override onWarmupFinished(): void {
    const saved = this.resumedState?.state.spreads;
    if (!Array.isArray(saved)) return;
    this.spreads = saved.map((s: Spread & { short: string; long: string }) => ({
      ...s,
      short: Symbol.parseOption(s.short),
      long: Symbol.parseOption(s.long),
    }));
    this.debug(`Resumed ${this.spreads.length} open spreads from ${this.resumedState!.key}`);
  }

  override onData(slice: Slice): void {
    const chain = slice.optionChains.get(this.optionSymbol);
    if (chain) this.lastChain = chain;
    this.managePendingEntry();
    this.manageSpreads();
  }

  // ---- entry -------------------------------------------------------------------------------
  private considerEntry(): void {
    this.scoreHeadlines();
    const chain = this.lastChain;
    if (!chain || this.spreads.length > 0 || this.pending || this.circuitBreaker.isTripped) return;
    const realised = this.realisedVolatility();
    const atm = this.atmContract(chain);
    const iv = atm?.impliedVolatility ?? 0;
    if (!(realised > 0) || !(iv > 0) || iv < realised * this.ivRichness) return;

    const sentiment = this.todaysScores.length ? this.todaysScores.reduce((a, b) => a + b, 0) / this.todaysScores.length : 0;
    const previous = this.closes.count > 1 ? Math.log(this.closes.get(0) / this.closes.get(1)) : 0;
    const up = this.model
      ? predictProbability(this.model, featureRow({ headlineScores: this.todaysScores, return1d: previous, atmIv: iv, realisedVol: realised })) >= 0.5
      : sentiment >= 0;
    const right = up ? OptionRight.Put : OptionRight.Call;
    const spread = this.chooseSpread(chain, right);
    if (!spread) return;
    const equity = this.portfolio.totalPortfolioValue.toNumber();
    const width = Math.abs(spread.short.strike - spread.long.strike);
    const credit = spread.short.midPrice - spread.long.midPrice;
    if (!(credit > 0.05) || credit >= width) return;
    const maxLoss = (width - credit) * 100;
    const quantity = Math.max(1, Math.min(20, Math.floor((equity * this.riskPerTrade) / maxLoss)));
    const legs = [
      { symbol: spread.short.symbol, quantity: -1 },
      { symbol: spread.long.symbol, quantity: 1 },
    ];
    const credit2 = Math.round(credit * 100) / 100;
    const tickets = this.comboLimitOrder(legs, quantity, -credit2, `${up ? "bull put" : "bear call"} spread, IV ${iv.toFixed(3)} vs RV ${realised.toFixed(3)}`);
    this.pending = {
      tickets,
      placed: this.utcNow,
      retried: false,
      spread: {
        short: spread.short.symbol,
        long: spread.long.symbol,
        right,
        quantity,
        credit: credit2,
        expiry: spread.short.expiryDate,
        openedAt: this.time.toISO()!,
        stepsTaken: 0,
      },
    };
    this.saveGreeks([spread.short, spread.long]);
  }

  /** The short leg with |delta| in the configured range (nearest the middle), the long leg further out. */
  private chooseSpread(chain: OptionChain, right: OptionRight): { short: OptionContract; long: OptionContract } | undefined {
    const [lo, hi] = this.params.delta_range;
    const middle = (lo + hi) / 2;
    const expiries = [...new Set([...chain].filter((c) => c.right === right).map((c) => c.expiryDate))].sort((a, b) => a - b).slice(0, this.params.max_option_chains);
    let best: { short: OptionContract; long: OptionContract; score: number } | undefined;
    for (const expiry of expiries) {
      const contracts = [...chain].filter((c) => c.right === right && c.expiryDate === expiry && c.bidPrice > 0 && c.askPrice > 0);
      contracts.sort((a, b) => (right === OptionRight.Put ? b.strike - a.strike : a.strike - b.strike));
      for (let i = 0; i + this.spreadWidthStrikes < contracts.length; i++) {
        const short = contracts[i];
        const delta = Math.abs(short.greeks.delta);
        if (delta < lo || delta > hi) continue;
        const score = Math.abs(delta - middle);
        if (!best || score < best.score) best = { short, long: contracts[i + this.spreadWidthStrikes], score };
      }
    }
    return best && { short: best.short, long: best.long };
  }

  private managePendingEntry(): void {
    const pending = this.pending;
    if (!pending) return;
    const statuses = pending.tickets.map((t) => t.status);
    if (statuses.every((s) => s === OrderStatus.Filled)) {
      const [shortTicket, longTicket] = pending.tickets;
      pending.spread.credit = Math.abs(shortTicket.averageFillPrice) - Math.abs(longTicket.averageFillPrice);
      this.spreads.push(pending.spread);
      this.pending = undefined;
      return;
    }
    if (statuses.some((s) => s === OrderStatus.Invalid || s === OrderStatus.Canceled) && pending.retried) {
      this.pending = undefined;
      return;
    }
    if ((this.utcNow - pending.placed) / 1000 < this.params.cancel_after_seconds) return;
    if (pending.retried) return;
    // unfilled after cancel_after_seconds: cancel and take the market once
    pending.tickets[0].cancel(`unfilled after ${this.params.cancel_after_seconds}s`);
    pending.retried = true;
    if (this.circuitBreaker.isTripped) {
      this.pending = undefined;
      return;
    }
    pending.tickets = this.comboMarketOrder(
      [
        { symbol: pending.spread.short, quantity: -1 },
        { symbol: pending.spread.long, quantity: 1 },
      ],
      pending.spread.quantity,
      false,
      "entry retried at market",
    );
    this.managePendingEntry();
  }

  // ---- exits -------------------------------------------------------------------------------
  private manageSpreads(): void {
    const today = Number(this.time.toFormat("yyyyMMdd"));
    // shares delivered by an assignment or exercise at expiry are closed at once
    const underlying = this.portfolio.get(this.underlying);
    if (underlying.quantity !== 0 && this.securities.get(this.underlying).exchange.exchangeOpen && !this.transactions.getOpenOrders(this.underlying).length) {
      this.liquidate(this.underlying, "shares from an option exercise or assignment");
    }
    for (const spread of [...this.spreads]) {
      const short = this.securities.get(spread.short);
      const long = this.securities.get(spread.long);
      if (short.holdings.quantity === 0 && long.holdings.quantity === 0) {
        // the engine exercised or expired the legs at expiry
        this.recordClose(spread, spread.quantity, 0, "expired");
        this.spreads = this.spreads.filter((s) => s !== spread);
        continue;
      }
      if (spread.closing && this.followClose(spread)) continue;
      // the cost to close: buy the short at the ask, sell the long at the bid
      const value = (short.askPrice || short.price) - (long.bidPrice || long.price);
      if (!(value >= 0)) continue;
      const captured = spread.credit > 0 ? ((spread.credit - value) / spread.credit) * 100 : 0;
      const steps = this.params.profit_thresholds;
      const dayBeforeExpiry = Number(DateTime.fromFormat(String(spread.expiry), "yyyyMMdd", { zone: this.timeZone }).minus({ days: 1 }).toFormat("yyyyMMdd"));
      if (value >= spread.credit * 2) this.closeSpread(spread, spread.quantity, "stop: lost the credit");
      else if (today >= dayBeforeExpiry && this.time.hour >= 15) this.closeSpread(spread, spread.quantity, "day before expiry");
      else if (spread.stepsTaken < steps.length && captured >= steps[spread.stepsTaken]) {
        const remainingSteps = steps.length - spread.stepsTaken;
        const part = Math.max(1, Math.floor(spread.quantity / remainingSteps));
        spread.stepsTaken++;
        this.closeSpread(spread, part, `take profit ${steps[spread.stepsTaken - 1]}% of the credit`);
      }
    }
  }

  private closeSpread(spread: Spread, quantity: number, reason: string): void {
    const tickets = this.comboMarketOrder(
      [
        { symbol: spread.short, quantity: 1 },
        { symbol: spread.long, quantity: -1 },
      ],
      quantity,
      false,
      reason,
    );
    spread.closing = { tickets, placed: this.utcNow, quantity, reason };
    this.followClose(spread);
  }

  /** A closing order in flight: booked when filled; cancelled when it has not filled within five minutes (stale quotes). True while it is still working. */
  private followClose(spread: Spread): boolean {
    const closing = spread.closing!;
    const statuses = closing.tickets.map((t) => t.status);
    if (statuses.every((s) => s === OrderStatus.Filled)) {
      spread.closing = undefined;
      this.recordClose(spread, closing.quantity, closing.tickets[0].averageFillPrice - closing.tickets[1].averageFillPrice, closing.reason);
      spread.quantity -= closing.quantity;
      if (spread.quantity <= 0) this.spreads = this.spreads.filter((s) => s !== spread);
      return false;
    }
    if (statuses.some((s) => s === OrderStatus.Invalid || s === OrderStatus.Canceled)) {
      spread.closing = undefined;
      return false;
    }
    if (this.utcNow - closing.placed >= 5 * 60_000) {
      closing.tickets[0].cancel("close unfilled after five minutes");
      spread.closing = undefined;
      return false;
    }
    return true;
  }

  private recordClose(spread: Spread, quantity: number, exit: number, reason: string): void {
    this.closedTrades.push({
      short: spread.short.value,
      long: spread.long.value,
      quantity,
      credit: spread.credit,
      exit,
      pnl: (spread.credit - exit) * 100 * quantity,
      reason,
      opened: spread.openedAt,
      closed: this.time.toISO()!,
    });
  }

  // ---- data the bot keeps ----------------------------------------------------------------------
  /** Headlines published since the last look, through the sentiment cache (the guide's pattern 3). */
  private scoreHeadlines(): void {
    const now = this.utcNow;
    const todayStart = this.time.startOf("day").toMillis();
    this.todaysScores = this.todaysScores.filter(() => true);
    while (this.headlineCursor < this.headlines.length && this.headlines[this.headlineCursor].time <= now) {
      const h = this.headlines[this.headlineCursor++];
      const result = this.cache.get(h.headline);
      if (h.time >= todayStart - 86_400_000) this.todaysScores.push(result.score);
    }
  }

  private realisedVolatility(): number {
    if (this.closes.count < 3) return 0;
    const returns: number[] = [];
    for (let i = 0; i + 1 < this.closes.count; i++) returns.push(Math.log(this.closes.get(i) / this.closes.get(i + 1)));
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const variance = returns.reduce((a, b) => a + (b - mean) ** 2, 0) / (returns.length - 1);
    return Math.sqrt(variance * 252);
  }

  private atmContract(chain: OptionChain): OptionContract | undefined {
    let best: OptionContract | undefined;
    for (const c of chain) {
      const days = c.expiry.diff(this.time, "days").days;
      if (days < this.minDaysToExpiry || c.right !== OptionRight.Call || !(c.bidPrice > 0)) continue;
      if (!best || Math.abs(c.strike - chain.underlying.price) + Math.abs(days - 30) / 10 < Math.abs(best.strike - chain.underlying.price) + Math.abs(best.expiry.diff(this.time, "days").days - 30) / 10) best = c;
    }
    return best;
  }

  /** The guide's pattern 2: greeks_{symbol}_{date}, 180 days. */
  private saveGreeks(contracts: OptionContract[]): void {
    const date = this.time.toISODate();
    for (const c of contracts) {
      this.objectStoreManager.save({
        key: `greeks_${c.symbol.value}_${date}`,
        data: {
          symbol: c.symbol.value,
          delta: finite(c.greeks.delta),
          gamma: finite(c.greeks.gamma),
          theta: finite(c.greeks.theta),
          vega: finite(c.greeks.vega),
          iv: finite(c.impliedVolatility),
          price: finite(c.lastPrice || c.midPrice),
          timestamp: this.time.toFormat("yyyy-MM-dd HH:mm:ss"),
        },
        category: StorageCategory.OPTIONS_GREEKS,
        expireDays: 180,
      });
    }
  }

  private endOfDay(): void {
    const close = this.securities.get(this.underlying).close;
    if (close > 0) this.closes.add(close);
    // greeks of the contracts held, then the day's state (the guide's pattern 1)
    const chain = this.lastChain;
    if (chain) {
      const held = [...chain].filter((c) => this.portfolio.get(c.symbol).quantity !== 0);
      if (held.length) this.saveGreeks(held);
    }
    this.saveTradingState({
      spreads: this.spreads.map(({ closing: _closing, ...s }) => ({ ...s, short: s.short.value, long: s.long.value })),
      sentiment_cache: { hits: this.cache.hits, misses: this.cache.misses },
    });
  }

  override onEndOfBacktest({ statistics }: { statistics: Record<string, string> }): void {
    const percent = (text: string | undefined) => (text ? Number(text.replace("%", "")) / 100 : 0);
    const sharpe = Number(statistics["Sharpe Ratio"] ?? 0);
    const maxDrawdown = percent(statistics["Drawdown"]);
    const wins = this.closedTrades.filter((t) => t.pnl > 0).length;
    // the guide's pattern 4: one record per backtest, keyed by the wall-clock time it ran
    const key = `backtest_${DateTime.now().toUTC().toFormat("yyyyMMdd_HHmmss")}`;
    this.objectStoreManager.save({
      key,
      data: {
        params: this.params,
        metrics: {
          sharpe_ratio: sharpe,
          max_drawdown: maxDrawdown,
          total_return: percent(statistics["Net Profit"]),
          win_rate: this.closedTrades.length ? wins / this.closedTrades.length : 0,
        },
        trades: this.closedTrades,
        sentiment_cache: { hits: this.cache.hits, misses: this.cache.misses },
        loaded: this.loaded,
      },
      category: StorageCategory.BACKTEST_RESULTS,
      expireDays: 365,
      metadata: { strategy: "two_part_spread", sharpe, max_drawdown: maxDrawdown, version: BOT_VERSION },
    });
    this.log(`Saved ${key}; sentiment cache: ${this.cache.hits} hits, ${this.cache.misses} misses`);
  }

  /** the sentiment cache's counters (the main job prints them) */
  get sentimentCache(): { hits: number; misses: number } {
    return { hits: this.cache.hits, misses: this.cache.misses };
  }
}
