// The last known prices of a security, updated by the engine from each slice (LEAN's SecurityCache rules).
import type { QuoteBar, TradeBar } from "./bars.ts";

export class SecurityCache {
  price = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;
  bidPrice = 0;
  askPrice = 0;
  bidSize = 0;
  askSize = 0;
  openInterest = 0;
  lastTradeBar: TradeBar | undefined;
  lastQuoteBar: QuoteBar | undefined;
  private lastOhlcUpdate = Number.NaN;
  private lastQuoteUpdate = Number.NaN;

  constructor(
    /** Equities take OHLC and price from trades only; quotes set bid/ask (LEAN's IsDefaultDataType). */
    private readonly quotesSetPrice: boolean,
  ) {}

  updateTrade(bar: TradeBar): void {
    if (bar.isFillForward) return;
    this.lastTradeBar = bar;
    this.updateOhlc(bar.endTime, bar.open, bar.high, bar.low, bar.close);
    if (bar.volume !== 0) this.volume = bar.volume;
  }

  updateQuote(bar: QuoteBar): void {
    if (bar.isFillForward) return;
    this.lastQuoteBar = bar;
    if (this.quotesSetPrice) this.updateOhlc(bar.endTime, bar.open, bar.high, bar.low, bar.close);
    this.lastQuoteUpdate = bar.endTime;
    if (bar.ask && bar.ask.close !== 0) this.askPrice = bar.ask.close;
    if (bar.bid && bar.bid.close !== 0) this.bidPrice = bar.bid.close;
    if (bar.lastBidSize !== 0) this.bidSize = bar.lastBidSize;
    if (bar.lastAskSize !== 0) this.askSize = bar.lastAskSize;
  }

  private updateOhlc(endTime: number, open: number, high: number, low: number, close: number): void {
    if (this.lastQuoteUpdate === endTime && this.lastOhlcUpdate === endTime) return;
    this.lastOhlcUpdate = endTime;
    if (open !== 0) this.open = open;
    if (high !== 0) this.high = high;
    if (low !== 0) this.low = low;
    if (close !== 0) {
      this.price = close;
      this.close = close;
    }
  }

  /** The newest real data point's end time (trade or quote), or -Infinity. */
  get lastDataEndTime(): number {
    return Math.max(this.lastTradeBar?.endTime ?? -Infinity, this.lastQuoteBar?.endTime ?? -Infinity);
  }
}
