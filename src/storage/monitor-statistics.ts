// The storage monitor's numbers as pure functions of plain values: the level against the
// guide's thresholds, the statistics (`getStatistics()`, and their snake_case JSON), and the
// cleanup suggestions. No store I/O: the synchronous monitor and the asynchronous `store stats`
// feed them the same inputs.
import { GB, MB, type ObjectStoreSettings } from "./config.ts";
import { StorageCategory } from "./categories.ts";
import { nextTier, tierCost, formatMonthlyPrice } from "./monitor-cost.ts";
import {
  DAY_MS,
  HOUR_MS,
  USAGE_SAMPLE_PREFIX,
  estimateGrowth,
  projectDaysUntilFull,
  type GrowthEstimate,
  type UsageSample,
} from "./monitor-samples.ts";
import type { ManagerUsage } from "./manager-core.ts";

/** ok below alert_threshold_pct; warning from it; critical from critical_threshold_pct; full at 100%. */
export type StorageLevel = "ok" | "warning" | "critical" | "full";

export interface StorageThresholds {
  alertThresholdPct: number;
  criticalThresholdPct: number;
}

/**
 * The level of bytes and files together: whichever is further along decides (12,543 files of
 * 50,000 is 25%; 45,000 of 50,000 files is a warning however few bytes they hold). Compared by
 * cross-multiplication, so 80% of the limit is a warning exactly at the boundary.
 */
export function storageLevel(
  usage: { totalBytes: number; files: number; maxSizeBytes: number; maxFiles: number },
  thresholds: StorageThresholds,
): StorageLevel {
  const atLeast = (pct: number) => usage.totalBytes * 100 >= pct * usage.maxSizeBytes || usage.files * 100 >= pct * usage.maxFiles;
  if (atLeast(100)) return "full";
  if (atLeast(thresholds.criticalThresholdPct)) return "critical";
  if (atLeast(thresholds.alertThresholdPct)) return "warning";
  return "ok";
}

export interface CategoryStatistics {
  sizeMb: number;
  files: number;
  /** the category's storage_allocation in MB; null for uncategorised objects (no quota) */
  quotaMb: number | null;
  /** size in percent of the quota; null without a quota */
  usagePct: number | null;
}

/** What `getStatistics()` returns. Sizes are binary (GB = 1024³ bytes, MB = 1024²). */
export interface StorageStatistics {
  /** epoch ms on the monitor's clock */
  time: number;
  level: StorageLevel;
  currentUsageGb: number;
  maxStorageGb: number;
  /** bytes in percent of max_storage_gb (the guide's `Storage Used` percentage) */
  usagePct: number;
  files: number;
  maxFiles: number;
  filesPct: number;
  /** least-squares growth per day of the clock in use; null without enough history */
  growthRateGbPerDay: number | null;
  growthRateFilesPerDay: number | null;
  /** until bytes or files reach their limit, whichever first; 0 when full; null when not growing */
  daysUntilFull: number | null;
  /** samples behind the growth rate */
  growthSamples: number;
  /** every guide category; "" holds objects saved without a category */
  byCategory: Record<string, CategoryStatistics>;
  tier: string;
  /** the tier's monthly price (see monitor-cost.ts); null for a tier the cost table does not know */
  monthlyCostUsd: number | null;
  /** the exact figures behind the GB ones */
  totalBytes: number;
  maxSizeBytes: number;
}

export interface CategoryStatisticsJson {
  size_mb: number;
  files: number;
  quota_mb: number | null;
  usage_pct: number | null;
}

/** The statistics as JSON, with the guide's snake_case names. */
export interface StorageStatisticsJson {
  time: string;
  level: StorageLevel;
  current_usage_gb: number;
  max_storage_gb: number;
  usage_pct: number;
  files: number;
  max_files: number;
  files_pct: number;
  growth_rate_gb_per_day: number | null;
  growth_rate_files_per_day: number | null;
  days_until_full: number | null;
  growth_samples: number;
  by_category: Record<string, CategoryStatisticsJson>;
  tier: string;
  monthly_cost_usd: number | null;
  total_bytes: number;
  max_size_bytes: number;
}

export function statisticsToJson(s: StorageStatistics): StorageStatisticsJson {
  const byCategory: Record<string, CategoryStatisticsJson> = {};
  for (const [name, c] of Object.entries(s.byCategory)) {
    byCategory[name] = { size_mb: c.sizeMb, files: c.files, quota_mb: c.quotaMb, usage_pct: c.usagePct };
  }
  return {
    time: new Date(s.time).toISOString(),
    level: s.level,
    current_usage_gb: s.currentUsageGb,
    max_storage_gb: s.maxStorageGb,
    usage_pct: s.usagePct,
    files: s.files,
    max_files: s.maxFiles,
    files_pct: s.filesPct,
    growth_rate_gb_per_day: s.growthRateGbPerDay,
    growth_rate_files_per_day: s.growthRateFilesPerDay,
    days_until_full: s.daysUntilFull,
    growth_samples: s.growthSamples,
    by_category: byCategory,
    tier: s.tier,
    monthly_cost_usd: s.monthlyCostUsd,
    total_bytes: s.totalBytes,
    max_size_bytes: s.maxSizeBytes,
  };
}

/** How far back from the newest sample the growth rate looks, and how long a span it needs. */
export interface GrowthWindow {
  days: number;
  minSpanHours: number;
}

/** The samples behind the growth rate: those within `window.days` before the newest one. */
export function growthSamples(samples: readonly UsageSample[], window: GrowthWindow): UsageSample[] {
  const last = samples[samples.length - 1];
  if (!last) return [];
  const from = last.time - window.days * DAY_MS;
  return samples.filter((s) => s.time >= from);
}

export function growthFor(samples: readonly UsageSample[], window: GrowthWindow): GrowthEstimate | null {
  return estimateGrowth(growthSamples(samples, window), window.minSpanHours * HOUR_MS);
}

/**
 * The statistics of a usage (from the counters) and the growth over the samples (in time order;
 * the caller passes those of the growth window).
 */
export function buildStatistics(input: {
  usage: ManagerUsage;
  settings: ObjectStoreSettings;
  growth: GrowthEstimate | null;
  time: number;
}): StorageStatistics {
  const { usage, settings, growth } = input;
  const byCategory: Record<string, CategoryStatistics> = {};
  for (const [name, c] of Object.entries(usage.byCategory)) {
    const quota = Object.hasOwn(settings.categoryQuotas, name) ? settings.categoryQuotas[name as StorageCategory].bytes : null;
    byCategory[name] = {
      sizeMb: c.bytes / MB,
      files: c.files,
      quotaMb: quota === null ? null : quota / MB,
      usagePct: quota === null || quota === 0 ? null : (c.bytes / quota) * 100,
    };
  }
  const cost = tierCost(settings.tier);
  const statistics: StorageStatistics = {
    time: input.time,
    level: storageLevel(usage, settings.usageMonitoring),
    currentUsageGb: usage.totalBytes / GB,
    maxStorageGb: usage.maxSizeBytes / GB,
    usagePct: usage.maxSizeBytes > 0 ? (usage.totalBytes / usage.maxSizeBytes) * 100 : 0,
    files: usage.files,
    maxFiles: usage.maxFiles,
    filesPct: usage.maxFiles > 0 ? (usage.files / usage.maxFiles) * 100 : 0,
    growthRateGbPerDay: growth ? growth.bytesPerDay / GB : null,
    growthRateFilesPerDay: growth ? growth.filesPerDay : null,
    daysUntilFull: projectDaysUntilFull(usage, usage, growth),
    growthSamples: growth ? growth.samples : 0,
    byCategory,
    tier: settings.tier,
    monthlyCostUsd: cost ? cost.monthlyUsd : null,
    totalBytes: usage.totalBytes,
    maxSizeBytes: usage.maxSizeBytes,
  };
  // JSON.stringify(statistics) writes the guide's names; not enumerable, so equality ignores it
  Object.defineProperty(statistics, "toJSON", { value: () => statisticsToJson(statistics), enumerable: false });
  return statistics;
}

// ---- cleanup suggestions -----------------------------------------------------------------

export type CleanupActionName =
  | "remove_expired"
  | "reduce_category"
  | "drop_cache"
  | "review_largest"
  | "review_oldest"
  | "upgrade_tier";

/** One suggestion: `Suggestion: {action} ({reason})` as the guide logs it. */
export interface CleanupAction {
  action: CleanupActionName;
  reason: string;
  /** the category it is about; null for the whole store */
  category: string | null;
  /** bytes it would free (for upgrade_tier: the extra capacity) */
  bytes: number;
  /** the object it is about (largest and oldest) */
  key?: string;
}

export interface CleanupSuggestions {
  actions: CleanupAction[];
}

/** Categories that only cache what can be computed again: dropping them loses nothing. */
export const CACHE_CATEGORIES: readonly string[] = [StorageCategory.LLM_CACHE];

/** An object as the suggestions see it (metadata only). */
export interface ObjectSummary {
  key: string;
  category: string | null;
  sizeBytes: number;
  createdAt: number;
  expiresAt: number | null;
}

const mb = (bytes: number) => (bytes / MB).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
const categoryName = (c: string | null) => (c === null || c === "" ? "(uncategorized)" : c);

/**
 * The guide's cleanup suggestions, in this order: expired objects (per category), categories
 * over or near their quota, cache categories that can be dropped, the largest and the oldest
 * live objects (the monitor's own samples left out), and the next tier when every sample of the
 * growth window was at or over the alert threshold (the guide: "Consider 10GB tier ($50/month)
 * if consistently over 80%").
 */
export function suggestCleanupActions(input: {
  objects: readonly ObjectSummary[];
  usage: ManagerUsage;
  settings: ObjectStoreSettings;
  now: number;
  /** the samples of the growth window, in time order */
  recentSamples: readonly UsageSample[];
  /** how many largest and oldest objects to name (default 5) */
  top?: number;
}): CleanupSuggestions {
  const { objects, usage, settings, now } = input;
  const top = input.top ?? 5;
  const alertPct = settings.usageMonitoring.alertThresholdPct;
  const actions: CleanupAction[] = [];

  const expired = new Map<string, { files: number; bytes: number }>();
  const live: ObjectSummary[] = [];
  for (const o of objects) {
    if (o.expiresAt !== null && o.expiresAt <= now) {
      const c = o.category ?? "";
      const e = expired.get(c) ?? { files: 0, bytes: 0 };
      e.files += 1;
      e.bytes += o.sizeBytes;
      expired.set(c, e);
    } else if (!o.key.startsWith(USAGE_SAMPLE_PREFIX)) {
      live.push(o);
    }
  }
  for (const [category, e] of expired) {
    actions.push({
      action: "remove_expired",
      reason: `${count(e.files, "expired object")} in ${categoryName(category)}, ${mb(e.bytes)}MB`,
      category: category === "" ? null : category,
      bytes: e.bytes,
    });
  }

  for (const [category, c] of Object.entries(usage.byCategory)) {
    if (!Object.hasOwn(settings.categoryQuotas, category)) continue;
    const quota = settings.categoryQuotas[category as StorageCategory].bytes;
    if (quota <= 0 && c.bytes === 0) continue;
    if (c.bytes >= quota) {
      actions.push({
        action: "reduce_category",
        reason: `${category} is over its quota: ${mb(c.bytes)}MB of ${mb(quota)}MB`,
        category,
        bytes: c.bytes - quota,
      });
    } else if (c.bytes * 100 >= alertPct * quota) {
      actions.push({
        action: "reduce_category",
        reason: `${category} is at ${((c.bytes / quota) * 100).toFixed(1)}% of its quota: ${mb(c.bytes)}MB of ${mb(quota)}MB`,
        category,
        bytes: Math.ceil(c.bytes - (alertPct * quota) / 100),
      });
    }
  }

  for (const category of CACHE_CATEGORIES) {
    const c = usage.byCategory[category];
    if (c && c.files > 0) {
      actions.push({
        action: "drop_cache",
        reason: `${category} is a cache: its ${count(c.files, "object")} (${mb(c.bytes)}MB) can be computed again`,
        category,
        bytes: c.bytes,
      });
    }
  }

  const largest = [...live].sort((a, b) => b.sizeBytes - a.sizeBytes || a.createdAt - b.createdAt).slice(0, top);
  for (const o of largest) {
    actions.push({
      action: "review_largest",
      reason: `${JSON.stringify(o.key)} is ${mb(o.sizeBytes)}MB (${categoryName(o.category)})`,
      category: o.category,
      bytes: o.sizeBytes,
      key: o.key,
    });
  }
  const oldest = [...live].sort((a, b) => a.createdAt - b.createdAt).slice(0, top);
  for (const o of oldest) {
    actions.push({
      action: "review_oldest",
      reason: `${JSON.stringify(o.key)} was saved ${new Date(o.createdAt).toISOString()} (${categoryName(o.category)}, ${mb(o.sizeBytes)}MB${
        o.expiresAt === null ? ", never expires" : ""
      })`,
      category: o.category,
      bytes: o.sizeBytes,
      key: o.key,
    });
  }

  const recent = input.recentSamples;
  const overAlert = (s: { totalBytes: number; files: number }) =>
    storageLevel({ ...s, maxSizeBytes: usage.maxSizeBytes, maxFiles: usage.maxFiles }, settings.usageMonitoring) !== "ok";
  const upgrade = nextTier(settings.tier);
  if (upgrade && overAlert(usage) && recent.length >= 2 && recent.every(overAlert)) {
    const days = (recent[recent.length - 1].time - recent[0].time) / DAY_MS;
    actions.push({
      action: "upgrade_tier",
      reason: `Consider ${upgrade.tier} tier (${formatMonthlyPrice(upgrade.monthlyUsd)}${upgrade.source === "derived" ? `, derived: ${upgrade.derivedFrom}` : ""}): at or over ${alertPct}% in all ${recent.length} samples of the last ${days.toFixed(1)} days`,
      category: null,
      bytes: Math.max(0, Math.round(upgrade.sizeGb * GB) - usage.maxSizeBytes),
    });
  }
  return { actions };
}
