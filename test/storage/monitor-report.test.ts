// Golden tests: the guide's log lines and OBJECT STORE STATISTICS block, character for character,
// from synthetic usage figures (the guide's example) and from a real store filled to known sizes.
import { afterEach, describe, expect, it } from "vitest";
import {
  GB,
  MB,
  formatDaysUntilFull,
  formatGrowthRate,
  formatMonthlyCost,
  formatStatisticsReport,
  nextTier,
  statisticsToJson,
  tierCost,
  TIER_COSTS,
  type ManagerUsage,
} from "../../src/storage/index.ts";
import { createMonitor, createTestStore, exactSettings, type TestStore } from "./monitor-helpers.ts";

let store: TestStore | undefined;
afterEach(() => {
  store?.cleanup();
  store = undefined;
});

/** The guide's example figures; total bytes at day 0 are 0.015 GB less than at day 1. */
function guideUsage(totalGb: number): ManagerUsage {
  return {
    totalBytes: Math.round(totalGb * GB),
    files: 12_543,
    maxSizeBytes: 5 * GB,
    maxFiles: 50_000,
    byCategory: {
      trading_state: { bytes: Math.round(234.5 * MB), files: 90 },
      options_greeks: { bytes: Math.round(1123.2 * MB), files: 8_432 },
      llm_cache: { bytes: Math.round(87.3 * MB), files: 3_456 },
    },
  };
}

const GUIDE_BLOCK = [
  "==================================================",
  "OBJECT STORE STATISTICS",
  "==================================================",
  "Storage Used: 2.35GB / 5.00GB (47.0%)",
  "Files: 12,543 / 50,000",
  "Growth Rate: 0.015GB/day",
  "Days Until Full: ~177 days",
  "Storage by Category:",
  "  trading_state: 234.5MB (90 files)",
  "  options_greeks: 1,123.2MB (8,432 files)",
  "  llm_cache: 87.3MB (3,456 files)",
];

describe("the guide's example, from synthetic usage", () => {
  it("reproduces the guide's log lines and report block exactly, then the tier's monthly cost", () => {
    store = createTestStore();
    const clock = store.clock;
    let totalGb = 2.335;
    const { monitor, calls } = createMonitor(store.manager, { usage: () => guideUsage(totalGb) });
    monitor.check();
    clock.advanceDays(1);
    totalGb = 2.35;
    const check = monitor.check();

    expect(calls.logs.slice(-2)).toEqual(["Object Store: 2.35/5.00GB (47.0%)", "Files: 12,543/50,000"]);
    expect(check.messages).toEqual(["Object Store: 2.35/5.00GB (47.0%)", "Files: 12,543/50,000"]);
    expect(check.level).toBe("ok");
    expect(formatStatisticsReport(check.statistics)).toEqual([...GUIDE_BLOCK, "Monthly Cost: $20.00 (5GB tier)"]);
    expect(formatStatisticsReport(monitor.getStatistics()).join("\n")).toBe(
      `${GUIDE_BLOCK.join("\n")}\nMonthly Cost: $20.00 (5GB tier)`,
    );

    const s = monitor.getStatistics();
    expect(s.growthRateGbPerDay).toBeCloseTo(0.015, 9);
    expect(s.daysUntilFull).toBeCloseTo((5 - 2.35) / 0.015, 4);
    expect(s.usagePct).toBeCloseTo(47, 6);
    expect(s.byCategory.options_greeks).toEqual({ sizeMb: expect.closeTo(1123.2, 6), files: 8_432, quotaMb: 1.5 * 1024, usagePct: expect.closeTo((1123.2 / 1536) * 100, 6) });
  });

  it("writes the statistics as JSON with the guide's snake_case names", () => {
    store = createTestStore();
    let totalGb = 2.335;
    const { monitor } = createMonitor(store.manager, { usage: () => guideUsage(totalGb) });
    monitor.check();
    store.clock.advanceDays(1);
    totalGb = 2.35;
    monitor.check();
    const stats = monitor.getStatistics();
    const json = JSON.parse(JSON.stringify(stats));
    expect(json).toEqual(JSON.parse(JSON.stringify(statisticsToJson(stats))));
    expect(Object.keys(json)).toEqual([
      "time",
      "level",
      "current_usage_gb",
      "max_storage_gb",
      "usage_pct",
      "files",
      "max_files",
      "files_pct",
      "growth_rate_gb_per_day",
      "growth_rate_files_per_day",
      "days_until_full",
      "growth_samples",
      "by_category",
      "tier",
      "monthly_cost_usd",
      "total_bytes",
      "max_size_bytes",
    ]);
    expect(json.current_usage_gb.toFixed(2)).toBe("2.35");
    expect(json.growth_rate_gb_per_day.toFixed(3)).toBe("0.015");
    expect(Math.round(json.days_until_full)).toBe(177);
    expect(json.time).toBe(new Date(store.clock.time).toISOString());
    expect(json.by_category.trading_state).toEqual({ size_mb: expect.closeTo(234.5, 6), files: 90, quota_mb: 512, usage_pct: expect.closeTo((234.5 / 512) * 100, 6) });
    expect(json.monthly_cost_usd).toBe(20);
    // the guide's Troubleshooting loop reads by_category[...]["size_mb"]
    expect(Object.entries(json.by_category as Record<string, { size_mb: number }>).map(([c, v]) => `${c}: ${v.size_mb.toFixed(1)}MB`)).toEqual([
      "trading_state: 234.5MB",
      "options_greeks: 1123.2MB",
      "llm_cache: 87.3MB",
    ]);
  });
});

describe("a real store filled to known sizes", () => {
  it("prints the block and log lines from the store's counters", () => {
    store = createTestStore(exactSettings({ maxSizeBytes: 1 * GB }));
    const m = store.manager;
    m.save({ key: "trading_state_2024-01-01", data: new Uint8Array(MB), category: "trading_state" });
    m.save({ key: "trading_state_2024-01-02", data: new Uint8Array(MB / 2), category: "trading_state" });
    m.saveMany(
      Array.from({ length: 1_234 }, (_, i) => ({ key: `greeks/${i}`, data: new Uint8Array(1024), category: "options_greeks" as const })),
    );
    m.save({ key: "models/sentiment_model_v2", data: new Uint8Array(3 * MB), category: "ml_models", expireDays: null });

    const { monitor, calls } = createMonitor(m);
    const before = formatStatisticsReport(monitor.getStatistics());
    expect(before).toEqual([
      "==================================================",
      "OBJECT STORE STATISTICS",
      "==================================================",
      "Storage Used: 0.01GB / 1.00GB (0.6%)",
      "Files: 1,237 / 50,000",
      "Growth Rate: N/A (not enough history)",
      "Days Until Full: N/A (not enough history)",
      "Storage by Category:",
      "  trading_state: 1.5MB (2 files)",
      "  options_greeks: 1.2MB (1,234 files)",
      "  llm_cache: 0.0MB (0 files)",
      "  backtest_results: 0.0MB (0 files)",
      "  ml_models: 3.0MB (1 file)",
      "  monitoring_data: 0.0MB (0 files)",
      "  research_data: 0.0MB (0 files)",
      "Monthly Cost: $20.00 (5GB tier)",
    ]);
    monitor.check();
    expect(calls.logs).toEqual(["Object Store: 0.01/1.00GB (0.6%)", "Files: 1,237/50,000"]);
    // the check recorded its sample: one more file in monitoring_data
    expect(formatStatisticsReport(monitor.getStatistics())[4]).toBe("Files: 1,238 / 50,000");
    expect(formatStatisticsReport(monitor.getStatistics())[13]).toMatch(/^ {2}monitoring_data: 0\.0MB \(1 file\)$/);
  });
});

describe("formatting edge cases", () => {
  it("growth rate and days until full", () => {
    expect(formatGrowthRate(null)).toBe("N/A (not enough history)");
    expect(formatGrowthRate(0.0151)).toBe("0.015GB/day");
    expect(formatGrowthRate(-0.00001)).toBe("0.000GB/day");
    expect(formatGrowthRate(-0.25)).toBe("-0.250GB/day");
    expect(formatDaysUntilFull(176.666, 0.015)).toBe("~177 days");
    expect(formatDaysUntilFull(1.2, 2)).toBe("~1 day");
    expect(formatDaysUntilFull(12_345.4, 0.0001)).toBe("~12,345 days");
    expect(formatDaysUntilFull(null, 0)).toBe("N/A (not growing)");
    expect(formatDaysUntilFull(null, -0.1)).toBe("N/A (not growing)");
    expect(formatDaysUntilFull(null, null)).toBe("N/A (not enough history)");
    expect(formatDaysUntilFull(0, 0.2)).toBe("0 days (full)");
  });

  it("monthly cost: the guide's prices and the derived ones, marked", () => {
    expect(formatMonthlyCost("5GB")).toBe("$20.00 (5GB tier)");
    expect(formatMonthlyCost("10GB")).toBe("$50.00 (10GB tier)");
    expect(formatMonthlyCost("free")).toBe("$0.00 (free tier)");
    expect(formatMonthlyCost("2GB")).toBe("$8.00 (2GB tier, derived: 2GB × $4/GB/month)");
    expect(formatMonthlyCost("50GB")).toBe("$200.00 (50GB tier, derived: 50GB × $4/GB/month)");
    expect(formatMonthlyCost("3GB")).toBe("unknown (3GB tier is not in the cost table)");
    expect(tierCost("toString")).toBeNull();
    expect(nextTier("5GB")?.tier).toBe("10GB");
    expect(nextTier("free")?.tier).toBe("2GB");
    expect(nextTier("50GB")).toBeNull();
    // the guide's per-GB and per-file figures are the 5GB tier's price spread over its limits
    expect(TIER_COSTS["5GB"].monthlyUsd / 5).toBe(4);
    expect(TIER_COSTS["5GB"].monthlyUsd / 50_000).toBe(0.0004);
  });
});
