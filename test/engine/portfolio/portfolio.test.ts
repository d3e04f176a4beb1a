// The decimal ledger: LEAN's ProcessFill rules, and 10,000 round trips that reconcile to the cent.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { OrderDirection, OrderEvent, OrderStatus, OrderType, Portfolio, Security, Symbol } from "tradeloom";
import { MarketHoursDatabase } from "../../../src/engine/time/index.ts";

const hours = MarketHoursDatabase.builtIn().get("Equity", "usa", "SPY").exchangeHours;

function setUp(cash = 100_000) {
  const symbol = Symbol.create("SPY");
  const security = new Security(symbol, hours, () => 0);
  const lookup = { get: () => security, values: () => [security] };
  const portfolio = new Portfolio(lookup, cash);
  const fill = (quantity: number, price: number, fee: Decimal.Value = 0) => {
    security.cache.price = price;
    const event = new OrderEvent({
      orderId: 1,
      symbol,
      utcTime: 0,
      status: OrderStatus.Filled,
      direction: quantity > 0 ? OrderDirection.Buy : OrderDirection.Sell,
      fillPrice: price,
      fillQuantity: quantity,
      orderFee: new Decimal(fee),
    });
    portfolio.processFill(security, event, OrderType.Market);
  };
  return { portfolio, security, fill };
}

describe("portfolio fills (LEAN's SecurityPortfolioModel.ProcessFill)", () => {
  it("averages the price of buys and realises profit on sells", () => {
    const { portfolio, security, fill } = setUp();
    fill(100, 10, 1);
    fill(100, 12, 1);
    expect(security.holdings.averagePrice.toString()).toBe("11");
    fill(-50, 15, 1);
    expect(security.holdings.quantity).toBe(150);
    expect(security.holdings.profit.toString()).toBe("200");
    expect(portfolio.cash.toString()).toBe(String(100_000 - 1000 - 1200 + 750 - 3));
    expect(portfolio.totalFees.toString()).toBe("3");
    // the trade's P&L as LEAN records it: profit − 2 × closing fee
    expect(portfolio.transactionRecord.map((t) => t.profitLoss.toString())).toEqual(["198"]);
    expect(portfolio.transactionRecord[0].isWin).toBe(true);
  });

  it("resets the average price when a sell passes through zero", () => {
    const { security, fill } = setUp();
    fill(10, 100);
    fill(-30, 90);
    expect(security.holdings.quantity).toBe(-20);
    expect(security.holdings.averagePrice.toString()).toBe("90");
    expect(security.holdings.profit.toString()).toBe("-100");
    fill(20, 95);
    expect(security.holdings.quantity).toBe(0);
    expect(security.holdings.averagePrice.toString()).toBe("0");
    expect(security.holdings.profit.toString()).toBe("-200");
  });

  it("values the portfolio at the current price", () => {
    const { portfolio, security, fill } = setUp(1000);
    fill(10, 50);
    security.cache.price = 55;
    expect(portfolio.totalPortfolioValue.toString()).toBe("1050");
    expect(security.holdings.unrealizedProfit.toString()).toBe("50");
  });

  it("reconciles 10,000 random round trips to the cent with no drift", () => {
    const trip = fc.record({
      quantity: fc.integer({ min: 1, max: 5_000 }),
      buy: fc.integer({ min: 100, max: 5_000_000 }),
      sell: fc.integer({ min: 100, max: 5_000_000 }),
      fee: fc.integer({ min: 100, max: 2_000 }),
    });
    fc.assert(
      fc.property(fc.array(trip, { minLength: 10_000, maxLength: 10_000 }), (trips) => {
        const { portfolio, security, fill } = setUp(1_000_000);
        let expectedCash = new Decimal(1_000_000);
        let expectedProfit = new Decimal(0);
        for (const t of trips) {
          const buy = t.buy / 10_000;
          const sell = t.sell / 10_000;
          const fee = new Decimal(t.fee).div(100);
          fill(t.quantity, buy, fee);
          fill(-t.quantity, sell, fee);
          const profit = new Decimal(sell).minus(buy).mul(t.quantity);
          expectedProfit = expectedProfit.plus(profit);
          expectedCash = expectedCash.plus(profit).minus(fee.mul(2));
        }
        expect(security.holdings.quantity).toBe(0);
        expect(portfolio.cash.toFixed(2)).toBe(expectedCash.toFixed(2));
        expect(portfolio.cash.equals(expectedCash)).toBe(true);
        expect(portfolio.totalProfit.equals(expectedProfit)).toBe(true);
        expect(portfolio.totalPortfolioValue.equals(expectedCash)).toBe(true);
      }),
      { numRuns: 3 },
    );
  });
});
