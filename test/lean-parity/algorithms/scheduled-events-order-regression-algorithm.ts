// Port of LEAN's ScheduledEventsOrderRegressionAlgorithm.cs: events registered twice fire in
// registration order, never backwards in time; 28 calls and one AfterMarketOpen call at 09:30.
import { QCAlgorithm, Symbol, type Slice } from "tradeloom";

export default class ScheduledEventsOrderRegressionAlgorithm extends QCAlgorithm {
  private spy!: Symbol;
  private lastTime = 0;
  scheduledEventCount = 0;
  afterMarketOpenEventCount = 0;
  readonly eventTimes: string[] = [];

  override initialize(): void {
    this.setStartDate(2013, 10, 7);
    this.setEndDate(2013, 10, 11);
    this.spy = this.addEquity("SPY").symbol;
    let test = 0;
    const dateRule = this.dateRules.everyDay(this.spy);
    let a = 0;
    let b = 0;
    let c = 0;
    const aapl = Symbol.create("AAPL");
    this.schedule.on(this.dateRules.weekStart(aapl), this.timeRules.afterMarketOpen(aapl), () => this.afterMarketOpen());
    for (let i = 0; i < 2; i++) {
      const id = i;
      this.schedule.on(dateRule, this.timeRules.at(9, 25), () => {
        if (a !== id) throw new Error(`Scheduled event triggered out of order: ${this.time.toISO()} expected id ${id} but was ${a}`);
        a = (a + 1) % 2;
        this.assertScheduledEventTime();
        this.debug(`${this.time.toISO()} :: Test: ${test}`);
        test++;
      });
      this.schedule.on(dateRule, this.timeRules.beforeMarketClose(this.spy, 5), () => {
        if (b !== id) throw new Error(`Scheduled event triggered out of order: ${this.time.toISO()} expected id ${id} but was ${b}`);
        b = (b + 1) % 2;
        this.assertScheduledEventTime();
        this.debug(`${this.time.toISO()} :: Test: ${test}`);
        test++;
      });
      this.schedule.on(dateRule, this.timeRules.at(16, 5), () => {
        if (c !== id) throw new Error(`Scheduled event triggered out of order: ${this.time.toISO()} expected id ${id} but was ${c}`);
        c = (c + 1) % 2;
        this.assertScheduledEventTime();
        this.debug(`${this.time.toISO()} :: Test: ${test}`);
        test = 0;
      });
    }
  }

  private assertScheduledEventTime(): void {
    if (this.lastTime > this.utcNow) throw new Error(`Scheduled event time shouldn't go backwards, last ${this.lastTime}, current ${this.utcNow}`);
    this.lastTime = this.utcNow;
    this.scheduledEventCount++;
    this.eventTimes.push(this.time.toFormat("yyyy-MM-dd HH:mm"));
  }

  private afterMarketOpen(): void {
    this.afterMarketOpenEventCount++;
    if (this.time.toFormat("HH:mm:ss") !== "09:30:00") throw new Error(`AfterMarketOpen unexpected event time: ${this.time.toISO()}`);
  }

  override onEndOfAlgorithm(): void {
    if (this.scheduledEventCount !== 28) throw new Error(`OnEndOfAlgorithm expected 28 scheduled events but was ${this.scheduledEventCount}`);
    if (this.afterMarketOpenEventCount !== 1) throw new Error(`OnEndOfAlgorithm expected 1 AfterMarketOpen event, got ${this.afterMarketOpenEventCount}`);
  }

  override onData(_slice: Slice): void {
    if (!this.portfolio.invested) this.setHoldings(this.spy, 1);
  }
}
