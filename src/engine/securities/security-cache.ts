// The last known prices of a security, updated by the engine from each slice (LEAN's SecurityCache rules).
import type { QuoteBarChunk, TradeBarChunk } from "../data/bar-chunk.ts";
import { QuoteBar, TradeBar } from "./bars.ts";
import type { Symbol } from "./symbol.ts";

export class SecurityCache {
  bidPrice = 0;
  askPrice = 0;
  bidSize = 0;
  askSize = 0;
  openInterest = 0;
  // Price, OHLC and volume: up to date except for `pendingRows`, a trade row the replay loop
  // handed over whose values are copied only when one of them is read. Only rows with no zero
  // value wait there (a zero keeps the previous value, so such a row is copied at once), which
  // is why a newer pending row can replace an older one unread.
  private _price = 0;
  private _open = 0;
  private _high = 0;
  private _low = 0;
  private _close = 0;
  private _volume = 0;
  private pendingRows: TradeBarChunk | undefined;
  private pendingRow = 0;
  // The newest real bars. The replay loop hands over a reader's row instead of a bar, and the bar
  // object is made only when something asks for it.
  private tradeBar: TradeBar | undefined;
  private tradeRows: TradeBarChunk | undefined;
  private tradeRow = 0;
  private quoteBar: QuoteBar | undefined;
  private quoteRows: QuoteBarChunk | undefined;
  private quoteRow = 0;
  private lastTradeEnd = -Infinity;
  private lastQuoteEnd = -Infinity;
  private lastOhlcUpdate = Number.NaN;

  constructor(
    /** Equities take OHLC and price from trades only; quotes set bid/ask (LEAN's IsDefaultDataType). */
    private readonly quotesSetPrice: boolean,
    private readonly symbol: Symbol,
  ) {}

  get price(): number {
    if (this.pendingRows !== undefined) this.settle();
    return this._price;
  }
  set price(value: number) {
    if (this.pendingRows !== undefined) this.settle();
    this._price = value;
  }
  get open(): number {
    if (this.pendingRows !== undefined) this.settle();
    return this._open;
  }
  get high(): number {
    if (this.pendingRows !== undefined) this.settle();
    return this._high;
  }
  get low(): number {
    if (this.pendingRows !== undefined) this.settle();
    return this._low;
  }
  get close(): number {
    if (this.pendingRows !== undefined) this.settle();
    return this._close;
  }
  get volume(): number {
    if (this.pendingRows !== undefined) this.settle();
    return this._volume;
  }

  /** Copies the pending trade row's values (none of them is zero). */
  private settle(): void {
    const rows = this.pendingRows!;
    const i = this.pendingRow;
    this.pendingRows = undefined;
    this._open = rows.open[i];
    this._high = rows.high[i];
    this._low = rows.low[i];
    this._close = this._price = rows.close[i];
    this._volume = rows.volume[i];
  }

  /** The newest real trade bar. */
  get lastTradeBar(): TradeBar | undefined {
    if (this.tradeBar === undefined && this.tradeRows !== undefined) this.tradeBar = TradeBar.fromRow(this.symbol, this.tradeRows, this.tradeRow);
    return this.tradeBar;
  }

  /** The newest real quote bar. */
  get lastQuoteBar(): QuoteBar | undefined {
    if (this.quoteBar === undefined && this.quoteRows !== undefined) this.quoteBar = QuoteBar.fromRow(this.symbol, this.quoteRows, this.quoteRow);
    return this.quoteBar;
  }

  updateTrade(bar: TradeBar): void {
    if (bar.isFillForward) return;
    this.tradeBar = bar;
    this.tradeRows = undefined;
    this.lastTradeEnd = bar.endTime;
    this.applyTrade(bar.endTime, bar.open, bar.high, bar.low, bar.close, bar.volume);
  }

  /**
   * The same as `updateTrade(TradeBar.fromRow(symbol, rows, i))` without making the bar: `end` is
   * the row's end time, and `nonZero` says no open, high, low, close or volume of `rows` is zero,
   * so the values can wait in the row until read.
   */
  updateTradeRow(rows: TradeBarChunk, i: number, end: number, nonZero: boolean): void {
    this.tradeBar = undefined;
    this.tradeRows = rows;
    this.tradeRow = i;
    this.lastTradeEnd = end;
    if (nonZero && !(this.lastQuoteEnd === end && this.lastOhlcUpdate === end)) {
      this.lastOhlcUpdate = end;
      this.pendingRows = rows;
      this.pendingRow = i;
      return;
    }
    this.applyTrade(end, rows.open[i], rows.high[i], rows.low[i], rows.close[i], rows.volume[i]);
  }

  private applyTrade(end: number, open: number, high: number, low: number, close: number, volume: number): void {
    this.updateOhlc(end, open, high, low, close);
    if (volume !== 0) this._volume = volume;
  }

  updateQuote(bar: QuoteBar): void {
    if (bar.isFillForward) return;
    this.quoteBar = bar;
    this.quoteRows = undefined;
    if (this.quotesSetPrice) this.updateOhlc(bar.endTime, bar.open, bar.high, bar.low, bar.close);
    // set after the OHLC: with a trade ending at the same time, the quote's OHLC wins whichever comes first
    this.lastQuoteEnd = bar.endTime;
    this.updateBidAsk(bar.bid?.close, bar.ask?.close, bar.lastBidSize, bar.lastAskSize);
  }

  /** The same as `updateQuote(QuoteBar.fromRow(symbol, rows, i))`, without making the bar. */
  updateQuoteRow(rows: QuoteBarChunk, i: number): void {
    this.quoteBar = undefined;
    this.quoteRows = rows;
    this.quoteRow = i;
    const end = rows.endTime[i];
    const bidClose = rows.bidClose[i];
    const askClose = rows.askClose[i];
    const hasBid = !Number.isNaN(bidClose);
    const hasAsk = !Number.isNaN(askClose);
    if (this.quotesSetPrice) {
      this.updateOhlc(end, mid(hasBid, rows.bidOpen[i], hasAsk, rows.askOpen[i]), mid(hasBid, rows.bidHigh[i], hasAsk, rows.askHigh[i]), mid(hasBid, rows.bidLow[i], hasAsk, rows.askLow[i]), mid(hasBid, bidClose, hasAsk, askClose));
    }
    this.lastQuoteEnd = end;
    this.updateBidAsk(hasBid ? bidClose : undefined, hasAsk ? askClose : undefined, rows.lastBidSize[i], rows.lastAskSize[i]);
  }

  private updateBidAsk(bidClose: number | undefined, askClose: number | undefined, bidSize: number, askSize: number): void {
    if (askClose !== undefined && askClose !== 0) this.askPrice = askClose;
    if (bidClose !== undefined && bidClose !== 0) this.bidPrice = bidClose;
    if (bidSize !== 0) this.bidSize = bidSize;
    if (askSize !== 0) this.askSize = askSize;
  }

  private updateOhlc(endTime: number, open: number, high: number, low: number, close: number): void {
    // a value written now must land on top of the pending row's, not under it
    if (this.pendingRows !== undefined) this.settle();
    if (this.lastQuoteEnd === endTime && this.lastOhlcUpdate === endTime) return;
    this.lastOhlcUpdate = endTime;
    if (open !== 0) this._open = open;
    if (high !== 0) this._high = high;
    if (low !== 0) this._low = low;
    if (close !== 0) {
      this._price = close;
      this._close = close;
    }
  }

  /** The newest real data point's end time (trade or quote), or -Infinity. */
  get lastDataEndTime(): number {
    return Math.max(this.lastTradeEnd, this.lastQuoteEnd);
  }
}

/** A quote bar's mid of one field (QuoteBar.open and the rest): both sides' mean, else the side there is, else 0. */
function mid(hasBid: boolean, bid: number, hasAsk: boolean, ask: number): number {
  if (hasBid && hasAsk) return (bid + ask) / 2;
  return hasBid ? bid : hasAsk ? ask : 0;
}
