// A security the algorithm trades: its data subscriptions, last prices, holdings and pluggable models.
import { Resolution, resolutionToMs } from "../common/resolution.ts";
import { SecurityType } from "../common/security-type.ts";
import { SecurityCache } from "./security-cache.ts";
import { SecurityExchange, type ExchangeHoursLike } from "./exchange.ts";
import { defaultSymbolProperties, type SymbolProperties } from "./symbol-properties.ts";
import type { Symbol } from "./symbol.ts";
import type { QuoteBar, TradeBar } from "./bars.ts";
import { DataNormalizationMode } from "../data/normalization.ts";

export { DataNormalizationMode };
import { SecurityHolding } from "../portfolio/security-holding.ts";
import { ConstantFeeModel, InteractiveBrokersFeeModel, type FeeModel } from "../orders/fees/fee-model.ts";
import { EquityFillModel, ImmediateFillModel, type FillModel, type FillableSecurity } from "../orders/fills/fill-model.ts";
import { NullSlippageModel, type SlippageModel } from "../orders/slippage/slippage-model.ts";


export interface Subscription {
  readonly symbol: Symbol;
  readonly resolution: Resolution;
  readonly tickType: "trade" | "quote";
  readonly extendedMarketHours: boolean;
  readonly fillForward: boolean;
}

export class Security implements FillableSecurity {
  readonly cache: SecurityCache;
  readonly holdings: SecurityHolding;
  readonly exchange: SecurityExchange;
  readonly symbolProperties: SymbolProperties;
  readonly subscriptions: Subscription[] = [];
  feeModel: FeeModel;
  fillModel: FillModel;
  slippageModel: SlippageModel;
  /** LEAN's leverage: 2 for equities on the default margin account, 1 for options and indexes */
  leverage: number;
  dataNormalizationMode: DataNormalizationMode;
  isTradable = true;
  isDelisted = false;
  /** options: the underlying's price now (the engine links the underlying security) */
  underlyingPrice: () => number = () => 0;

  constructor(
    readonly symbol: Symbol,
    exchangeHours: ExchangeHoursLike,
    private readonly utcNow: () => number,
    options: { symbolProperties?: SymbolProperties; normalization?: DataNormalizationMode } = {},
  ) {
    this.symbolProperties = options.symbolProperties ?? defaultSymbolProperties(symbol.securityType);
    this.exchange = new SecurityExchange(exchangeHours, utcNow);
    this.cache = new SecurityCache(symbol.securityType !== SecurityType.Equity, symbol);
    this.holdings = new SecurityHolding(() => this.cache.price, this.symbolProperties.contractMultiplier);
    const type = symbol.securityType;
    this.feeModel = type === SecurityType.Index ? new ConstantFeeModel(0) : new InteractiveBrokersFeeModel();
    this.fillModel = type === SecurityType.Equity ? new EquityFillModel() : new ImmediateFillModel();
    this.slippageModel = new NullSlippageModel();
    this.leverage = type === SecurityType.Equity ? 2 : 1;
    this.dataNormalizationMode =
      options.normalization ?? (type === SecurityType.Equity ? DataNormalizationMode.Adjusted : DataNormalizationMode.Raw);
  }

  get type(): SecurityType {
    return this.symbol.securityType;
  }

  get price(): number {
    return this.cache.price;
  }
  get open(): number {
    return this.cache.open;
  }
  get high(): number {
    return this.cache.high;
  }
  get low(): number {
    return this.cache.low;
  }
  get close(): number {
    return this.cache.close;
  }
  get volume(): number {
    return this.cache.volume;
  }
  get bidPrice(): number {
    return this.cache.bidPrice;
  }
  get askPrice(): number {
    return this.cache.askPrice;
  }
  get bidSize(): number {
    return this.cache.bidSize;
  }
  get askSize(): number {
    return this.cache.askSize;
  }
  get openInterest(): number {
    return this.cache.openInterest;
  }
  get hasData(): boolean {
    return this.cache.price !== 0;
  }
  get invested(): boolean {
    return this.holdings.invested;
  }
  get contractMultiplier(): number {
    return this.symbolProperties.contractMultiplier;
  }
  /** the exchange's local time now, as epoch ms (format it with the exchange's zone) */
  get localTime(): number {
    return this.utcNow();
  }

  // FillableSecurity
  get lastTradeBar(): TradeBar | undefined {
    return this.cache.lastTradeBar;
  }
  get lastQuoteBar(): QuoteBar | undefined {
    return this.cache.lastQuoteBar;
  }
  get lastData(): TradeBar | QuoteBar | undefined {
    const t = this.cache.lastTradeBar;
    if (this.type === SecurityType.Equity) return t;
    const q = this.cache.lastQuoteBar;
    if (!t) return q;
    if (!q) return t;
    return q.endTime >= t.endTime ? q : t;
  }
  get exchangeHours(): ExchangeHoursLike {
    return this.exchange.hours;
  }
  get hasTradeSubscription(): boolean {
    return this.subscriptions.some((s) => s.tickType === "trade");
  }
  get hasQuoteSubscription(): boolean {
    return this.subscriptions.some((s) => s.tickType === "quote");
  }
  get finestPeriodMs(): number {
    let best = Infinity;
    for (const s of this.subscriptions) best = Math.min(best, resolutionToMs(s.resolution));
    return best === Infinity ? 0 : best;
  }
  get onlyHourOrDaily(): boolean {
    return this.subscriptions.length > 0 && this.subscriptions.every((s) => s.resolution === Resolution.Hour || s.resolution === Resolution.Daily);
  }
  get extendedMarketHours(): boolean {
    return this.subscriptions.some((s) => s.extendedMarketHours);
  }
  get resolution(): Resolution | undefined {
    return this.subscriptions[0]?.resolution;
  }

  setFeeModel(model: FeeModel): void {
    this.feeModel = model;
  }
  setFillModel(model: FillModel): void {
    this.fillModel = model;
  }
  setSlippageModel(model: SlippageModel): void {
    this.slippageModel = model;
  }
  setLeverage(leverage: number): void {
    if (!(leverage > 0)) throw new RangeError(`setLeverage(${leverage}): leverage must be > 0`);
    this.leverage = leverage;
  }
  setDataNormalizationMode(mode: DataNormalizationMode): void {
    this.dataNormalizationMode = mode;
  }

  toString(): string {
    return this.symbol.value;
  }
}
