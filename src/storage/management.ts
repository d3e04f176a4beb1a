// The guide's management script as functions: what `tradeloom store <command>` does, with the
// text it prints. The CLI only parses arguments and calls these.
import { isStorageCategory, STORAGE_CATEGORIES, StorageCategory } from "./categories.ts";
import { ObjectNotFoundError, ObjectStoreUsageError } from "./errors.ts";
import { exportStore, importStore } from "./export.ts";
import { formatListing, formatStatisticsReport, toListingRow } from "./report.ts";
import { readStorageStatistics } from "./monitor.ts";
import { statisticsToJson } from "./monitor-statistics.ts";
import type { ObjectStoreManager } from "./manager.ts";

export function parseCategory(value: string | undefined, fallback?: StorageCategory): StorageCategory | undefined {
  if (value === undefined) return fallback;
  if (!isStorageCategory(value)) {
    throw new ObjectStoreUsageError(`--category ${JSON.stringify(value)}: not a storage category (categories: ${STORAGE_CATEGORIES.join(", ")})`);
  }
  return value;
}

export function parseExpireDays(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === "never" || value === "none") return null;
  const days = Number(value);
  if (!Number.isFinite(days) || days <= 0) throw new ObjectStoreUsageError(`--expire-days ${JSON.stringify(value)}: a positive number of days, or "never"`);
  return days;
}

/**
 * `ls`: a table, or with json an array of { key, category, size, compressed, created, expires,
 * expired }. Every stored object is listed: objects a backtest wrote expire on its simulated
 * clock, so on the wall clock they may already be past their expiry while still stored (and
 * counted) until `cleanup`; those are marked expired.
 */
export async function listCommand(manager: ObjectStoreManager, options: { category?: string; prefix?: string; json?: boolean }): Promise<string> {
  const now = manager.store.now();
  const rows = (await manager.list({ category: parseCategory(options.category), prefix: options.prefix, includeExpired: true })).map((m) => toListingRow(m, now));
  if (options.json) return `${JSON.stringify(rows, null, 2)}\n`;
  return `${formatListing(rows).join("\n")}\n`;
}

/** `get`: the decoded value's bytes (JSON and strings as their UTF-8 text). */
export async function getCommand(manager: ObjectStoreManager, key: string): Promise<Uint8Array> {
  return manager.store.readBytes(key);
}

/**
 * `put`: saves through the manager (category research_data unless given) so compression, limits
 * and quotas apply. Valid UTF-8 input is stored as a string, anything else as bytes; with json
 * the input is parsed and stored as JSON.
 */
export async function putCommand(
  manager: ObjectStoreManager,
  key: string,
  input: Uint8Array,
  options: { category?: string; expireDays?: string; json?: boolean },
): Promise<string> {
  let data: unknown = input;
  if (options.json) {
    try {
      data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(input));
    } catch (error) {
      throw new ObjectStoreUsageError(`put ${JSON.stringify(key)} --json: the input is not JSON: ${(error as Error).message}`);
    }
  } else {
    try {
      data = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      data = input;
    }
  }
  const saved = await manager.save({
    key,
    data,
    category: parseCategory(options.category, StorageCategory.RESEARCH_DATA)!,
    expireDays: parseExpireDays(options.expireDays),
  });
  const evicted = saved.evicted.length ? `; evicted ${saved.evicted.length} older object(s): ${saved.evicted.join(", ")}` : "";
  return `saved ${saved.key} (${saved.category}, ${saved.sizeBytes} bytes${saved.compressed ? ", compressed" : ""}, expires ${
    saved.expiresAt === null ? "never" : new Date(saved.expiresAt).toISOString()
  })${evicted}\n`;
}

export async function removeCommand(manager: ObjectStoreManager, key: string): Promise<string> {
  if (!(await manager.delete(key))) throw new ObjectNotFoundError(key);
  return `deleted ${key}\n`;
}

/**
 * `stats`: the guide's OBJECT STORE STATISTICS block (usage from the index, growth from the
 * storage monitor's samples, the tier's monthly cost); with json the statistics in snake_case.
 */
export async function statsCommand(manager: ObjectStoreManager, options: { json?: boolean } = {}): Promise<string> {
  const statistics = await readStorageStatistics(manager);
  if (options.json) return `${JSON.stringify(statisticsToJson(statistics), null, 2)}\n`;
  return `${formatStatisticsReport(statistics).join("\n")}\n`;
}

export async function cleanupCommand(manager: ObjectStoreManager): Promise<string> {
  const removed = await manager.cleanupExpired();
  return `Cleaned up ${removed} expired objects${manager.store.settings.autoCleanup.archiveBeforeDelete && removed ? " (archived)" : ""}\n`;
}

export async function exportCommand(manager: ObjectStoreManager, file: string, options: { category?: string }): Promise<string> {
  const category = parseCategory(options.category);
  const count = await exportStore(manager.store, file, { category });
  return `exported ${count} objects${category ? ` of ${category}` : ""} to ${file}\n`;
}

export async function importCommand(manager: ObjectStoreManager, file: string): Promise<string> {
  const count = await importStore(manager.store, file);
  return `imported ${count} objects from ${file}\n`;
}

/** `restore`: lists the archive (no keys), or moves archived keys (or all with all) back. */
export async function restoreCommand(
  manager: ObjectStoreManager,
  keys: string[],
  options: { all?: boolean; expireDays?: string },
): Promise<string> {
  const archived = await manager.listArchived();
  if (keys.length === 0 && !options.all) {
    if (archived.length === 0) return "the archive is empty\n";
    const lines = archived.map(
      (a) => `${a.key}  ${a.category ?? "-"}  ${a.sizeBytes} bytes  ${a.reason} ${new Date(a.archivedAt).toISOString()}`,
    );
    return `${lines.join("\n")}\n`;
  }
  const wanted = options.all ? [...new Set(archived.map((a) => a.key))] : keys;
  const expireDays = parseExpireDays(options.expireDays) ?? null;
  const out: string[] = [];
  for (const key of wanted) {
    await manager.restore(key, { expireDays });
    out.push(`restored ${key}`);
  }
  return `${out.join("\n")}${out.length ? "\n" : "nothing to restore\n"}`;
}
