// The numbers behind the backtest half of the report, computed from the result JSON: drawdown, monthly
// returns, exposure rebuilt from fills, closed trades (FIFO), and the point reduction for the charts.
// Pure functions of plain values; nothing here knows HTML, the browser or the engine.
import { DateTime } from "luxon";
import { toEpochMs, type ReportOrderEvent, type ReportTime } from "./report-input.ts";

/** A time series point: epoch milliseconds UTC and a value. */
export interface TimedValue {
  time: number;
  value: number;
}

/** `[isoTime, value][]` → time-sorted points, one per time (the last one written wins, as LEAN's charts). */
export function toTimedValues(series: ReadonlyArray<readonly [ReportTime, number]>, where: string): TimedValue[] {
  const byTime = new Map<number, number>();
  series.forEach(([time, value], i) => byTime.set(toEpochMs(time, `${where} item ${i}`), value));
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time, value }));
}

/** Drawdown at each point as a fraction (≤ 0): value ÷ running peak − 1. */
export function drawdownSeries(equity: readonly TimedValue[]): TimedValue[] {
  let peak = -Infinity;
  return equity.map(({ time, value }) => {
    if (value > peak) peak = value;
    return { time, value: peak > 0 ? value / peak - 1 : 0 };
  });
}

/**
 * The value of `series` in force at each of `times` (the last point at or before it); null before the first.
 * Both inputs time-sorted.
 */
export function alignAsOf(series: readonly TimedValue[], times: readonly number[]): Array<number | null> {
  const out: Array<number | null> = [];
  let j = -1;
  for (const t of times) {
    while (j + 1 < series.length && series[j + 1].time <= t) j++;
    out.push(j >= 0 ? series[j].value : null);
  }
  return out;
}

/**
 * The benchmark rescaled to start where the equity starts, so both read on one axis: each level ×
 * (equity at the benchmark's first time ÷ benchmark's first level).
 */
export function scaleBenchmark(benchmark: readonly TimedValue[], equity: readonly TimedValue[]): TimedValue[] {
  if (benchmark.length === 0 || equity.length === 0) return [];
  const base = benchmark.find((p) => p.value !== 0);
  if (!base) return [];
  const startEquity = alignAsOf(equity, [base.time])[0] ?? equity[0].value;
  const factor = startEquity / base.value;
  return benchmark.map((p) => ({ time: p.time, value: p.value * factor }));
}

export interface MonthlyReturns {
  /** Years in order, each with 12 returns (fractions; null for months outside the run) and the year's return. */
  years: Array<{ year: number; months: Array<number | null>; total: number }>;
}

/**
 * Month-by-month returns from the equity curve: each month's last value ÷ the previous month's last value − 1
 * (the first month against the first value). Months are calendar months in `timeZone`; a sample at exactly
 * 00:00 belongs to the day before, because LEAN's daily sample at midnight is the previous session's close.
 */
export function monthlyReturns(equity: readonly TimedValue[], timeZone: string): MonthlyReturns {
  if (equity.length < 2) return { years: [] };
  const monthEnd = new Map<number, number>(); // year * 12 + month0 → last value
  // the month in force is cached as [from, to) in ms, so luxon runs once per month, not once per point
  let from = Infinity;
  let to = -Infinity;
  let key = 0;
  for (let i = 1; i < equity.length; i++) {
    const t = equity[i].time - 1;
    if (t < from || t >= to) {
      const dt = DateTime.fromMillis(t, { zone: timeZone });
      if (!dt.isValid) throw new RangeError(`unknown time zone "${timeZone}"`);
      const start = dt.startOf("month");
      from = start.toMillis();
      to = start.plus({ months: 1 }).toMillis();
      key = dt.year * 12 + (dt.month - 1);
    }
    monthEnd.set(key, equity[i].value);
  }
  const keys = [...monthEnd.keys()].sort((a, b) => a - b);
  const years = new Map<number, { months: Array<number | null>; end: number; start: number }>();
  let previous = equity[0].value;
  for (const key of keys) {
    const year = Math.floor(key / 12);
    const value = monthEnd.get(key)!;
    let row = years.get(year);
    if (!row) {
      row = { months: new Array<number | null>(12).fill(null), start: previous, end: previous };
      years.set(year, row);
    }
    row.months[key % 12] = previous !== 0 ? value / previous - 1 : 0;
    row.end = value;
    previous = value;
  }
  return {
    years: [...years.entries()].map(([year, r]) => ({ year, months: r.months, total: r.start !== 0 ? r.end / r.start - 1 : 0 })),
  };
}

/** An OSI option value (`SPY   130119C00120000`): LEAN's contract multiplier for equity options is 100. */
const OPTION_VALUE = /^.{6}\d{6}[CP]\d{8}$/;

export function contractMultiplier(symbol: string, overrides: Readonly<Record<string, number>> = {}): number {
  return overrides[symbol] ?? (OPTION_VALUE.test(symbol) ? 100 : 1);
}

export interface Fill {
  time: number;
  orderId: number;
  symbol: string;
  quantity: number;
  price: number;
  fee: number;
}

/** The fills among the order events (filled or partially filled, non-zero quantity), time-ordered. */
export function fillsOf(events: readonly ReportOrderEvent[]): Fill[] {
  return events
    .map((e, i) => ({ e, i, time: toEpochMs(e.time, `"orderEvents" item ${i} time`) }))
    .filter(({ e }) => e.fillQuantity !== 0)
    .sort((a, b) => a.time - b.time || a.i - b.i)
    .map(({ e, time }) => ({
      time,
      orderId: e.orderId,
      symbol: e.symbol,
      quantity: e.fillQuantity,
      price: e.fillPrice,
      fee: Number.parseFloat(e.orderFee) || 0,
    }));
}

/**
 * Net exposure (holdings value ÷ equity) at each equity point, rebuilt from the fills: cash is the first
 * equity value less each fill's cost (quantity × price × multiplier) and fee up to that time, and holdings
 * are equity − cash. Exact for a cash account that trades; dividends and interest (which LEAN books to
 * cash) show up as a small drift.
 */
export function deriveExposure(
  equity: readonly TimedValue[],
  fills: readonly Fill[],
  multipliers: Readonly<Record<string, number>> = {},
): TimedValue[] {
  if (equity.length === 0) return [];
  let cash = equity[0].value;
  let j = 0;
  return equity.map(({ time, value }) => {
    while (j < fills.length && fills[j].time <= time) {
      const f = fills[j++];
      cash -= f.quantity * f.price * contractMultiplier(f.symbol, multipliers) + f.fee;
    }
    return { time, value: value !== 0 ? (value - cash) / value : 0 };
  });
}

/** A closed round trip: one entry fill (or part of it) matched with one exit fill (or part of it). */
export interface ClosedTrade {
  symbol: string;
  direction: "Long" | "Short";
  entryTime: number;
  exitTime: number;
  /** Absolute quantity closed. */
  quantity: number;
  entryPrice: number;
  exitPrice: number;
  /** (exit − entry) × quantity × multiplier, negated for shorts; before fees. */
  profitLoss: number;
  /** The entry and exit fills' fees, pro rata to the quantity closed. */
  fees: number;
}

/**
 * Closed trades from fills, LEAN's `TradeBuilder` with FillToFill grouping and FIFO matching: each fill
 * closes the oldest open lots of the opposite sign first; what it does not close opens a new lot.
 */
export function closedTrades(fills: readonly Fill[], multipliers: Readonly<Record<string, number>> = {}): ClosedTrade[] {
  interface Lot {
    time: number;
    quantity: number;
    price: number;
    feePerUnit: number;
  }
  const open = new Map<string, Lot[]>();
  const trades: ClosedTrade[] = [];
  for (const fill of fills) {
    const lots = open.get(fill.symbol) ?? [];
    open.set(fill.symbol, lots);
    const multiplier = contractMultiplier(fill.symbol, multipliers);
    const exitFeePerUnit = fill.quantity !== 0 ? fill.fee / Math.abs(fill.quantity) : 0;
    let remaining = fill.quantity;
    while (remaining !== 0 && lots.length > 0 && Math.sign(lots[0].quantity) !== Math.sign(remaining)) {
      const lot = lots[0];
      const closed = Math.min(Math.abs(lot.quantity), Math.abs(remaining));
      const long = lot.quantity > 0;
      trades.push({
        symbol: fill.symbol,
        direction: long ? "Long" : "Short",
        entryTime: lot.time,
        exitTime: fill.time,
        quantity: closed,
        entryPrice: lot.price,
        exitPrice: fill.price,
        profitLoss: (fill.price - lot.price) * closed * multiplier * (long ? 1 : -1),
        fees: (lot.feePerUnit + exitFeePerUnit) * closed,
      });
      const sign = Math.sign(lot.quantity);
      lot.quantity -= sign * closed;
      remaining += sign * closed;
      if (lot.quantity === 0) lots.shift();
    }
    if (remaining !== 0) lots.push({ time: fill.time, quantity: remaining, price: fill.price, feePerUnit: exitFeePerUnit });
  }
  return trades;
}

/**
 * Indices of the points to draw when a series has more points than a chart has pixels to show: the series
 * is cut into buckets and each keeps its first, lowest, highest and last point, so peaks, troughs (the
 * maximum drawdown) and the ends survive. All indices when there are at most `maxPoints`.
 */
export function downsampleIndices(values: ReadonlyArray<number | null>, maxPoints: number): number[] {
  const n = values.length;
  if (n <= maxPoints || maxPoints < 8) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.floor(maxPoints / 4);
  const size = n / buckets;
  const keep: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(n, Math.floor((b + 1) * size));
    if (from >= to) continue;
    let lo = -1;
    let hi = -1;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (v === null || !Number.isFinite(v)) continue;
      if (lo < 0 || v < (values[lo] as number)) lo = i;
      if (hi < 0 || v > (values[hi] as number)) hi = i;
    }
    const picked = [from, to - 1];
    if (lo >= 0) picked.push(lo);
    if (hi >= 0) picked.push(hi);
    picked.sort((a, b) => a - b);
    for (const i of picked) if (keep[keep.length - 1] !== i) keep.push(i);
  }
  return keep;
}
