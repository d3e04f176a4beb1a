/**
 * The shape every reader yields: a chunk of bars of one security as columnar Float64Arrays,
 * sorted by endTime. Times are epoch milliseconds UTC; prices in dollars (already normalized);
 * volumes and sizes already scaled. One chunk is one local day for minute/second data (one file),
 * and one run of a file for hour/daily data.
 */

/** Converts an exchange-local date and time to epoch ms UTC: (yyyymmdd, ms since local midnight). */
export type EpochFromLocal = (yyyymmdd: number, msSinceMidnight: number) => number;

interface ChunkBase {
  /** The ticker the caller asked for (not the mapped folder ticker). */
  ticker: string;
  /** Local date (yyyymmdd) of the chunk's first bar (for minute/second: the file's day). */
  date: number;
  count: number;
  /** Bar start, epoch ms UTC. */
  time: Float64Array;
  /** Bar end (when the bar is emitted), epoch ms UTC. */
  endTime: Float64Array;
}

export interface TradeBarChunk extends ChunkBase {
  kind: "trade";
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Bid or ask prices are NaN where that side was empty in the file. */
export interface QuoteBarChunk extends ChunkBase {
  kind: "quote";
  bidOpen: Float64Array;
  bidHigh: Float64Array;
  bidLow: Float64Array;
  bidClose: Float64Array;
  lastBidSize: Float64Array;
  askOpen: Float64Array;
  askHigh: Float64Array;
  askLow: Float64Array;
  askClose: Float64Array;
  lastAskSize: Float64Array;
}

export interface OpenInterestChunk extends ChunkBase {
  kind: "openinterest";
  openInterest: Float64Array;
}

export type BarChunk = TradeBarChunk | QuoteBarChunk | OpenInterestChunk;

/** True when no open, high, low, close or volume in the chunk is 0. */
export function tradeValuesNonZero(chunk: TradeBarChunk): boolean {
  const { open, high, low, close, volume } = chunk;
  for (let i = 0; i < chunk.count; i++) {
    if (open[i] === 0 || high[i] === 0 || low[i] === 0 || close[i] === 0 || volume[i] === 0) return false;
  }
  return true;
}

/** Milliseconds of one bar of each resolution (daily bars end at the close instead). */
export const RESOLUTION_MS = {
  tick: 0,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  daily: 86_400_000,
} as const;
