// Orders in a backtest: submission checks, the pending book, fills on each time step and order
// events (LEAN's TransactionManager + BacktestingBrokerage, merged). Market orders fill at
// submission against the current slice; other orders are scanned from the next time step on.
import { Decimal } from "decimal.js";
import { Order } from "./order.ts";
import { OrderEvent } from "./order-event.ts";
import { OrderTicket, type OrderResponse, type UpdateOrderFields } from "./order-ticket.ts";
import { OrderDirection, OrderStatus, OrderType, isClosedStatus } from "./order-enums.ts";
import type { Security } from "../securities/security.ts";
import type { Symbol, SymbolLike } from "../securities/symbol.ts";
import type { Portfolio } from "../portfolio/portfolio.ts";
import { initialMarginRequirement, maintenanceMargin } from "../portfolio/buying-power-model.ts";
import { exerciseFills, recognizeVerticalSpread, verticalSpreadMargin } from "../options/index.ts";
import { comboLimitFill, comboMarketFill } from "./fills/fill-model.ts";

/** A combo order's group (LEAN's GroupOrderManager): its legs fill together or not at all. */
interface OrderGroup {
  id: number;
  /** number of combos: legs' quantities are ratio × this; its sign is the group's direction */
  quantity: number;
  limitPrice: number | undefined;
  legs: Order[];
}

export interface TransactionHost {
  now(): number;
  security(symbol: SymbolLike): Security;
  /** the algorithm's security for a symbol, if it has one (exercise delivers the underlying) */
  trySecurity?(symbol: SymbolLike): Security | undefined;
  readonly portfolio: Portfolio;
  readonly stalePriceMs: number;
  /** delivers an order event to the algorithm (onOrderEvent) */
  emit(event: OrderEvent, order: Order): void;
  error(message: string): void;
}

/** A check that may refuse an order before it is placed (the circuit breaker plugs in here). */
export type OrderGuard = (order: Order, security: Security) => string | null;

export class TransactionManager {
  private nextOrderId = 1;
  private readonly orders = new Map<number, Order>();
  private readonly tickets = new Map<number, OrderTicket>();
  private readonly pending = new Map<number, Order>();
  private readonly eventCounts = new Map<number, number>();
  private readonly guards: OrderGuard[] = [];
  private readonly groups = new Map<number, OrderGroup>();
  private nextGroupId = 1;

  constructor(private readonly host: TransactionHost) {}

  addOrderGuard(guard: OrderGuard): void {
    this.guards.push(guard);
  }

  get ordersCount(): number {
    return this.orders.size;
  }

  getOrderById(id: number): Order | undefined {
    return this.orders.get(id);
  }

  getOrderTicket(id: number): OrderTicket | undefined {
    return this.tickets.get(id);
  }

  getOrders(filter?: (order: Order) => boolean): Order[] {
    const all = [...this.orders.values()];
    return filter ? all.filter(filter) : all;
  }

  getOrderTickets(filter?: (ticket: OrderTicket) => boolean): OrderTicket[] {
    const all = [...this.tickets.values()];
    return filter ? all.filter(filter) : all;
  }

  getOpenOrders(symbol?: SymbolLike): Order[] {
    const target = symbol === undefined ? undefined : this.host.security(symbol).symbol;
    return [...this.pending.values()].filter((o) => !isClosedStatus(o.status) && (target === undefined || o.symbol === target));
  }

  getOpenOrderTickets(symbol?: SymbolLike): OrderTicket[] {
    return this.getOpenOrders(symbol).map((o) => this.tickets.get(o.id)!);
  }

  /** Quantity of open orders for a symbol (LEAN's GetOpenOrdersRemainingQuantity). */
  openOrdersRemainingQuantity(symbol: Symbol): number {
    let total = 0;
    for (const o of this.pending.values()) if (o.symbol === symbol && !isClosedStatus(o.status)) total += o.quantity - o.quantityFilled;
    return total;
  }

  cancelOrder(orderId: number, tag?: string): OrderResponse {
    const order = this.orders.get(orderId);
    if (!order) return { isSuccess: false, isError: true, errorMessage: `Unable to cancel order with id ${orderId}: no such order` };
    return this.cancel(order, tag);
  }

  cancelOpenOrders(symbol?: SymbolLike, tag?: string): OrderTicket[] {
    const open = this.getOpenOrders(symbol);
    for (const o of open) this.cancel(o, tag);
    return open.map((o) => this.tickets.get(o.id)!);
  }

  /**
   * LEAN's Transactions.AddOrder(SubmitOrderRequest): places an order of any type as given, without
   * the conversions the algorithm's order helpers make (closed market → market-on-open, ...).
   */
  addOrder(request: {
    orderType: OrderType;
    symbol: Symbol | string;
    quantity: number;
    stopPrice?: number;
    limitPrice?: number;
    trailingAmount?: number;
    trailingAsPercentage?: boolean;
    tag?: string;
    asynchronous?: boolean;
  }): OrderTicket {
    const t = request.orderType;
    const usesLimit = t === OrderType.Limit || t === OrderType.StopLimit || t === OrderType.LimitIfTouched;
    const usesStop = t === OrderType.StopMarket || t === OrderType.StopLimit || t === OrderType.TrailingStop;
    return this.submit({
      symbol: this.host.security(request.symbol).symbol,
      type: t,
      quantity: request.quantity,
      limitPrice: usesLimit ? request.limitPrice : undefined,
      stopPrice: usesStop ? request.stopPrice : undefined,
      trailingAmount: t === OrderType.TrailingStop ? request.trailingAmount : undefined,
      trailingAsPercentage: request.trailingAsPercentage,
      tag: request.tag,
      synchronous: request.asynchronous !== true,
    });
  }

  /** Creates, validates and places an order; returns its ticket (status Invalid when refused). */
  submit(init: {
    symbol: Symbol;
    type: OrderType;
    quantity: number;
    limitPrice?: number;
    stopPrice?: number;
    tag?: string;
    synchronous?: boolean;
    trailingAmount?: number;
    trailingAsPercentage?: boolean;
    /** refuse the order with this reason (status Invalid) instead of placing it */
    rejectReason?: string;
  }): OrderTicket {
    const security = this.host.security(init.symbol);
    const order = new Order({
      id: this.nextOrderId++,
      symbol: security.symbol,
      type: init.type,
      quantity: init.quantity,
      time: this.host.now(),
      limitPrice: init.limitPrice,
      stopPrice: init.stopPrice,
      tag: init.tag,
      priceAtSubmission: security.price,
      trailingAmount: init.trailingAmount,
      trailingAsPercentage: init.trailingAsPercentage,
    });
    const ticket = new OrderTicket(order, {
      update: (o, fields) => this.update(o, fields),
      cancel: (o, tag) => this.cancel(o, tag),
    });
    this.orders.set(order.id, order);
    this.tickets.set(order.id, ticket);

    const refusal = init.rejectReason ?? this.validate(order, security);
    if (refusal) {
      order.status = OrderStatus.Invalid;
      this.event(order, { status: OrderStatus.Invalid, message: refusal });
      this.host.error(`Order Error: id: ${order.id}, ${refusal}`);
      return ticket;
    }
    order.status = OrderStatus.Submitted;
    this.pending.set(order.id, order);
    this.event(order, { status: OrderStatus.Submitted });
    if (init.synchronous !== false && (order.type === OrderType.Market || order.type === OrderType.OptionExercise)) this.scan();
    return ticket;
  }

  private validate(order: Order, security: Security): string | null {
    return this.validateBasics(order, security) ?? this.buyingPowerShortfall(order, security);
  }

  private validateBasics(order: Order, security: Security): string | null {
    if (order.quantity === 0 || !Number.isFinite(order.quantity)) return `Unable to submit order with quantity ${order.quantity}`;
    const lot = security.symbolProperties.lotSize;
    if (Math.abs(order.quantity / lot - Math.round(order.quantity / lot)) > 1e-9) {
      return `Order quantity ${order.quantity} is not a multiple of the lot size ${lot} of ${security.symbol.value}`;
    }
    if (!security.isTradable) return `${security.symbol.value} is not tradable`;
    if (security.price === 0) return `The security ${security.symbol.value} does not have an accurate price as it has not yet received a bar of data`;
    if ((order.type === OrderType.Limit || order.type === OrderType.StopLimit) && !(order.limitPrice! > 0)) return `limit price must be > 0, got ${order.limitPrice}`;
    if ((order.type === OrderType.StopMarket || order.type === OrderType.StopLimit || order.type === OrderType.TrailingStop) && !(order.stopPrice! > 0)) {
      return `stop price must be > 0, got ${order.stopPrice}`;
    }
    if (order.type === OrderType.TrailingStop && !(order.trailingAmount! > 0)) return `trailing amount must be > 0, got ${order.trailingAmount}`;
    for (const guard of this.guards) {
      const reason = guard(order, security);
      if (reason) return reason;
    }
    return null;
  }

  /** LEAN's HasSufficientBuyingPowerForOrder for the margin model; null when sufficient. */
  private buyingPowerShortfall(order: Order, security: Security): string | null {
    const holding = security.holdings.quantity;
    const remaining = order.quantity - order.quantityFilled;
    if (holding * remaining < 0 && Math.abs(holding) >= Math.abs(remaining)) return null;
    const portfolio = this.host.portfolio;
    let freeMargin = portfolio.marginRemaining;
    if ((holding > 0 && order.direction === OrderDirection.Sell) || (holding < 0 && order.direction === OrderDirection.Buy)) {
      freeMargin = freeMargin.plus(maintenanceMargin(security)).plus(initialMarginRequirement(security, Math.abs(holding)));
    }
    if (freeMargin.lt(0)) freeMargin = new Decimal(0);
    const fee = security.feeModel.getOrderFee(security, order);
    const margin = initialMarginRequirement(security, order.quantity);
    const required = margin.plus(fee.mul(margin.s ?? 1)).mul(Math.abs(remaining) / Math.abs(order.quantity));
    if (required.abs().gt(freeMargin)) {
      return `Insufficient buying power to complete orders (Value:[${new Decimal(order.valuePrice(security.price)).mul(order.quantity).mul(security.contractMultiplier).toDecimalPlaces(4).toString()}]), Reason: Id: ${order.id}, Initial Margin: ${required.toDecimalPlaces(4).toString()}, Free Margin: ${freeMargin.toDecimalPlaces(4).toString()}.`;
    }
    return null;
  }

  /** Scans every pending order against current data (LEAN's BacktestingBrokerage.Scan). */
  scan(): void {
    if (this.pending.size === 0) return;
    const now = this.host.now();
    const ids = [...this.pending.keys()].sort((a, b) => a - b);
    for (const id of ids) {
      const order = this.pending.get(id);
      if (!order) continue;
      if (isClosedStatus(order.status)) {
        this.pending.delete(id);
        continue;
      }
      if (order.groupId !== undefined) {
        const group = this.groups.get(order.groupId);
        if (group && group.legs[0] === order) this.scanGroup(group, now);
        continue;
      }
      if (order.time === now && order.type !== OrderType.Market && order.type !== OrderType.OptionExercise) continue;
      const security = this.host.security(order.symbol);
      if (security.price === 0) continue;
      const shortfall = this.buyingPowerShortfall(order, security);
      if (shortfall) {
        order.status = OrderStatus.Invalid;
        this.pending.delete(id);
        this.event(order, { status: OrderStatus.Invalid, message: shortfall });
        this.host.error(shortfall);
        continue;
      }
      const fill = security.fillModel.fill(security, order, { now, stalePriceMs: this.host.stalePriceMs });
      if (!fill) continue;
      this.applyFill(order, security, fill.fillPrice, order.quantity - order.quantityFilled, fill.message);
    }
  }

  /**
   * A combo order (LEAN's ComboMarketOrder / ComboLimitOrder): one order per leg, sharing a group,
   * filled together or not at all. `legs` give each leg's ratio; `quantity` is the number of combos
   * (negative sells the combo); a combo limit price is per combo (sum of ratio × leg price).
   */
  submitCombo(init: {
    type: OrderType.ComboMarket | OrderType.ComboLimit;
    legs: ReadonlyArray<{ symbol: Symbol | string; quantity: number }>;
    quantity: number;
    limitPrice?: number;
    tag?: string;
    asynchronous?: boolean;
  }): OrderTicket[] {
    if (init.legs.length < 2) throw new TypeError(`combo order: needs at least two legs, got ${init.legs.length}`);
    if (!Number.isInteger(init.quantity) || init.quantity === 0) throw new TypeError(`combo order: quantity must be a non-zero whole number, got ${init.quantity}`);
    if (init.type === OrderType.ComboLimit && !Number.isFinite(init.limitPrice)) throw new TypeError(`combo limit order: limitPrice must be a number, got ${init.limitPrice}`);
    const group: OrderGroup = { id: this.nextGroupId++, quantity: init.quantity, limitPrice: init.limitPrice, legs: [] };
    this.groups.set(group.id, group);
    const tickets: OrderTicket[] = [];
    const now = this.host.now();
    for (const leg of init.legs) {
      const security = this.host.security(leg.symbol);
      const order = new Order({
        id: this.nextOrderId++,
        symbol: security.symbol,
        type: init.type,
        quantity: leg.quantity * init.quantity,
        time: now,
        tag: init.tag,
        priceAtSubmission: security.price,
        groupId: group.id,
        limitPrice: init.type === OrderType.ComboLimit ? init.limitPrice : undefined,
      });
      group.legs.push(order);
      this.orders.set(order.id, order);
      const ticket = new OrderTicket(order, { update: (o, f) => this.update(o, f), cancel: (o, t) => this.cancelGroup(o, t) });
      this.tickets.set(order.id, ticket);
      tickets.push(ticket);
    }
    let refusal: string | null = null;
    for (const order of group.legs) {
      refusal ??= this.validateBasics(order, this.host.security(order.symbol));
      if (refusal) break;
    }
    refusal ??= this.groupBuyingPowerShortfall(group);
    if (refusal) {
      for (const order of group.legs) {
        order.status = OrderStatus.Invalid;
        this.event(order, { status: OrderStatus.Invalid, message: refusal });
      }
      this.host.error(`Order Error: ids: [${group.legs.map((o) => o.id).join(",")}], ${refusal}`);
      return tickets;
    }
    for (const order of group.legs) {
      order.status = OrderStatus.Submitted;
      this.pending.set(order.id, order);
      this.event(order, { status: OrderStatus.Submitted });
    }
    if (init.type === OrderType.ComboMarket && init.asynchronous !== true) this.scan();
    return tickets;
  }

  /** Cancelling one leg cancels the whole combo (LEAN). */
  private cancelGroup(order: Order, tag?: string): OrderResponse {
    const group = order.groupId === undefined ? undefined : this.groups.get(order.groupId);
    if (!group) return this.cancel(order, tag);
    let response: OrderResponse = { isSuccess: true, isError: false, errorMessage: "" };
    for (const leg of group.legs) {
      const r = this.cancel(leg, tag);
      if (leg === order) response = r;
    }
    return response;
  }

  /** Margin a combo needs: a vertical spread's strike risk plus its net debit; else the legs' sum. */
  private groupBuyingPowerShortfall(group: OrderGroup): string | null {
    const legs = group.legs.map((o) => ({ order: o, security: this.host.security(o.symbol) }));
    let required = new Decimal(0);
    const [a, b] = legs;
    const vertical =
      legs.length === 2 && a.security.symbol.strike !== undefined && b.security.symbol.strike !== undefined
        ? recognizeVerticalSpread(
            { right: a.security.symbol.right!, strike: a.security.symbol.strike, expiry: a.security.symbol.expiry!, quantity: a.order.quantity },
            { right: b.security.symbol.right!, strike: b.security.symbol.strike, expiry: b.security.symbol.expiry!, quantity: b.order.quantity },
          )
        : null;
    if (vertical && a.security.holdings.quantity === 0 && b.security.holdings.quantity === 0) {
      const debit = legs.reduce((sum, l) => sum + l.order.quantity * l.security.price * l.security.contractMultiplier, 0);
      required = new Decimal(verticalSpreadMargin(vertical)).plus(Math.max(debit, 0));
    } else {
      for (const l of legs) {
        const holding = l.security.holdings.quantity;
        if (holding * l.order.quantity < 0 && Math.abs(holding) >= Math.abs(l.order.quantity)) continue;
        required = required.plus(initialMarginRequirement(l.security, l.order.quantity).abs());
      }
    }
    for (const l of legs) required = required.plus(l.security.feeModel.getOrderFee(l.security, l.order));
    const free = Decimal.max(this.host.portfolio.marginRemaining, 0);
    if (required.gt(free)) {
      return `Insufficient buying power to complete orders: combo ${group.id} needs ${required.toDecimalPlaces(2).toString()}, free margin ${free.toDecimalPlaces(2).toString()}`;
    }
    return null;
  }

  /** Fills a combo's legs together (all or none); true when it filled. */
  private scanGroup(group: OrderGroup, now: number): void {
    const legs = group.legs.map((order) => ({ order, security: this.host.security(order.symbol) }));
    if (legs.some((l) => isClosedStatus(l.order.status))) return;
    if (legs.some((l) => l.security.price === 0)) return;
    const type = group.legs[0].type;
    if (type !== OrderType.ComboMarket && group.legs[0].time === now) return;
    const fills =
      type === OrderType.ComboMarket
        ? comboMarketFill(legs, { now, stalePriceMs: this.host.stalePriceMs })
        : comboLimitFill(legs, group.quantity, group.limitPrice!);
    if (!fills) return;
    legs.forEach((l, i) => this.applyFill(l.order, l.security, fills[i].fillPrice, l.order.quantity - l.order.quantityFilled, fills[i].message));
  }

  /**
   * An option exercise order (LEAN's OptionExerciseOrder): the manual exercise of a long position
   * (negative quantity), the automatic exercise or expiry at expiry, or an assignment of a short
   * position. Fills at once as LEAN's DefaultExerciseModel: the contract at 0 and, in the money,
   * the underlying at the strike; no fee. Counts in Total Orders.
   */
  submitExercise(option: Security, quantity: number, tag = ""): OrderTicket {
    const holdings = option.holdings.quantity;
    const rejectReason =
      holdings === 0
        ? `no position in ${option.symbol.value} to exercise`
        : Math.sign(quantity) === Math.sign(holdings) || Math.abs(quantity) > Math.abs(holdings)
          ? `exercise quantity ${quantity} does not close part of the position ${holdings} in ${option.symbol.value}`
          : undefined;
    const ticket = this.submit({ symbol: option.symbol, type: OrderType.OptionExercise, quantity, tag, synchronous: false, rejectReason });
    if (ticket.status === OrderStatus.Invalid) return ticket;
    const order = ticket.order;
    this.pending.delete(order.id);
    const underlying = this.host.trySecurity?.(option.symbol.underlying!) ;
    const close = underlying?.close || underlying?.price || 0;
    const fills = exerciseFills({ contract: option.symbol, holdingsQuantity: holdings, orderQuantity: quantity, underlyingClose: close, underlyingPrice: underlying?.price });
    for (const f of fills) {
      const security = f.symbol === option.symbol ? option : this.host.security(f.symbol);
      this.applyFill(order, security, f.price, f.quantity, f.message, new Decimal(0), (e) => {
        e.isAssignment = f.isAssignment;
        e.isInTheMoney = f.isInTheMoney;
      });
    }
    if (tag) order.tag = tag;
    else if (fills[0]) order.tag = fills[0].message;
    return ticket;
  }

  /** Records a fill: fee, portfolio, order state and the Filled event. Also used for exercise. */
  applyFill(order: Order, security: Security, fillPrice: number, fillQuantity: number, message = "", fee?: Decimal, extra?: (e: OrderEvent) => void): void {
    const orderFee = fee ?? security.feeModel.getOrderFee(security, order);
    const event = this.makeEvent(order, { status: OrderStatus.Filled, fillPrice, fillQuantity, orderFee, message });
    // a fill's direction is its own: an exercise's underlying leg can go the other way from the order
    (event as { direction: OrderDirection }).direction = fillQuantity > 0 ? OrderDirection.Buy : OrderDirection.Sell;
    extra?.(event);
    // the event carries the security it filled (an exercise also fills the underlying)
    if (security.symbol !== order.symbol) (event as { symbol: Symbol }).symbol = security.symbol;
    this.host.portfolio.processFill(security, event, order.type);
    if (security.symbol === order.symbol) {
      const filledBefore = order.quantityFilled;
      order.quantityFilled += fillQuantity;
      order.price = filledBefore === 0 ? fillPrice : (order.price * filledBefore + fillPrice * fillQuantity) / order.quantityFilled;
    }
    order.fees = order.fees.plus(orderFee);
    order.lastFillTime = event.utcTime;
    order.status = OrderStatus.Filled;
    this.pending.delete(order.id);
    this.deliver(event, order);
  }

  private update(order: Order, fields: UpdateOrderFields): OrderResponse {
    if (order.groupId !== undefined) {
      const response = { isSuccess: false, isError: true, errorMessage: `order ${order.id} is a combo leg: cancel the combo and place a new one` };
      this.tickets.get(order.id)?.updateRequests.push({ time: this.host.now(), fields: { ...fields }, response });
      return response;
    }
    const response = this.applyUpdate(order, fields);
    this.tickets.get(order.id)?.updateRequests.push({ time: this.host.now(), fields: { ...fields }, response });
    return response;
  }

  /** LEAN's ApplyUpdateOrderRequest: quantity and tag for all; prices where the type has them. */
  private applyUpdate(order: Order, fields: UpdateOrderFields): OrderResponse {
    if (isClosedStatus(order.status)) {
      const message = `Unable to update order with id ${order.id} and status ${OrderStatus[order.status]}`;
      this.host.error(message);
      return { isSuccess: false, isError: true, errorMessage: message };
    }
    if (fields.quantity !== undefined) {
      if (fields.quantity === 0) return { isSuccess: false, isError: true, errorMessage: "Unable to update order quantity to 0" };
      order.quantity = fields.quantity;
    }
    if (fields.limitPrice !== undefined && order.acceptsLimitPrice) order.limitPrice = fields.limitPrice;
    if (fields.stopPrice !== undefined && order.acceptsStopPrice) order.stopPrice = fields.stopPrice;
    if (fields.trailingAmount !== undefined && order.type === OrderType.TrailingStop) order.trailingAmount = fields.trailingAmount;
    if (fields.tag !== undefined) order.tag = fields.tag;
    order.lastUpdateTime = this.host.now();
    order.status = OrderStatus.UpdateSubmitted;
    this.event(order, { status: OrderStatus.UpdateSubmitted });
    return { isSuccess: true, isError: false, errorMessage: "" };
  }

  private cancel(order: Order, tag?: string): OrderResponse {
    const response = this.applyCancel(order, tag);
    const ticket = this.tickets.get(order.id);
    if (ticket && !ticket.cancelRequest) ticket.cancelRequest = { time: this.host.now(), fields: { tag }, response };
    return response;
  }

  private applyCancel(order: Order, tag?: string): OrderResponse {
    if (isClosedStatus(order.status)) {
      const message = `Unable to cancel order with id ${order.id} and status ${OrderStatus[order.status]}`;
      return { isSuccess: false, isError: true, errorMessage: message };
    }
    if (tag !== undefined) order.tag = tag;
    order.status = OrderStatus.Canceled;
    order.canceledTime = this.host.now();
    this.pending.delete(order.id);
    this.event(order, { status: OrderStatus.Canceled, message: tag ?? "" });
    return { isSuccess: true, isError: false, errorMessage: "" };
  }

  private makeEvent(order: Order, init: { status: OrderStatus; fillPrice?: number; fillQuantity?: number; orderFee?: Decimal; message?: string }): OrderEvent {
    const event = new OrderEvent({
      orderId: order.id,
      symbol: order.symbol,
      utcTime: this.host.now(),
      direction: order.direction,
      ...init,
    });
    const n = (this.eventCounts.get(order.id) ?? 0) + 1;
    this.eventCounts.set(order.id, n);
    event.id = n;
    return event;
  }

  private event(order: Order, init: { status: OrderStatus; message?: string }): void {
    this.deliver(this.makeEvent(order, init), order);
  }

  private deliver(event: OrderEvent, order: Order): void {
    this.tickets.get(order.id)?.orderEvents.push(event);
    this.host.emit(event, order);
  }
}
