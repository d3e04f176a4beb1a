// Builds bars of a longer period from shorter ones (LEAN's TradeBarConsolidator): hour bars from
// minutes, daily bars from minutes or hours. A bar is emitted once the clock passes its end.
import { TradeBar } from "../securities/bars.ts";

export class TradeBarConsolidator {
  private working: { time: number; end: number; open: number; high: number; low: number; close: number; volume: number } | undefined;
  private readonly listeners: Array<(bar: TradeBar) => void> = [];
  consolidated: TradeBar | undefined;

  /**
   * @param periodEnd given a bar's start time, the end of the consolidated period containing it
   * @param periodStart given a bar's start time, the start of that period
   */
  constructor(
    private readonly periodStart: (time: number) => number,
    private readonly periodEnd: (time: number) => number,
  ) {}

  onDataConsolidated(listener: (bar: TradeBar) => void): void {
    this.listeners.push(listener);
  }

  update(bar: TradeBar): void {
    if (bar.isFillForward) return;
    if (this.working && bar.time >= this.working.end) this.emit(bar);
    if (!this.working) {
      this.working = { time: this.periodStart(bar.time), end: this.periodEnd(bar.time), open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume };
      this.symbol = bar.symbol;
    } else {
      const w = this.working;
      if (bar.high > w.high) w.high = bar.high;
      if (bar.low < w.low) w.low = bar.low;
      w.close = bar.close;
      w.volume += bar.volume;
    }
  }

  private symbol: TradeBar["symbol"] | undefined;

  /** Emits the working bar when the clock has reached its end. */
  scan(now: number): void {
    if (this.working && now >= this.working.end) this.emit(undefined);
  }

  private emit(_next: TradeBar | undefined): void {
    const w = this.working!;
    const bar = new TradeBar(this.symbol!, w.time, w.end, w.open, w.high, w.low, w.close, w.volume);
    this.working = undefined;
    this.consolidated = bar;
    for (const listener of this.listeners) listener(bar);
  }
}
