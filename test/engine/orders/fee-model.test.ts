import { describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { InteractiveBrokersFeeModel, ConstantFeeModel, Order, OrderType, SecurityType, Symbol } from "tradeloom";

function order(quantity: number, type = OrderType.Market, extra: { limitPrice?: number; stopPrice?: number } = {}): Order {
  return new Order({ id: 1, symbol: Symbol.create("SPY"), type, quantity, time: 0, priceAtSubmission: 100, ...extra });
}
const equity = (price: number) => ({ type: SecurityType.Equity, price, bidPrice: price - 0.01, askPrice: price + 0.01, contractMultiplier: 1 });
const option = (bid: number, ask: number) => ({ type: SecurityType.Option, price: (bid + ask) / 2, bidPrice: bid, askPrice: ask, contractMultiplier: 100 });

describe("Interactive Brokers fee model (LEAN's schedule)", () => {
  const ib = new InteractiveBrokersFeeModel();

  it("charges $0.005 a share for US equities", () => {
    expect(ib.getOrderFee(equity(100), order(688)).toString()).toBe("3.44");
    expect(ib.getOrderFee(equity(100), order(-697)).toString()).toBe("3.485");
  });

  it("charges at least $1 an order", () => {
    expect(ib.getOrderFee(equity(100), order(1)).toString()).toBe("1");
    expect(ib.getOrderFee(equity(100), order(199)).toString()).toBe("1");
    expect(ib.getOrderFee(equity(100), order(200)).toString()).toBe("1");
    expect(ib.getOrderFee(equity(100), order(201)).toString()).toBe("1.005");
  });

  it("caps the fee at 0.5% of the order value (penny stocks)", () => {
    // 10,000 shares at $0.50: 0.005 × 10,000 = $50 > 0.5% × $5,000 = $25
    expect(ib.getOrderFee(equity(0.5), order(10_000)).toString()).toBe("25");
  });

  it("values limit orders at the better of limit and price for the cap", () => {
    // buy limit 0.40 with price 0.50: value 10,000 × 0.40 = 4,000 → cap 20
    expect(ib.getOrderFee(equity(0.5), order(10_000, OrderType.Limit, { limitPrice: 0.4 })).toString()).toBe("20");
  });

  it("charges options per contract by premium tier, $1 minimum", () => {
    expect(ib.getOrderFee(option(1.0, 1.1), order(10)).toString()).toBe("6.5");
    expect(ib.getOrderFee(option(0.07, 0.09), order(10)).toString()).toBe("5");
    expect(ib.getOrderFee(option(0.02, 0.03), order(10)).toString()).toBe("2.5");
    expect(ib.getOrderFee(option(1.0, 1.1), order(1)).toString()).toBe("1");
    // limit orders are tiered on the limit price
    expect(ib.getOrderFee(option(1.0, 1.1), order(10, OrderType.Limit, { limitPrice: 0.06 })).toString()).toBe("5");
  });

  it("charges nothing for exercise", () => {
    expect(ib.getOrderFee(option(1, 1.1), order(-1, OrderType.OptionExercise)).toString()).toBe("0");
  });

  it("uses lower option rates at higher monthly volume tiers", () => {
    expect(new InteractiveBrokersFeeModel(0, 20_000).getOrderFee(option(1, 1.1), order(10)).toString()).toBe("5");
  });
});

describe("constant fee model", () => {
  it("charges the same fee whatever the order", () => {
    expect(new ConstantFeeModel(2.5).getOrderFee().equals(new Decimal(2.5))).toBe(true);
  });
});
