// A moving-average crossover on one symbol's minute bars: long when the fast SMA is above the slow
// one, flat otherwise. Small, real, and the shape the speed benchmark measures.
import { QCAlgorithm, Resolution, type SimpleMovingAverage, type Slice, type Symbol } from "tradeloom";

export default class SmaCrossover extends QCAlgorithm {
  /** the ticker traded; the shipped data set's ETF unless changed */
  ticker = "TLIX";
  fastPeriod = 20;
  slowPeriod = 100;
  private symbol!: Symbol;
  private fast!: SimpleMovingAverage;
  private slow!: SimpleMovingAverage;

  override initialize(): void {
    this.setStartDate(2025, 1, 2);
    this.setEndDate(2025, 6, 30);
    this.setCash(100_000);
    this.symbol = this.addEquity(this.ticker, Resolution.Minute).symbol;
    this.setBenchmark(this.symbol);
    this.fast = this.sma(this.symbol, this.fastPeriod);
    this.slow = this.sma(this.symbol, this.slowPeriod);
  }

  override onData(slice: Slice): void {
    if (!this.slow.isReady || !slice.bars.containsKey(this.symbol)) return;
    const invested = this.portfolio.get(this.symbol).invested;
    const above = this.fast.current.value > this.slow.current.value;
    if (above && !invested) this.setHoldings(this.symbol, 1);
    else if (!above && invested) this.liquidate(this.symbol);
  }
}
