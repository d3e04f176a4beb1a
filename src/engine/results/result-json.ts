// The `--json` result: statistics with LEAN's names and strings, orders, order events, the equity
// and benchmark series and the log. Deterministic: nothing in it depends on the wall clock.
import type { BacktestResult } from "../backtest/backtest-engine.ts";

export interface ResultJson {
  statistics: Record<string, string>;
  orders: Record<string, unknown>[];
  orderEvents: Record<string, unknown>[];
  equity: Array<[string, number]>;
  benchmark: Array<[string, number]>;
  logs: string[];
  dataPoints: number;
  start: string;
  end: string;
  [extra: string]: unknown;
}

export function toResultJson(result: BacktestResult, extra: Record<string, unknown> = {}): ResultJson {
  const iso = (t: number) => new Date(t).toISOString();
  return {
    statistics: result.statistics,
    orders: result.orders.map((o) => o.toJSON()),
    orderEvents: result.orderEvents.map((e) => e.toJSON()),
    equity: result.equity.map((p) => [iso(p.time), p.value]),
    benchmark: result.benchmark.map((p) => [iso(p.time), p.value]),
    logs: result.logs,
    dataPoints: result.dataPoints,
    start: iso(result.startTime),
    end: iso(result.endTime),
    ...(result.greeks.length ? { greeks: result.greeks.map((g) => ({ ...g, time: iso(g.time) })) } : {}),
    ...(result.storage ? { storage: { ...result.storage.section, statistics: result.storage.statistics, report: result.storage.report } } : {}),
    ...extra,
  };
}

/** LEAN's statistics block as text: one `name: value` line each, names padded. */
export function formatStatistics(statistics: Record<string, string>): string {
  const width = Math.max(...Object.keys(statistics).map((k) => k.length));
  return Object.entries(statistics)
    .map(([k, v]) => `${k.padEnd(width)}  ${v}`)
    .join("\n");
}
