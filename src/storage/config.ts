// The `quantconnect.object_store` block of config/settings.json: validation (errors name the
// field) and resolution into byte limits. Sizes are binary: 1 GB = 1024^3 bytes, 1 MB = 1024^2.
import { readFileSync, existsSync } from "node:fs";
import { ConfigError } from "./errors.ts";
import {
  DEFAULT_QUOTA_POLICY,
  STORAGE_CATEGORIES,
  isStorageCategory,
  type QuotaPolicy,
  type StorageCategory,
} from "./categories.ts";

export const GB = 1024 ** 3;
export const MB = 1024 ** 2;
export const KB = 1024;

/** Hard per-object ceiling: max_file_size_mb may not exceed it. */
export const HARD_MAX_FILE_SIZE_MB = 50;

export interface TierLimits {
  maxSizeBytes: number;
  maxFiles: number;
}

/** QuantConnect's object store tiers. "free" and "50MB" name the same tier. */
export const TIERS: Readonly<Record<string, TierLimits>> = {
  free: { maxSizeBytes: 50 * MB, maxFiles: 1_000 },
  "50MB": { maxSizeBytes: 50 * MB, maxFiles: 1_000 },
  "2GB": { maxSizeBytes: 2 * GB, maxFiles: 20_000 },
  "5GB": { maxSizeBytes: 5 * GB, maxFiles: 50_000 },
  "10GB": { maxSizeBytes: 10 * GB, maxFiles: 100_000 },
  "50GB": { maxSizeBytes: 50 * GB, maxFiles: 500_000 },
};

/** The block exactly as the guide writes it (config/settings.json ships this). */
export const GUIDE_OBJECT_STORE_CONFIG = {
  enabled: true,
  tier: "5GB",
  max_storage_gb: 5,
  max_files: 50000,
  max_file_size_mb: 45,
  compression_enabled: true,
  auto_cleanup: { enabled: true, keep_days: 90, archive_before_delete: true },
  storage_allocation: {
    trading_state: 0.5,
    options_greeks: 1.5,
    llm_cache: 0.3,
    backtest_results: 0.5,
    ml_models: 1.5,
    monitoring_data: 0.3,
    research_data: 0.4,
  },
  usage_monitoring: { enabled: true, alert_threshold_pct: 80, critical_threshold_pct: 90, check_interval_hours: 6 },
} as const;

export interface CategoryQuota {
  bytes: number;
  onFull: QuotaPolicy;
}

/** The resolved settings every layer of the store works from. */
export interface ObjectStoreSettings {
  enabled: boolean;
  tier: string;
  /** total stored bytes (compressed sizes) */
  maxSizeBytes: number;
  maxFiles: number;
  /** per-object limit, from max_file_size_mb */
  maxObjectBytes: number;
  compressionEnabled: boolean;
  /** automatic compression above this many bytes (the guide: 100 KB) */
  compressionThresholdBytes: number;
  autoCleanup: { enabled: boolean; keepDays: number; archiveBeforeDelete: boolean };
  categoryQuotas: Record<StorageCategory, CategoryQuota>;
  usageMonitoring: { enabled: boolean; alertThresholdPct: number; criticalThresholdPct: number; checkIntervalHours: number };
}

const ROOT = "quantconnect.object_store";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function show(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}
function checkKeys(block: Json, field: string, allowed: readonly string[]): void {
  for (const k of Object.keys(block)) {
    if (!allowed.includes(k)) throw new ConfigError(`${field}.${k}`, `unknown field (allowed: ${allowed.join(", ")})`);
  }
}
function bool(block: Json, name: string, field: string, fallback: boolean): boolean {
  const v = block[name];
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw new ConfigError(`${field}.${name}`, `must be true or false, got ${show(v)}`);
  return v;
}
function num(
  block: Json,
  name: string,
  field: string,
  fallback: number | undefined,
  check: { min?: number; minExclusive?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  const v = block[name];
  if (v === undefined) return fallback;
  const where = `${field}.${name}`;
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ConfigError(where, `must be a number, got ${show(v)}`);
  if (check.integer && !Number.isInteger(v)) throw new ConfigError(where, `must be a whole number, got ${v}`);
  if (check.min !== undefined && v < check.min) throw new ConfigError(where, `must be at least ${check.min}, got ${v}`);
  if (check.minExclusive !== undefined && v <= check.minExclusive)
    throw new ConfigError(where, `must be greater than ${check.minExclusive}, got ${v}`);
  if (check.max !== undefined && v > check.max) throw new ConfigError(where, `must be at most ${check.max}, got ${v}`);
  return v;
}
function section(block: Json, name: string, field: string): Json {
  const v = block[name];
  if (v === undefined) return {};
  if (!isObject(v)) throw new ConfigError(`${field}.${name}`, `must be an object, got ${show(v)}`);
  return v;
}

/**
 * Validates the `quantconnect.object_store` block (the object itself, not the whole file).
 * Missing fields take the guide's values; unknown fields and wrong types throw ConfigError.
 * Beyond the guide: `quota_policy` ({category: "evict" | "refuse"}) and `compression_threshold_kb`.
 */
export function parseObjectStoreConfig(block: unknown, field = ROOT): ObjectStoreSettings {
  if (!isObject(block)) throw new ConfigError(field, `must be an object, got ${show(block)}`);
  checkKeys(block, field, [
    "enabled",
    "tier",
    "max_storage_gb",
    "max_files",
    "max_file_size_mb",
    "compression_enabled",
    "compression_threshold_kb",
    "auto_cleanup",
    "storage_allocation",
    "quota_policy",
    "usage_monitoring",
  ]);
  const enabled = bool(block, "enabled", field, true);
  const tierValue = block.tier ?? GUIDE_OBJECT_STORE_CONFIG.tier;
  if (typeof tierValue !== "string" || !(tierValue in TIERS)) {
    throw new ConfigError(`${field}.tier`, `must be one of ${Object.keys(TIERS).map((t) => `"${t}"`).join(", ")}, got ${show(tierValue)}`);
  }
  const tier = TIERS[tierValue];
  const maxStorageGb = num(block, "max_storage_gb", field, undefined, { minExclusive: 0 });
  const maxFiles = num(block, "max_files", field, undefined, { min: 1, integer: true });
  const maxFileSizeMb = num(block, "max_file_size_mb", field, GUIDE_OBJECT_STORE_CONFIG.max_file_size_mb, {
    minExclusive: 0,
    max: HARD_MAX_FILE_SIZE_MB,
  })!;
  const compressionEnabled = bool(block, "compression_enabled", field, true);
  const thresholdKb = num(block, "compression_threshold_kb", field, 100, { min: 0 })!;

  const cleanupField = `${field}.auto_cleanup`;
  const cleanup = section(block, "auto_cleanup", field);
  checkKeys(cleanup, cleanupField, ["enabled", "keep_days", "archive_before_delete"]);
  const autoCleanup = {
    enabled: bool(cleanup, "enabled", cleanupField, true),
    keepDays: num(cleanup, "keep_days", cleanupField, 90, { minExclusive: 0 })!,
    archiveBeforeDelete: bool(cleanup, "archive_before_delete", cleanupField, true),
  };

  const allocationField = `${field}.storage_allocation`;
  const allocation = block.storage_allocation === undefined ? GUIDE_OBJECT_STORE_CONFIG.storage_allocation : section(block, "storage_allocation", field);
  for (const k of Object.keys(allocation)) {
    if (!isStorageCategory(k)) {
      throw new ConfigError(`${allocationField}.${k}`, `unknown category (categories: ${STORAGE_CATEGORIES.join(", ")})`);
    }
  }
  const policyField = `${field}.quota_policy`;
  const policies = section(block, "quota_policy", field);
  for (const [k, v] of Object.entries(policies)) {
    if (!isStorageCategory(k)) throw new ConfigError(`${policyField}.${k}`, `unknown category (categories: ${STORAGE_CATEGORIES.join(", ")})`);
    if (v !== "evict" && v !== "refuse") throw new ConfigError(`${policyField}.${k}`, `must be "evict" or "refuse", got ${show(v)}`);
  }
  const maxSizeBytes = maxStorageGb !== undefined ? Math.round(maxStorageGb * GB) : tier.maxSizeBytes;
  const categoryQuotas = {} as Record<StorageCategory, CategoryQuota>;
  for (const category of STORAGE_CATEGORIES) {
    // A category left out of storage_allocation may use the whole store.
    const gb = num(allocation as Json, category, allocationField, undefined, { min: 0 });
    categoryQuotas[category] = {
      bytes: gb === undefined ? maxSizeBytes : Math.round(gb * GB),
      onFull: (policies[category] as QuotaPolicy | undefined) ?? DEFAULT_QUOTA_POLICY[category],
    };
  }

  const monitoringField = `${field}.usage_monitoring`;
  const monitoring = section(block, "usage_monitoring", field);
  checkKeys(monitoring, monitoringField, ["enabled", "alert_threshold_pct", "critical_threshold_pct", "check_interval_hours"]);
  const usageMonitoring = {
    enabled: bool(monitoring, "enabled", monitoringField, true),
    alertThresholdPct: num(monitoring, "alert_threshold_pct", monitoringField, 80, { minExclusive: 0, max: 100 })!,
    criticalThresholdPct: num(monitoring, "critical_threshold_pct", monitoringField, 90, { minExclusive: 0, max: 100 })!,
    checkIntervalHours: num(monitoring, "check_interval_hours", monitoringField, 6, { minExclusive: 0 })!,
  };
  if (usageMonitoring.criticalThresholdPct < usageMonitoring.alertThresholdPct) {
    throw new ConfigError(
      `${monitoringField}.critical_threshold_pct`,
      `must not be below alert_threshold_pct (${usageMonitoring.alertThresholdPct}), got ${usageMonitoring.criticalThresholdPct}`,
    );
  }

  return {
    enabled,
    tier: tierValue,
    maxSizeBytes,
    maxFiles: maxFiles ?? tier.maxFiles,
    maxObjectBytes: Math.round(maxFileSizeMb * MB),
    compressionEnabled,
    compressionThresholdBytes: Math.round(thresholdKb * KB),
    autoCleanup,
    categoryQuotas,
    usageMonitoring,
  };
}

/** The guide's settings, resolved. */
export function defaultObjectStoreSettings(): ObjectStoreSettings {
  return parseObjectStoreConfig(structuredClone(GUIDE_OBJECT_STORE_CONFIG));
}

/**
 * Reads config/settings.json (or `path`) and validates its `quantconnect.object_store` block.
 * A missing file gives the guide's settings; a file without the block is an error.
 */
export function loadObjectStoreSettings(path = "config/settings.json"): ObjectStoreSettings {
  if (!existsSync(path)) return defaultObjectStoreSettings();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(path, `is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new ConfigError(path, "must contain a JSON object");
  const qc = parsed.quantconnect;
  if (!isObject(qc)) throw new ConfigError("quantconnect", `missing or not an object in ${path}`);
  if (qc.object_store === undefined) throw new ConfigError(ROOT, `missing in ${path}`);
  return parseObjectStoreConfig(qc.object_store);
}

/** Overrides on top of resolved settings (tests, the CLI, the bench). */
export function withSettings(base: ObjectStoreSettings, patch: Partial<ObjectStoreSettings>): ObjectStoreSettings {
  return { ...base, ...patch };
}
