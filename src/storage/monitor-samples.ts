// The storage monitor's usage history: one sample (time, bytes, files) per check, stored in the
// `monitoring_data` category under `monitoring/storage_usage/<yyyymmdd_HHMMSS>` (UTC, the clock
// in use: simulated time in a backtest), so the growth rate spans runs. The figures are in the
// object's metadata as well as its value, so loading the history is one prefix listing of
// metadata, never a read of values. Also the growth estimator and the projection to full.
// Pure values and functions: no store I/O here.
import { ObjectStoreError } from "./errors.ts";

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Every sample key starts with this. */
export const USAGE_SAMPLE_PREFIX = "monitoring/storage_usage/";

/** Misuse of the storage monitor, or a stored sample it cannot read; the message names the key or option. */
export class StorageMonitorError extends ObjectStoreError {}

export interface UsageSample {
  /** epoch ms on the monitor's clock */
  time: number;
  totalBytes: number;
  files: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `monitoring/storage_usage/20240102_060000`: the sample key for a time (UTC, whole seconds). */
export function usageSampleKey(time: number): string {
  const d = new Date(time);
  const year = d.getUTCFullYear();
  if (!Number.isFinite(time) || year < 1000 || year > 9999) {
    throw new StorageMonitorError(`sample time ${String(time)}: must be a time between the years 1000 and 9999 (epoch ms)`);
  }
  return (
    `${USAGE_SAMPLE_PREFIX}${year}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}_` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
  );
}

const KEY_PATTERN = /^monitoring\/storage_usage\/\d{8}_\d{6}$/;

function nonNegativeInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** The metadata a sample is saved with (the guide's snake_case). */
export interface UsageSampleMetadata {
  sample_time: number;
  total_bytes: number;
  files: number;
}

export function sampleMetadata(sample: UsageSample): UsageSampleMetadata {
  return { sample_time: sample.time, total_bytes: sample.totalBytes, files: sample.files };
}

/**
 * A stored sample from its key and metadata; throws StorageMonitorError naming the key when an
 * object under the sample prefix is not one of the monitor's samples.
 */
export function parseUsageSample(key: string, metadata: Record<string, unknown> | null): UsageSample {
  const where = `key ${JSON.stringify(key)}`;
  if (!KEY_PATTERN.test(key)) {
    throw new StorageMonitorError(`${where}: not a storage usage sample key (expected ${USAGE_SAMPLE_PREFIX}yyyymmdd_HHMMSS); move it out of ${USAGE_SAMPLE_PREFIX}`);
  }
  if (metadata === null) throw new StorageMonitorError(`${where}: the sample has no metadata (expected sample_time, total_bytes, files)`);
  for (const field of ["sample_time", "total_bytes", "files"] as const) {
    if (!nonNegativeInteger(metadata[field])) {
      throw new StorageMonitorError(`${where}: metadata.${field} must be a non-negative integer, got ${JSON.stringify(metadata[field]) ?? "nothing"}`);
    }
  }
  const time = metadata.sample_time as number;
  if (usageSampleKey(time) !== key) {
    throw new StorageMonitorError(`${where}: metadata.sample_time ${new Date(time).toISOString()} does not match the key's time`);
  }
  return { time, totalBytes: metadata.total_bytes as number, files: metadata.files as number };
}

/**
 * The samples in time order, one per key (second). The history is one timeline: a sample at time
 * t supersedes every sample after t, so a run replaying a period the store has samples for (a
 * second backtest over the same dates) rewrites that part of the history instead of mixing two
 * runs' figures; a run that continues after the last sample (the next period, or live trading
 * after a backtest) extends it.
 */
export class UsageHistory {
  private readonly samples: UsageSample[] = [];

  /** Loads stored samples (any order); for two of one key the later in the array wins. */
  constructor(samples: Iterable<UsageSample> = []) {
    const byKey = new Map<string, UsageSample>();
    for (const s of samples) byKey.set(usageSampleKey(s.time), s);
    this.samples = [...byKey.values()].sort((a, b) => a.time - b.time);
  }

  get length(): number {
    return this.samples.length;
  }

  all(): readonly UsageSample[] {
    return this.samples;
  }

  last(): UsageSample | undefined {
    return this.samples[this.samples.length - 1];
  }

  /**
   * Adds a sample; returns the keys of the samples it supersedes (strictly later seconds), which
   * the caller deletes from the store. A sample of the same second replaces the old one in place
   * (the store overwrites the key).
   */
  add(sample: UsageSample): string[] {
    const key = usageSampleKey(sample.time);
    const superseded: string[] = [];
    while (this.samples.length > 0) {
      const tail = this.samples[this.samples.length - 1];
      const tailKey = usageSampleKey(tail.time);
      if (tailKey < key) break;
      if (tailKey !== key) superseded.push(tailKey);
      this.samples.pop();
    }
    this.samples.push(sample);
    return superseded;
  }

  /** Drops samples before `time` from memory (they have expired in the store). */
  dropBefore(time: number): void {
    const i = this.firstIndexAtOrAfter(time);
    if (i > 0) this.samples.splice(0, i);
  }

  /** The samples with from <= time <= to. */
  between(from: number, to: number): UsageSample[] {
    const out: UsageSample[] = [];
    for (let i = this.firstIndexAtOrAfter(from); i < this.samples.length && this.samples[i].time <= to; i++) out.push(this.samples[i]);
    return out;
  }

  private firstIndexAtOrAfter(time: number): number {
    let lo = 0;
    let hi = this.samples.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.samples[mid].time < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface GrowthEstimate {
  /** least-squares slope of total bytes over time, per day of the clock in use */
  bytesPerDay: number;
  filesPerDay: number;
  /** samples the estimate used */
  samples: number;
  /** days between its first and last sample */
  spanDays: number;
}

/**
 * Least-squares slopes of bytes and files against time (days) over the given samples. A slope
 * rather than first-to-last: one cleanup or one large save at either end of the window does not
 * decide the rate alone. Null with fewer than two samples or when they span less than `minSpanMs`
 * (two samples a second apart say nothing about a daily rate).
 */
export function estimateGrowth(samples: readonly UsageSample[], minSpanMs: number): GrowthEstimate | null {
  const n = samples.length;
  if (n < 2) return null;
  const t0 = samples[0].time;
  const span = samples[n - 1].time - t0;
  if (span <= 0 || span < minSpanMs) return null;
  let sx = 0;
  let sb = 0;
  let sf = 0;
  for (const s of samples) {
    sx += (s.time - t0) / DAY_MS;
    sb += s.totalBytes;
    sf += s.files;
  }
  const mx = sx / n;
  const mb = sb / n;
  const mf = sf / n;
  let sxx = 0;
  let sxb = 0;
  let sxf = 0;
  for (const s of samples) {
    const dx = (s.time - t0) / DAY_MS - mx;
    sxx += dx * dx;
    sxb += dx * (s.totalBytes - mb);
    sxf += dx * (s.files - mf);
  }
  return { bytesPerDay: sxb / sxx, filesPerDay: sxf / sxx, samples: n, spanDays: span / DAY_MS };
}

/**
 * Days until the store is full: bytes and files each against their limit at their own growth
 * rate, whichever comes first. 0 when either limit is already reached; null when neither bytes
 * nor files are growing (or there is no estimate).
 */
export function projectDaysUntilFull(
  current: { totalBytes: number; files: number },
  limits: { maxSizeBytes: number; maxFiles: number },
  growth: GrowthEstimate | null,
): number | null {
  if (current.totalBytes >= limits.maxSizeBytes || current.files >= limits.maxFiles) return 0;
  if (!growth) return null;
  const candidates: number[] = [];
  if (growth.bytesPerDay > 0) candidates.push((limits.maxSizeBytes - current.totalBytes) / growth.bytesPerDay);
  if (growth.filesPerDay > 0) candidates.push((limits.maxFiles - current.files) / growth.filesPerDay);
  return candidates.length === 0 ? null : Math.min(...candidates);
}
