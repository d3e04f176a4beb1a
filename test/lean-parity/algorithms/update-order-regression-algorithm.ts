// Port of LEAN's UpdateOrderRegressionAlgorithm.cs: each month a new order of the next type
// (market, limit, stop market, stop limit, market-on-open, market-on-close, trailing stop) through
// Transactions.AddOrder; on days 9-13 its quantity is updated, on days 14-19 its prices, after
// that it is canceled if still open. The quantity's sign flips at the start of each cycle of types.
import { QCAlgorithm, OrderStatus, OrderType, Resolution, type OrderEvent, type OrderTicket, type Security, type Slice } from "tradeloom";

const TYPES = [OrderType.Market, OrderType.Limit, OrderType.StopMarket, OrderType.StopLimit, OrderType.MarketOnOpen, OrderType.MarketOnClose, OrderType.TrailingStop];
const DELTA_QUANTITY = 10;
const STOP_PERCENTAGE = 0.025;
const STOP_PERCENTAGE_DELTA = 0.005;
const LIMIT_PERCENTAGE = 0.025;
const LIMIT_PERCENTAGE_DELTA = 0.005;

const isOpen = (s: OrderStatus) => s !== OrderStatus.Filled && s !== OrderStatus.Canceled && s !== OrderStatus.Invalid && s !== OrderStatus.None;

export default class UpdateOrderRegressionAlgorithm extends QCAlgorithm {
  private lastMonth = -1;
  private security!: Security;
  private quantity = 100;
  private next = 0;
  readonly tickets: OrderTicket[] = [];

  override initialize(): void {
    this.setStartDate(2013, 1, 1);
    this.setEndDate(2015, 1, 1);
    this.setCash(100000);
    this.security = this.addEquity("SPY", Resolution.Daily);
  }

  /** LEAN's CircularQueue: the "circle completed" event fires when the first type comes round. */
  private dequeue(): OrderType {
    const type = TYPES[this.next];
    this.next = (this.next + 1) % TYPES.length;
    if (type === TYPES[0]) this.quantity *= -1;
    return type;
  }

  override onData(slice: Slice): void {
    const bar = slice.bars.get("SPY");
    if (!bar) return;
    if (this.time.month !== this.lastMonth) {
      const orderType = this.dequeue();
      this.lastMonth = this.time.month;
      const isLong = this.quantity > 0;
      const stopPrice = isLong ? (1 + STOP_PERCENTAGE) * bar.high : (1 - STOP_PERCENTAGE) * bar.low;
      let limitPrice = isLong ? (1 - LIMIT_PERCENTAGE) * stopPrice : (1 + LIMIT_PERCENTAGE) * stopPrice;
      if (orderType === OrderType.Limit) limitPrice = !isLong ? (1 + LIMIT_PERCENTAGE) * bar.high : (1 - LIMIT_PERCENTAGE) * bar.low;
      this.tickets.push(
        this.transactions.addOrder({
          orderType,
          symbol: "SPY",
          quantity: this.quantity,
          stopPrice,
          limitPrice,
          trailingAmount: 0.01,
          trailingAsPercentage: true,
          tag: String(orderType),
        }),
      );
    } else if (this.tickets.length > 0) {
      const ticket = this.tickets[this.tickets.length - 1];
      const day = this.time.day;
      if (day > 8 && day < 14) {
        if (ticket.updateRequests.length === 0 && isOpen(ticket.status)) {
          ticket.update({ quantity: ticket.quantity + Math.sign(this.quantity) * DELTA_QUANTITY, tag: `Change quantity: ${day}` });
        }
      } else if (day > 13 && day < 20) {
        if (ticket.updateRequests.length === 1 && isOpen(ticket.status)) {
          ticket.update({
            limitPrice: this.security.price * (1 - Math.sign(ticket.quantity) * LIMIT_PERCENTAGE_DELTA),
            stopPrice: ticket.orderType !== OrderType.TrailingStop ? this.security.price * (1 + Math.sign(ticket.quantity) * STOP_PERCENTAGE_DELTA) : undefined,
            tag: `Change prices: ${day}`,
          });
        }
      } else if (ticket.updateRequests.length === 2 && isOpen(ticket.status)) {
        ticket.cancel(`${day} and is still open!`);
      }
    }
  }

  override onOrderEvent(orderEvent: OrderEvent): void {
    const order = this.transactions.getOrderById(orderEvent.orderId)!;
    const ticket = this.transactions.getOrderTicket(orderEvent.orderId)!;
    if (order.status === OrderStatus.Canceled && order.canceledTime !== orderEvent.utcTime) {
      throw new Error("Expected canceled order CanceledTime to equal canceled order event time.");
    }
    if (order.status === OrderStatus.Filled && order.lastFillTime !== orderEvent.utcTime) {
      throw new Error("Expected filled order LastFillTime to equal fill order event time.");
    }
    if (ticket.updateRequests.some((u) => u.response.isSuccess) && order.createdTime !== this.utcNow && order.lastUpdateTime === undefined) {
      throw new Error("Expected updated order LastUpdateTime to equal submitted update order event time");
    }
  }
}
