// Port of LEAN's StopMarketOrderRegressionAlgorithm.cs: a buy stop 2 below the price at noon fills at the next bar's open.
import { QCAlgorithm, OrderStatus, Resolution, type OrderTicket, type Symbol } from "tradeloom";

export default class StopMarketOrderRegressionAlgorithm extends QCAlgorithm {
  private symbol!: Symbol;
  ticket: OrderTicket | undefined;

  override initialize(): void {
    this.setStartDate(2021, 3, 1);
    this.setEndDate(2021, 3, 3);
    this.setCash(100000);
    const security = this.addEquity("SPY", Resolution.Hour);
    this.symbol = security.symbol;
    this.schedule.on(this.dateRules.today, this.timeRules.noon, () => {
      const stopPrice = security.price - 2;
      this.ticket = this.stopMarketOrder(this.symbol, 1, stopPrice);
      if (this.ticket.status !== OrderStatus.New && this.ticket.status !== OrderStatus.Submitted) {
        throw new Error(`Expected the StopMarket order to be New or Submitted, instead found ${OrderStatus[this.ticket.status]}`);
      }
    });
  }

  override onEndOfAlgorithm(): void {
    if (!this.ticket) throw new Error("Expected to have placed a StopMarket order");
    if (this.ticket.status !== OrderStatus.Filled) throw new Error(`Expected the StopMarket order to be filled, instead found ${OrderStatus[this.ticket.status]}`);
  }
}
