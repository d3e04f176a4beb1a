// Fill rules against bar open/high/low/close, as LEAN's EquityFillModel and FillModel apply them.
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import {
  EquityFillModel,
  ImmediateFillModel,
  NullSlippageModel,
  ConstantSlippageModel,
  Order,
  OrderType,
  QuoteBar,
  Symbol,
  TradeBar,
  type SlippageModel,
} from "tradeloom";
import { MarketHoursDatabase } from "../../../src/engine/time/index.ts";
import type { FillableSecurity } from "../../../src/engine/orders/fills/fill-model.ts";

const hours = MarketHoursDatabase.builtIn().get("Equity", "usa", "SPY").exchangeHours;
const spy = Symbol.create("SPY");
const ny = (iso: string) => DateTime.fromISO(iso, { zone: "America/New_York" }).toMillis();
const MIN = 60_000;

function trade(startIso: string, o: number, h: number, l: number, c: number, period = MIN): TradeBar {
  const t = ny(startIso);
  return new TradeBar(spy, t, t + period, o, h, l, c, 1000);
}

function security(init: { trade?: TradeBar; quote?: QuoteBar; period?: number; slippage?: SlippageModel; quotes?: boolean }): FillableSecurity {
  const period = init.period ?? MIN;
  return {
    price: init.trade?.close ?? init.quote?.close ?? 0,
    lastTradeBar: init.trade,
    lastQuoteBar: init.quote,
    lastData: init.trade ?? init.quote,
    exchangeHours: hours,
    hasTradeSubscription: true,
    hasQuoteSubscription: init.quotes ?? init.quote !== undefined,
    finestPeriodMs: period,
    onlyHourOrDaily: period >= 3_600_000,
    extendedMarketHours: false,
    slippageModel: init.slippage ?? new NullSlippageModel(),
  };
}

function order(type: OrderType, quantity: number, timeIso: string, prices: { limitPrice?: number; stopPrice?: number } = {}): Order {
  return new Order({ id: 1, symbol: spy, type, quantity, time: ny(timeIso), priceAtSubmission: 100, ...prices });
}

const equity = new EquityFillModel();
const ctx = (nowIso: string) => ({ now: ny(nowIso), stalePriceMs: 3_600_000 });

describe("equity limit orders", () => {
  const bar = trade("2013-10-08T10:00", 100, 101, 99, 100.5);
  it("a buy limit fills at the limit when the low goes below it", () => {
    expect(equity.fill(security({ trade: bar }), order(OrderType.Limit, 10, "2013-10-08T09:59", { limitPrice: 99.5 }), ctx("2013-10-08T10:01"))?.fillPrice).toBe(99.5);
  });
  it("a buy limit does not fill when the low only touches it", () => {
    expect(equity.fill(security({ trade: bar }), order(OrderType.Limit, 10, "2013-10-08T09:59", { limitPrice: 99 }), ctx("2013-10-08T10:01"))).toBeNull();
  });
  it("a buy limit above the open fills at the open (favourable gap)", () => {
    expect(equity.fill(security({ trade: bar }), order(OrderType.Limit, 10, "2013-10-08T09:59", { limitPrice: 100.2 }), ctx("2013-10-08T10:01"))?.fillPrice).toBe(100);
  });
  it("a sell limit fills when the high goes above it, at the open on a gap", () => {
    expect(equity.fill(security({ trade: bar }), order(OrderType.Limit, -10, "2013-10-08T09:59", { limitPrice: 100.8 }), ctx("2013-10-08T10:01"))?.fillPrice).toBe(100.8);
    expect(equity.fill(security({ trade: bar }), order(OrderType.Limit, -10, "2013-10-08T09:59", { limitPrice: 99.5 }), ctx("2013-10-08T10:01"))?.fillPrice).toBe(100);
  });
  it("never fills on a bar that ended before the order was placed", () => {
    expect(equity.fill(security({ trade: bar }), order(OrderType.Limit, 10, "2013-10-08T10:01", { limitPrice: 99.5 }), ctx("2013-10-08T10:01"))).toBeNull();
  });
  it("does not fill while the market is closed", () => {
    const night = trade("2013-10-08T15:59", 100, 101, 99, 100.5);
    expect(equity.fill(security({ trade: night }), order(OrderType.Limit, 10, "2013-10-08T15:58", { limitPrice: 99.5 }), ctx("2013-10-08T17:00"))).toBeNull();
  });
});

describe("equity stop-market orders", () => {
  const bar = trade("2013-10-08T10:00", 100, 101, 99, 100.5);
  it("a buy stop triggers when the high reaches the stop and fills at the stop", () => {
    expect(equity.fill(security({ trade: bar }), order(OrderType.StopMarket, 10, "2013-10-08T09:59", { stopPrice: 101 }), ctx("2013-10-08T10:01"))?.fillPrice).toBe(101);
    expect(equity.fill(security({ trade: bar }), order(OrderType.StopMarket, 10, "2013-10-08T09:59", { stopPrice: 101.01 }), ctx("2013-10-08T10:01"))).toBeNull();
  });
  it("a buy stop below the open fills at the open (unfavourable gap)", () => {
    expect(equity.fill(security({ trade: bar }), order(OrderType.StopMarket, 10, "2013-10-08T09:59", { stopPrice: 98 }), ctx("2013-10-08T10:01"))?.fillPrice).toBe(100);
  });
  it("a sell stop triggers at the low and adds slippage against the seller", () => {
    const s = security({ trade: bar, slippage: new ConstantSlippageModel(0.001) });
    expect(equity.fill(s, order(OrderType.StopMarket, -10, "2013-10-08T09:59", { stopPrice: 99 }), ctx("2013-10-08T10:01"))?.fillPrice).toBeCloseTo(99 - 100.5 * 0.001, 12);
  });
});

describe("equity stop-limit orders", () => {
  it("triggers on the stop, then fills only while the price is below the limit", () => {
    const s = security({ trade: trade("2013-10-08T10:00", 100, 102, 99.5, 101) });
    const o = order(OrderType.StopLimit, 10, "2013-10-08T09:59", { stopPrice: 101.5, limitPrice: 100.5 });
    expect(equity.fill(s, o, ctx("2013-10-08T10:01"))).toBeNull();
    expect(o.stopTriggered).toBe(true);
    const next = security({ trade: trade("2013-10-08T10:01", 100.2, 100.4, 100, 100.1) });
    expect(equity.fill(next, o, ctx("2013-10-08T10:02"))?.fillPrice).toBe(100.4);
  });
});

describe("equity market orders", () => {
  const t = trade("2013-10-07T09:30", 167.43, 167.52, 167.41, 167.44);
  const q = new QuoteBar(spy, ny("2013-10-07T09:30"), ny("2013-10-07T09:31"), { open: 167.42, high: 167.5, low: 167.4, close: 167.43 }, { open: 167.44, high: 167.53, low: 167.42, close: 167.45 }, 100, 200);
  it("buys at the quote bar's ask close and sells at its bid close", () => {
    expect(equity.fill(security({ trade: t, quote: q }), order(OrderType.Market, 10, "2013-10-07T09:31"), ctx("2013-10-07T09:31"))?.fillPrice).toBe(167.45);
    expect(equity.fill(security({ trade: t, quote: q }), order(OrderType.Market, -10, "2013-10-07T09:31"), ctx("2013-10-07T09:31"))?.fillPrice).toBe(167.43);
  });
  it("without quote data uses the trade bar close", () => {
    expect(equity.fill(security({ trade: t }), order(OrderType.Market, 10, "2013-10-07T09:31"), ctx("2013-10-07T09:31"))?.fillPrice).toBe(167.44);
  });
  it("waits for fresh data when the last bar is more than a bar older than the order", () => {
    const old = trade("2013-10-07T09:30", 167.43, 167.52, 167.41, 167.44);
    expect(equity.fill(security({ trade: old }), order(OrderType.Market, 10, "2013-10-07T11:00"), ctx("2013-10-07T11:00"))).toBeNull();
  });
});

describe("market-on-open and market-on-close", () => {
  it("a market-on-open order fills at the open of the first regular-session bar after it", () => {
    const first = trade("2013-10-09T09:30", 143.37, 143.6, 143.1, 143.5);
    expect(equity.fill(security({ trade: first }), order(OrderType.MarketOnOpen, 10, "2013-10-08T16:00"), ctx("2013-10-09T09:31"))?.fillPrice).toBe(143.37);
  });
  it("a market-on-open order placed in the session does not fill the same day", () => {
    const bar = trade("2013-10-08T11:00", 143, 144, 142, 143.5);
    expect(equity.fill(security({ trade: bar }), order(OrderType.MarketOnOpen, 10, "2013-10-08T10:59"), ctx("2013-10-08T11:01"))).toBeNull();
  });
  it("a market-on-close order fills at the close with the last trade close, not before", () => {
    const bar = trade("2013-10-08T15:59", 143, 144, 142, 143.5);
    expect(equity.fill(security({ trade: bar }), order(OrderType.MarketOnClose, 10, "2013-10-08T12:00"), ctx("2013-10-08T15:59"))).toBeNull();
    expect(equity.fill(security({ trade: bar }), order(OrderType.MarketOnClose, 10, "2013-10-08T12:00"), ctx("2013-10-08T16:00"))?.fillPrice).toBe(143.5);
  });
  it("on an early-close day the close is 13:00", () => {
    const bar = trade("2015-11-27T12:59", 209, 210, 208, 209.5);
    expect(equity.fill(security({ trade: bar }), order(OrderType.MarketOnClose, 10, "2015-11-27T10:00"), ctx("2015-11-27T13:00"))?.fillPrice).toBe(209.5);
  });
});

describe("the base fill model (options, indexes)", () => {
  const base = new ImmediateFillModel();
  const q = new QuoteBar(spy, ny("2015-12-24T09:30"), ny("2015-12-24T09:31"), { open: 54, high: 54.5, low: 53.8, close: 54.0 }, { open: 54.6, high: 55, low: 54.5, close: 54.8 }, 10, 10);
  it("a market buy fills at the ask bar close", () => {
    expect(base.fill(security({ quote: q, quotes: true }), order(OrderType.Market, 1, "2015-12-24T09:31"), ctx("2015-12-24T09:31"))?.fillPrice).toBe(54.8);
  });
  it("a buy limit fills at min(high, limit) of the ask bar when its low is below the limit", () => {
    expect(base.fill(security({ quote: q, quotes: true }), order(OrderType.Limit, 1, "2015-12-24T09:30", { limitPrice: 54.7 }), ctx("2015-12-24T09:31"))?.fillPrice).toBe(54.7);
    expect(base.fill(security({ quote: q, quotes: true }), order(OrderType.Limit, 1, "2015-12-24T09:30", { limitPrice: 54.4 }), ctx("2015-12-24T09:31"))).toBeNull();
  });
});
