// Market data points the engine hands to algorithms: trade bars and quote bars (LEAN's TradeBar, QuoteBar).
import type { QuoteBarChunk, TradeBarChunk } from "../data/bar-chunk.ts";
import type { Symbol } from "./symbol.ts";

/** One side of a quote bar (bid or ask), or the OHLC of a trade bar. */
export interface Bar {
  open: number;
  high: number;
  low: number;
  close: number;
}

export class TradeBar implements Bar {
  constructor(
    readonly symbol: Symbol,
    /** bar start, epoch ms UTC */
    readonly time: number,
    /** bar end, epoch ms UTC (the moment the bar is emitted) */
    readonly endTime: number,
    readonly open: number,
    readonly high: number,
    readonly low: number,
    readonly close: number,
    readonly volume: number,
    readonly isFillForward = false,
  ) {}

  /** The bar in row `i` of a reader's chunk. */
  static fromRow(symbol: Symbol, rows: TradeBarChunk, i: number): TradeBar {
    return new TradeBar(symbol, rows.time[i], rows.endTime[i], rows.open[i], rows.high[i], rows.low[i], rows.close[i], rows.volume[i]);
  }

  get value(): number {
    return this.close;
  }

  get price(): number {
    return this.close;
  }

  get period(): number {
    return this.endTime - this.time;
  }

  /** A fill-forward copy of this bar for a later period. */
  fillForward(time: number, endTime: number): TradeBar {
    return new TradeBar(this.symbol, time, endTime, this.open, this.high, this.low, this.close, this.volume, true);
  }

  toString(): string {
    return `${this.symbol.value}: O: ${this.open} H: ${this.high} L: ${this.low} C: ${this.close} V: ${this.volume}`;
  }
}

export class QuoteBar implements Bar {
  constructor(
    readonly symbol: Symbol,
    readonly time: number,
    readonly endTime: number,
    /** null when the file has no bid for this bar */
    readonly bid: Bar | null,
    readonly ask: Bar | null,
    readonly lastBidSize: number,
    readonly lastAskSize: number,
    readonly isFillForward = false,
  ) {}

  /** The bar in row `i` of a reader's chunk (a side whose close is NaN was empty in the file). */
  static fromRow(symbol: Symbol, rows: QuoteBarChunk, i: number): QuoteBar {
    return new QuoteBar(
      symbol,
      rows.time[i],
      rows.endTime[i],
      Number.isNaN(rows.bidClose[i]) ? null : { open: rows.bidOpen[i], high: rows.bidHigh[i], low: rows.bidLow[i], close: rows.bidClose[i] },
      Number.isNaN(rows.askClose[i]) ? null : { open: rows.askOpen[i], high: rows.askHigh[i], low: rows.askLow[i], close: rows.askClose[i] },
      rows.lastBidSize[i],
      rows.lastAskSize[i],
    );
  }

  private side(key: keyof Bar): number {
    const b = this.bid?.[key];
    const a = this.ask?.[key];
    if (b !== undefined && a !== undefined) return (b + a) / 2;
    return b ?? a ?? 0;
  }

  /** Mid prices, as LEAN's QuoteBar.Open/High/Low/Close. */
  get open(): number {
    return this.side("open");
  }
  get high(): number {
    return this.side("high");
  }
  get low(): number {
    return this.side("low");
  }
  get close(): number {
    return this.side("close");
  }
  get value(): number {
    return this.close;
  }
  get price(): number {
    return this.close;
  }
  get period(): number {
    return this.endTime - this.time;
  }

  fillForward(time: number, endTime: number): QuoteBar {
    return new QuoteBar(this.symbol, time, endTime, this.bid, this.ask, this.lastBidSize, this.lastAskSize, true);
  }
}

export type BaseData = TradeBar | QuoteBar;
