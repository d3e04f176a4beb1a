// The HTML report of a backtest result (and of the storage monitor's section of it): one self-contained
// file, uPlot and its stylesheet inlined, the data embedded as JSON, nothing fetched. Works from the result
// JSON alone (`tradeloom report results/run.json`) as well as right after a run (`backtest --report`).
// Computes through report/backtest-data.ts and report/storage-data.ts; knows nothing of the engine.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { loadReportAssets } from "./report/assets.ts";
import {
  alignAsOf,
  closedTrades,
  deriveExposure,
  downsampleIndices,
  drawdownSeries,
  fillsOf,
  monthlyReturns,
  scaleBenchmark,
  toTimedValues,
  type ClosedTrade,
  type MonthlyReturns,
  type TimedValue,
} from "./report/backtest-data.ts";
import { roundSignificant, roundTo, type ChartSeriesSpec, type ChartSpec } from "./report/chart-spec.ts";
import { CLIENT_SCRIPT } from "./report/client-script.ts";
import {
  absent,
  cell,
  escapeHtml,
  formatDate,
  formatDuration,
  formatMoney,
  formatNumber,
  formatPercent,
  formatTime,
  jsonForScript,
  scriptForInline,
  table,
  type Cell,
} from "./report/html.ts";
import { ReportInputError, toEpochMs, validateReportInput, type ReportInput, type ReportOrder, type ReportStorageSection } from "./report/report-input.ts";
import { formatBytes, projectToFull, storageCategoryChart, storageUsageChart } from "./report/storage-data.ts";

export { ReportInputError, validateReportInput } from "./report/report-input.ts";
export type {
  ReportExposurePoint,
  ReportGreeksPoint,
  ReportInput,
  ReportStorageSample,
  ReportStorageSection,
  ReportTime,
} from "./report/report-input.ts";
export type { ChartSpec, ChartSeriesSpec } from "./report/chart-spec.ts";

export interface ReportOptions {
  /** The page title; default "Backtest report" (or "Storage report" for a storage-only result). */
  title?: string;
  /** IANA zone for tables, month boundaries and chart axes; default the result's `timeZone`, else America/New_York (LEAN's default). */
  timeZone?: string;
  /** Most points drawn per chart; longer series keep each bucket's first, lowest, highest and last point. Default 4000. */
  maxPointsPerChart?: number;
  /** Most rows in the orders and trades tables (the JSON keeps them all). Default 5000. */
  maxTableRows?: number;
  /** Contract multipliers by symbol value for exposure and trade P&L; OSI option values default to 100, others to 1. */
  contractMultipliers?: Record<string, number>;
  /** Shown in the footer, e.g. the result file's name. */
  source?: string;
}

/** Everything the page shows, before it becomes HTML (tests read this). */
export interface ReportModel {
  title: string;
  timeZone: string;
  charts: ChartSpec[];
  monthly: MonthlyReturns | null;
  trades: ClosedTrade[];
  /** Maximum drawdown of the equity series as a positive fraction; null without equity. */
  maxDrawdown: number | null;
  /** Sections with no data, each with the sentence the page shows instead. */
  absent: Record<string, string>;
}

const DEFAULT_ZONE = "America/New_York";

interface Prepared {
  input: ReportInput;
  model: ReportModel;
  equity: TimedValue[];
  maxPoints: number;
  maxRows: number;
}

function timeChart(
  id: string,
  title: string,
  times: readonly number[],
  primary: ReadonlyArray<number | null>,
  series: Array<Omit<ChartSeriesSpec, "values"> & { values: ReadonlyArray<number | null>; round: (v: number | null) => number | null }>,
  yFormat: ChartSpec["yFormat"],
  maxPoints: number,
  height?: number,
): ChartSpec {
  const keep = downsampleIndices(primary, maxPoints);
  const note =
    keep.length < times.length
      ? `${times.length.toLocaleString("en-US")} points drawn as ${keep.length.toLocaleString("en-US")} (each bucket keeps its first, lowest, highest and last point).`
      : undefined;
  return {
    id,
    title,
    xKind: "time",
    x: keep.map((i) => Math.round(times[i] / 1000)),
    yFormat,
    series: series.map(({ round, values, ...rest }) => ({ ...rest, values: keep.map((i) => round(values[i] ?? null)) })),
    height,
    note,
  };
}

const cents = (v: number | null) => roundTo(v, 2);
const percentOf = (digits: number) => (v: number | null) => roundTo(v === null ? null : v * 100, digits);

function prepare(resultJson: unknown, options: ReportOptions): Prepared {
  const input = validateReportInput(resultJson);
  const timeZone = options.timeZone ?? input.timeZone ?? DEFAULT_ZONE;
  if (!isValidZone(timeZone)) throw new ReportInputError(`unknown time zone "${timeZone}" (expected an IANA name such as America/New_York)`);
  const maxPoints = options.maxPointsPerChart ?? 4000;
  const maxRows = options.maxTableRows ?? 5000;
  const multipliers = options.contractMultipliers ?? {};
  const hasBacktest = input.equity !== undefined;
  const model: ReportModel = {
    title: options.title ?? (hasBacktest ? "Backtest report" : "Storage report"),
    timeZone,
    charts: [],
    monthly: null,
    trades: [],
    maxDrawdown: null,
    absent: {},
  };
  const equity = hasBacktest ? toTimedValues(input.equity!, `"equity"`) : [];

  if (hasBacktest) {
    if (equity.length === 0) {
      model.absent.equity = "The equity series is empty: the run sampled no equity, so there is no equity curve, drawdown or monthly returns.";
    } else {
      const times = equity.map((p) => p.time);
      const values = equity.map((p) => p.value);
      const benchmark = scaleBenchmark(toTimedValues(input.benchmark ?? [], `"benchmark"`), equity);
      const equitySeries: Parameters<typeof timeChart>[4] = [
        { label: "Equity", values, color: "#2c6fbb", fill: "rgba(44,111,187,0.08)", width: 2, round: cents },
      ];
      if (benchmark.length > 0) {
        equitySeries.push({ label: "Benchmark (rescaled to the starting equity)", values: alignAsOf(benchmark, times), color: "#e67e22", width: 1.5, round: cents });
      } else {
        model.absent.benchmark = "No benchmark series in this result.";
      }
      model.charts.push(timeChart("chart-equity", "Equity and benchmark", times, values, equitySeries, "money", maxPoints, 340));

      const drawdown = drawdownSeries(equity);
      const dd = drawdown.map((p) => p.value);
      model.maxDrawdown = -Math.min(0, ...dd);
      model.charts.push(
        timeChart("chart-drawdown", "Drawdown", times, dd, [{ label: "Drawdown", values: dd, color: "#c0392b", fill: "rgba(192,57,43,0.25)", width: 1.5, round: percentOf(3) }], "percent", maxPoints, 220),
      );
      model.monthly = monthlyReturns(equity, timeZone);

      const fills = fillsOf(input.orderEvents ?? []);
      model.trades = closedTrades(fills, multipliers);
      if (input.exposure && input.exposure.length > 0) {
        const points = input.exposure
          .map((p, i) => ({ ...p, ms: toEpochMs(p.time, `"exposure" item ${i} time`) }))
          .sort((a, b) => a.ms - b.ms);
        const ex = points.map((p) => p.ms);
        const net = points.map((p) => p.net);
        const series: Parameters<typeof timeChart>[4] = [{ label: "Net", values: net, color: "#2c3e50", width: 2, round: percentOf(3), style: "step" }];
        if (points.some((p) => p.long !== undefined)) series.push({ label: "Long", values: points.map((p) => p.long ?? null), color: "#27ae60", width: 1.5, round: percentOf(3), style: "step" });
        if (points.some((p) => p.short !== undefined)) series.push({ label: "Short", values: points.map((p) => p.short ?? null), color: "#c0392b", width: 1.5, round: percentOf(3), style: "step" });
        model.charts.push(timeChart("chart-exposure", "Exposure (% of equity)", ex, net, series, "percent", maxPoints, 240));
      } else if (input.orderEvents !== undefined) {
        const exposure = deriveExposure(equity, fills, multipliers).map((p) => p.value);
        const chart = timeChart(
          "chart-exposure",
          "Net exposure: holdings value ÷ equity (% of equity)",
          times,
          exposure,
          [{ label: "Net exposure", values: exposure, color: "#2c3e50", fill: "rgba(44,62,80,0.10)", width: 1.5, round: percentOf(3) }],
          "percent",
          maxPoints,
          240,
        );
        chart.note = [chart.note, "Derived from the fills: cash is rebuilt from each fill's cost and fee, holdings are equity − cash."].filter(Boolean).join(" ");
        model.charts.push(chart);
      } else {
        model.absent.exposure = "No exposure: the result has neither an exposure series nor order events to derive it from.";
      }
    }

    if (input.greeks && input.greeks.length > 0) {
      const points = input.greeks.map((g, i) => ({ ...g, ms: toEpochMs(g.time, `"greeks" item ${i} time`) })).sort((a, b) => a.ms - b.ms);
      const gt = points.map((p) => p.ms);
      const greeks: Array<["delta" | "gamma" | "vega" | "theta", string, string]> = [
        ["delta", "Delta", "#2c6fbb"],
        ["gamma", "Gamma", "#8e44ad"],
        ["vega", "Vega", "#16a085"],
        ["theta", "Theta", "#d35400"],
      ];
      for (const [key, label, color] of greeks) {
        const values = points.map((p) => p[key]);
        model.charts.push(
          timeChart(`chart-greeks-${key}`, `${label} of the book`, gt, values, [{ label, values, color, width: 1.5, round: (v) => roundSignificant(v, 6) }], "number", maxPoints, 200),
        );
      }
    } else {
      model.absent.greeks = "No Greeks in this result: the algorithm held no options, or did not record the Greeks of its book.";
    }
  }

  if (input.storage) {
    model.charts.push(storageUsageChart(input.storage));
    if (Object.keys(input.storage.byCategory).length > 0) model.charts.push(storageCategoryChart(input.storage));
    else model.absent.storageCategories = "No categories in the storage section.";
  } else {
    model.absent.storage = "No storage data in this result: the storage monitor did not run, so there is no usage, category or circuit breaker history.";
  }
  return { input, model, equity, maxPoints, maxRows };
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The data the page draws, without the HTML: charts, monthly returns, trades, absent sections. */
export function buildReportModel(resultJson: unknown, options: ReportOptions = {}): ReportModel {
  return prepare(resultJson, options).model;
}

// ---------------------------------------------------------------------------------------------- HTML

const STYLE = `
:root { --ink: #1d2733; --muted: #5d6b7a; --line: #dde3ea; --bg: #f6f8fa; --card: #ffffff; --pos: #1e8449; --neg: #b03a2e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 20px 28px 12px; background: var(--card); border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 22px; }
header .period { color: var(--muted); }
nav { display: flex; flex-wrap: wrap; gap: 14px; margin-top: 10px; }
nav a { color: #2c6fbb; text-decoration: none; }
main { padding: 16px 28px 40px; max-width: 1400px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 14px 18px; margin: 0 0 16px; }
section > h2 { margin: 0 0 10px; font-size: 17px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin-top: 12px; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: var(--bg); }
.tile .k { color: var(--muted); font-size: 12px; }
.tile .v { font-size: 18px; font-weight: 600; }
.chart { width: 100%; min-height: 60px; }
.chart-title { font-weight: 600; margin: 6px 0 2px; }
.note { color: var(--muted); font-size: 12px; margin: 2px 0 10px; }
.absent { color: var(--muted); font-style: italic; border-left: 3px solid var(--line); padding: 4px 10px; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px 24px; }
table.data { border-collapse: collapse; width: 100%; font-size: 13px; }
table.data caption { text-align: left; color: var(--muted); padding: 4px 0; }
table.data th, table.data td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
table.data th { background: var(--bg); position: sticky; top: 0; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
.num { text-align: right !important; font-variant-numeric: tabular-nums; }
.pos { color: var(--pos); } .neg { color: var(--neg); }
.scroll { max-height: 520px; overflow: auto; border: 1px solid var(--line); content-visibility: auto; contain-intrinsic-size: auto 520px; }
table.monthly td, table.monthly th { text-align: right; }
table.monthly td:first-child, table.monthly th:first-child { text-align: left; }
.stats { columns: 2 380px; column-gap: 32px; }
.stats table { break-inside: avoid; }
footer { color: var(--muted); font-size: 12px; padding: 0 28px 24px; }
`;

function chartBlock(spec: ChartSpec | undefined): string {
  if (!spec) return "";
  return `<div class="chart-title">${escapeHtml(spec.title)}</div><div class="chart" id="${spec.id}" data-chart></div>${spec.note ? `<p class="note">${escapeHtml(spec.note)}</p>` : ""}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function returnCell(r: number | null): Cell {
  if (r === null) return { text: "" };
  const alpha = Math.min(1, Math.abs(r) / 0.1) * 0.55 + 0.05;
  const colour = r >= 0 ? `rgba(30,132,73,${alpha.toFixed(2)})` : `rgba(176,58,46,${alpha.toFixed(2)})`;
  return { text: formatPercent(r, 2), sortValue: r, style: `background:${colour}` };
}

function monthlyTable(monthly: MonthlyReturns): string {
  const rows = monthly.years.map((y) => [cell(String(y.year)), ...y.months.map(returnCell), { ...returnCell(y.total), className: "year" }]);
  return table("table-monthly-returns", [{ label: "Year" }, ...MONTHS.map((m) => ({ label: m, numeric: true })), { label: "Year", numeric: true }], rows, false).replace(
    'class="data"',
    'class="data monthly"',
  );
}

function statisticsTable(statistics: Record<string, string>): string {
  const entries = Object.entries(statistics);
  const half = Math.ceil(entries.length / 2);
  const part = (list: Array<[string, string]>, id: string) =>
    table(id, [{ label: "Statistic" }, { label: "Value", numeric: true }], list.map(([k, v]) => [cell(k), cell(v)]), false);
  return `<div class="grid2">${part(entries.slice(0, half), "table-statistics")}${part(entries.slice(half), "table-statistics-2")}</div>`;
}

function ordersTable(orders: readonly ReportOrder[], zone: string, maxRows: number): string {
  const shown = orders.slice(0, maxRows);
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  const rows = shown.map((o) => {
    const time = Date.parse(o.time);
    const fees = Number.parseFloat(o.fees);
    return [
      cell(String(o.id), o.id),
      cell(Number.isFinite(time) ? formatTime(time, zone, true) : String(o.time), time),
      cell(o.symbol),
      cell(o.type),
      cell(o.quantity > 0 ? "Buy" : o.quantity < 0 ? "Sell" : "-"),
      cell(formatNumber(o.quantity, 0), o.quantity),
      cell(formatNumber(o.quantityFilled ?? 0, 0), num(o.quantityFilled)),
      cell(o.status),
      cell(num(o.limitPrice) !== undefined ? formatNumber(o.limitPrice!, 4) : "", num(o.limitPrice) ?? -Infinity),
      cell(num(o.stopPrice) !== undefined ? formatNumber(o.stopPrice!, 4) : "", num(o.stopPrice) ?? -Infinity),
      cell(num(o.price) !== undefined ? formatNumber(o.price, 4) : "", num(o.price)),
      cell(Number.isFinite(fees) ? formatMoney(fees) : String(o.fees), Number.isFinite(fees) ? fees : undefined),
      cell(o.tag ?? ""),
    ];
  });
  const columns = [
    { label: "ID", numeric: true },
    { label: "Time" },
    { label: "Symbol" },
    { label: "Type" },
    { label: "Side" },
    { label: "Quantity", numeric: true },
    { label: "Filled", numeric: true },
    { label: "Status" },
    { label: "Limit", numeric: true },
    { label: "Stop", numeric: true },
    { label: "Price", numeric: true },
    { label: "Fees", numeric: true },
    { label: "Tag" },
  ];
  const caption = orders.length > shown.length ? `The first ${shown.length.toLocaleString("en-US")} of ${orders.length.toLocaleString("en-US")} orders (the result JSON has them all). Click a header to sort.` : `${orders.length.toLocaleString("en-US")} orders. Click a header to sort.`;
  return `<div class="scroll">${table("table-orders", columns, rows, true, caption)}</div>`;
}

function tradesTable(trades: readonly ClosedTrade[], zone: string, maxRows: number): string {
  const shown = trades.slice(0, maxRows);
  const signed = (v: number): Cell => ({ text: formatMoney(v), sortValue: v, className: v > 0 ? "pos" : v < 0 ? "neg" : undefined });
  const rows = shown.map((t) => [
    cell(t.symbol),
    cell(t.direction),
    cell(formatTime(t.entryTime, zone, true), t.entryTime),
    cell(formatTime(t.exitTime, zone, true), t.exitTime),
    cell(formatDuration(t.exitTime - t.entryTime), t.exitTime - t.entryTime),
    cell(formatNumber(t.quantity, 0), t.quantity),
    cell(formatNumber(t.entryPrice, 4), t.entryPrice),
    cell(formatNumber(t.exitPrice, 4), t.exitPrice),
    signed(t.profitLoss),
    cell(formatMoney(t.fees), t.fees),
    signed(t.profitLoss - t.fees),
  ]);
  const columns = [
    { label: "Symbol" },
    { label: "Direction" },
    { label: "Entry" },
    { label: "Exit" },
    { label: "Duration", numeric: true },
    { label: "Quantity", numeric: true },
    { label: "Entry price", numeric: true },
    { label: "Exit price", numeric: true },
    { label: "P&L", numeric: true },
    { label: "Fees", numeric: true },
    { label: "Net P&L", numeric: true },
  ];
  const wins = trades.filter((t) => t.profitLoss - t.fees > 0).length;
  const total = trades.reduce((s, t) => s + t.profitLoss - t.fees, 0);
  const caption =
    `${trades.length.toLocaleString("en-US")} closed trades (fills matched first in, first out), ${wins} winning, net ${formatMoney(total)}.` +
    (trades.length > shown.length ? ` The first ${shown.length.toLocaleString("en-US")} are listed.` : "") +
    " Click a header to sort.";
  return `<div class="scroll">${table("table-trades", columns, rows, true, caption)}</div>`;
}

function storageSection(storage: ReportStorageSection, model: ReportModel): string {
  const zone = model.timeZone;
  const samples = [...storage.samples].map((s) => ({ ...s, ms: toEpochMs(s.time, "storage sample") })).sort((a, b) => a.ms - b.ms);
  const last = samples[samples.length - 1];
  const projection = projectToFull(storage);
  const tiles: Array<[string, string]> = [];
  if (last) {
    tiles.push(["Used", `${formatBytes(last.usedBytes)} / ${formatBytes(storage.maxBytes)} (${formatNumber((last.usedBytes / storage.maxBytes) * 100, 1)} %)`]);
    tiles.push(["Files", `${last.files.toLocaleString("en-US")} / ${storage.maxFiles.toLocaleString("en-US")}`]);
  }
  tiles.push(["Growth rate", storage.growthRateGbPerDay === undefined || storage.growthRateGbPerDay === null ? "not enough samples" : `${formatNumber(storage.growthRateGbPerDay, 3)} GB/day`]);
  tiles.push(["Days until full", projection ? `~${Math.round(projection.daysUntilFull).toLocaleString("en-US")} days (${formatDate(projection.fullTime, zone)})` : "not growing"]);
  tiles.push(["Thresholds", `alert ${storage.alertPct} %, critical ${storage.criticalPct} %, full 100 %`]);
  tiles.push(["Circuit breaker events", String(storage.circuitBreakerEvents.length)]);
  const parts: string[] = [`<div class="tiles">${tiles.map(([k, v]) => `<div class="tile"><div class="k">${escapeHtml(k)}</div><div class="v">${escapeHtml(v)}</div></div>`).join("")}</div>`];

  const usageChart = model.charts.find((c) => c.id === "chart-storage-usage");
  parts.push(samples.length > 0 ? chartBlock(usageChart) : absent("storageUsage", "No usage samples in the storage section: the monitor never checked the store."));

  parts.push("<h3>Categories against their quotas</h3>");
  const names = Object.keys(storage.byCategory);
  if (names.length > 0) {
    parts.push(chartBlock(model.charts.find((c) => c.id === "chart-storage-categories")));
    const rows = names.map((n) => {
      const c = storage.byCategory[n];
      const pct = c.quotaBytes > 0 ? c.sizeBytes / c.quotaBytes : Number.NaN;
      return [
        cell(n),
        cell(formatBytes(c.sizeBytes), c.sizeBytes),
        cell(formatBytes(c.quotaBytes), c.quotaBytes),
        { text: Number.isFinite(pct) ? formatPercent(pct, 1) : "no quota", sortValue: Number.isFinite(pct) ? pct : undefined, className: pct >= storage.criticalPct / 100 ? "neg" : undefined },
        cell(c.files.toLocaleString("en-US"), c.files),
      ];
    });
    parts.push(
      table("table-storage-categories", [{ label: "Category" }, { label: "Size", numeric: true }, { label: "Quota", numeric: true }, { label: "Of quota", numeric: true }, { label: "Files", numeric: true }], rows, true),
    );
  } else {
    parts.push(absent("storageCategories", "No categories in the storage section."));
  }

  parts.push("<h3>Largest objects</h3>");
  parts.push(
    storage.largest.length > 0
      ? table(
          "table-storage-largest",
          [{ label: "Key" }, { label: "Category" }, { label: "Size", numeric: true }],
          [...storage.largest].sort((a, b) => b.sizeBytes - a.sizeBytes).map((o) => [cell(o.key), cell(o.category ?? "(uncategorized)"), cell(formatBytes(o.sizeBytes), o.sizeBytes)]),
          true,
        )
      : absent("storageLargest", "The storage section lists no objects."),
  );

  parts.push("<h3>Cleanup suggestions</h3>");
  parts.push(
    storage.suggestions.length > 0
      ? table(
          "table-storage-suggestions",
          [{ label: "Action" }, { label: "Reason" }, { label: "Category" }, { label: "Frees", numeric: true }],
          storage.suggestions.map((s) => [cell(s.action), cell(s.reason), cell(s.category ?? ""), cell(typeof s.bytes === "number" ? formatBytes(s.bytes) : "", s.bytes ?? undefined)]),
          false,
        )
      : absent("storageSuggestions", "No cleanup suggestions: the monitor found nothing to clean up."),
  );

  parts.push("<h3>Circuit breaker events</h3>");
  parts.push(
    storage.circuitBreakerEvents.length > 0
      ? table(
          "table-circuit-breaker",
          [{ label: "Time" }, { label: "Event" }, { label: "Reason" }],
          storage.circuitBreakerEvents
            .map((e) => ({ ...e, ms: toEpochMs(e.time, "circuit breaker event") }))
            .sort((a, b) => a.ms - b.ms)
            .map((e) => [cell(formatTime(e.ms, zone, true), e.ms), cell(e.type), cell(e.reason)]),
          true,
        )
      : absent("circuitBreaker", "The circuit breaker did not trip during the run."),
  );
  return parts.join("\n");
}

const HEADLINE = ["Net Profit", "Compounding Annual Return", "Sharpe Ratio", "Drawdown", "Total Orders", "Win Rate", "End Equity", "Total Fees"];

/**
 * The report as one HTML document: validates `resultJson` (a `toResultJson` result, optionally with
 * `storage`, `greeks` and `exposure`), computes the charts and tables, inlines uPlot.
 * Throws `ReportInputError` naming the field when the input is not a result.
 */
export function buildReportHtml(resultJson: unknown, options: ReportOptions = {}): string {
  const { input, model, equity, maxRows } = prepare(resultJson, options);
  const assets = loadReportAssets();
  const zone = model.timeZone;
  const charts = new Map(model.charts.map((c) => [c.id, c]));
  const nav: Array<[string, string]> = [];
  const sections: string[] = [];

  const start = input.start ? Date.parse(input.start) : equity[0]?.time;
  const end = input.end ? Date.parse(input.end) : equity[equity.length - 1]?.time;
  const period = start !== undefined && end !== undefined && Number.isFinite(start) && Number.isFinite(end) ? `${formatDate(start, zone)} to ${formatDate(end, zone)} (${zone})` : `times in ${zone}`;
  const statistics = input.statistics ?? {};
  const tiles = HEADLINE.filter((k) => statistics[k] !== undefined)
    .map((k) => `<div class="tile"><div class="k">${escapeHtml(k)}</div><div class="v">${escapeHtml(statistics[k])}</div></div>`)
    .join("");

  if (input.equity !== undefined) {
    nav.push(["equity", "Equity"], ["drawdown", "Drawdown"], ["monthly", "Monthly returns"], ["statistics", "Statistics"], ["exposure", "Exposure"], ["greeks", "Greeks"], ["orders", "Orders"], ["trades", "Trades"]);
    const equityPart = charts.has("chart-equity")
      ? chartBlock(charts.get("chart-equity")) + (model.absent.benchmark ? absent("benchmark", model.absent.benchmark) : "")
      : absent("equity", model.absent.equity ?? "No equity series.");
    sections.push(`<section id="equity"><h2>Equity</h2>${equityPart}</section>`);
    sections.push(
      `<section id="drawdown"><h2>Drawdown</h2>${
        charts.has("chart-drawdown") ? `<p class="note">Maximum drawdown of the sampled equity: ${formatPercent(model.maxDrawdown ?? 0, 2)}.</p>${chartBlock(charts.get("chart-drawdown"))}` : absent("drawdown", "No equity series, so no drawdown.")
      }</section>`,
    );
    sections.push(
      `<section id="monthly"><h2>Monthly returns</h2>${
        model.monthly && model.monthly.years.length > 0
          ? `<p class="note">Each month's last equity value against the previous month's (calendar months in ${escapeHtml(zone)}).</p>${monthlyTable(model.monthly)}`
          : absent("monthly", "Too few equity points for monthly returns.")
      }</section>`,
    );
    sections.push(
      `<section id="statistics"><h2>Statistics</h2>${Object.keys(statistics).length > 0 ? statisticsTable(statistics) : absent("statistics", "No statistics in this result.")}</section>`,
    );
    sections.push(`<section id="exposure"><h2>Exposure</h2>${charts.has("chart-exposure") ? chartBlock(charts.get("chart-exposure")) : absent("exposure", model.absent.exposure ?? "No exposure data.")}</section>`);
    sections.push(
      `<section id="greeks"><h2>Greeks of the book</h2>${
        charts.has("chart-greeks-delta")
          ? `<div class="grid2">${["delta", "gamma", "vega", "theta"].map((g) => `<div>${chartBlock(charts.get(`chart-greeks-${g}`))}</div>`).join("")}</div>`
          : absent("greeks", model.absent.greeks ?? "No Greeks.")
      }</section>`,
    );
    const orders = input.orders ?? [];
    sections.push(`<section id="orders"><h2>Orders</h2>${orders.length > 0 ? ordersTable(orders, zone, maxRows) : absent("orders", "No orders: the algorithm placed none.")}</section>`);
    sections.push(`<section id="trades"><h2>Trades</h2>${model.trades.length > 0 ? tradesTable(model.trades, zone, maxRows) : absent("trades", "No closed trades: no position was both opened and closed.")}</section>`);
  }
  nav.push(["storage", "Storage"]);
  sections.push(`<section id="storage"><h2>Object store</h2>${input.storage ? storageSection(input.storage, model) : absent("storage", model.absent.storage ?? "No storage data.")}</section>`);

  const payload = { timeZone: zone, charts: model.charts };
  const footer = [`Made by tradeloom with uPlot ${assets.uPlotVersion} (inlined; this file loads nothing from the network).`];
  if (options.source) footer.push(`Source: ${options.source}.`);
  if (typeof input.dataPoints === "number") footer.push(`${input.dataPoints.toLocaleString("en-US")} data points.`);

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(model.title)}</title>
<style>${assets.uPlotCss}</style>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(model.title)}</h1>
<div class="period">${escapeHtml(period)}</div>
${tiles ? `<div class="tiles">${tiles}</div>` : ""}
<nav>${nav.map(([id, label]) => `<a href="#${id}">${escapeHtml(label)}</a>`).join("")}</nav>
</header>
<main>
${sections.join("\n")}
</main>
<footer>${escapeHtml(footer.join(" "))}</footer>
<script type="application/json" id="tradeloom-data">${jsonForScript(payload)}</script>
<script>${scriptForInline(assets.uPlotScript)}</script>
<script>${scriptForInline(CLIENT_SCRIPT)}</script>
</body>
</html>
`;
}

/** Reads a result JSON file; errors name the file. */
export function readResultJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ReportInputError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReportInputError(`${path} is not JSON: ${(error as Error).message}`);
  }
}

/** Builds the report and writes it (folders made as needed); returns the absolute path and the size in bytes. */
export function writeReportFile(resultJson: unknown, file: string, options: ReportOptions = {}): { path: string; bytes: number } {
  const path = resolve(file);
  const html = buildReportHtml(resultJson, options);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, html);
  return { path, bytes: Buffer.byteLength(html) };
}

/** The default output of `tradeloom report results/run.json`: results/run.html. */
export function defaultReportPath(resultFile: string): string {
  const name = basename(resultFile).replace(/\.json$/i, "");
  return resolve(dirname(resultFile), `${name}.html`);
}
