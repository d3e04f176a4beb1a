// The interface every back end (SQLite, PostgreSQL) implements, and the rules they share.
// A back end stores rows (value blob + metadata columns), keeps per-category usage counters
// up to date in the same transaction as every write, and enforces the write policy (category
// quotas with eviction or refusal, total size, file count) inside one locked transaction, so
// several processes sharing a store can never overshoot a limit. It knows nothing of keys'
// validity, JSON or compression: the ObjectStore layer hands it ready bytes.

/** How the stored bytes decode: what the writer handed in. */
export type ContentType = "bytes" | "string" | "json";

/** One object's metadata, as stored in the columns. `category` is "" for plain ObjectStore saves. */
export interface StoredObjectInfo {
  key: string;
  category: string;
  /** stored bytes (after compression): what counts against the limits */
  sizeBytes: number;
  /** bytes before compression */
  originalSizeBytes: number;
  compressed: boolean;
  contentType: ContentType;
  /** epoch ms, on the store's clock */
  createdAt: number;
  /** epoch ms, or null for never */
  expiresAt: number | null;
  /** JSON text of the user's metadata, or null */
  metadata: string | null;
}

export interface StoredObject extends StoredObjectInfo {
  value: Uint8Array;
}

export interface StoredValue {
  compressed: boolean;
  expiresAt: number | null;
  value: Uint8Array;
}

export interface ArchivedObjectInfo extends StoredObjectInfo {
  archiveId: number;
  archivedAt: number;
  /** why it was archived: "expired" or "evicted" */
  reason: string;
}

export interface WritePolicy {
  maxSizeBytes: number;
  maxFiles: number;
  /** categories without an entry have no quota (the plain store's uncategorised objects) */
  categoryQuotas: Readonly<Record<string, { bytes: number; onFull: "evict" | "refuse" }>>;
  /** archive objects evicted by a quota before deleting them */
  archiveEvicted: boolean;
}

export interface WriteResult {
  /** per record (in the order given): keys evicted, oldest first, to make room under its category's quota */
  evicted: string[][];
}

export interface CategoryUsage {
  bytes: number;
  files: number;
}

/** Usage from the maintained counters: never from reading values. */
export interface StoreUsage {
  totalBytes: number;
  files: number;
  /** every category that has objects; "" is the plain ObjectStore's uncategorised objects */
  byCategory: Record<string, CategoryUsage>;
}

export interface ListOptions {
  category?: string;
  prefix?: string;
  /** epoch ms: objects expired at this time are left out; omit to list expired ones too */
  now?: number;
}

export interface ExportFilter {
  category?: string;
}

export interface ObjectStoreBackend {
  /** "sqlite:/path/object-store.db" or "postgres://host:port/db#schema" (no password) */
  readonly location: string;
  /** Saves every record in one transaction: all or nothing. Throws the limit errors. */
  put(records: readonly StoredObject[], policy: WritePolicy): Promise<WriteResult>;
  /** The object, expired or not (the caller decides what expiry means), or null. */
  get(key: string): Promise<StoredObject | null>;
  head(key: string): Promise<StoredObjectInfo | null>;
  /** Just what reading a value needs (the hot path of readBytes). */
  readValue(key: string): Promise<StoredValue | null>;
  /** True if the key exists and has not expired at `now`. */
  has(key: string, now: number): Promise<boolean>;
  /** True if the key existed. */
  delete(key: string): Promise<boolean>;
  /** Deletes every key in one transaction; returns how many existed. */
  deleteMany(keys: readonly string[]): Promise<number>;
  /** Metadata, oldest first (created_at, then insertion order). */
  list(options?: ListOptions): Promise<StoredObjectInfo[]>;
  usage(): Promise<StoreUsage>;
  /** Removes objects with expires_at <= now (archiving them first when asked); returns their keys. */
  removeExpired(now: number, archive: boolean, key?: string): Promise<string[]>;
  listArchived(): Promise<ArchivedObjectInfo[]>;
  /**
   * Moves the newest archived version of `key` back into the store (through the write policy,
   * in one transaction), with the given expiry. Returns null when nothing of that key is archived.
   */
  restoreArchived(key: string, expiresAt: number | null, policy: WritePolicy): Promise<StoredObjectInfo | null>;
  /** Every stored object (value included), oldest first, streamed. */
  exportObjects(filter?: ExportFilter): AsyncIterable<StoredObject>;
  close(): Promise<void>;
}

/**
 * The same operations, synchronous: what the SyncObjectStore (an algorithm's synchronous onData)
 * drives. SqliteBackend is synchronous itself; SyncPostgresBackend runs a PostgresBackend on a
 * worker thread and waits for each answer.
 */
export interface SyncBackend {
  readonly location: string;
  putSync(records: readonly StoredObject[], policy: WritePolicy): WriteResult;
  getSync(key: string): StoredObject | null;
  readValueSync(key: string): StoredValue | null;
  headSync(key: string): StoredObjectInfo | null;
  hasSync(key: string, now: number): boolean;
  deleteSync(key: string): boolean;
  deleteManySync(keys: readonly string[]): number;
  listSync(options?: ListOptions): StoredObjectInfo[];
  usageSync(): StoreUsage;
  removeExpiredSync(now: number, archive: boolean, key?: string): string[];
  listArchivedSync(): ArchivedObjectInfo[];
  restoreArchivedSync(key: string, expiresAt: number | null, policy: WritePolicy): StoredObjectInfo | null;
  closeSync(): void;
}

/** The one place the per-save limit rules live, so both back ends decide identically. */
export interface LimitState {
  /** usage counters as they stand inside the transaction */
  usage: StoreUsage;
  /** size and category of the object being replaced, if any */
  existing: { sizeBytes: number; category: string } | null;
}

/** Usage one category has inside `usage`, 0 when absent. */
/** StoreUsage from category_usage rows (in table order); categories without files are left out. */
export function toStoreUsage(rows: Iterable<readonly [string, CategoryUsage]>): StoreUsage {
  const usage: StoreUsage = { totalBytes: 0, files: 0, byCategory: {} };
  for (const [category, row] of rows) {
    if (row.files === 0) continue;
    usage.totalBytes += row.bytes;
    usage.files += row.files;
    usage.byCategory[category] = { bytes: row.bytes, files: row.files };
  }
  return usage;
}

export function categoryUsage(usage: StoreUsage, category: string): CategoryUsage {
  return usage.byCategory[category] ?? { bytes: 0, files: 0 };
}

/** A row of the objects table as both back ends read it (SQLite gives 0/1 for booleans). */
/** The object-table columns every InfoRow holds, in the order both back ends read and write them. */
export const INFO_COLUMNS = "key, category, size_bytes, original_size, compressed, content_type, created_at, expires_at, metadata";

export interface InfoRow {
  key: string;
  category: string;
  size_bytes: number;
  original_size: number;
  compressed: boolean | number;
  content_type: string;
  created_at: number;
  expires_at: number | null;
  metadata: string | null;
}
export interface ValueRow extends InfoRow {
  value: Buffer;
}
export interface ArchiveRow extends InfoRow {
  id: number;
  archived_at: number;
  reason: string;
  gzipped: boolean | number;
  value: Buffer;
}

/** A boolean column as either driver returns it. */
export function flag(value: boolean | number): boolean {
  return value === true || value === 1;
}

export function toInfo(row: InfoRow): StoredObjectInfo {
  return {
    key: row.key,
    category: row.category,
    sizeBytes: row.size_bytes,
    originalSizeBytes: row.original_size,
    compressed: flag(row.compressed),
    contentType: row.content_type as StoredObjectInfo["contentType"],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    metadata: row.metadata,
  };
}

export function toArchivedInfo(row: ArchiveRow): ArchivedObjectInfo {
  return { ...toInfo(row), archiveId: row.id, archivedAt: row.archived_at, reason: row.reason };
}
