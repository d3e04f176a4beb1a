// Text for people: the guide's usage log lines and the store listing. Sizes are binary
// (GB = 1024^3 bytes, MB = 1024^2), numbers grouped as the guide writes them (12,543).
import { GB, MB } from "./config.ts";
import type { ManagerUsage, ObjectMetadata } from "./manager.ts";

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
  for (const [category, c] of Object.entries(usage.byCategory)) {
    const name = category === "" ? "(uncategorized)" : category;
    lines.push(`  ${name}: ${grouped(c.bytes / MB, 1)}MB (${grouped(c.files)} file${c.files === 1 ? "" : "s"})`);
  }
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
}

export function toListingRow(m: ObjectMetadata): ListingRow {
  return {
    key: m.key,
    category: m.category,
    size: m.sizeBytes,
    compressed: m.compressed,
    created: new Date(m.createdAt).toISOString(),
    expires: m.expiresAt === null ? null : new Date(m.expiresAt).toISOString(),
  };
}

/** A fixed-width table: KEY CATEGORY SIZE COMPRESSED CREATED EXPIRES. */
export function formatListing(rows: readonly ListingRow[]): string[] {
  const table = [
    ["KEY", "CATEGORY", "SIZE", "COMPRESSED", "CREATED", "EXPIRES"],
    ...rows.map((r) => [r.key, r.category ?? "-", grouped(r.size), r.compressed ? "yes" : "no", r.created, r.expires ?? "never"]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  return table.map((row) => row.map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd());
}
