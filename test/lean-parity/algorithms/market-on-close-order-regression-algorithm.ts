// Port of LEAN's MarketOnCloseOrderRegressionAlgorithm.cs: a market-on-close order placed at noon the second day.
import { QCAlgorithm, OrderStatus, Resolution, type OrderTicket, type Symbol } from "tradeloom";

export default class MarketOnCloseOrderRegressionAlgorithm extends QCAlgorithm {
  private symbol!: Symbol;
  ticket: OrderTicket | undefined;

  override initialize(): void {
    this.setStartDate(2021, 3, 1);
    this.setEndDate(2021, 3, 3);
    this.setCash(100000);
    this.symbol = this.addEquity("SPY", Resolution.Hour).symbol;
    this.schedule.on(this.dateRules.tomorrow, this.timeRules.noon, () => {
      this.ticket = this.marketOnCloseOrder(this.symbol, 1);
      if (this.ticket.status !== OrderStatus.New && this.ticket.status !== OrderStatus.Submitted) {
        throw new Error(`Expected the MarketOnClose order to be New or Submitted, instead found ${OrderStatus[this.ticket.status]}`);
      }
    });
  }

  override onEndOfAlgorithm(): void {
    if (!this.ticket) throw new Error("Expected to have placed a MarketOnClose order");
    if (this.ticket.status !== OrderStatus.Filled) throw new Error(`Expected the MarketOnClose order to be filled, instead found ${OrderStatus[this.ticket.status]}`);
  }
}
