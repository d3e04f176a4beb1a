// Combo orders on LEAN's GOOG option chain (2015-12-24): a vertical put spread as one order,
// filled together at market; a combo limit that is not marketable waits and can be canceled.
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QCAlgorithm, OrderStatus, OptionRight, runBacktest, type OrderEvent, type OrderTicket, type Slice, type Symbol } from "tradeloom";
import { leanDataFolder } from "../../lean-parity/lean-data.ts";

class SpreadTrader extends QCAlgorithm {
  private option!: Symbol;
  done = false;
  market: OrderTicket[] = [];
  limit: OrderTicket[] = [];
  events: OrderEvent[] = [];
  legs: Symbol[] = [];
  override initialize(): void {
    this.setStartDate(2015, 12, 24);
    this.setEndDate(2015, 12, 24);
    this.setCash(100000);
    this.addEquity("GOOG");
    const option = this.addOption("GOOG");
    option.setFilter((u) => u.standardsOnly().strikes(-2, 2).expiration(0, 180));
    this.option = option.symbol;
  }
  override onData(slice: Slice): void {
    if (this.done) return;
    const chain = slice.optionChains.get(this.option);
    if (!chain) return;
    const puts = chain.puts.filter((c) => c.expiryDate === 20160115).sort((a, b) => b.strike - a.strike);
    if (puts.length < 2) return;
    this.done = true;
    const [high, low] = puts;
    this.legs = [high.symbol, low.symbol];
    // bear put spread: buy the higher strike, sell the lower
    this.market = this.comboMarketOrder([{ symbol: high.symbol, quantity: 1 }, { symbol: low.symbol, quantity: -1 }], 2);
    // a debit limit of 1 cent for the same spread can't fill
    this.limit = this.comboLimitOrder([{ symbol: high.symbol, quantity: 1 }, { symbol: low.symbol, quantity: -1 }], 1, 0.01);
    this.schedule.on(this.dateRules.today, this.timeRules.at(11, 0), () => this.limit[0].cancel("too far"));
  }
  override onOrderEvent(e: OrderEvent): void {
    this.events.push(e);
  }
}

describe("combo orders", () => {
  const algorithm = new SpreadTrader();
  runBacktest(algorithm, { dataFolder: leanDataFolder, store: mkdtempSync(join(tmpdir(), "tradeloom-combo-")) });

  it("fills every leg of a combo market order at once, at each leg's own side of the market", () => {
    expect(algorithm.market.map((t) => t.status)).toEqual([OrderStatus.Filled, OrderStatus.Filled]);
    const [buy, sell] = algorithm.market;
    expect(buy.quantityFilled).toBe(2);
    expect(sell.quantityFilled).toBe(-2);
    expect(buy.order.lastFillTime).toBe(sell.order.lastFillTime);
    const high = algorithm.securities.get(algorithm.legs[0]);
    const low = algorithm.securities.get(algorithm.legs[1]);
    expect(high.symbol.right).toBe(OptionRight.Put);
    expect(algorithm.portfolio.get(high.symbol).quantity).toBe(2);
    expect(algorithm.portfolio.get(low.symbol).quantity).toBe(-2);
    // a buy fills at the ask, a sell at the bid of the bar the order was placed on
    expect(buy.averageFillPrice).toBeGreaterThan(sell.averageFillPrice);
  });

  it("leaves a non-marketable combo limit open until canceled, then cancels every leg", () => {
    expect(algorithm.limit.map((t) => t.status)).toEqual([OrderStatus.Canceled, OrderStatus.Canceled]);
    expect(algorithm.limit.every((t) => t.quantityFilled === 0)).toBe(true);
  });

  it("counts each leg as an order", () => {
    expect(algorithm.transactions.ordersCount).toBe(4);
  });
});
