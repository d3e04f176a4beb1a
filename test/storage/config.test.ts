import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConfigError,
  GB,
  GUIDE_OBJECT_STORE_CONFIG,
  MB,
  STORAGE_CATEGORIES,
  StorageCategory,
  defaultObjectStoreSettings,
  loadObjectStoreSettings,
  parseObjectStoreConfig,
} from "../../src/storage/index.ts";

const guide = () => structuredClone(GUIDE_OBJECT_STORE_CONFIG) as unknown as Record<string, unknown>;

function configError(block: unknown): ConfigError {
  try {
    parseObjectStoreConfig(block);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("config", () => {
  it("config/settings.json holds exactly the guide's object_store block", () => {
    const file = JSON.parse(readFileSync(new URL("../../config/settings.json", import.meta.url), "utf8"));
    expect(file.quantconnect.object_store).toStrictEqual(GUIDE_OBJECT_STORE_CONFIG);
    expect(loadObjectStoreSettings(new URL("../../config/settings.json", import.meta.url).pathname)).toEqual(defaultObjectStoreSettings());
  });

  it("resolves the guide's block into byte limits, quotas and policies", () => {
    const s = defaultObjectStoreSettings();
    expect(s.maxSizeBytes).toBe(5 * GB);
    expect(s.maxFiles).toBe(50_000);
    expect(s.maxObjectBytes).toBe(45 * MB);
    expect(s.compressionThresholdBytes).toBe(100 * 1024);
    expect(s.autoCleanup).toEqual({ enabled: true, keepDays: 90, archiveBeforeDelete: true });
    expect(s.categoryQuotas.options_greeks.bytes).toBe(1.5 * GB);
    expect(s.categoryQuotas.trading_state).toEqual({ bytes: 0.5 * GB, onFull: "refuse" });
    expect(s.categoryQuotas.ml_models.onFull).toBe("refuse");
    expect(s.categoryQuotas.llm_cache.onFull).toBe("evict");
    expect(s.usageMonitoring).toEqual({ enabled: true, alertThresholdPct: 80, criticalThresholdPct: 90, checkIntervalHours: 6 });
  });

  it("has the guide's seven categories with their string values", () => {
    expect(STORAGE_CATEGORIES).toEqual([
      "trading_state",
      "options_greeks",
      "llm_cache",
      "backtest_results",
      "ml_models",
      "monitoring_data",
      "research_data",
    ]);
    expect(StorageCategory.LLM_CACHE).toBe("llm_cache");
  });

  it.each([
    ["free", 50 * MB, 1_000],
    ["50MB", 50 * MB, 1_000],
    ["2GB", 2 * GB, 20_000],
    ["5GB", 5 * GB, 50_000],
    ["10GB", 10 * GB, 100_000],
    ["50GB", 50 * GB, 500_000],
  ])("tier %s gives %d bytes and %d files when no explicit limits are set", (tier, bytes, files) => {
    const s = parseObjectStoreConfig({ tier });
    expect(s.maxSizeBytes).toBe(bytes);
    expect(s.maxFiles).toBe(files);
  });

  it("explicit limits override the tier", () => {
    const s = parseObjectStoreConfig({ tier: "2GB", max_storage_gb: 3, max_files: 7 });
    expect(s.maxSizeBytes).toBe(3 * GB);
    expect(s.maxFiles).toBe(7);
  });

  it("takes per-category quota policies", () => {
    const s = parseObjectStoreConfig({ ...guide(), quota_policy: { ml_models: "evict", llm_cache: "refuse" } });
    expect(s.categoryQuotas.ml_models.onFull).toBe("evict");
    expect(s.categoryQuotas.llm_cache.onFull).toBe("refuse");
  });

  it.each([
    [{ max_file_size_mb: 60 }, "quantconnect.object_store.max_file_size_mb", "at most 50"],
    [{ max_file_size_mb: "45" }, "quantconnect.object_store.max_file_size_mb", "must be a number"],
    [{ tier: "7GB" }, "quantconnect.object_store.tier", '"5GB"'],
    [{ max_files: 1.5 }, "quantconnect.object_store.max_files", "whole number"],
    [{ enabled: "yes" }, "quantconnect.object_store.enabled", "true or false"],
    [{ storage_allocation: { crypto: 1 } }, "quantconnect.object_store.storage_allocation.crypto", "unknown category"],
    [{ storage_allocation: { llm_cache: -1 } }, "quantconnect.object_store.storage_allocation.llm_cache", "at least 0"],
    [{ auto_cleanup: { keep_days: 0 } }, "quantconnect.object_store.auto_cleanup.keep_days", "greater than 0"],
    [{ auto_cleanup: { keepDays: 3 } }, "quantconnect.object_store.auto_cleanup.keepDays", "unknown field"],
    [{ usage_monitoring: { alert_threshold_pct: 95 } }, "quantconnect.object_store.usage_monitoring.critical_threshold_pct", "alert_threshold_pct"],
    [{ quota_policy: { llm_cache: "drop" } }, "quantconnect.object_store.quota_policy.llm_cache", '"evict" or "refuse"'],
    [{ max_storage: 5 }, "quantconnect.object_store.max_storage", "unknown field"],
  ])("rejects %o naming %s", (patch, field, detail) => {
    const error = configError({ ...guide(), ...patch });
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message).toContain(detail);
  });

  it("loads a file: missing file → the guide's settings; missing block or bad JSON → ConfigError", () => {
    const dir = mkdtempSync(join(tmpdir(), "tradeloom-config-"));
    expect(loadObjectStoreSettings(join(dir, "none.json"))).toEqual(defaultObjectStoreSettings());
    writeFileSync(join(dir, "a.json"), JSON.stringify({ quantconnect: {} }));
    expect(() => loadObjectStoreSettings(join(dir, "a.json"))).toThrow("quantconnect.object_store: missing");
    writeFileSync(join(dir, "b.json"), "{ nope");
    expect(() => loadObjectStoreSettings(join(dir, "b.json"))).toThrow(ConfigError);
    writeFileSync(join(dir, "c.json"), JSON.stringify({ quantconnect: { object_store: { ...guide(), max_files: 10 } } }));
    expect(loadObjectStoreSettings(join(dir, "c.json")).maxFiles).toBe(10);
    rmSync(dir, { recursive: true, force: true });
  });
});
