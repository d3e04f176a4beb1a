import { describe, expect, it } from "vitest";
import { GB, MB, formatFilesLine, formatListing, formatStorageLine, formatUsageReport } from "../../src/storage/index.ts";

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

  it("lists objects in aligned columns", () => {
    const lines = formatListing([
      { key: "a", category: "llm_cache", size: 1234, compressed: true, created: "2024-01-02T00:00:00.000Z", expires: null },
      { key: "longer/key", category: null, size: 5, compressed: false, created: "2024-01-03T00:00:00.000Z", expires: "2024-04-01T00:00:00.000Z" },
    ]);
    expect(lines).toEqual([
      "KEY         CATEGORY    SIZE  COMPRESSED  CREATED                   EXPIRES",
      "a           llm_cache  1,234  yes         2024-01-02T00:00:00.000Z  never",
      "longer/key  -              5  no          2024-01-03T00:00:00.000Z  2024-04-01T00:00:00.000Z",
    ]);
  });
});
