// Port of LEAN's OptionExerciseAssignRegressionAlgorithm.cs: on GOOG's 2015-12-24 weekly calls,
// buy the in-the-money call nearest the money and sell the next one down; at expiry the long call
// is exercised and the short one assigned (onAssignmentOrderEvent).
import { QCAlgorithm, OptionRight, type OrderEvent, type Slice, type Symbol } from "tradeloom";

export default class OptionExerciseAssignRegressionAlgorithm extends QCAlgorithm {
  private optionSymbol!: Symbol;
  assignedOption = false;
  readonly events: string[] = [];

  override initialize(): void {
    this.setStartDate(2015, 12, 24);
    this.setEndDate(2015, 12, 28);
    this.setCash(100000);
    const equity = this.addEquity("GOOG");
    const option = this.addOption("GOOG");
    option.setFilter((u) => u.includeWeeklys().strikes(-2, 2).expiration(0, 10));
    this.optionSymbol = option.symbol;
    this.setBenchmark(equity.symbol);
  }

  override onData(slice: Slice): void {
    if (this.portfolio.invested) return;
    const chain = slice.optionChains.get(this.optionSymbol);
    if (!chain) return;
    const today = Number(this.time.toFormat("yyyyMMdd"));
    const contracts = [...chain]
      .sort((a, b) => b.strike - a.strike)
      .filter((c) => c.right === OptionRight.Call && c.expiryDate === today && c.strike < chain.underlying.price)
      .slice(0, 2);
    if (contracts.length) {
      this.marketOrder(contracts[0].symbol, 1);
      this.marketOrder(contracts[1].symbol, -1);
    }
  }

  override onOrderEvent(orderEvent: OrderEvent): void {
    this.events.push(orderEvent.toString());
  }

  override onAssignmentOrderEvent(_assignmentEvent: OrderEvent): void {
    this.assignedOption = true;
  }

  override onEndOfAlgorithm(): void {
    if (!this.assignedOption) throw new Error("In the end, short ITM option position was not assigned.");
  }
}
