// ObjectStoreManager: the guide's manager over an ObjectStore (any back end). Categories with
// quotas, expiry on the store's clock (simulated days inside a backtest), user metadata,
// automatic and forced gzip compression, batches in one transaction, expiry cleanup with
// archiving, and restore. Failures throw typed errors; nothing is reported by returning false.
import { ObjectStoreUsageError } from "./errors.ts";
import { normalizePrefix } from "./keys.ts";
import type { StorageCategory } from "./categories.ts";
import type { ObjectStore } from "./object-store.ts";
import type { StoredObject } from "./backend.ts";
import {
  checkCategory,
  decodeManagedValue,
  mayRetryAfterCleanup,
  prepareManagerWrite,
  restoreExpiry,
  toArchivedObject,
  toManagerUsage,
  toMetadata,
  type ArchivedObject,
  type ManagerSaveOptions,
  type ManagerSaveResult,
  type ManagerUsage,
  type ObjectMetadata,
} from "./manager-core.ts";

export type { ArchivedObject, ManagerSaveOptions, ManagerSaveResult, ManagerUsage, ObjectMetadata } from "./manager-core.ts";

export class ObjectStoreManager {
  constructor(readonly store: ObjectStore) {}

  /** Saves one object. Throws ObjectTooLargeError, CategoryQuotaExceededError, StorageLimitExceededError, ... */
  async save(options: ManagerSaveOptions): Promise<ManagerSaveResult> {
    return (await this.saveMany([options]))[0];
  }

  /** Saves every object in one transaction: all are saved, or none (the guide's batch operations). */
  async saveMany(items: readonly ManagerSaveOptions[]): Promise<ManagerSaveResult[]> {
    const now = this.store.now();
    const writes = items.map((item) => prepareManagerWrite(this.store, item, now));
    let result: Awaited<ReturnType<ObjectStore["write"]>>;
    try {
      result = await this.store.write(writes);
    } catch (error) {
      // auto_cleanup: a save refused for space gets one retry after expired objects are removed.
      if (!mayRetryAfterCleanup(this.store, error) || (await this.cleanupExpired()) === 0) throw error;
      result = await this.store.write(writes);
    }
    return result.records.map((record, i) => ({ ...toMetadata(record), evicted: result.evicted[i] }));
  }

  /** The value (JSON parsed, string, or bytes as saved), or null if missing or expired (an expired one is removed). */
  async load<T = unknown>(key: string): Promise<T | null> {
    const k = this.store.checkKey(key, "read", "load");
    const object = await this.store.backend.get(k);
    if (!object) return null;
    if (this.store.isExpired(object)) {
      if (this.store.permissions.delete) {
        await this.store.backend.removeExpired(this.store.now(), this.store.settings.autoCleanup.archiveBeforeDelete, k);
      }
      return null;
    }
    return decodeManagedValue(this.store, object) as T;
  }

  async getMetadata(key: string): Promise<ObjectMetadata | null> {
    const k = this.store.checkKey(key, "read", "getMetadata");
    const info = await this.store.backend.head(k);
    if (!info || this.store.isExpired(info)) return null;
    return toMetadata(info);
  }

  /** Keys (of one category, or all), oldest first; expired objects are left out. */
  async listKeys(category?: StorageCategory): Promise<string[]> {
    return (await this.list({ category })).map((m) => m.key);
  }

  /** Metadata of every live object, oldest first, optionally of one category and/or under a key prefix. */
  /** Objects oldest first; expired ones are left out unless `includeExpired` (they stay stored until cleanup). */
  async list(options: { category?: StorageCategory; prefix?: string; includeExpired?: boolean } = {}): Promise<ObjectMetadata[]> {
    this.store.require("read", "list");
    if (options.category !== undefined) checkCategory(options.category);
    const prefix = options.prefix === undefined ? undefined : normalizePrefix(options.prefix);
    const infos = await this.store.backend.list({ category: options.category, prefix, now: options.includeExpired ? undefined : this.store.now() });
    return infos.map(toMetadata);
  }

  async delete(key: string): Promise<boolean> {
    return this.store.delete(key);
  }

  async deleteMany(keys: readonly string[]): Promise<number> {
    return this.store.deleteMany(keys);
  }

  /** Removes every expired object (archiving it first when archive_before_delete); returns how many. */
  async cleanupExpired(): Promise<number> {
    this.store.require("delete", "cleanupExpired");
    const removed = await this.store.backend.removeExpired(this.store.now(), this.store.settings.autoCleanup.archiveBeforeDelete);
    return removed.length;
  }

  /** Total bytes, file count and per-category bytes/files, from the index (every guide category listed). */
  async usage(): Promise<ManagerUsage> {
    this.store.require("read", "usage");
    return toManagerUsage(this.store, await this.store.backend.usage());
  }

  async listArchived(): Promise<ArchivedObject[]> {
    this.store.require("read", "listArchived");
    return (await this.store.backend.listArchived()).map(toArchivedObject);
  }

  /**
   * Moves the newest archived version of `key` back into the store, through the same limits as
   * a save. It comes back with no expiry unless `expireDays` is given. Throws if nothing of that
   * key is archived.
   */
  async restore(key: string, options: { expireDays?: number | null } = {}): Promise<ObjectMetadata> {
    const k = this.store.checkKey(key, "write", "restore");
    const expiresAt = restoreExpiry(this.store, k, options.expireDays);
    const info = await this.store.backend.restoreArchived(k, expiresAt, this.store.writePolicy());
    if (!info) throw new ObjectStoreUsageError(`restore(${JSON.stringify(k)}): nothing of this key is in the archive`);
    return toMetadata(info);
  }

  /** The decoded value of a stored object, by the content type it was saved with. */
  decodeValue(object: StoredObject): unknown {
    return decodeManagedValue(this.store, object);
  }
}
