// The description of one chart as the report embeds it: the page's script turns each spec into a uPlot
// chart. Data only (JSON-serialisable), so the data preparation is testable without a browser.

export type ChartValueFormat = "money" | "percent" | "number" | "megabytes";

export interface ChartSeriesSpec {
  label: string;
  /** One value per x; null where the series has no value. */
  values: Array<number | null>;
  color: string;
  /** Area fill under the line (CSS colour). */
  fill?: string;
  /** Canvas dash pattern, e.g. [6, 4]. */
  dash?: number[];
  width?: number;
  /** line (default), step (held until the next point), points (markers only), bars. */
  style?: "line" | "step" | "points" | "bars";
  /** For bars: -1 bar left of the x, 1 right of it, 0 centred. */
  barAlign?: -1 | 0 | 1;
}

export interface ChartSpec {
  /** DOM id of the chart's container, and its key in `window.__tradeloomCharts`. */
  id: string;
  title: string;
  /** time: x is epoch seconds; category: x is 0..n-1 and `categories` names them. */
  xKind: "time" | "category";
  x: number[];
  categories?: string[];
  yFormat: ChartValueFormat;
  series: ChartSeriesSpec[];
  /** Fixed y range; otherwise uPlot fits the data. */
  yRange?: [number, number];
  height?: number;
  /** A line under the chart, e.g. how the points were reduced. */
  note?: string;
}

/** Rounds to `digits` decimals; keeps null. Smaller numbers make a smaller file. */
export function roundTo(value: number | null, digits: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Round to `significant` significant digits (Greeks span many magnitudes). */
export function roundSignificant(value: number | null, significant = 6): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (value === 0) return 0;
  return Number(value.toPrecision(significant));
}
