// Fill models (LEAN's IFillModel): whether and at what price an order fills on the data the security
// has now. EquityFillModel for equities, ImmediateFillModel (LEAN's base FillModel) for options and
// indexes. Partial fills do not happen: every fill is for the whole quantity, as in LEAN's backtests.
import { OrderDirection, OrderType } from "../order-enums.ts";
import type { Order } from "../order.ts";
import type { Bar, QuoteBar, TradeBar } from "../../securities/bars.ts";
import type { ExchangeHoursLike } from "../../securities/exchange.ts";
import type { SlippageModel } from "../slippage/slippage-model.ts";

const HOUR = 3_600_000;

/** What a fill model can see of a security. */
export interface FillableSecurity {
  readonly price: number;
  readonly lastTradeBar: TradeBar | undefined;
  readonly lastQuoteBar: QuoteBar | undefined;
  /** the newest real data point of the security's default data types (LEAN's GetLastData) */
  readonly lastData: TradeBar | QuoteBar | undefined;
  readonly exchangeHours: ExchangeHoursLike;
  readonly hasTradeSubscription: boolean;
  readonly hasQuoteSubscription: boolean;
  /** the finest subscribed resolution's bar length in ms */
  readonly finestPeriodMs: number;
  /** every subscription is hour or daily */
  readonly onlyHourOrDaily: boolean;
  readonly extendedMarketHours: boolean;
  readonly slippageModel: SlippageModel;
}

export interface FillContext {
  /** engine time, epoch ms UTC */
  readonly now: number;
  /** LEAN's Settings.StalePriceTimeSpan */
  readonly stalePriceMs: number;
}

export interface Fill {
  fillPrice: number;
  message: string;
}

export interface FillModel {
  /** A fill for the whole order, or null when it does not fill now. */
  fill(security: FillableSecurity, order: Order, context: FillContext): Fill | null;
}

interface Prices {
  time: number;
  endTime: number;
  current: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

function pricesOfBar(time: number, endTime: number, bar: Bar): Prices {
  return { time, endTime, current: bar.close, open: bar.open, high: bar.high, low: bar.low, close: bar.close };
}

/** LEAN's FillModel.GetPrices: the ask bar for a buy, the bid bar for a sell, else the trade bar. */
function getPrices(security: FillableSecurity, direction: OrderDirection): Prices {
  const quote = security.lastQuoteBar;
  if (security.hasQuoteSubscription && quote) {
    const side = direction === OrderDirection.Sell ? quote.bid : quote.ask;
    if (side) return pricesOfBar(quote.time, quote.endTime, side);
  }
  const trade = security.lastTradeBar;
  if (security.hasTradeSubscription && trade) return pricesOfBar(trade.time, trade.endTime, trade);
  const last = security.lastData;
  const p = security.price;
  return { time: last?.time ?? -Infinity, endTime: last?.endTime ?? -Infinity, current: p, open: p, high: p, low: p, close: p };
}

/** LEAN's IsExchangeOpen: open now, or still on a bar that was open (daily bars after the close). */
function isExchangeOpen(security: FillableSecurity, now: number, extended: boolean): boolean {
  if (security.exchangeHours.isOpen(now, extended)) return true;
  const bar = security.lastData;
  if (!bar) return false;
  const span = bar.endTime - bar.time;
  const onCurrentBar = span > HOUR ? sameLocalDate(security.exchangeHours.timeZone, now, bar.endTime) : now <= bar.endTime;
  return onCurrentBar && security.exchangeHours.isOpenDuring(bar.time, bar.endTime, extended);
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function localDate(zone: string, ms: number): string {
  let f = dateFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormatters.set(zone, f);
  }
  return f.format(ms);
}
function sameLocalDate(zone: string, a: number, b: number): boolean {
  return localDate(zone, a) === localDate(zone, b);
}

function withSlippage(security: FillableSecurity, order: Order, price: number): number {
  const slip = security.slippageModel.getSlippageApproximation(security, order);
  return order.direction === OrderDirection.Buy ? price + slip : price - slip;
}

/** LEAN's ShouldWaitForFreshDataOnStale. */
function shouldWaitOnStale(security: FillableSecurity, dataEndTime: number, orderTime: number): boolean {
  if (security.onlyHourOrDaily) return true;
  return orderTime - dataEndTime > security.finestPeriodMs;
}

/** The stop a trailing stop would sit at for this market price (LEAN's CalculateStopPrice). */
export function trailingStopPrice(marketPrice: number, trailingAmount: number, asPercentage: boolean, direction: OrderDirection): number {
  if (asPercentage) return direction === OrderDirection.Buy ? marketPrice * (1 + trailingAmount) : marketPrice * (1 - trailingAmount);
  return direction === OrderDirection.Buy ? marketPrice + trailingAmount : marketPrice - trailingAmount;
}

/** LEAN's TryUpdateStopPrice: the new stop when the market moved further than the trail, else null. */
export function trailingStopUpdate(marketPrice: number, stop: number, trailingAmount: number, asPercentage: boolean, direction: OrderDirection): number | null {
  const distance = direction === OrderDirection.Sell ? marketPrice - stop : stop - marketPrice;
  const reference = asPercentage ? marketPrice * trailingAmount : trailingAmount;
  if (distance <= reference) return null;
  return trailingStopPrice(marketPrice, trailingAmount, asPercentage, direction);
}

/** One leg of a combo order with its security. */
export interface ComboLeg {
  security: FillableSecurity & { fillModel: FillModel };
  order: Order;
}

/**
 * LEAN's ComboMarketFill: every leg fills at its own market price, or none does.
 * Each leg goes through its security's own fill model as a market order.
 */
export function comboMarketFill(legs: readonly ComboLeg[], context: FillContext): Fill[] | null {
  const fills: Fill[] = [];
  for (const { security, order } of legs) {
    const asMarket = Object.assign(Object.create(Object.getPrototypeOf(order)) as Order, order, { type: OrderType.Market });
    const fill = security.fillModel.fill(security, asMarket, context);
    if (!fill) return null;
    fills.push(fill);
  }
  return fills;
}

/**
 * LEAN's ComboLimitFill: the group fills when the sum over legs of (leg price × leg ratio) is
 * better than the limit, every leg at its bar's low (a buying group) or high (a selling group),
 * taken from the ask bar for a buying leg and the bid bar for a selling one.
 */
export function comboLimitFill(legs: readonly ComboLeg[], groupQuantity: number, limitPrice: number): Fill[] | null {
  const buyGroup = groupQuantity > 0;
  let total = 0;
  const prices: number[] = [];
  for (const { security, order } of legs) {
    const p = getPrices(security, order.direction);
    if (p.endTime < order.time) return null;
    const price = buyGroup ? p.low : p.high;
    prices.push(price);
    total += price * (order.quantity / groupQuantity);
  }
  if (buyGroup ? !(total < limitPrice) : !(total > limitPrice)) return null;
  return prices.map((fillPrice) => ({ fillPrice, message: "" }));
}

/** The base model: options, indexes (LEAN's ImmediateFillModel). */
export class ImmediateFillModel implements FillModel {
  fill(security: FillableSecurity, order: Order, context: FillContext): Fill | null {
    switch (order.type) {
      case OrderType.Market:
        return this.marketFill(security, order, context);
      case OrderType.Limit:
        return this.limitFill(security, order, context);
      case OrderType.StopMarket:
        return this.stopMarketFill(security, order, context);
      case OrderType.StopLimit:
        return this.stopLimitFill(security, order, context);
      case OrderType.MarketOnOpen:
        return this.marketOnOpenFill(security, order, context);
      case OrderType.MarketOnClose:
        return this.marketOnCloseFill(security, order, context);
      case OrderType.TrailingStop:
        return this.trailingStopFill(security, order, context);
      default:
        throw new TypeError(`fill model: unsupported order type ${OrderType[order.type]}`);
    }
  }

  protected marketFill(security: FillableSecurity, order: Order, { now, stalePriceMs }: FillContext): Fill | null {
    if (!isExchangeOpen(security, now, false)) return null;
    const prices = getPrices(security, order.direction);
    let message = "";
    if (prices.endTime + stalePriceMs < order.time) {
      if (shouldWaitOnStale(security, prices.endTime, order.time)) return null;
      message = `Warning: fill at stale price (${prices.current}), last data ended ${new Date(prices.endTime).toISOString()}`;
    }
    let price = prices.current;
    if (prices.open !== 0 && security.onlyHourOrDaily && order.time <= prices.time) price = prices.open;
    return { fillPrice: withSlippage(security, order, price), message };
  }

  protected limitFill(security: FillableSecurity, order: Order, { now }: FillContext): Fill | null {
    if (!isExchangeOpen(security, now, security.extendedMarketHours)) return null;
    const prices = getPrices(security, order.direction);
    if (prices.endTime <= order.time) return null;
    const limit = order.limitPrice!;
    if (order.direction === OrderDirection.Buy) {
      if (prices.low < limit) return { fillPrice: Math.min(prices.high, limit), message: "" };
    } else if (prices.high > limit) {
      return { fillPrice: Math.max(prices.low, limit), message: "" };
    }
    return null;
  }

  protected stopMarketFill(security: FillableSecurity, order: Order, { now }: FillContext): Fill | null {
    if (!isExchangeOpen(security, now, false)) return null;
    const prices = getPrices(security, order.direction);
    if (prices.endTime <= order.time) return null;
    const stop = order.stopPrice!;
    const slip = security.slippageModel.getSlippageApproximation(security, order);
    if (order.direction === OrderDirection.Sell) {
      if (prices.low < stop) return { fillPrice: Math.min(stop, prices.current - slip), message: "" };
    } else if (prices.high > stop) {
      return { fillPrice: Math.max(stop, prices.current + slip), message: "" };
    }
    return null;
  }

  /** Triggers like a stop; otherwise trails the stop behind the best price of the bar (LEAN). */
  protected trailingStopFill(security: FillableSecurity, order: Order, { now }: FillContext): Fill | null {
    if (!isExchangeOpen(security, now, false)) return null;
    const prices = getPrices(security, order.direction);
    if (prices.endTime <= order.time) return null;
    const stop = order.stopPrice!;
    const slip = security.slippageModel.getSlippageApproximation(security, order);
    if (order.direction === OrderDirection.Sell) {
      if (prices.low <= stop) return { fillPrice: Math.min(stop, prices.current - slip), message: "" };
    } else if (prices.high >= stop) {
      return { fillPrice: Math.max(stop, prices.current + slip), message: "" };
    }
    const updated = trailingStopUpdate(order.direction === OrderDirection.Sell ? prices.high : prices.low, stop, order.trailingAmount!, order.trailingAsPercentage, order.direction);
    if (updated !== null) order.stopPrice = updated;
    return null;
  }

  protected stopLimitFill(security: FillableSecurity, order: Order, { now }: FillContext): Fill | null {
    if (!isExchangeOpen(security, now, security.extendedMarketHours)) return null;
    const prices = getPrices(security, order.direction);
    if (prices.endTime <= order.time) return null;
    const stop = order.stopPrice!;
    const limit = order.limitPrice!;
    if (order.direction === OrderDirection.Buy) {
      if (prices.high > stop || order.stopTriggered) {
        order.stopTriggered = true;
        if (prices.current < limit) return { fillPrice: Math.min(prices.high, limit), message: "" };
      }
    } else if (prices.low < stop || order.stopTriggered) {
      order.stopTriggered = true;
      if (prices.current > limit) return { fillPrice: Math.max(prices.low, limit), message: "" };
    }
    return null;
  }

  protected marketOnOpenFill(security: FillableSecurity, order: Order, { now }: FillContext): Fill | null {
    const bar = security.lastData;
    if (!bar || order.time >= bar.endTime) return null;
    const zone = security.exchangeHours.timeZone;
    if (security.exchangeHours.isOpen(order.time, false) && sameLocalDate(zone, order.time, now)) return null;
    if (!isExchangeOpen(security, now, false)) return null;
    return { fillPrice: withSlippage(security, order, getPrices(security, order.direction).open), message: "" };
  }

  protected marketOnCloseFill(security: FillableSecurity, order: Order, { now }: FillContext): Fill | null {
    const nextClose = security.exchangeHours.nextMarketClose(order.time, false);
    if (now < nextClose) return null;
    return { fillPrice: withSlippage(security, order, getPrices(security, order.direction).close), message: "" };
  }
}

/** Equities (LEAN's EquityFillModel): best-effort bid/ask for market orders, trade bars for the rest. */
export class EquityFillModel extends ImmediateFillModel {
  /** LEAN's GetBestEffortAskPrice/BidPrice: newest of quote bar side close and trade bar close. */
  private bestEffortPrice(security: FillableSecurity, order: Order, stalePriceMs: number): { price: number; stale: boolean; endTime: number; message: string } {
    const cutoff = order.time - stalePriceMs;
    let candidate: { price: number; endTime: number; message: string } | undefined;
    const quote = security.lastQuoteBar;
    if (security.hasQuoteSubscription && quote) {
      const side = order.direction === OrderDirection.Sell ? quote.bid : quote.ask;
      const price = side ? side.close : quote.close;
      if (quote.endTime >= cutoff) return { price, stale: false, endTime: quote.endTime, message: "" };
      candidate = { price, endTime: quote.endTime, message: "filled with quote bar data" };
    }
    const trade = security.lastTradeBar;
    if (security.hasTradeSubscription && trade && (!candidate || trade.endTime > candidate.endTime)) {
      if (trade.endTime >= cutoff) return { price: trade.close, stale: false, endTime: trade.endTime, message: "" };
      candidate = { price: trade.close, endTime: trade.endTime, message: "filled with trade bar data" };
    }
    if (!candidate) throw new Error(`cannot fill ${order.symbol.value}: no market data to get a price from`);
    return { ...candidate, stale: true };
  }

  private bestEffortTradeBar(security: FillableSecurity, order: Order): TradeBar | null {
    const bar = security.lastTradeBar;
    if (!bar || bar.endTime <= order.time) return null;
    return bar;
  }

  protected override marketFill(security: FillableSecurity, order: Order, { now, stalePriceMs }: FillContext): Fill | null {
    if (!isExchangeOpen(security, now, false)) return null;
    const best = this.bestEffortPrice(security, order, stalePriceMs);
    if (best.stale && shouldWaitOnStale(security, best.endTime, order.time)) return null;
    return { fillPrice: withSlippage(security, order, best.price), message: best.message };
  }

  protected override limitFill(security: FillableSecurity, order: Order, { now }: FillContext): Fill | null {
    if (!isExchangeOpen(security, now, security.extendedMarketHours)) return null;
    const bar = this.bestEffortTradeBar(security, order);
    if (!bar) return null;
    const limit = order.limitPrice!;
    if (order.direction === OrderDirection.Buy) {
      if (bar.low < limit) {
        if (bar.open < limit) return { fillPrice: bar.open, message: "filled at the open price due to a favorable gap" };
        return { fillPrice: limit, message: "" };
      }
    } else if (bar.high > limit) {
      if (bar.open > limit) return { fillPrice: bar.open, message: "filled at the open price due to a favorable gap" };
      return { fillPrice: limit, message: "" };
    }
    return null;
  }

  protected override stopMarketFill(security: FillableSecurity, order: Order, { now }: FillContext): Fill | null {
    if (!isExchangeOpen(security, now, false)) return null;
    const bar = this.bestEffortTradeBar(security, order);
    if (!bar) return null;
    const stop = order.stopPrice!;
    if (order.direction === OrderDirection.Sell) {
      if (bar.low <= stop) {
        if (bar.open <= stop) return { fillPrice: withSlippage(security, order, bar.open), message: "filled at the open price due to an unfavorable gap" };
        return { fillPrice: withSlippage(security, order, stop), message: "" };
      }
    } else if (bar.high >= stop) {
      if (bar.open >= stop) return { fillPrice: withSlippage(security, order, bar.open), message: "filled at the open price due to an unfavorable gap" };
      return { fillPrice: withSlippage(security, order, stop), message: "" };
    }
    return null;
  }

  protected override marketOnOpenFill(security: FillableSecurity, order: Order, { now, stalePriceMs }: FillContext): Fill | null {
    let endTime = -Infinity;
    let price = 0;
    let message = "";
    if (security.hasTradeSubscription) {
      const bar = security.lastTradeBar;
      if (bar) {
        if (bar.time < order.time) return null;
        if (bar.endTime - bar.time < HOUR && !security.exchangeHours.isOpen(bar.time, false)) return null;
        endTime = bar.endTime;
        price = bar.open;
      }
    } else {
      message = "filled with quote data";
    }
    if (order.time >= endTime) return null;
    const zone = security.exchangeHours.timeZone;
    if (security.exchangeHours.isOpen(order.time, false) && sameLocalDate(zone, order.time, endTime)) return null;
    if (!isExchangeOpen(security, now, false)) return null;
    if (price === 0) price = this.bestEffortPrice(security, order, stalePriceMs).price;
    return { fillPrice: withSlippage(security, order, price), message };
  }

  protected override marketOnCloseFill(security: FillableSecurity, order: Order, { now, stalePriceMs }: FillContext): Fill | null {
    const nextClose = security.exchangeHours.nextMarketClose(order.time, false);
    if (now < nextClose) return null;
    let price = security.hasTradeSubscription ? security.lastTradeBar?.close ?? 0 : 0;
    if (price === 0) price = this.bestEffortPrice(security, order, stalePriceMs).price;
    return { fillPrice: withSlippage(security, order, price), message: "" };
  }
}
