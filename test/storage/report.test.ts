import { describe, expect, it } from "vitest";
import { GB, MB, formatFilesLine, formatListing, formatStatisticsReport, formatStorageLine, formatUsageReport, type StorageStatistics } from "../../src/storage/index.ts";

describe("usage text", () => {
  it("prints the guide's two log lines", () => {
    expect(formatStorageLine({ totalBytes: 2.35 * GB, maxSizeBytes: 5 * GB })).toBe("Object Store: 2.35/5.00GB (47.0%)");
    expect(formatFilesLine({ files: 12_543, maxFiles: 50_000 })).toBe("Files: 12,543/50,000");
  });

  it("prints categories as the guide's report does", () => {
    const lines = formatUsageReport({
      totalBytes: 0,
      files: 0,
      maxSizeBytes: 5 * GB,
      maxFiles: 50_000,
      byCategory: {
        trading_state: { bytes: 234.5 * MB, files: 90 },
        options_greeks: { bytes: 1123.2 * MB, files: 8_432 },
        llm_cache: { bytes: 87.3 * MB, files: 1 },
        "": { bytes: 0, files: 0 },
      },
    });
    expect(lines.slice(2)).toEqual([
      "Storage by Category:",
      "  trading_state: 234.5MB (90 files)",
      "  options_greeks: 1,123.2MB (8,432 files)",
      "  llm_cache: 87.3MB (1 file)",
      "  (uncategorized): 0.0MB (0 files)",
    ]);
  });

  it("prints the guide's OBJECT STORE STATISTICS block from statistics", () => {
    const statistics: StorageStatistics = {
      time: 0,
      level: "ok",
      currentUsageGb: 2.35,
      maxStorageGb: 5,
      usagePct: 47,
      files: 12_543,
      maxFiles: 50_000,
      filesPct: 25.086,
      growthRateGbPerDay: 0.015,
      growthRateFilesPerDay: 0,
      daysUntilFull: 176.67,
      growthSamples: 2,
      byCategory: {
        trading_state: { sizeMb: 234.5, files: 90, quotaMb: 512, usagePct: 45.8 },
        options_greeks: { sizeMb: 1123.2, files: 8_432, quotaMb: 1536, usagePct: 73.1 },
        llm_cache: { sizeMb: 87.3, files: 3_456, quotaMb: 307.2, usagePct: 28.4 },
      },
      tier: "5GB",
      monthlyCostUsd: 20,
      totalBytes: Math.round(2.35 * GB),
      maxSizeBytes: 5 * GB,
    };
    expect(formatStatisticsReport(statistics).join("\n")).toBe(`==================================================
OBJECT STORE STATISTICS
==================================================
Storage Used: 2.35GB / 5.00GB (47.0%)
Files: 12,543 / 50,000
Growth Rate: 0.015GB/day
Days Until Full: ~177 days
Storage by Category:
  trading_state: 234.5MB (90 files)
  options_greeks: 1,123.2MB (8,432 files)
  llm_cache: 87.3MB (3,456 files)
Monthly Cost: $20.00 (5GB tier)`);
    const notGrowing = formatStatisticsReport({ ...statistics, growthRateGbPerDay: -0.001, daysUntilFull: null, byCategory: { "": { sizeMb: 1, files: 1, quotaMb: null, usagePct: null } } });
    expect(notGrowing.slice(5)).toEqual([
      "Growth Rate: -0.001GB/day",
      "Days Until Full: N/A (not growing)",
      "Storage by Category:",
      "  (uncategorized): 1.0MB (1 file)",
      "Monthly Cost: $20.00 (5GB tier)",
    ]);
  });

  it("marks objects past their expiry that are still stored", () => {
    const lines = formatListing([{ key: "old", category: "trading_state", size: 10, compressed: false, created: "2025-01-02T00:00:00.000Z", expires: "2025-04-02T00:00:00.000Z", expired: true }]);
    expect(lines[1].endsWith("2025-04-02T00:00:00.000Z (expired)")).toBe(true);
  });

  it("lists objects in aligned columns", () => {
    const lines = formatListing([
      { key: "a", category: "llm_cache", size: 1234, compressed: true, created: "2024-01-02T00:00:00.000Z", expires: null, expired: false },
      { key: "longer/key", category: null, size: 5, compressed: false, created: "2024-01-03T00:00:00.000Z", expires: "2024-04-01T00:00:00.000Z", expired: false },
    ]);
    expect(lines).toEqual([
      "KEY         CATEGORY    SIZE  COMPRESSED  CREATED                   EXPIRES",
      "a           llm_cache  1,234  yes         2024-01-02T00:00:00.000Z  never",
      "longer/key  -              5  no          2024-01-03T00:00:00.000Z  2024-04-01T00:00:00.000Z",
    ]);
  });
});
