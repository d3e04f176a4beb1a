// Port of LEAN's BasicTemplateOptionsAlgorithm.cs: on GOOG's 2015-12-24 chain, buy the
// at-the-money contract with the latest expiry and sell it market-on-close.
import { QCAlgorithm, type OrderEvent, type Slice, type Symbol } from "tradeloom";

export default class BasicTemplateOptionsAlgorithm extends QCAlgorithm {
  private optionSymbol!: Symbol;
  readonly events: string[] = [];

  override initialize(): void {
    this.setStartDate(2015, 12, 24);
    this.setEndDate(2015, 12, 24);
    this.setCash(100000);
    const equity = this.addEquity("GOOG");
    const option = this.addOption("GOOG");
    this.optionSymbol = option.symbol;
    option.setFilter((u) => u.standardsOnly().strikes(-2, 2).expiration(0, 180));
    this.setBenchmark(equity.symbol);
  }

  override onData(slice: Slice): void {
    if (this.portfolio.invested || !this.isMarketOpen(this.optionSymbol)) return;
    const chain = slice.optionChains.get(this.optionSymbol);
    if (!chain) return;
    const contracts = [...chain].sort(
      (a, b) =>
        b.expiry.toMillis() - a.expiry.toMillis() ||
        Math.abs(chain.underlying.price - a.strike) - Math.abs(chain.underlying.price - b.strike) ||
        b.right - a.right,
    );
    const atm = contracts[0];
    if (atm) {
      this.marketOrder(atm.symbol, 1);
      this.marketOnCloseOrder(atm.symbol, -1);
    }
  }

  override onOrderEvent(orderEvent: OrderEvent): void {
    this.events.push(orderEvent.toString());
  }
}
