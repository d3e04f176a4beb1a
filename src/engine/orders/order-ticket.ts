// The handle an algorithm gets for each order (LEAN's OrderTicket): state, fills, update and cancel.
import type { Order } from "./order.ts";
import { OrderStatus, OrderType } from "./order-enums.ts";
import type { OrderEvent } from "./order-event.ts";
import type { Symbol } from "../securities/symbol.ts";

export interface UpdateOrderFields {
  quantity?: number;
  limitPrice?: number;
  stopPrice?: number;
  trailingAmount?: number;
  tag?: string;
}

/** An update or cancel request as the ticket records it (LEAN's UpdateOrderRequest/CancelOrderRequest). */
export interface OrderRequestRecord {
  /** epoch ms UTC */
  time: number;
  fields: UpdateOrderFields;
  response: OrderResponse;
}

export interface OrderResponse {
  isSuccess: boolean;
  isError: boolean;
  errorMessage: string;
}

export interface TicketActions {
  update(order: Order, fields: UpdateOrderFields): OrderResponse;
  cancel(order: Order, tag?: string): OrderResponse;
}

export class OrderTicket {
  readonly orderEvents: OrderEvent[] = [];
  /** every update requested, in order, with its response */
  readonly updateRequests: OrderRequestRecord[] = [];
  cancelRequest: OrderRequestRecord | undefined;

  constructor(
    readonly order: Order,
    private readonly actions: TicketActions,
  ) {}

  get orderId(): number {
    return this.order.id;
  }
  get symbol(): Symbol {
    return this.order.symbol;
  }
  get orderType(): OrderType {
    return this.order.type;
  }
  get status(): OrderStatus {
    return this.order.status;
  }
  get quantity(): number {
    return this.order.quantity;
  }
  get quantityRemaining(): number {
    return this.order.quantity - this.order.quantityFilled;
  }
  get quantityFilled(): number {
    return this.order.quantityFilled;
  }
  get averageFillPrice(): number {
    return this.order.price;
  }
  get tag(): string {
    return this.order.tag;
  }
  get time(): number {
    return this.order.time;
  }
  get limitPrice(): number | undefined {
    return this.order.limitPrice;
  }
  get stopPrice(): number | undefined {
    return this.order.stopPrice;
  }

  /** Changes quantity, limit/stop price or tag of an open order (LEAN's OrderTicket.Update). */
  update(fields: UpdateOrderFields): OrderResponse {
    return this.actions.update(this.order, fields);
  }
  updateQuantity(quantity: number, tag?: string): OrderResponse {
    return this.update({ quantity, tag });
  }
  updateLimitPrice(limitPrice: number, tag?: string): OrderResponse {
    return this.update({ limitPrice, tag });
  }
  updateStopPrice(stopPrice: number, tag?: string): OrderResponse {
    return this.update({ stopPrice, tag });
  }
  updateTag(tag: string): OrderResponse {
    return this.update({ tag });
  }
  cancel(tag?: string): OrderResponse {
    return this.actions.cancel(this.order, tag);
  }

  toString(): string {
    return `OrderTicket ${this.order.id}: ${OrderType[this.order.type]} ${this.order.quantity} ${this.order.symbol.value} ${OrderStatus[this.order.status]}`;
  }
}
