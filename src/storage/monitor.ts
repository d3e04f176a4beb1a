// The storage monitor (the guide's Monitoring & Alerts): at each check it logs the guide's two
// lines, records a usage sample in the store (`monitoring_data`, so the growth rate spans runs),
// and answers the thresholds from usage_monitoring: warning (log it, suggest cleanup), critical
// (trip the circuit breaker with "Storage critical: 90%+ full", clean up expired objects), full
// (also halt trading until a person resets it). Files count toward the same thresholds as bytes.
//
// It works on the synchronous manager (the replay loop is synchronous) and the run's clock
// (simulated days in a backtest). It must not know the engine or the circuit breaker: it calls
// the callbacks it is given. Cheap per check: usage comes from the store's counters, the sample
// history is listed once (metadata only, one prefix listing) and kept in memory after that.
import type { ObjectStoreSettings } from "./config.ts";
import { StorageCategory } from "./categories.ts";
import { CategoryQuotaExceededError, StorageLimitExceededError } from "./errors.ts";
import { formatFilesLine, formatStorageLine } from "./report.ts";
import {
  DAY_MS,
  HOUR_MS,
  USAGE_SAMPLE_PREFIX,
  StorageMonitorError,
  UsageHistory,
  parseUsageSample,
  sampleMetadata,
  usageSampleKey,
  type UsageSample,
} from "./monitor-samples.ts";
import {
  buildStatistics,
  growthFor,
  growthSamples,
  storageLevel,
  suggestCleanupActions,
  type CleanupSuggestions,
  type GrowthWindow,
  type ObjectSummary,
  type StorageLevel,
  type StorageStatistics,
} from "./monitor-statistics.ts";
import type { ManagerUsage, ObjectMetadata } from "./manager-core.ts";
import type { ObjectStoreManager } from "./manager.ts";
import type { SyncObjectStoreManager } from "./sync-object-store.ts";

/** What the monitor does outside the store: the engine wires these to its log and its circuit breaker. */
export interface StorageMonitorCallbacks {
  /** the two usage lines at every check, cleanup results, suggestions */
  log(line: string): void;
  /** threshold alerts, and a sample that could not be saved */
  warn(line: string): void;
  /** critical and full: `Storage critical: 90%+ full` */
  tripCircuitBreaker(reason: string): void;
  /** full: no new orders until a person resets */
  haltTrading(reason: string): void;
}

export interface StorageMonitorOptions extends StorageMonitorCallbacks {
  manager: SyncObjectStoreManager;
  /** the run's clock, epoch ms (simulated time in a backtest); default the store's clock */
  now?: () => number;
  /** growth rate over the samples of this many days before the newest sample (default 30) */
  growthWindowDays?: number;
  /** the least span of samples a growth rate is computed from (default usage_monitoring.check_interval_hours) */
  minGrowthSpanHours?: number;
  /** samples expire after this many days on the store's clock (default 90, at least growthWindowDays) */
  sampleRetentionDays?: number;
  /** where usage comes from (default the manager's counters): synthetic figures for reports and tests */
  usage?: () => ManagerUsage;
  /** how many largest and oldest objects suggestCleanup names (default 5) */
  suggestionsTop?: number;
  /**
   * at warning and above, a check logs suggestions when none were logged for this many hours of
   * the clock, or the level rose since (default 24): the same list every 6 hours is noise, and
   * it costs a listing of the store's metadata
   */
  suggestionIntervalHours?: number;
}

/** The storage section of the HTML report's input (src/engine/results/report/report-input.ts). */
export interface StorageReportSection {
  samples: Array<{ time: number; usedBytes: number; files: number }>;
  maxBytes: number;
  maxFiles: number;
  alertPct: number;
  criticalPct: number;
  growthRateGbPerDay: number | null;
  daysUntilFull: number | null;
  byCategory: Record<string, { sizeBytes: number; files: number; quotaBytes: number }>;
  largest: Array<{ key: string; category: string | null; sizeBytes: number }>;
  suggestions: Array<{ action: string; reason: string; category: string | null; bytes: number }>;
  circuitBreakerEvents: Array<{ time: string | number; type: string; reason: string }>;
}

export type StorageCheckActionName = "warned" | "tripped_circuit_breaker" | "cleaned_up_expired" | "halted_trading" | "suggested_cleanup";

export interface StorageCheckAction {
  action: StorageCheckActionName;
  detail: string;
  /** objects removed (cleaned_up_expired) or suggestions made (suggested_cleanup) */
  count?: number;
}

export interface StorageCheck {
  time: number;
  /** the level of the usage the check found (before its cleanup) */
  level: StorageLevel;
  /** after the check's actions: the usage it recorded as its sample */
  statistics: StorageStatistics;
  actionsTaken: StorageCheckAction[];
  /** every line it logged or warned, in order */
  messages: string[];
  /** at warning and above, when due (see suggestionIntervalHours) */
  suggestions: CleanupSuggestions | null;
  /** the key of the sample it recorded (null when the store refused the save; see messages) */
  sampleKey: string | null;
}

export const DEFAULT_GROWTH_WINDOW_DAYS = 30;
export const DEFAULT_SAMPLE_RETENTION_DAYS = 90;

/** `Storage warning: 80%+ full` */
export function storageWarningMessage(alertThresholdPct: number): string {
  return `Storage warning: ${alertThresholdPct}%+ full`;
}
/** `Storage critical: 90%+ full`: the circuit breaker's trip reason (the guide's alert text). */
export function storageCriticalMessage(criticalThresholdPct: number): string {
  return `Storage critical: ${criticalThresholdPct}%+ full`;
}
/** The halt reason when bytes or files reach 100%. */
export const STORAGE_FULL_MESSAGE = "Storage full: 100% used, manual intervention required";

function positive(value: number | undefined, name: string, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new StorageMonitorError(`${name} must be a ${allowZero ? "non-negative" : "positive"} number, got ${String(value)}`);
  }
  return value;
}

function resolveWindow(settings: ObjectStoreSettings, options: { growthWindowDays?: number; minGrowthSpanHours?: number }): GrowthWindow {
  return {
    days: positive(options.growthWindowDays, "growthWindowDays", DEFAULT_GROWTH_WINDOW_DAYS),
    minSpanHours: positive(options.minGrowthSpanHours, "minGrowthSpanHours", settings.usageMonitoring.checkIntervalHours, true),
  };
}

function samplesFromListing(listing: readonly ObjectMetadata[]): UsageSample[] {
  return listing.map((m) => parseUsageSample(m.key, m.metadata));
}

export class StorageMonitor {
  readonly manager: SyncObjectStoreManager;
  readonly settings: ObjectStoreSettings;
  readonly now: () => number;
  readonly growthWindow: GrowthWindow;
  readonly sampleRetentionDays: number;
  private readonly callbacks: StorageMonitorCallbacks;
  private readonly usageSource: () => ManagerUsage;
  private readonly top: number;
  private readonly suggestionIntervalHours: number;
  private loaded: UsageHistory | null = null;
  private lastCheck: number | null = null;
  private lastSuggested: { time: number; level: StorageLevel } | null = null;

  constructor(options: StorageMonitorOptions) {
    if (!options || typeof options !== "object" || !options.manager) throw new StorageMonitorError("new StorageMonitor: options.manager is required");
    for (const name of ["log", "warn", "tripCircuitBreaker", "haltTrading"] as const) {
      if (typeof options[name] !== "function") throw new StorageMonitorError(`new StorageMonitor: options.${name} must be a function`);
    }
    this.manager = options.manager;
    this.settings = options.manager.store.settings;
    this.now = options.now ?? options.manager.store.now;
    this.growthWindow = resolveWindow(this.settings, options);
    this.sampleRetentionDays = positive(options.sampleRetentionDays, "sampleRetentionDays", Math.max(DEFAULT_SAMPLE_RETENTION_DAYS, this.growthWindow.days));
    if (this.sampleRetentionDays < this.growthWindow.days) {
      throw new StorageMonitorError(
        `sampleRetentionDays (${this.sampleRetentionDays}) must be at least growthWindowDays (${this.growthWindow.days}): the growth rate needs the window's samples`,
      );
    }
    const top = options.suggestionsTop ?? 5;
    if (!Number.isInteger(top) || top < 0) throw new StorageMonitorError(`suggestionsTop must be a whole number >= 0, got ${String(top)}`);
    this.top = top;
    this.suggestionIntervalHours = positive(options.suggestionIntervalHours, "suggestionIntervalHours", 24, true);
    this.callbacks = { log: options.log, warn: options.warn, tripCircuitBreaker: options.tripCircuitBreaker, haltTrading: options.haltTrading };
    const manager = options.manager;
    this.usageSource = options.usage ?? (() => manager.usage());
  }

  /** The recorded samples in time order (loaded from the store on first use). */
  samples(): readonly UsageSample[] {
    return this.history().all();
  }

  /** Current usage (counters) with the growth rate and projection from the recorded samples. */
  getStatistics(): StorageStatistics {
    return this.statisticsOf(this.usageSource(), this.now());
  }

  /** Below alert_threshold_pct in bytes and in files. */
  isHealthy(): boolean {
    return storageLevel(this.usageSource(), this.settings.usageMonitoring) === "ok";
  }

  /** The level of the current usage. */
  level(): StorageLevel {
    return storageLevel(this.usageSource(), this.settings.usageMonitoring);
  }

  /**
   * The guide's suggestions: expired objects, categories over (or near) quota, cache categories,
   * the largest and oldest objects, a larger tier. Lists the store's metadata (not values) once.
   */
  suggestCleanup(): CleanupSuggestions {
    return this.suggestionsFor(this.usageSource(), this.now());
  }

  /** Whether check_interval_hours have passed since the last check (or there was none). */
  isCheckDue(): boolean {
    return this.lastCheck === null || this.now() - this.lastCheck >= this.settings.usageMonitoring.checkIntervalHours * HOUR_MS;
  }

  /** check() when monitoring is enabled and a check is due; null otherwise. */
  checkIfDue(): StorageCheck | null {
    if (!this.settings.usageMonitoring.enabled || !this.isCheckDue()) return null;
    return this.check();
  }

  /**
   * One check: logs the two usage lines, acts on the level (warning: warn and suggest; critical:
   * warn, trip the circuit breaker, clean up expired objects, suggest; full: the same, then halt
   * trading), and records the usage after its actions as a sample.
   */
  check(): StorageCheck {
    const time = this.now();
    const history = this.history();
    const thresholds = this.settings.usageMonitoring;
    const messages: string[] = [];
    const actionsTaken: StorageCheckAction[] = [];
    const log = (line: string) => {
      messages.push(line);
      this.callbacks.log(line);
    };
    const warn = (line: string) => {
      messages.push(line);
      this.callbacks.warn(line);
    };

    const observed = this.usageSource();
    const level = storageLevel(observed, thresholds);
    log(formatStorageLine(observed));
    log(formatFilesLine(observed));

    if (level !== "ok") {
      const message =
        level === "warning"
          ? storageWarningMessage(thresholds.alertThresholdPct)
          : level === "critical"
            ? storageCriticalMessage(thresholds.criticalThresholdPct)
            : STORAGE_FULL_MESSAGE;
      warn(message);
      actionsTaken.push({ action: "warned", detail: message });
    }
    let usage = observed;
    if (level === "critical" || level === "full") {
      const reason = storageCriticalMessage(thresholds.criticalThresholdPct);
      this.callbacks.tripCircuitBreaker(reason);
      actionsTaken.push({ action: "tripped_circuit_breaker", detail: reason });
      const removed = this.manager.cleanupExpired();
      log(`Cleaned up ${removed} expired objects`);
      actionsTaken.push({ action: "cleaned_up_expired", detail: `Cleaned up ${removed} expired objects`, count: removed });
      if (removed > 0) usage = this.usageSource();
    }
    if (level === "full") {
      this.callbacks.haltTrading(STORAGE_FULL_MESSAGE);
      actionsTaken.push({ action: "halted_trading", detail: STORAGE_FULL_MESSAGE });
    }

    const sampleKey = this.record(history, { time: this.timelineTime(time, history), totalBytes: usage.totalBytes, files: usage.files }, usage, warn);

    let suggestions: CleanupSuggestions | null = null;
    if (level !== "ok" && this.suggestionsDue(level, time)) {
      suggestions = this.suggestionsFor(usage, time);
      this.lastSuggested = { time, level };
      for (const a of suggestions.actions) log(`Suggestion: ${a.action} (${a.reason})`);
      actionsTaken.push({ action: "suggested_cleanup", detail: `${suggestions.actions.length} suggestions`, count: suggestions.actions.length });
    }
    this.lastCheck = time;
    return { time, level, statistics: this.statisticsOf(usage, time), actionsTaken, messages, suggestions, sampleKey };
  }

  /**
   * The storage section of the HTML report: the samples in memory, the current statistics, each
   * category against its quota (uncategorised objects against the whole store), the largest
   * objects and the suggestions. The circuit breaker's events come from the engine, which owns
   * the breaker.
   */
  reportSection(circuitBreakerEvents: StorageReportSection["circuitBreakerEvents"] = []): StorageReportSection {
    const usage = this.usageSource();
    const statistics = this.statisticsOf(usage, this.now());
    const suggestions = this.suggestCleanup().actions;
    const byCategory: StorageReportSection["byCategory"] = {};
    for (const [name, c] of Object.entries(usage.byCategory)) {
      const quota = Object.hasOwn(this.settings.categoryQuotas, name) ? this.settings.categoryQuotas[name as StorageCategory].bytes : usage.maxSizeBytes;
      byCategory[name] = { sizeBytes: c.bytes, files: c.files, quotaBytes: quota };
    }
    return {
      samples: this.samples().map((x) => ({ time: x.time, usedBytes: x.totalBytes, files: x.files })),
      maxBytes: usage.maxSizeBytes,
      maxFiles: usage.maxFiles,
      alertPct: this.settings.usageMonitoring.alertThresholdPct,
      criticalPct: this.settings.usageMonitoring.criticalThresholdPct,
      growthRateGbPerDay: statistics.growthRateGbPerDay,
      daysUntilFull: statistics.daysUntilFull,
      byCategory,
      largest: suggestions
        .filter((a) => a.action === "review_largest")
        .map((a) => ({ key: a.key!, category: a.category, sizeBytes: a.bytes })),
      suggestions: suggestions.map((a) => ({ action: a.action, reason: a.reason, category: a.category, bytes: a.bytes })),
      circuitBreakerEvents: [...circuitBreakerEvents],
    };
  }

  // ---- internals -------------------------------------------------------------------------

  private suggestionsDue(level: StorageLevel, time: number): boolean {
    const last = this.lastSuggested;
    if (!last) return true;
    const rank: Record<StorageLevel, number> = { ok: 0, warning: 1, critical: 2, full: 3 };
    return rank[level] > rank[last.level] || time - last.time >= this.suggestionIntervalHours * HOUR_MS || time < last.time;
  }

  private history(): UsageHistory {
    if (!this.loaded) this.loaded = new UsageHistory(samplesFromListing(this.manager.list({ prefix: USAGE_SAMPLE_PREFIX })));
    return this.loaded;
  }

  /**
   * The store's usage timeline joins runs end to end. A run whose clock starts at or before the
   * last stored sample (a second backtest over the same dates) is placed right after it, one
   * check interval later, so both runs' samples stay and the growth rate is per day of the clocks
   * the store has been used on, run after run. A run that continues later keeps its own times.
   */
  private timelineOffset: number | undefined;
  private timelineTime(clock: number, history: UsageHistory): number {
    if (this.timelineOffset === undefined) {
      const last = history.last();
      this.timelineOffset = last && clock <= last.time ? last.time - clock + this.settings.usageMonitoring.checkIntervalHours * HOUR_MS : 0;
    }
    return clock + this.timelineOffset;
  }

  private statisticsOf(usage: ManagerUsage, time: number): StorageStatistics {
    return buildStatistics({ usage, settings: this.settings, growth: growthFor(this.history().all(), this.growthWindow), time });
  }

  private suggestionsFor(usage: ManagerUsage, now: number): CleanupSuggestions {
    // every object, expired ones included: metadata only
    this.manager.store.require("read", "suggestCleanup");
    const objects: ObjectSummary[] = this.manager.store.backend.listSync({}).map((info) => ({
      key: info.key,
      category: info.category === "" ? null : info.category,
      sizeBytes: info.sizeBytes,
      createdAt: info.createdAt,
      expiresAt: info.expiresAt,
    }));
    return suggestCleanupActions({
      objects,
      usage,
      settings: this.settings,
      now,
      recentSamples: growthSamples(this.history().all(), this.growthWindow),
      top: this.top,
    });
  }

  /**
   * Deletes the samples this one supersedes (after its time: a run replaying dates the store has
   * samples for; one transaction), then saves it. A store too full to take the sample is
   * reported through warn and the sample is kept in memory: the check itself must not fail.
   */
  private record(history: UsageHistory, sample: UsageSample, usage: ManagerUsage, warn: (line: string) => void): string | null {
    const key = usageSampleKey(sample.time);
    const superseded = history.add(sample);
    history.dropBefore(sample.time - this.sampleRetentionDays * DAY_MS);
    const byCategory: Record<string, { bytes: number; files: number }> = {};
    for (const [name, c] of Object.entries(usage.byCategory)) if (c.files > 0) byCategory[name] = { bytes: c.bytes, files: c.files };
    if (superseded.length > 0) this.manager.deleteMany(superseded);
    try {
      this.manager.save({
        key,
        data: {
          timestamp: new Date(sample.time).toISOString(),
          total_bytes: sample.totalBytes,
          files: sample.files,
          max_size_bytes: usage.maxSizeBytes,
          max_files: usage.maxFiles,
          by_category: byCategory,
        },
        category: StorageCategory.MONITORING_DATA,
        expireDays: this.sampleRetentionDays,
        metadata: { ...sampleMetadata(sample) },
      });
      return key;
    } catch (error) {
      if (error instanceof StorageLimitExceededError || error instanceof CategoryQuotaExceededError) {
        warn(`Storage monitor: usage sample ${key} not saved: ${error.message}`);
        return null;
      }
      throw error;
    }
  }
}

/**
 * The same statistics from the asynchronous manager (any back end, e.g. PostgreSQL): what
 * `tradeloom store stats` prints. Reads the counters and the stored samples; records nothing.
 */
export async function readStorageStatistics(
  manager: ObjectStoreManager,
  options: { growthWindowDays?: number; minGrowthSpanHours?: number; now?: () => number } = {},
): Promise<StorageStatistics> {
  const settings = manager.store.settings;
  const window = resolveWindow(settings, options);
  const [usage, listing] = await Promise.all([manager.usage(), manager.list({ prefix: USAGE_SAMPLE_PREFIX })]);
  const history = new UsageHistory(samplesFromListing(listing));
  return buildStatistics({ usage, settings, growth: growthFor(history.all(), window), time: (options.now ?? manager.store.now)() });
}
