// What the asynchronous ObjectStore (every back end) and the SyncObjectStore (the embedded
// SQLite back end) share: settings, permissions, the clock, key checks, compression and the
// per-object limit, the write policy handed to the back end, and getFilePath's files. No I/O on
// the database happens here.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { tmpdir } from "node:os";
import { gunzip, gzip } from "./compression.ts";
import { defaultObjectStoreSettings, type ObjectStoreSettings } from "./config.ts";
import { ObjectStorePermissionError, ObjectStoreUsageError, ObjectTooLargeError } from "./errors.ts";
import { normalizeKey } from "./keys.ts";
import type { ContentType, StoredObject, WritePolicy } from "./backend.ts";

/** LEAN's StoragePermissions: what this handle on the store may do. */
export interface StoragePermissions {
  read: boolean;
  write: boolean;
  delete: boolean;
}

export interface ObjectStoreCoreOptions {
  /** limits, compression, quotas (default: the guide's settings) */
  settings?: ObjectStoreSettings;
  permissions?: Partial<StoragePermissions>;
  /** epoch-ms clock: the algorithm's clock in a backtest, Date.now outside one */
  now?: () => number;
  /** where getFilePath puts files (default: a temp directory per store location) */
  filesDirectory?: string;
}

/** What the store needs to write one object; the manager fills in category, expiry, metadata. */
export interface ObjectWrite {
  key: string;
  value: Uint8Array;
  contentType: ContentType;
  category?: string;
  expiresAt?: number | null;
  metadata?: string | null;
  forceCompress?: boolean;
}

export const utf8Encoder = new TextEncoder();
export const utf8Decoder = new TextDecoder("utf-8", { fatal: false });
const MAX_FILE_NAME_BYTES = 200;

/**
 * Whether gzip is worth trying on a large value: a 64 KB sample from its middle must shrink by at
 * least 10% (random data, already-compressed models and images do not, and gzip of 1 MB costs
 * tens of ms). Values over the per-object limit are always tried in full.
 */
function looksCompressible(raw: Uint8Array): boolean {
  const SAMPLE = 64 * 1024;
  if (raw.byteLength <= 2 * SAMPLE) return true;
  const start = Math.floor((raw.byteLength - SAMPLE) / 2);
  return gzip(raw.subarray(start, start + SAMPLE), 1).byteLength < SAMPLE * 0.9;
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

export function parseJsonValue<T>(key: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ObjectStoreUsageError(`readJson(${JSON.stringify(key)}): the stored value is not JSON: ${(error as Error).message}`);
  }
}

export function checkSaveValue(method: string, key: string, data: unknown, kind: "string" | "bytes" | "either"): void {
  const ok =
    kind === "string" ? typeof data === "string" : kind === "bytes" ? data instanceof Uint8Array : typeof data === "string" || data instanceof Uint8Array;
  if (!ok) {
    const expected = kind === "string" ? "a string" : kind === "bytes" ? "a Uint8Array" : "a string or a Uint8Array; use saveJson for objects";
    throw new ObjectStoreUsageError(`${method}(${JSON.stringify(key)}): the value must be ${expected}`);
  }
}

export abstract class ObjectStoreCore {
  readonly settings: ObjectStoreSettings;
  readonly permissions: Readonly<StoragePermissions>;
  readonly now: () => number;
  readonly filesDirectory: string;
  /** getFilePath's materialised files: key → path and the hash of what we wrote there */
  protected readonly files = new Map<string, { path: string; hash: string | null }>();

  constructor(location: string, options: ObjectStoreCoreOptions) {
    this.settings = options.settings ?? defaultObjectStoreSettings();
    this.permissions = { read: true, write: true, delete: true, ...options.permissions };
    const clock = options.now ?? Date.now;
    // whole milliseconds: the columns are integers
    this.now = () => Math.round(clock());
    this.filesDirectory = options.filesDirectory ?? join(tmpdir(), "tradeloom-object-store-files", sha256(location).slice(0, 16));
  }

  /** Total bytes the store may hold (LEAN's MaxSize). */
  get maxSize(): number {
    return this.settings.maxSizeBytes;
  }

  /** Number of objects the store may hold (LEAN's MaxFiles). */
  get maxFiles(): number {
    return this.settings.maxFiles;
  }

  /** Validates the key and checks the permission the operation needs; returns the NFC key. */
  checkKey(key: string, permission: keyof StoragePermissions, operation: string): string {
    const k = normalizeKey(key);
    this.require(permission, operation, k);
    return k;
  }

  require(permission: keyof StoragePermissions, operation: string, key?: string): void {
    if (!this.permissions[permission]) throw new ObjectStorePermissionError(permission, operation, key);
  }

  /** The write policy the back end enforces in its transaction. */
  writePolicy(): WritePolicy {
    let quotas: WritePolicy["categoryQuotas"] = this.settings.categoryQuotas;
    if (!this.permissions.delete) {
      // a handle that may not delete may not evict either: full categories refuse
      quotas = Object.fromEntries(Object.entries(quotas).map(([c, q]) => [c, { ...q, onFull: "refuse" as const }]));
    }
    return {
      maxSizeBytes: this.settings.maxSizeBytes,
      maxFiles: this.settings.maxFiles,
      categoryQuotas: quotas,
      archiveEvicted: this.settings.autoCleanup.archiveBeforeDelete,
    };
  }

  /** Compresses and checks the per-object limit: the row the back end will store. */
  encode(write: ObjectWrite, createdAt: number): StoredObject {
    const key = normalizeKey(write.key);
    const raw = write.value;
    let value = raw;
    let compressed = false;
    const limit = this.settings.maxObjectBytes;
    const compressionAllowed = this.settings.compressionEnabled;
    const overThreshold = raw.byteLength > this.settings.compressionThresholdBytes;
    if (write.forceCompress || (compressionAllowed && ((overThreshold && looksCompressible(raw)) || raw.byteLength > limit))) {
      const packed = gzip(raw);
      if (write.forceCompress || packed.byteLength < raw.byteLength) {
        value = packed;
        compressed = true;
      }
    }
    if (value.byteLength > limit) throw new ObjectTooLargeError(key, value.byteLength, limit, compressed || compressionAllowed);
    return {
      key,
      category: write.category ?? "",
      sizeBytes: value.byteLength,
      originalSizeBytes: raw.byteLength,
      compressed,
      contentType: write.contentType,
      createdAt,
      expiresAt: write.expiresAt ?? null,
      metadata: write.metadata ?? null,
      value,
    };
  }

  /** Checks permission, encodes every write: the rows for one transaction. */
  protected prepareRecords(writes: readonly ObjectWrite[]): StoredObject[] {
    this.require("write", "save", writes.length === 1 ? writes[0].key : undefined);
    const createdAt = this.now();
    return writes.map((w) => this.encode(w, createdAt));
  }

  /** The stored value, decompressed. */
  decode(object: { compressed: boolean; value: Uint8Array }): Uint8Array {
    return object.compressed ? gunzip(object.value) : object.value;
  }

  isExpired(object: { expiresAt: number | null }, now = this.now()): boolean {
    return object.expiresAt !== null && object.expiresAt <= now;
  }

  // ---- getFilePath's files ---------------------------------------------------------------

  protected filePathFor(key: string): string {
    const last = key.slice(key.lastIndexOf("/") + 1);
    const ext = extname(last);
    const name = Buffer.byteLength(last) <= MAX_FILE_NAME_BYTES ? last : `object${Buffer.byteLength(ext) <= 32 ? ext : ""}`;
    return join(this.filesDirectory, sha256(key).slice(0, 24), name);
  }

  /** Writes the current value (or no file) at the key's path and remembers what was written. */
  protected materialise(key: string, value: Uint8Array | null): string {
    const path = this.filePathFor(key);
    mkdirSync(join(path, ".."), { recursive: true });
    if (value) {
      writeFileSync(path, value);
      this.files.set(key, { path, hash: sha256(value) });
    } else {
      rmSync(path, { force: true });
      this.files.set(key, { path, hash: null });
    }
    return path;
  }

  /** The bytes a save(key) without a value takes back; throws when there is no file. */
  protected fileToTakeBack(key: string): { path: string; bytes: Uint8Array } {
    const path = this.files.get(key)?.path ?? this.filePathFor(key);
    if (!existsSync(path)) {
      throw new ObjectStoreUsageError(
        `save(${JSON.stringify(key)}) without a value takes back the file at getFilePath(key), but there is no file at ${path}: ` +
          `write it first, or pass the value`,
      );
    }
    return { path, bytes: readFileSync(path) };
  }

  protected tookBack(key: string, path: string, bytes: Uint8Array): void {
    this.files.set(key, { path, hash: sha256(bytes) });
  }

  /** getFilePath files: each with its current bytes when changed since we wrote it, else null. */
  protected materialisedFiles(): { key: string; path: string; changed: Uint8Array | null; exists: boolean }[] {
    return [...this.files].map(([key, entry]) => {
      if (!existsSync(entry.path)) return { key, path: entry.path, changed: null, exists: false };
      const bytes = readFileSync(entry.path);
      return { key, path: entry.path, changed: sha256(bytes) !== entry.hash ? bytes : null, exists: true };
    });
  }

  protected dropFile(key: string, path: string): void {
    rmSync(join(path, ".."), { recursive: true, force: true });
    this.files.delete(key);
  }
}
