// The write rules shared by every back end, written once as a plan of small operations that a
// back end runs inside its locked transaction: SQLite drives it synchronously inside
// BEGIN IMMEDIATE, PostgreSQL drives it asynchronously under pg_advisory_xact_lock. Order of the
// checks: the category quota (evicting the category's oldest objects or refusing), then the
// store's file count and total size. Any throw rolls the whole transaction back.
import { CategoryQuotaExceededError, StorageLimitExceededError } from "./errors.ts";
import { categoryUsage, toStoreUsage, type CategoryUsage, type StoredObject, type StoreUsage, type WritePolicy } from "./backend.ts";

export type PlanOp =
  | { op: "existing"; key: string }
  | { op: "usage" }
  | { op: "oldest"; category: string; exclude: string }
  | { op: "archive"; key: string; reason: string; at: number }
  | { op: "delete"; key: string }
  | { op: "insert"; record: StoredObject };

export interface PlanResults {
  existing: { sizeBytes: number; category: string } | null;
  usage: StoreUsage;
  oldest: { key: string; sizeBytes: number } | null;
  archive: void;
  delete: void;
  insert: void;
}

export type Plan<T> = Generator<PlanOp, T, unknown>;

/** Saves one record under the policy; returns the keys it evicted. */
export function* planPut(record: StoredObject, policy: WritePolicy): Plan<string[]> {
  const existing = (yield { op: "existing", key: record.key }) as PlanResults["existing"];
  let usage = (yield { op: "usage" }) as StoreUsage;
  const evicted: string[] = [];
  const quota = policy.categoryQuotas[record.category];
  if (quota) {
    if (record.sizeBytes > quota.bytes) {
      throw new CategoryQuotaExceededError(record.key, record.category, record.sizeBytes, quota.bytes, "too-large");
    }
    const reclaimed = existing && existing.category === record.category ? existing.sizeBytes : 0;
    let used = categoryUsage(usage, record.category).bytes - reclaimed;
    if (used + record.sizeBytes > quota.bytes) {
      if (quota.onFull === "refuse") {
        throw new CategoryQuotaExceededError(record.key, record.category, used + record.sizeBytes, quota.bytes, "refuse");
      }
      while (used + record.sizeBytes > quota.bytes) {
        const victim = (yield { op: "oldest", category: record.category, exclude: record.key }) as PlanResults["oldest"];
        if (!victim) {
          throw new CategoryQuotaExceededError(record.key, record.category, used + record.sizeBytes, quota.bytes, "too-large");
        }
        if (policy.archiveEvicted) yield { op: "archive", key: victim.key, reason: "evicted", at: record.createdAt };
        yield { op: "delete", key: victim.key };
        used -= victim.sizeBytes;
        evicted.push(victim.key);
      }
      usage = (yield { op: "usage" }) as StoreUsage;
    }
  }
  const files = usage.files + (existing ? 0 : 1);
  if (files > policy.maxFiles) throw new StorageLimitExceededError(record.key, "files", files, policy.maxFiles);
  const bytes = usage.totalBytes - (existing ? existing.sizeBytes : 0) + record.sizeBytes;
  if (bytes > policy.maxSizeBytes) throw new StorageLimitExceededError(record.key, "bytes", bytes, policy.maxSizeBytes);
  if (existing) yield { op: "delete", key: record.key };
  yield { op: "insert", record };
  return evicted;
}

/** Runs a plan with a synchronous executor (SQLite inside its transaction). */
export function runPlanSync<T>(plan: Plan<T>, exec: (op: PlanOp) => unknown): T {
  let step = plan.next();
  while (!step.done) step = plan.next(exec(step.value));
  return step.value;
}

/** Runs a plan with an asynchronous executor (PostgreSQL inside its transaction). */
export async function runPlanAsync<T>(plan: Plan<T>, exec: (op: PlanOp) => Promise<unknown>): Promise<T> {
  let step = plan.next();
  while (!step.done) step = plan.next(await exec(step.value));
  return step.value;
}

/**
 * Per-category usage inside one write transaction: read from category_usage at the plan's first
 * "usage" step, then kept equal to the table by applying what the usage triggers do on each
 * insert and delete, so a batch reads the table once instead of once per record. One per
 * transaction, so nothing outlives it; before the first read, inserts and deletes need no
 * bookkeeping (the read will see them).
 */
export class TransactionUsage {
  private counters: Map<string, CategoryUsage> | null = null;

  get loaded(): boolean {
    return this.counters !== null;
  }

  load(rows: Iterable<{ category: string; bytes: number; files: number }>): void {
    this.counters = new Map();
    for (const row of rows) this.counters.set(row.category, { bytes: row.bytes, files: row.files });
  }

  usage(): StoreUsage {
    return toStoreUsage(this.counters ?? []);
  }

  inserted(category: string, bytes: number): void {
    if (!this.counters) return;
    let counters = this.counters.get(category);
    if (!counters) this.counters.set(category, (counters = { bytes: 0, files: 0 }));
    counters.bytes += bytes;
    counters.files += 1;
  }

  deleted(category: string, bytes: number): void {
    const counters = this.counters?.get(category);
    if (!counters) return;
    counters.bytes -= bytes;
    counters.files -= 1;
  }
}
