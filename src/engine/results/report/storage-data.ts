// The numbers behind the storage half of the report: usage against the guide's 80 / 90 / 100 % lines, the
// projection to full at the growth rate, each category against its quota, circuit breaker events on the
// same timeline. Pure functions of the `storage` section; sizes are binary (GB = 1024³), as src/storage.
import { roundTo, type ChartSeriesSpec, type ChartSpec } from "./chart-spec.ts";
import { toEpochMs, type ReportStorageSection } from "./report-input.ts";

export const GB = 1024 ** 3;
export const MB = 1024 ** 2;
const DAY_MS = 86_400_000;

/** When the store is full at the growth rate, or null when it is not growing (or there is no sample). */
export interface FullProjection {
  /** The last sample: time (ms) and usage in percent. */
  fromTime: number;
  fromPct: number;
  /** Time (ms) usage reaches 100 %. */
  fullTime: number;
  daysUntilFull: number;
}

/**
 * The projection to full: `daysUntilFull` as the monitor reported it, or, when only the growth rate is
 * given, (free bytes ÷ growth per day) from the last sample.
 */
export function projectToFull(storage: ReportStorageSection): FullProjection | null {
  const samples = sortedSamples(storage);
  const last = samples[samples.length - 1];
  if (!last) return null;
  let days = storage.daysUntilFull ?? null;
  if (days === null && storage.growthRateGbPerDay !== undefined && storage.growthRateGbPerDay !== null && storage.growthRateGbPerDay > 0) {
    days = Math.max(0, (storage.maxBytes - last.usedBytes) / (storage.growthRateGbPerDay * GB));
  }
  if (days === null || !Number.isFinite(days) || days < 0) return null;
  return { fromTime: last.time, fromPct: (last.usedBytes / storage.maxBytes) * 100, fullTime: last.time + days * DAY_MS, daysUntilFull: days };
}

function sortedSamples(storage: ReportStorageSection): Array<{ time: number; usedBytes: number; files: number }> {
  return storage.samples
    .map((s, i) => ({ time: toEpochMs(s.time, `"storage.samples" item ${i} time`), usedBytes: s.usedBytes, files: s.files }))
    .sort((a, b) => a.time - b.time);
}

/** Linear interpolation of usage % at `time` between samples (held flat outside them). */
function usageAt(samples: ReadonlyArray<{ time: number; pct: number }>, time: number): number | null {
  if (samples.length === 0) return null;
  if (time <= samples[0].time) return samples[0].pct;
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1];
    const b = samples[i];
    if (time <= b.time) return b.time === a.time ? b.pct : a.pct + ((b.pct - a.pct) * (time - a.time)) / (b.time - a.time);
  }
  return samples[samples.length - 1].pct;
}

const EVENT_COLOURS = ["#c0392b", "#27ae60", "#8e44ad", "#d35400"];

/**
 * Usage over time in percent of the tier, with the files in percent of the file limit, the alert, critical
 * and full lines, the dashed projection to 100 %, and one marker series per circuit breaker event type
 * (placed on the usage line at the event's time).
 */
export function storageUsageChart(storage: ReportStorageSection): ChartSpec {
  const samples = sortedSamples(storage);
  const usage = samples.map((s) => ({ time: s.time, pct: (s.usedBytes / storage.maxBytes) * 100 }));
  const projection = projectToFull(storage);
  const events = storage.circuitBreakerEvents.map((e, i) => ({ ...e, ms: toEpochMs(e.time, `"storage.circuitBreakerEvents" item ${i} time`) }));
  const times = new Set<number>(samples.map((s) => s.time));
  for (const e of events) times.add(e.ms);
  if (projection) times.add(projection.fullTime);
  const x = [...times].sort((a, b) => a - b);
  const index = new Map(x.map((t, i) => [t, i]));
  const column = () => new Array<number | null>(x.length).fill(null);

  const used = column();
  const files = column();
  for (const s of samples) {
    used[index.get(s.time)!] = roundTo((s.usedBytes / storage.maxBytes) * 100, 3);
    files[index.get(s.time)!] = storage.maxFiles > 0 ? roundTo((s.files / storage.maxFiles) * 100, 3) : null;
  }
  const level = (pct: number) => x.map(() => pct);
  const series: ChartSeriesSpec[] = [
    { label: "Used (% of tier)", values: used, color: "#2c6fbb", fill: "rgba(44,111,187,0.12)", width: 2 },
    { label: `Files (% of ${storage.maxFiles.toLocaleString("en-US")})`, values: files, color: "#7f8c8d", width: 1 },
    { label: `Alert ${storage.alertPct} %`, values: level(storage.alertPct), color: "#e6a700", dash: [6, 4], width: 1 },
    { label: `Critical ${storage.criticalPct} %`, values: level(storage.criticalPct), color: "#d35400", dash: [6, 4], width: 1 },
    { label: "Full 100 %", values: level(100), color: "#c0392b", dash: [2, 3], width: 1 },
  ];
  if (projection) {
    const values = column();
    values[index.get(projection.fromTime)!] = roundTo(projection.fromPct, 3);
    values[index.get(projection.fullTime)!] = 100;
    series.push({ label: `Projection: full in ${projection.daysUntilFull.toFixed(0)} days`, values, color: "#c0392b", dash: [8, 6], width: 2 });
  }
  const types = [...new Set(events.map((e) => e.type))];
  types.forEach((type, k) => {
    const values = column();
    for (const e of events) if (e.type === type) values[index.get(e.ms)!] = roundTo(usageAt(usage, e.ms), 3);
    series.push({ label: `Circuit breaker: ${type}`, values, color: EVENT_COLOURS[k % EVENT_COLOURS.length], style: "points" });
  });
  const top = Math.max(105, ...used.filter((v): v is number => v !== null), ...files.filter((v): v is number => v !== null));
  return {
    id: "chart-storage-usage",
    title: "Storage used over time, against the alert, critical and full lines",
    xKind: "time",
    x: x.map((t) => t / 1000),
    yFormat: "percent",
    series,
    yRange: [0, Math.ceil(top)],
    height: 320,
  };
}

/** Size per category (MB) beside its quota, as grouped bars. */
export function storageCategoryChart(storage: ReportStorageSection): ChartSpec {
  const names = Object.keys(storage.byCategory);
  const mb = (bytes: number) => roundTo(bytes / MB, 2);
  return {
    id: "chart-storage-categories",
    title: "Size per category against its quota (MB)",
    xKind: "category",
    x: names.map((_, i) => i),
    categories: names,
    yFormat: "megabytes",
    series: [
      { label: "Used", values: names.map((n) => mb(storage.byCategory[n].sizeBytes)), color: "#2c6fbb", fill: "rgba(44,111,187,0.85)", style: "bars", barAlign: -1 },
      { label: "Quota", values: names.map((n) => mb(storage.byCategory[n].quotaBytes)), color: "#95a5a6", fill: "rgba(149,165,166,0.55)", style: "bars", barAlign: 1 },
    ],
    height: 300,
  };
}

/** `2.35 GB`, `234.5 MB`, `12.0 KB`, `512 B`: binary units, as the storage log lines. */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= GB) return `${(bytes / GB).toFixed(2)} GB`;
  if (abs >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  if (abs >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
