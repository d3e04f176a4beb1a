// What the asynchronous ObjectStoreManager and the SyncObjectStoreManager share: the guide's
// save options and metadata, turning a save into a ready write (category, expiry on the
// store's clock, strict JSON, metadata), and decoding a stored value back.
import { isStorageCategory, STORAGE_CATEGORIES, type StorageCategory } from "./categories.ts";
import { CategoryQuotaExceededError, ObjectStoreUsageError, StorageLimitExceededError, UnserializableValueError } from "./errors.ts";
import { normalizeKey } from "./keys.ts";
import { assertJsonSerializable, toStrictJson } from "./strict-json.ts";
import { utf8Decoder, utf8Encoder, type ObjectStoreCore, type ObjectWrite } from "./object-store-core.ts";
import type { ArchivedObjectInfo, StoredObjectInfo, StoreUsage } from "./backend.ts";

export const DAY_MS = 86_400_000;

export interface ManagerSaveOptions {
  key: string;
  /** a JSON value (strictly checked), a string, or bytes */
  data: unknown;
  category: StorageCategory;
  /**
   * days until the object expires, on the store's clock. undefined: auto_cleanup.keep_days when
   * auto cleanup is enabled, else never; null: never (the guide's `expire_days=None`).
   */
  expireDays?: number | null;
  /** searchable metadata (a JSON object, strictly checked) */
  metadata?: Record<string, unknown> | null;
  /** compress even below the threshold */
  forceCompress?: boolean;
}

/** The guide's object metadata. Times are epoch ms on the store's clock. */
export interface ObjectMetadata {
  key: string;
  /** null for objects saved through the plain ObjectStore */
  category: StorageCategory | null;
  /** stored bytes (after compression) */
  sizeBytes: number;
  compressed: boolean;
  createdAt: number;
  expiresAt: number | null;
  metadata: Record<string, unknown> | null;
}

export interface ManagerSaveResult extends ObjectMetadata {
  /** keys evicted (oldest first) from the category to make room for this save */
  evicted: string[];
}

export interface ArchivedObject extends ObjectMetadata {
  archiveId: number;
  archivedAt: number;
  reason: string;
}

/** Usage from the index, plus every guide category (zeros included). */
export interface ManagerUsage extends StoreUsage {
  maxSizeBytes: number;
  maxFiles: number;
}

export function toMetadata(info: StoredObjectInfo): ObjectMetadata {
  return {
    key: info.key,
    category: info.category === "" ? null : (info.category as StorageCategory),
    sizeBytes: info.sizeBytes,
    compressed: info.compressed,
    createdAt: info.createdAt,
    expiresAt: info.expiresAt,
    metadata: info.metadata === null ? null : (JSON.parse(info.metadata) as Record<string, unknown>),
  };
}

export function toArchivedObject(a: ArchivedObjectInfo): ArchivedObject {
  return { ...toMetadata(a), archiveId: a.archiveId, archivedAt: a.archivedAt, reason: a.reason };
}

export function toManagerUsage(store: ObjectStoreCore, usage: StoreUsage): ManagerUsage {
  const byCategory: StoreUsage["byCategory"] = {};
  for (const category of STORAGE_CATEGORIES) byCategory[category] = usage.byCategory[category] ?? { bytes: 0, files: 0 };
  for (const [category, value] of Object.entries(usage.byCategory)) byCategory[category] ??= value;
  return { ...usage, byCategory, maxSizeBytes: store.maxSize, maxFiles: store.maxFiles };
}

export function checkCategory(category: unknown): asserts category is StorageCategory {
  if (!isStorageCategory(category)) {
    throw new ObjectStoreUsageError(
      `category ${JSON.stringify(category)} is not a storage category (categories: ${STORAGE_CATEGORIES.join(", ")})`,
    );
  }
}

export function checkExpireDays(days: unknown, key: string): void {
  if (typeof days !== "number" || !Number.isFinite(days) || days <= 0) {
    throw new ObjectStoreUsageError(`key ${JSON.stringify(key)}: expireDays must be a positive number of days or null, got ${String(days)}`);
  }
}

/** The expiry time of a restore: never unless days are given. */
export function restoreExpiry(store: ObjectStoreCore, key: string, expireDays: number | null | undefined): number | null {
  const days = expireDays ?? null;
  if (days === null) return null;
  checkExpireDays(days, key);
  return Math.round(store.now() + days * DAY_MS);
}

/** Whether a failed save may succeed after expired objects are cleaned up (auto_cleanup). */
export function mayRetryAfterCleanup(store: ObjectStoreCore, error: unknown): boolean {
  const spaceError = error instanceof StorageLimitExceededError || error instanceof CategoryQuotaExceededError;
  return spaceError && store.settings.autoCleanup.enabled && store.permissions.delete;
}

/** One manager save as a ready write: validated key, category, expiry, metadata and encoded data. */
export function prepareManagerWrite(store: ObjectStoreCore, item: ManagerSaveOptions, now: number): ObjectWrite {
  if (typeof item !== "object" || item === null) throw new ObjectStoreUsageError("save: expected { key, data, category, ... }");
  const key = normalizeKey(item.key);
  checkCategory(item.category);
  let expireDays = item.expireDays;
  if (expireDays === undefined) {
    const cleanup = store.settings.autoCleanup;
    expireDays = cleanup.enabled ? cleanup.keepDays : null;
  }
  if (expireDays !== null) checkExpireDays(expireDays, key);
  let metadata: string | null = null;
  if (item.metadata !== undefined && item.metadata !== null) {
    const m = item.metadata;
    if (typeof m !== "object" || Array.isArray(m)) {
      throw new ObjectStoreUsageError(`key ${JSON.stringify(key)}: metadata must be an object, got ${Array.isArray(m) ? "an array" : typeof m}`);
    }
    try {
      assertJsonSerializable(m, key);
    } catch (error) {
      if (error instanceof UnserializableValueError) throw new UnserializableValueError(key, `metadata${error.path.slice(1)}`, error.reason);
      throw error;
    }
    metadata = JSON.stringify(m);
  }
  const data = item.data;
  let value: Uint8Array;
  let contentType: ObjectWrite["contentType"];
  if (data instanceof Uint8Array) {
    value = data;
    contentType = "bytes";
  } else if (typeof data === "string") {
    value = utf8Encoder.encode(data);
    contentType = "string";
  } else {
    value = utf8Encoder.encode(toStrictJson(data, key));
    contentType = "json";
  }
  return {
    key,
    value,
    contentType,
    category: item.category,
    expiresAt: expireDays === null ? null : Math.round(now + expireDays * DAY_MS),
    metadata,
    forceCompress: item.forceCompress === true,
  };
}

/** The decoded value of a stored object, by the content type it was saved with. */
export function decodeManagedValue(store: ObjectStoreCore, object: { compressed: boolean; value: Uint8Array; contentType: string }): unknown {
  const bytes = store.decode(object);
  switch (object.contentType) {
    case "json":
      return JSON.parse(utf8Decoder.decode(bytes));
    case "string":
      return utf8Decoder.decode(bytes);
    default:
      return bytes;
  }
}
