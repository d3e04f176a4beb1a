// SyncObjectStore and SyncObjectStoreManager: the same API as ObjectStore and
// ObjectStoreManager, synchronous, over the embedded SQLite back end (better-sqlite3 is
// synchronous) or the shared PostgreSQL one (SyncPostgresBackend, a worker thread). This is what
// an algorithm's synchronous onData can call as LEAN's algorithms call ObjectStore.Save: when the
// call returns, the save is durable. Same rules, same errors.
import { ObjectNotFoundError, ObjectStoreUsageError } from "./errors.ts";
import { normalizePrefix } from "./keys.ts";
import { toStrictJson } from "./strict-json.ts";
import {
  ObjectStoreCore,
  checkSaveValue,
  parseJsonValue,
  utf8Decoder,
  utf8Encoder,
  type ObjectStoreCoreOptions,
  type ObjectWrite,
} from "./object-store-core.ts";
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
import type { StorageCategory } from "./categories.ts";
import type { StoredObject, StoreUsage, SyncBackend, WriteResult } from "./backend.ts";

export interface SyncObjectStoreOptions extends ObjectStoreCoreOptions {
  backend: SyncBackend;
}

export class SyncObjectStore extends ObjectStoreCore {
  readonly backend: SyncBackend;

  constructor(options: SyncObjectStoreOptions) {
    super(options.backend.location, options);
    this.backend = options.backend;
  }

  containsKey(key: string): boolean {
    const k = this.checkKey(key, "read", "containsKey");
    return this.backend.hasSync(k, this.now());
  }

  readBytes(key: string): Uint8Array {
    const k = this.checkKey(key, "read", "readBytes");
    const object = this.backend.readValueSync(k);
    if (!object || this.isExpired(object)) throw new ObjectNotFoundError(k);
    return this.decode(object);
  }

  read(key: string): string {
    return utf8Decoder.decode(this.readBytes(key));
  }

  readString(key: string): string {
    return this.read(key);
  }

  readJson<T = unknown>(key: string): T {
    return parseJsonValue<T>(key, this.read(key));
  }

  keys(): string[] {
    this.require("read", "keys");
    return this.backend.listSync({ now: this.now() }).map((info) => info.key);
  }

  *entries(): Generator<[string, Uint8Array]> {
    for (const key of this.keys()) {
      const object = this.backend.readValueSync(key);
      if (object && !this.isExpired(object)) yield [key, this.decode(object)];
    }
  }

  [Symbol.iterator](): Generator<[string, Uint8Array]> {
    return this.entries();
  }

  save(key: string, data?: string | Uint8Array): void {
    if (data === undefined) return this.saveFromFile(key);
    checkSaveValue("save", key, data, "either");
    return typeof data === "string" ? this.saveString(key, data) : this.saveBytes(key, data);
  }

  saveString(key: string, text: string): void {
    checkSaveValue("saveString", key, text, "string");
    this.write([{ key, value: utf8Encoder.encode(text), contentType: "string" }]);
  }

  saveBytes(key: string, bytes: Uint8Array): void {
    checkSaveValue("saveBytes", key, bytes, "bytes");
    this.write([{ key, value: bytes, contentType: "bytes" }]);
  }

  saveJson(key: string, value: unknown): void {
    const k = this.checkKey(key, "write", "saveJson");
    this.write([{ key: k, value: utf8Encoder.encode(toStrictJson(value, k)), contentType: "json" }]);
  }

  delete(key: string): boolean {
    const k = this.checkKey(key, "delete", "delete");
    return this.backend.deleteSync(k);
  }

  /** Deletes every key in one transaction (all or none); returns how many existed. */
  deleteMany(keys: readonly string[]): number {
    return this.backend.deleteManySync(keys.map((key) => this.checkKey(key, "delete", "deleteMany")));
  }

  getFilePath(key: string): string {
    const k = this.checkKey(key, "read", "getFilePath");
    const object = this.backend.readValueSync(k);
    return this.materialise(k, object && !this.isExpired(object) ? this.decode(object) : null);
  }

  clear(): void {
    for (const file of this.materialisedFiles()) {
      if (file.changed) this.saveBytes(file.key, file.changed);
      this.dropFile(file.key, file.path);
    }
  }

  close(): void {
    try {
      if (this.permissions.write) this.clear();
    } finally {
      this.backend.closeSync();
    }
  }

  usage(): StoreUsage {
    return this.backend.usageSync();
  }

  write(writes: readonly ObjectWrite[]): WriteResult & { records: StoredObject[] } {
    const records = this.prepareRecords(writes);
    return { ...this.backend.putSync(records, this.writePolicy()), records };
  }

  private saveFromFile(key: string): void {
    const k = this.checkKey(key, "write", "save");
    const { path, bytes } = this.fileToTakeBack(k);
    this.write([{ key: k, value: bytes, contentType: "bytes" }]);
    this.tookBack(k, path, bytes);
  }
}

export class SyncObjectStoreManager {
  constructor(readonly store: SyncObjectStore) {}

  save(options: ManagerSaveOptions): ManagerSaveResult {
    return this.saveMany([options])[0];
  }

  saveMany(items: readonly ManagerSaveOptions[]): ManagerSaveResult[] {
    const now = this.store.now();
    const writes = items.map((item) => prepareManagerWrite(this.store, item, now));
    let result: ReturnType<SyncObjectStore["write"]>;
    try {
      result = this.store.write(writes);
    } catch (error) {
      if (!mayRetryAfterCleanup(this.store, error) || this.cleanupExpired() === 0) throw error;
      result = this.store.write(writes);
    }
    return result.records.map((record, i) => ({ ...toMetadata(record), evicted: result.evicted[i] }));
  }

  load<T = unknown>(key: string): T | null {
    const k = this.store.checkKey(key, "read", "load");
    const object = this.store.backend.getSync(k);
    if (!object) return null;
    if (this.store.isExpired(object)) {
      if (this.store.permissions.delete) {
        this.store.backend.removeExpiredSync(this.store.now(), this.store.settings.autoCleanup.archiveBeforeDelete, k);
      }
      return null;
    }
    return decodeManagedValue(this.store, object) as T;
  }

  getMetadata(key: string): ObjectMetadata | null {
    const k = this.store.checkKey(key, "read", "getMetadata");
    const info = this.store.backend.headSync(k);
    if (!info || this.store.isExpired(info)) return null;
    return toMetadata(info);
  }

  listKeys(category?: StorageCategory): string[] {
    return this.list({ category }).map((m) => m.key);
  }

  list(options: { category?: StorageCategory; prefix?: string } = {}): ObjectMetadata[] {
    this.store.require("read", "list");
    if (options.category !== undefined) checkCategory(options.category);
    const prefix = options.prefix === undefined ? undefined : normalizePrefix(options.prefix);
    return this.store.backend.listSync({ category: options.category, prefix, now: this.store.now() }).map(toMetadata);
  }

  delete(key: string): boolean {
    return this.store.delete(key);
  }

  deleteMany(keys: readonly string[]): number {
    return this.store.deleteMany(keys);
  }

  cleanupExpired(): number {
    this.store.require("delete", "cleanupExpired");
    return this.store.backend.removeExpiredSync(this.store.now(), this.store.settings.autoCleanup.archiveBeforeDelete).length;
  }

  usage(): ManagerUsage {
    this.store.require("read", "usage");
    return toManagerUsage(this.store, this.store.backend.usageSync());
  }

  listArchived(): ArchivedObject[] {
    this.store.require("read", "listArchived");
    return this.store.backend.listArchivedSync().map(toArchivedObject);
  }

  restore(key: string, options: { expireDays?: number | null } = {}): ObjectMetadata {
    const k = this.store.checkKey(key, "write", "restore");
    const info = this.store.backend.restoreArchivedSync(k, restoreExpiry(this.store, k, options.expireDays), this.store.writePolicy());
    if (!info) throw new ObjectStoreUsageError(`restore(${JSON.stringify(k)}): nothing of this key is in the archive`);
    return toMetadata(info);
  }
}
