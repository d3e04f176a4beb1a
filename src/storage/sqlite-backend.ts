// The embedded back end: one SQLite database file per store (better-sqlite3), WAL with
// synchronous=FULL so that a save returns only once it is durable. Values are blobs in an
// ordinary rowid table with the metadata in columns; per-category usage is kept by triggers in
// the same transaction, so stats never read values. Every write runs its checks and changes in
// one BEGIN IMMEDIATE transaction, so processes sharing the file cannot overshoot a limit.
// There is no cache: every read asks the database, so other processes' writes are seen.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { asBuffer } from "./compression.ts";
import { ARCHIVE_INSERT_COLUMNS, archiveRowValues, fromArchiveValue } from "./archive.ts";
import { ObjectStoreError, StorageWriteError } from "./errors.ts";
import { planPut, runPlanSync, TransactionUsage, type PlanOp } from "./write-plan.ts";
import { BackgroundCheckpointer } from "./sqlite-checkpointer.ts";
import type {
  ArchivedObjectInfo,
  ExportFilter,
  ListOptions,
  ObjectStoreBackend,
  StoredObject,
  SyncBackend,
  StoredObjectInfo,
  StoredValue,
  StoreUsage,
  WritePolicy,
  WriteResult,
} from "./backend.ts";
import { flag, INFO_COLUMNS, toArchivedInfo, toInfo, toStoreUsage, type ArchiveRow, type InfoRow, type ValueRow } from "./backend.ts";

export const SQLITE_FILE_NAME = "object-store.db";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS objects (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  original_size INTEGER NOT NULL,
  compressed INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  metadata TEXT,
  value BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS objects_by_category_age ON objects(category, created_at, id);
CREATE INDEX IF NOT EXISTS objects_by_expiry ON objects(expires_at) WHERE expires_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS category_usage (
  category TEXT PRIMARY KEY,
  bytes INTEGER NOT NULL,
  files INTEGER NOT NULL
);
CREATE TRIGGER IF NOT EXISTS objects_usage_insert AFTER INSERT ON objects BEGIN
  INSERT OR IGNORE INTO category_usage(category, bytes, files) VALUES (NEW.category, 0, 0);
  UPDATE category_usage SET bytes = bytes + NEW.size_bytes, files = files + 1 WHERE category = NEW.category;
END;
CREATE TRIGGER IF NOT EXISTS objects_usage_delete AFTER DELETE ON objects BEGIN
  UPDATE category_usage SET bytes = bytes - OLD.size_bytes, files = files - 1 WHERE category = OLD.category;
END;
CREATE TRIGGER IF NOT EXISTS objects_usage_update AFTER UPDATE OF size_bytes, category ON objects BEGIN
  UPDATE category_usage SET bytes = bytes - OLD.size_bytes, files = files - 1 WHERE category = OLD.category;
  INSERT OR IGNORE INTO category_usage(category, bytes, files) VALUES (NEW.category, 0, 0);
  UPDATE category_usage SET bytes = bytes + NEW.size_bytes, files = files + 1 WHERE category = NEW.category;
END;
CREATE TABLE IF NOT EXISTS archive (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  category TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  original_size INTEGER NOT NULL,
  compressed INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  metadata TEXT,
  archived_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  gzipped INTEGER NOT NULL,
  value BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS archive_by_key ON archive(key, id);
`;



/** Wraps driver failures (disk full, read-only, I/O, lock timeout) in StorageWriteError. */
function wrapWriteError(error: unknown, key: string | undefined): never {
  if (error instanceof ObjectStoreError) throw error;
  const code = (error as { code?: string }).code ?? "";
  const detail =
    code === "SQLITE_FULL"
      ? "the disk or database is full"
      : code.startsWith("SQLITE_READONLY")
        ? "the database is read-only (check the store directory's permissions)"
        : code.startsWith("SQLITE_BUSY")
          ? "the store stayed locked by another process for too long"
          : code.startsWith("SQLITE_IOERR") || code === "SQLITE_CANTOPEN"
            ? `I/O error (${code})`
            : `${code || "error"}: ${(error as Error).message}`;
  throw new StorageWriteError(key, detail, { cause: error });
}

/**
 * Turns WAL on. While another connection writes to a database still in rollback-journal mode (a
 * store being created by two processes at once), SQLite refuses the switch with SQLITE_BUSY at
 * once instead of calling the busy handler, so it is tried again until the busy timeout.
 */
function switchToWal(database: Database.Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waitMs = 1; ; waitMs = Math.min(waitMs * 2, 50)) {
    try {
      database.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if (!String((error as { code?: string }).code).startsWith("SQLITE_BUSY") || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, waitMs);
    }
  }
}

export interface SqliteBackendOptions {
  /** how long a write waits for another process's transaction, ms (default 30 s) */
  busyTimeoutMs?: number;
}

export class SqliteBackend implements ObjectStoreBackend, SyncBackend {
  readonly location: string;
  /** The better-sqlite3 connection (for integrity checks and tests). */
  readonly database: Database.Database;
  private readonly statements: Map<string, Database.Statement> = new Map();
  /** usage inside the write transaction now running (null outside write transactions) */
  private transactionUsage: TransactionUsage | null = null;
  /** copies the WAL into the database file on a worker thread (sqlite-checkpointer.ts) */
  readonly checkpointer: BackgroundCheckpointer;
  // the transaction wrappers, built once (better-sqlite3 builds new functions per call)
  private readonly putTransaction: Database.Transaction<(records: readonly StoredObject[], policy: WritePolicy) => string[][]>;
  private readonly deleteManyTransaction: Database.Transaction<(keys: readonly string[]) => number>;
  private readonly removeExpiredTransaction: Database.Transaction<(now: number, archive: boolean, key?: string) => string[]>;
  private readonly restoreTransaction: Database.Transaction<
    (key: string, expiresAt: number | null, policy: WritePolicy) => StoredObjectInfo | null
  >;

  /** Opens (creating if needed) the store database at `file`. */
  constructor(readonly file: string, options: SqliteBackendOptions = {}) {
    this.file = resolve(file);
    this.location = `sqlite:${this.file}`;
    mkdirSync(dirname(this.file), { recursive: true });
    const timeout = options.busyTimeoutMs ?? 30_000;
    this.checkpointer = new BackgroundCheckpointer(this.file, timeout);
    try {
      this.database = new Database(this.file, { timeout });
      switchToWal(this.database, timeout);
      this.database.pragma("synchronous = FULL");
      this.database.transaction(() => this.database.exec(SCHEMA)).immediate();
    } catch (error) {
      wrapWriteError(error, undefined);
    }
    this.putTransaction = this.database.transaction((records: readonly StoredObject[], policy: WritePolicy) =>
      this.withTransactionUsage(() => records.map((record) => runPlanSync(planPut(record, policy), this.exec))),
    );
    this.deleteManyTransaction = this.database.transaction((keys: readonly string[]) => {
      let deleted = 0;
      for (const key of keys) deleted += this.statement("DELETE FROM objects WHERE key = ?").run(key).changes;
      return deleted;
    });
    this.removeExpiredTransaction = this.database.transaction((now: number, archive: boolean, key?: string) => {
      const rows = (
        key === undefined
          ? this.statement("SELECT key FROM objects WHERE expires_at <= ? ORDER BY created_at, id").all(now)
          : this.statement("SELECT key FROM objects WHERE expires_at <= ? AND key = ?").all(now, key)
      ) as { key: string }[];
      for (const row of rows) {
        if (archive) this.archiveRow(row.key, "expired", now);
        this.statement("DELETE FROM objects WHERE key = ?").run(row.key);
      }
      return rows.map((r) => r.key);
    });
    this.restoreTransaction = this.database.transaction((key: string, expiresAt: number | null, policy: WritePolicy) =>
      this.withTransactionUsage(() => {
        const row = this.statement(
          `SELECT id, ${INFO_COLUMNS}, archived_at, reason, gzipped, value FROM archive WHERE key = ? ORDER BY id DESC LIMIT 1`,
        ).get(key) as ArchiveRow | undefined;
        if (!row) return null;
        const record = fromArchiveValue(toArchivedInfo(row), row.value, flag(row.gzipped), expiresAt);
        runPlanSync(planPut(record, policy), this.exec);
        this.statement("DELETE FROM archive WHERE id = ?").run(row.id);
        const { value: _value, ...info } = record;
        return info;
      }),
    );
  }

  /** Opens the store kept in directory `dir` (its `object-store.db`). */
  static openDirectory(dir: string, options?: SqliteBackendOptions): SqliteBackend {
    return new SqliteBackend(resolve(dir, SQLITE_FILE_NAME), options);
  }

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.database.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** The category_usage table as it is now, in table order (zero rows included). */
  private usageRows(): { category: string; bytes: number; files: number }[] {
    return this.statement("SELECT category, bytes, files FROM category_usage").all() as {
      category: string;
      bytes: number;
      files: number;
    }[];
  }

  private usageNow(): StoreUsage {
    return toStoreUsage(this.usageRows().map((row) => [row.category, row]));
  }

  /** Runs `fn` (inside a write transaction) with a usage of its own, dropped afterwards. */
  private withTransactionUsage<T>(fn: () => T): T {
    this.transactionUsage = new TransactionUsage();
    try {
      return fn();
    } finally {
      this.transactionUsage = null;
    }
  }

  /** The "usage" step of a plan: the table's usage, read once per transaction. */
  private transactionUsageNow(): StoreUsage {
    const usage = this.transactionUsage;
    if (!usage) return this.usageNow();
    if (!usage.loaded) usage.load(this.usageRows());
    return usage.usage();
  }

  private archiveRow(key: string, reason: string, at: number): void {
    const row = this.statement(`SELECT ${INFO_COLUMNS}, value FROM objects WHERE key = ?`).get(key) as ValueRow | undefined;
    if (!row) return;
    this.statement(`INSERT INTO archive (${INFO_COLUMNS}, ${ARCHIVE_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      ...archiveRowValues(row, reason, at, (b) => (b ? 1 : 0)),
    );
  }

  private insert(record: StoredObject): void {
    this.statement(`INSERT INTO objects (${INFO_COLUMNS}, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      record.key,
      record.category,
      record.sizeBytes,
      record.originalSizeBytes,
      record.compressed ? 1 : 0,
      record.contentType,
      record.createdAt,
      record.expiresAt,
      record.metadata,
      asBuffer(record.value),
    );
  }

  private exec = (op: PlanOp): unknown => {
    switch (op.op) {
      case "existing": {
        const row = this.statement("SELECT size_bytes, category FROM objects WHERE key = ?").get(op.key) as
          | { size_bytes: number; category: string }
          | undefined;
        return row ? { sizeBytes: row.size_bytes, category: row.category } : null;
      }
      case "usage":
        return this.transactionUsageNow();
      case "oldest": {
        const row = this.statement(
          "SELECT key, size_bytes FROM objects WHERE category = ? AND key <> ? ORDER BY created_at, id LIMIT 1",
        ).get(op.category, op.exclude) as { key: string; size_bytes: number } | undefined;
        return row ? { key: row.key, sizeBytes: row.size_bytes } : null;
      }
      case "archive":
        return this.archiveRow(op.key, op.reason, op.at);
      case "delete": {
        // what the objects_usage_delete trigger does to category_usage
        const row = this.statement("DELETE FROM objects WHERE key = ? RETURNING category, size_bytes").get(op.key) as
          | { category: string; size_bytes: number }
          | undefined;
        if (row) this.transactionUsage?.deleted(row.category, row.size_bytes);
        return;
      }
      case "insert": {
        this.insert(op.record);
        this.transactionUsage?.inserted(op.record.category, op.record.sizeBytes);
        return;
      }
    }
  };

  async put(records: readonly StoredObject[], policy: WritePolicy): Promise<WriteResult> {
    return this.putSync(records, policy);
  }

  /** The synchronous core of put (durable when it returns). */
  putSync(records: readonly StoredObject[], policy: WritePolicy): WriteResult {
    let evicted: string[][];
    try {
      evicted = this.putTransaction.immediate(records, policy);
    } catch (error) {
      wrapWriteError(error, records.length === 1 ? records[0].key : undefined);
    }
    let bytes = 0;
    for (const record of records) bytes += record.sizeBytes;
    this.checkpointer.written(bytes);
    return { evicted };
  }

  getSync(key: string): StoredObject | null {
    const row = this.statement(`SELECT ${INFO_COLUMNS}, value FROM objects WHERE key = ?`).get(key) as ValueRow | undefined;
    return row ? { ...toInfo(row), value: row.value } : null;
  }

  readValueSync(key: string): StoredValue | null {
    const row = this.statement("SELECT compressed, expires_at, value FROM objects WHERE key = ?").get(key) as
      | { compressed: number; expires_at: number | null; value: Buffer }
      | undefined;
    return row ? { compressed: flag(row.compressed), expiresAt: row.expires_at, value: row.value } : null;
  }

  headSync(key: string): StoredObjectInfo | null {
    const row = this.statement(`SELECT ${INFO_COLUMNS} FROM objects WHERE key = ?`).get(key) as InfoRow | undefined;
    return row ? toInfo(row) : null;
  }

  hasSync(key: string, now: number): boolean {
    return (
      this.statement("SELECT 1 FROM objects WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)").get(key, now) !==
      undefined
    );
  }

  deleteSync(key: string): boolean {
    try {
      return this.statement("DELETE FROM objects WHERE key = ?").run(key).changes > 0;
    } catch (error) {
      wrapWriteError(error, key);
    }
  }

  deleteManySync(keys: readonly string[]): number {
    try {
      return this.deleteManyTransaction.immediate(keys);
    } catch (error) {
      wrapWriteError(error, keys.length === 1 ? keys[0] : undefined);
    }
  }

  listSync(options: ListOptions = {}): StoredObjectInfo[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.category !== undefined) {
      where.push("category = ?");
      params.push(options.category);
    }
    if (options.prefix) {
      where.push("substr(key, 1, length(?)) = ?");
      params.push(options.prefix, options.prefix);
    }
    if (options.now !== undefined) {
      where.push("(expires_at IS NULL OR expires_at > ?)");
      params.push(options.now);
    }
    const sql = `SELECT ${INFO_COLUMNS} FROM objects ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at, id`;
    return (this.statement(sql).all(...params) as InfoRow[]).map(toInfo);
  }

  usageSync(): StoreUsage {
    return this.usageNow();
  }

  removeExpiredSync(now: number, archive: boolean, key?: string): string[] {
    try {
      return this.removeExpiredTransaction.immediate(now, archive, key);
    } catch (error) {
      wrapWriteError(error, key);
    }
  }

  // ---- the ObjectStoreBackend interface: the synchronous methods, as promises ----------

  async get(key: string): Promise<StoredObject | null> {
    return this.getSync(key);
  }

  async readValue(key: string): Promise<StoredValue | null> {
    return this.readValueSync(key);
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    return this.headSync(key);
  }

  async has(key: string, now: number): Promise<boolean> {
    return this.hasSync(key, now);
  }

  async delete(key: string): Promise<boolean> {
    return this.deleteSync(key);
  }

  async deleteMany(keys: readonly string[]): Promise<number> {
    return this.deleteManySync(keys);
  }

  async list(options: ListOptions = {}): Promise<StoredObjectInfo[]> {
    return this.listSync(options);
  }

  async usage(): Promise<StoreUsage> {
    return this.usageSync();
  }

  async removeExpired(now: number, archive: boolean, key?: string): Promise<string[]> {
    return this.removeExpiredSync(now, archive, key);
  }

  listArchivedSync(): ArchivedObjectInfo[] {
    const rows = this.statement(`SELECT id, ${INFO_COLUMNS}, archived_at, reason FROM archive ORDER BY id`).all() as ArchiveRow[];
    return rows.map(toArchivedInfo);
  }

  restoreArchivedSync(key: string, expiresAt: number | null, policy: WritePolicy): StoredObjectInfo | null {
    try {
      return this.restoreTransaction.immediate(key, expiresAt, policy);
    } catch (error) {
      wrapWriteError(error, key);
    }
  }

  async listArchived(): Promise<ArchivedObjectInfo[]> {
    return this.listArchivedSync();
  }

  async restoreArchived(key: string, expiresAt: number | null, policy: WritePolicy): Promise<StoredObjectInfo | null> {
    return this.restoreArchivedSync(key, expiresAt, policy);
  }

  async *exportObjects(filter: ExportFilter = {}): AsyncIterable<StoredObject> {
    let after = 0;
    const sql =
      filter.category === undefined
        ? `SELECT id, ${INFO_COLUMNS}, value FROM objects WHERE id > ? ORDER BY id LIMIT 16`
        : `SELECT id, ${INFO_COLUMNS}, value FROM objects WHERE id > ? AND category = ? ORDER BY id LIMIT 16`;
    for (;;) {
      const params = filter.category === undefined ? [after] : [after, filter.category];
      const rows = this.statement(sql).all(...params) as (ValueRow & { id: number })[];
      if (rows.length === 0) return;
      for (const row of rows) yield { ...toInfo(row), value: row.value };
      after = rows[rows.length - 1].id;
    }
  }

  /** SQLite's own check: ["ok"] when the database is sound. */
  integrityCheck(): string[] {
    return (this.database.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
  }

  /** Stops the background checkpointer, then closes the connection (the last one removes the WAL). */
  closeSync(): void {
    this.checkpointer.stop();
    if (this.database.open) this.database.close();
  }

  async close(): Promise<void> {
    this.closeSync();
  }
}
