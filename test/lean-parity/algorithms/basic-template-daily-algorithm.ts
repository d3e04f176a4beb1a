// Port of LEAN's BasicTemplateDailyAlgorithm.cs: the same on daily bars (orders become market-on-open).
import { QCAlgorithm, Resolution, Symbol, type Slice } from "tradeloom";

export default class BasicTemplateDailyAlgorithm extends QCAlgorithm {
  private readonly spy = Symbol.create("SPY");

  override initialize(): void {
    this.setStartDate(2013, 10, 8);
    this.setEndDate(2013, 10, 17);
    this.setCash(100000);
    this.addEquity("SPY", Resolution.Daily);
  }

  override onData(_slice: Slice): void {
    if (!this.portfolio.invested) {
      this.setHoldings(this.spy, 1);
      this.debug("Purchased Stock");
    }
  }
}
