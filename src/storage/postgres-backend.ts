// The shared back end: PostgreSQL (pg), for an organization whose backtests run on many
// machines. Same schema and semantics as the SQLite back end: values in a bytea column, metadata
// in columns, per-category usage kept by a trigger in the same transaction, and every write runs
// its checks and changes in one transaction holding a per-store advisory lock
// (pg_advisory_xact_lock), so writers on many machines cannot overshoot a limit. Each store lives
// in its own schema (default "tradeloom_object_store"; `?schema=NAME` in the URL picks another).
import pg from "pg";
import { asBuffer } from "./compression.ts";
import { ARCHIVE_INSERT_COLUMNS, archiveRowValues, fromArchiveValue } from "./archive.ts";
import { ObjectStoreError, StorageWriteError } from "./errors.ts";
import { planPut, runPlanAsync, TransactionUsage, type PlanOp } from "./write-plan.ts";
import type {
  ArchivedObjectInfo,
  ExportFilter,
  ListOptions,
  ObjectStoreBackend,
  StoredObject,
  StoredObjectInfo,
  StoredValue,
  StoreUsage,
  WritePolicy,
  WriteResult,
} from "./backend.ts";
import { flag, INFO_COLUMNS, toArchivedInfo, toInfo, toStoreUsage, type ArchiveRow, type InfoRow, type ValueRow } from "./backend.ts";

export const DEFAULT_POSTGRES_SCHEMA = "tradeloom_object_store";
const LOCK_NAMESPACE = 720_260;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;


function schemaSql(s: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.objects (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  original_size BIGINT NOT NULL,
  compressed BOOLEAN NOT NULL,
  content_type TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  metadata TEXT,
  value BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS objects_by_category_age ON ${s}.objects(category, created_at, id);
CREATE INDEX IF NOT EXISTS objects_by_expiry ON ${s}.objects(expires_at) WHERE expires_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS ${s}.category_usage (
  category TEXT PRIMARY KEY,
  bytes BIGINT NOT NULL,
  files BIGINT NOT NULL
);
CREATE OR REPLACE FUNCTION ${s}.objects_usage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
    UPDATE ${s}.category_usage SET bytes = bytes - OLD.size_bytes, files = files - 1 WHERE category = OLD.category;
  END IF;
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
    INSERT INTO ${s}.category_usage AS u (category, bytes, files) VALUES (NEW.category, NEW.size_bytes, 1)
      ON CONFLICT (category) DO UPDATE SET bytes = u.bytes + EXCLUDED.bytes, files = u.files + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER objects_usage AFTER INSERT OR DELETE OR UPDATE OF size_bytes, category ON ${s}.objects
  FOR EACH ROW EXECUTE FUNCTION ${s}.objects_usage();
CREATE TABLE IF NOT EXISTS ${s}.archive (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key TEXT NOT NULL,
  category TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  original_size BIGINT NOT NULL,
  compressed BOOLEAN NOT NULL,
  content_type TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  metadata TEXT,
  archived_at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  gzipped BOOLEAN NOT NULL,
  value BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS archive_by_key ON ${s}.archive(key, id);
`;
}


// bigint columns (sizes, epoch ms) come back as numbers: all stay below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (value: string) => Number(value) : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format)) as typeof pg.types.getTypeParser,
};

function wrapWriteError(error: unknown, key: string | undefined): never {
  if (error instanceof ObjectStoreError) throw error;
  const code = (error as { code?: string }).code ?? "";
  const detail =
    code === "53100"
      ? "the database server's disk is full"
      : code === "25006" || code === "42501"
        ? `the database refused the write (${code}: ${(error as Error).message})`
        : code === "ECONNREFUSED" || code === "ECONNRESET" || code === "57P01"
          ? `the database server is unreachable (${code})`
          : `${code || "error"}: ${(error as Error).message}`;
  throw new StorageWriteError(key, detail, { cause: error });
}

export interface PostgresBackendOptions {
  /** schema holding this store's tables (overrides ?schema= in the URL) */
  schema?: string;
  /** connections in the pool (default 4) */
  poolSize?: number;
}

export class PostgresBackend implements ObjectStoreBackend {
  readonly location: string;
  readonly schema: string;
  /** the pg pool (tests use it to drop their schema) */
  readonly pool: pg.Pool;
  private readonly s: string;

  private constructor(url: string, options: PostgresBackendOptions) {
    const parsed = new URL(url);
    const schema = options.schema ?? parsed.searchParams.get("schema") ?? DEFAULT_POSTGRES_SCHEMA;
    parsed.searchParams.delete("schema");
    if (!SCHEMA_NAME.test(schema)) {
      throw new ObjectStoreError(`schema ${JSON.stringify(schema)}: use lower-case letters, digits and '_' (at most 63)`);
    }
    this.schema = schema;
    this.s = `"${schema}"`;
    const shown = new URL(parsed.href);
    shown.password = "";
    this.location = `${shown.href}#${schema}`;
    this.pool = new pg.Pool({ connectionString: parsed.href, max: options.poolSize ?? 4, types });
    // An idle client losing its connection must not crash the process; the next query reports it.
    this.pool.on("error", () => {});
  }

  /** Connects and creates the schema and tables if needed. */
  static async open(url: string, options: PostgresBackendOptions = {}): Promise<PostgresBackend> {
    const backend = new PostgresBackend(url, options);
    try {
      await backend.transaction(async (client) => {
        await client.query(schemaSql(backend.s));
      });
    } catch (error) {
      await backend.pool.end();
      throw error instanceof ObjectStoreError
        ? error
        : new StorageWriteError(undefined, `cannot open the PostgreSQL store ${backend.location}: ${(error as Error).message}`, {
            cause: error,
          });
    }
    return backend;
  }

  /** Runs `fn` in a transaction holding this store's advisory lock. */
  private async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_NAMESPACE, this.schema]);
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The category_usage table as it is now (zero rows included). */
  private async usageRows(client: pg.Pool | pg.PoolClient): Promise<{ category: string; bytes: number; files: number }[]> {
    const { rows } = await client.query<{ category: string; bytes: number; files: number }>(
      `SELECT category, bytes, files FROM ${this.s}.category_usage`,
    );
    return rows;
  }

  private async archiveRow(client: pg.PoolClient, key: string, reason: string, at: number): Promise<void> {
    const { rows } = await client.query<ValueRow>(`SELECT ${INFO_COLUMNS}, value FROM ${this.s}.objects WHERE key = $1`, [key]);
    const row = rows[0];
    if (!row) return;
    await client.query(
      `INSERT INTO ${this.s}.archive (${INFO_COLUMNS}, ${ARCHIVE_INSERT_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      archiveRowValues(row, reason, at, (b) => b),
    );
  }

  /** Runs plan steps in one transaction (one executor per transaction: it keeps the transaction's usage). */
  private executor(client: pg.PoolClient) {
    const usage = new TransactionUsage();
    return async (op: PlanOp): Promise<unknown> => {
      switch (op.op) {
        case "existing": {
          const { rows } = await client.query<{ size_bytes: number; category: string }>(
            `SELECT size_bytes, category FROM ${this.s}.objects WHERE key = $1`,
            [op.key],
          );
          return rows[0] ? { sizeBytes: rows[0].size_bytes, category: rows[0].category } : null;
        }
        case "usage":
          if (!usage.loaded) usage.load(await this.usageRows(client));
          return usage.usage();
        case "oldest": {
          const { rows } = await client.query<{ key: string; size_bytes: number }>(
            `SELECT key, size_bytes FROM ${this.s}.objects WHERE category = $1 AND key <> $2 ORDER BY created_at, id LIMIT 1`,
            [op.category, op.exclude],
          );
          return rows[0] ? { key: rows[0].key, sizeBytes: rows[0].size_bytes } : null;
        }
        case "archive":
          return this.archiveRow(client, op.key, op.reason, op.at);
        case "delete": {
          const { rows } = await client.query<{ category: string; size_bytes: number }>(
            `DELETE FROM ${this.s}.objects WHERE key = $1 RETURNING category, size_bytes`,
            [op.key],
          );
          if (rows[0]) usage.deleted(rows[0].category, rows[0].size_bytes);
          return;
        }
        case "insert": {
          const r = op.record;
          usage.inserted(r.category, r.sizeBytes);
          return client.query(
            `INSERT INTO ${this.s}.objects (${INFO_COLUMNS}, value) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [
              r.key,
              r.category,
              r.sizeBytes,
              r.originalSizeBytes,
              r.compressed,
              r.contentType,
              r.createdAt,
              r.expiresAt,
              r.metadata,
              asBuffer(r.value),
            ],
          );
        }
      }
    };
  }

  async put(records: readonly StoredObject[], policy: WritePolicy): Promise<WriteResult> {
    try {
      return await this.transaction(async (client) => {
        const exec = this.executor(client);
        const evicted: string[][] = [];
        for (const record of records) evicted.push(await runPlanAsync(planPut(record, policy), exec));
        return { evicted };
      });
    } catch (error) {
      wrapWriteError(error, records.length === 1 ? records[0].key : undefined);
    }
  }

  async get(key: string): Promise<StoredObject | null> {
    const { rows } = await this.pool.query<ValueRow>(`SELECT ${INFO_COLUMNS}, value FROM ${this.s}.objects WHERE key = $1`, [key]);
    return rows[0] ? { ...toInfo(rows[0]), value: rows[0].value } : null;
  }

  async readValue(key: string): Promise<StoredValue | null> {
    const { rows } = await this.pool.query<{ compressed: boolean; expires_at: number | null; value: Buffer }>(
      `SELECT compressed, expires_at, value FROM ${this.s}.objects WHERE key = $1`,
      [key],
    );
    return rows[0] ? { compressed: rows[0].compressed, expiresAt: rows[0].expires_at, value: rows[0].value } : null;
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    const { rows } = await this.pool.query<InfoRow>(`SELECT ${INFO_COLUMNS} FROM ${this.s}.objects WHERE key = $1`, [key]);
    return rows[0] ? toInfo(rows[0]) : null;
  }

  async has(key: string, now: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `SELECT 1 FROM ${this.s}.objects WHERE key = $1 AND (expires_at IS NULL OR expires_at > $2)`,
      [key, now],
    );
    return (rowCount ?? 0) > 0;
  }

  async delete(key: string): Promise<boolean> {
    try {
      return await this.transaction(async (client) => {
        const { rowCount } = await client.query(`DELETE FROM ${this.s}.objects WHERE key = $1`, [key]);
        return (rowCount ?? 0) > 0;
      });
    } catch (error) {
      wrapWriteError(error, key);
    }
  }

  async deleteMany(keys: readonly string[]): Promise<number> {
    try {
      return await this.transaction(async (client) => {
        const { rowCount } = await client.query(`DELETE FROM ${this.s}.objects WHERE key = ANY($1::text[])`, [keys]);
        return rowCount ?? 0;
      });
    } catch (error) {
      wrapWriteError(error, keys.length === 1 ? keys[0] : undefined);
    }
  }

  async list(options: ListOptions = {}): Promise<StoredObjectInfo[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.category !== undefined) {
      params.push(options.category);
      where.push(`category = $${params.length}`);
    }
    if (options.prefix) {
      params.push(options.prefix);
      where.push(`substr(key, 1, length($${params.length})) = $${params.length}`);
    }
    if (options.now !== undefined) {
      params.push(options.now);
      where.push(`(expires_at IS NULL OR expires_at > $${params.length})`);
    }
    const { rows } = await this.pool.query<InfoRow>(
      `SELECT ${INFO_COLUMNS} FROM ${this.s}.objects ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at, id`,
      params,
    );
    return rows.map(toInfo);
  }

  async usage(): Promise<StoreUsage> {
    return toStoreUsage((await this.usageRows(this.pool)).map((row) => [row.category, row]));
  }

  async removeExpired(now: number, archive: boolean, key?: string): Promise<string[]> {
    try {
      return await this.transaction(async (client) => {
        const { rows } =
          key === undefined
            ? await client.query<{ key: string }>(
                `SELECT key FROM ${this.s}.objects WHERE expires_at <= $1 ORDER BY created_at, id`,
                [now],
              )
            : await client.query<{ key: string }>(`SELECT key FROM ${this.s}.objects WHERE expires_at <= $1 AND key = $2`, [now, key]);
        for (const row of rows) {
          if (archive) await this.archiveRow(client, row.key, "expired", now);
          await client.query(`DELETE FROM ${this.s}.objects WHERE key = $1`, [row.key]);
        }
        return rows.map((r) => r.key);
      });
    } catch (error) {
      wrapWriteError(error, key);
    }
  }

  async listArchived(): Promise<ArchivedObjectInfo[]> {
    const { rows } = await this.pool.query<ArchiveRow>(
      `SELECT id, ${INFO_COLUMNS}, archived_at, reason FROM ${this.s}.archive ORDER BY id`,
    );
    return rows.map(toArchivedInfo);
  }

  async restoreArchived(key: string, expiresAt: number | null, policy: WritePolicy): Promise<StoredObjectInfo | null> {
    try {
      return await this.transaction(async (client) => {
        const { rows } = await client.query<ArchiveRow>(
          `SELECT id, ${INFO_COLUMNS}, archived_at, reason, gzipped, value FROM ${this.s}.archive WHERE key = $1 ORDER BY id DESC LIMIT 1`,
          [key],
        );
        const row = rows[0];
        if (!row) return null;
        const record = fromArchiveValue(toArchivedInfo(row), row.value, flag(row.gzipped), expiresAt);
        await runPlanAsync(planPut(record, policy), this.executor(client));
        await client.query(`DELETE FROM ${this.s}.archive WHERE id = $1`, [row.id]);
        const { value: _value, ...info } = record;
        return info;
      });
    } catch (error) {
      wrapWriteError(error, key);
    }
  }

  async *exportObjects(filter: ExportFilter = {}): AsyncIterable<StoredObject> {
    let after = 0;
    for (;;) {
      const params: unknown[] = [after];
      let sql = `SELECT id, ${INFO_COLUMNS}, value FROM ${this.s}.objects WHERE id > $1`;
      if (filter.category !== undefined) {
        params.push(filter.category);
        sql += " AND category = $2";
      }
      const { rows } = await this.pool.query<ValueRow & { id: number }>(`${sql} ORDER BY id LIMIT 16`, params);
      if (rows.length === 0) return;
      for (const row of rows) yield { ...toInfo(row), value: row.value };
      after = rows[rows.length - 1].id;
    }
  }

  /** Drops this store's schema and everything in it (tests, throwaway stores). */
  async dropSchema(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.s} CASCADE`);
  }

  private closed = false;
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
