// An order as the transaction handler tracks it. Quantities are signed (buy > 0).
import { Decimal } from "decimal.js";
import { OrderDirection, OrderStatus, OrderType } from "./order-enums.ts";
import type { Symbol } from "../securities/symbol.ts";

export class Order {
  readonly id: number;
  readonly symbol: Symbol;
  readonly type: OrderType;
  quantity: number;
  limitPrice: number | undefined;
  stopPrice: number | undefined;
  /** Stop-limit: whether the stop has been triggered. */
  stopTriggered = false;
  status: OrderStatus = OrderStatus.New;
  /** Submission time, epoch ms UTC. */
  readonly time: number;
  /** Time the order was last filled, epoch ms UTC. */
  lastFillTime: number | undefined;
  /** Time the order was canceled, epoch ms UTC. */
  canceledTime: number | undefined;
  tag: string;
  /** Average fill price (0 until filled). */
  price = 0;
  /** The security's price when the order was submitted (LEAN's Order.Price for market orders). */
  priceAtSubmission: number;
  quantityFilled = 0;
  fees = new Decimal(0);
  /** Combo orders: the group id shared by the legs. */
  groupId: number | undefined;
  /** Trailing stop: the trailing distance, in price or as a fraction of the price. */
  trailingAmount: number | undefined;
  trailingAsPercentage = false;
  /** Creation time, epoch ms UTC (LEAN's CreatedTime). */
  readonly createdTime: number;
  /** Time of the last successful update, epoch ms UTC. */
  lastUpdateTime: number | undefined;

  constructor(init: {
    id: number;
    symbol: Symbol;
    type: OrderType;
    quantity: number;
    time: number;
    limitPrice?: number;
    stopPrice?: number;
    tag?: string;
    priceAtSubmission: number;
    groupId?: number;
    trailingAmount?: number;
    trailingAsPercentage?: boolean;
  }) {
    this.id = init.id;
    this.symbol = init.symbol;
    this.type = init.type;
    this.quantity = init.quantity;
    this.time = init.time;
    this.limitPrice = init.limitPrice;
    this.stopPrice = init.stopPrice;
    this.tag = init.tag ?? "";
    this.priceAtSubmission = init.priceAtSubmission;
    this.groupId = init.groupId;
    this.trailingAmount = init.trailingAmount;
    this.trailingAsPercentage = init.trailingAsPercentage ?? false;
    this.createdTime = init.time;
  }

  /** Which price fields an update may change for this order type (LEAN's ApplyUpdateOrderRequest). */
  get acceptsLimitPrice(): boolean {
    return this.type === OrderType.Limit || this.type === OrderType.StopLimit || this.type === OrderType.LimitIfTouched;
  }
  get acceptsStopPrice(): boolean {
    return this.type === OrderType.StopMarket || this.type === OrderType.StopLimit || this.type === OrderType.TrailingStop;
  }

  get direction(): OrderDirection {
    return this.quantity > 0 ? OrderDirection.Buy : this.quantity < 0 ? OrderDirection.Sell : OrderDirection.Hold;
  }

  get absoluteQuantity(): number {
    return Math.abs(this.quantity);
  }

  /**
   * LEAN's Order.GetValue without the multiplier: the price a fee model or buying-power check
   * assumes for this order, given the security's current price.
   */
  valuePrice(currentPrice: number): number {
    switch (this.type) {
      case OrderType.Limit:
      case OrderType.StopLimit:
      case OrderType.LimitIfTouched: {
        const limit = this.limitPrice ?? currentPrice;
        return this.quantity > 0 ? Math.min(limit, currentPrice) : Math.max(limit, currentPrice);
      }
      case OrderType.StopMarket:
      case OrderType.TrailingStop: {
        const stop = this.stopPrice ?? currentPrice;
        return this.quantity > 0 ? Math.min(stop, currentPrice) : Math.max(stop, currentPrice);
      }
      default:
        return currentPrice;
    }
  }

  toJSON(): Record<string, unknown> {
    return {
      id: this.id,
      symbol: this.symbol.value,
      type: OrderType[this.type],
      quantity: this.quantity,
      limitPrice: this.limitPrice ?? null,
      stopPrice: this.stopPrice ?? null,
      status: OrderStatus[this.status],
      time: new Date(this.time).toISOString(),
      lastFillTime: this.lastFillTime === undefined ? null : new Date(this.lastFillTime).toISOString(),
      price: this.price,
      quantityFilled: this.quantityFilled,
      fees: this.fees.toString(),
      tag: this.tag,
    };
  }
}
