// Port of LEAN's Algorithm.CSharp/BasicTemplateAlgorithm.cs: buy SPY with all the cash on the first bar.
import { QCAlgorithm, Resolution, Symbol, type Slice } from "tradeloom";

export default class BasicTemplateAlgorithm extends QCAlgorithm {
  private readonly spy = Symbol.create("SPY");

  override initialize(): void {
    this.setStartDate(2013, 10, 7);
    this.setEndDate(2013, 10, 11);
    this.setCash(100000);
    this.addEquity("SPY", Resolution.Minute);
  }

  override onData(_slice: Slice): void {
    if (!this.portfolio.invested) {
      this.setHoldings(this.spy, 1);
      this.debug("Purchased Stock");
    }
  }
}
