// Port of LEAN's ObjectStoreExampleAlgorithm.cs: a daily Identity of SPY's close with EMA(10) and
// EMA(50) chained on it; a year of daily history primes them and is saved to the object store, and
// a later run reads it back from the store instead of fetching history.
import { QCAlgorithm, Resolution, RollingWindow, ExponentialMovingAverage, type Slice, type Symbol, type IndicatorDataPoint } from "tradeloom";

const KEY = "spy_close";

export default class ObjectStoreExampleAlgorithm extends QCAlgorithm {
  private spy!: Symbol;
  private close!: ReturnType<QCAlgorithm["identity"]>;
  private readonly ema10 = new ExponentialMovingAverage(10);
  private readonly ema50 = new ExponentialMovingAverage(50);
  private readonly closeHistory = new RollingWindow<IndicatorDataPoint>(252);
  readFromStore = false;

  override initialize(): void {
    this.setStartDate(2013, 10, 7);
    this.setEndDate(2013, 10, 11);
    this.spy = this.addEquity("SPY", Resolution.Minute).symbol;
    this.close = this.identity(this.spy, Resolution.Daily);
    this.close.onUpdated((point) => {
      this.closeHistory.add(point);
      this.ema10.update(point);
      this.ema50.update(point);
    });

    if (this.objectStore.containsKey(KEY)) {
      const values = this.objectStore.readJson<IndicatorDataPoint[]>(KEY);
      this.debug(`${KEY} key exists in object store. Count: ${values.length}`);
      for (const value of values) this.close.update(value);
      this.readFromStore = true;
    } else {
      this.debug(`${KEY} key does not exist in object store. Fetching history...`);
      for (const bar of this.history(this.spy, { days: 365 }, Resolution.Daily)) this.close.update(bar.endTime, bar.close);
      this.objectStore.saveJson(KEY, [...this.closeHistory].reverse());
    }
  }

  override onData(_slice: Slice): void {
    const close = this.close.current.value;
    const ema10 = this.ema10.current.value;
    const ema50 = this.ema50.current.value;
    const holding = this.portfolio.get(this.spy);
    if (ema10 > close && ema10 > ema50) this.setHoldings(this.spy, 1);
    else if (ema10 < close && ema10 < ema50) this.setHoldings(this.spy, -1);
    else if (holding.isLong && ema10 < ema50) this.liquidate(this.spy);
    else if (holding.isShort && ema10 > ema50) this.liquidate(this.spy);
  }
}
