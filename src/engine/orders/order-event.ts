// An order event: every status change of an order, as LEAN's OrderEvent.
import { Decimal } from "decimal.js";
import { OrderDirection, OrderStatus } from "./order-enums.ts";
import type { Symbol } from "../securities/symbol.ts";

export class OrderEvent {
  readonly orderId: number;
  symbol: Symbol;
  /** epoch ms UTC */
  readonly utcTime: number;
  status: OrderStatus;
  fillPrice: number;
  fillQuantity: number;
  orderFee: Decimal;
  message: string;
  readonly direction: OrderDirection;
  isAssignment = false;
  /** Set for an option exercise/assignment fill. */
  isInTheMoney = false;
  id = 0;

  constructor(init: {
    orderId: number;
    symbol: Symbol;
    utcTime: number;
    status: OrderStatus;
    direction: OrderDirection;
    fillPrice?: number;
    fillQuantity?: number;
    orderFee?: Decimal;
    message?: string;
  }) {
    this.orderId = init.orderId;
    this.symbol = init.symbol;
    this.utcTime = init.utcTime;
    this.status = init.status;
    this.direction = init.direction;
    this.fillPrice = init.fillPrice ?? 0;
    this.fillQuantity = init.fillQuantity ?? 0;
    this.orderFee = init.orderFee ?? new Decimal(0);
    this.message = init.message ?? "";
  }

  get absoluteFillQuantity(): number {
    return Math.abs(this.fillQuantity);
  }

  toString(): string {
    const time = new Date(this.utcTime).toISOString();
    const fill = this.fillQuantity !== 0 ? ` Quantity: ${this.fillQuantity} FillPrice: ${this.fillPrice}` : "";
    const fee = this.orderFee.isZero() ? "" : ` OrderFee: ${this.orderFee.toString()} USD`;
    const message = this.message ? ` Message: ${this.message}` : "";
    return `${time} OrderID: ${this.orderId} Symbol: ${this.symbol.value} Status: ${OrderStatus[this.status]}${fill}${fee}${message}`;
  }

  toJSON(): Record<string, unknown> {
    return {
      id: this.id,
      orderId: this.orderId,
      symbol: this.symbol.value,
      time: new Date(this.utcTime).toISOString(),
      status: OrderStatus[this.status],
      direction: OrderDirection[this.direction],
      fillPrice: this.fillPrice,
      fillQuantity: this.fillQuantity,
      orderFee: this.orderFee.toString(),
      message: this.message,
      isAssignment: this.isAssignment,
    };
  }
}
