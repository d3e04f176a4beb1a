// Fee models (LEAN's IFeeModel): the fee of an order, in account currency (USD).
import { Decimal } from "decimal.js";
import { SecurityType } from "../../common/security-type.ts";
import { OrderType } from "../order-enums.ts";
import type { Order } from "../order.ts";

export interface FeeModelSecurity {
  readonly type: SecurityType;
  readonly price: number;
  readonly bidPrice: number;
  readonly askPrice: number;
  readonly contractMultiplier: number;
}

export interface FeeModel {
  getOrderFee(security: FeeModelSecurity, order: Order): Decimal;
}

/** A fixed fee per order (LEAN's ConstantFeeModel; 0 for indexes). */
export class ConstantFeeModel implements FeeModel {
  private readonly fee: Decimal;
  constructor(fee: Decimal.Value = 0) {
    this.fee = new Decimal(fee);
  }
  getOrderFee(): Decimal {
    return this.fee;
  }
}

/**
 * Interactive Brokers' fixed-rate schedule as LEAN codes it.
 * US equities: $0.005 a share, at least $1, at most 0.5 % of the order value.
 * US equity options: per contract 0.65 (premium ≥ 0.10), 0.50 (≥ 0.05), else 0.25 at the default
 * tier, at least $1 an order; exercise and assignment cost nothing.
 */
export class InteractiveBrokersFeeModel implements FeeModel {
  private readonly optionRates: readonly [number, number, number];

  /** LEAN's signature: monthly forex volume (unused: no forex here) and monthly option contracts. */
  constructor(_monthlyForexTradeAmountInUSDollars = 0, monthlyOptionsTradeAmountInContracts = 0) {
    const n = monthlyOptionsTradeAmountInContracts;
    this.optionRates = n <= 10_000 ? [0.65, 0.5, 0.25] : n <= 50_000 ? [0.5, 0.5, 0.25] : n <= 100_000 ? [0.25, 0.25, 0.25] : [0.15, 0.15, 0.15];
  }

  getOrderFee(security: FeeModelSecurity, order: Order): Decimal {
    const quantity = new Decimal(order.absoluteQuantity);
    switch (security.type) {
      case SecurityType.Equity: {
        const value = new Decimal(order.valuePrice(security.price)).mul(order.quantity).mul(security.contractMultiplier).abs();
        let fee = quantity.mul("0.005");
        const maximum = value.mul("0.005");
        if (fee.lt(1)) fee = new Decimal(1);
        else if (fee.gt(maximum)) fee = maximum;
        return fee.abs();
      }
      case SecurityType.Option: {
        if (order.type === OrderType.OptionExercise) return new Decimal(0);
        const premium = potentialOrderPrice(security, order);
        const [high, mid, low] = this.optionRates;
        const rate = premium >= 0.1 ? high : premium >= 0.05 ? mid : low;
        return Decimal.max(quantity.mul(rate), 1);
      }
      default:
        return new Decimal(0);
    }
  }
}

/** LEAN's GetPotentialOrderPrice: the premium an option fee is tiered on. */
function potentialOrderPrice(security: FeeModelSecurity, order: Order): number {
  switch (order.type) {
    case OrderType.Limit:
    case OrderType.StopLimit:
    case OrderType.LimitIfTouched:
      return order.limitPrice ?? 0;
    case OrderType.StopMarket:
    case OrderType.TrailingStop:
      return order.stopPrice ?? 0;
    default:
      // as coded in LEAN: the bid for a buy, the ask for a sell
      return order.quantity > 0 ? security.bidPrice : security.askPrice;
  }
}
