/**
 * The values that flow into and out of indicators: a timestamped number, and the bar shape the
 * engine feeds. Plain data; knows nothing of the engine.
 */

/** One output (or input) of an indicator. `time` is epoch ms UTC: the end time of the input. */
export interface IndicatorDataPoint {
  readonly time: number;
  readonly value: number;
}

/** The bar shape indicators accept: the engine's trade bars satisfy it. Times are epoch ms UTC. */
export interface BarLike {
  time: number;
  endTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Picks the value a data-point indicator takes from a bar (LEAN's `selector`). */
export type BarSelector = (bar: BarLike) => number;

/** The default selector, as LEAN's: the bar's close. */
export const selectClose: BarSelector = (bar) => bar.close;

/** LEAN's initial `Current`: value 0 at the minimum time. */
export const EMPTY_DATA_POINT: IndicatorDataPoint = Object.freeze({ time: Number.NEGATIVE_INFINITY, value: 0 });
