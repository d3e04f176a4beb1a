// Text for people: the guide's usage log lines, its OBJECT STORE STATISTICS report block (plus
// the tier's monthly cost) and the store listing. Sizes are binary (GB = 1024^3 bytes,
// MB = 1024^2), numbers grouped as the guide writes them (12,543).
import { GB, MB } from "./config.ts";
import { formatUsd, tierCost } from "./monitor-cost.ts";
import type { ManagerUsage, ObjectMetadata } from "./manager.ts";
import type { StorageStatistics } from "./monitor-statistics.ts";

const grouped = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** `Object Store: 2.35/5.00GB (47.0%)` */
export function formatStorageLine(usage: { totalBytes: number; maxSizeBytes: number }): string {
  const pct = usage.maxSizeBytes > 0 ? (usage.totalBytes / usage.maxSizeBytes) * 100 : 0;
  return `Object Store: ${(usage.totalBytes / GB).toFixed(2)}/${(usage.maxSizeBytes / GB).toFixed(2)}GB (${pct.toFixed(1)}%)`;
}

/** `Files: 12,543/50,000` */
export function formatFilesLine(usage: { files: number; maxFiles: number }): string {
  return `Files: ${grouped(usage.files)}/${grouped(usage.maxFiles)}`;
}

/** The two log lines, then `Storage by Category:` with `  name: 234.5MB (90 files)` per category. */
export function formatUsageReport(usage: ManagerUsage): string[] {
  const lines = [formatStorageLine(usage), formatFilesLine(usage), "Storage by Category:"];
  for (const [category, c] of Object.entries(usage.byCategory)) lines.push(formatCategoryLine(category, c));
  return lines;
}

/** The rule above and below the report's title: 50 `=`. */
export const REPORT_RULE = "=".repeat(50);

/** `0.015GB/day`; `N/A (not enough history)` without a growth rate. */
export function formatGrowthRate(gbPerDay: number | null): string {
  if (gbPerDay === null) return "N/A (not enough history)";
  const text = gbPerDay.toFixed(3);
  return `${text === "-0.000" ? "0.000" : text}GB/day`;
}

/**
 * `~177 days` (rounded to whole days, grouped: `~1,234 days`); `0 days (full)` when a limit is
 * reached; `N/A (not growing)` when neither bytes nor files grow; `N/A (not enough history)`
 * without a growth rate.
 */
export function formatDaysUntilFull(days: number | null, growthRateGbPerDay: number | null): string {
  if (days === 0) return "0 days (full)";
  if (days === null) return growthRateGbPerDay === null ? "N/A (not enough history)" : "N/A (not growing)";
  const whole = Math.round(days);
  return `~${grouped(whole)} ${whole === 1 ? "day" : "days"}`;
}

/** `$20.00 (5GB tier)`; a price not stated by the guide says how it was derived. */
export function formatMonthlyCost(tier: string): string {
  const cost = tierCost(tier);
  if (!cost) return `unknown (${tier} tier is not in the cost table)`;
  return `${formatUsd(cost.monthlyUsd)} (${tier} tier${cost.source === "derived" ? `, derived: ${cost.derivedFrom}` : ""})`;
}

/** `  trading_state: 234.5MB (90 files)` */
export function formatCategoryLine(name: string, c: { bytes: number; files: number }): string {
  return `  ${name === "" ? "(uncategorized)" : name}: ${grouped(c.bytes / MB, 1)}MB (${grouped(c.files)} file${c.files === 1 ? "" : "s"})`;
}

/**
 * The guide's final report block, then the tier's monthly cost:
 * ```
 * ==================================================
 * OBJECT STORE STATISTICS
 * ==================================================
 * Storage Used: 2.35GB / 5.00GB (47.0%)
 * Files: 12,543 / 50,000
 * Growth Rate: 0.015GB/day
 * Days Until Full: ~177 days
 * Storage by Category:
 *   trading_state: 234.5MB (90 files)
 *   ...
 * Monthly Cost: $20.00 (5GB tier)
 * ```
 */
export function formatStatisticsReport(s: StorageStatistics): string[] {
  const lines = [
    REPORT_RULE,
    "OBJECT STORE STATISTICS",
    REPORT_RULE,
    `Storage Used: ${(s.totalBytes / GB).toFixed(2)}GB / ${(s.maxSizeBytes / GB).toFixed(2)}GB (${s.usagePct.toFixed(1)}%)`,
    `Files: ${grouped(s.files)} / ${grouped(s.maxFiles)}`,
    `Growth Rate: ${formatGrowthRate(s.growthRateGbPerDay)}`,
    `Days Until Full: ${formatDaysUntilFull(s.daysUntilFull, s.growthRateGbPerDay)}`,
    "Storage by Category:",
  ];
  for (const [name, c] of Object.entries(s.byCategory)) lines.push(formatCategoryLine(name, { bytes: c.sizeMb * MB, files: c.files }));
  lines.push(`Monthly Cost: ${formatMonthlyCost(s.tier)}`);
  return lines;
}

/** One listing row: what `ls --json` prints per object. */
export interface ListingRow {
  key: string;
  category: string | null;
  size: number;
  compressed: boolean;
  created: string;
  expires: string | null;
  /** past its expiry on the store's clock but not yet cleaned up */
  expired: boolean;
}

export function toListingRow(m: ObjectMetadata, now = Date.now()): ListingRow {
  return {
    key: m.key,
    category: m.category,
    size: m.sizeBytes,
    compressed: m.compressed,
    created: new Date(m.createdAt).toISOString(),
    expires: m.expiresAt === null ? null : new Date(m.expiresAt).toISOString(),
    expired: m.expiresAt !== null && m.expiresAt <= now,
  };
}

/** A fixed-width table: KEY CATEGORY SIZE COMPRESSED CREATED EXPIRES. */
export function formatListing(rows: readonly ListingRow[]): string[] {
  const table = [
    ["KEY", "CATEGORY", "SIZE", "COMPRESSED", "CREATED", "EXPIRES"],
    ...rows.map((r) => [r.key, r.category ?? "-", grouped(r.size), r.compressed ? "yes" : "no", r.created, `${r.expires ?? "never"}${r.expired ? " (expired)" : ""}`]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  return table.map((row) => row.map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd());
}
