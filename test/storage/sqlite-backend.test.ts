// What only the SQLite back end has: its file layout, pragmas, schema and disk-full behaviour.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import {
  ObjectStore,
  ObjectStoreManager,
  SqliteBackend,
  StorageCategory,
  StorageWriteError,
  openObjectStore,
  defaultObjectStoreSettings,
  type StoredObject,
  type StoreUsage,
  type WritePolicy,
} from "../../src/storage/index.ts";
import type { PlanOp } from "../../src/storage/write-plan.ts";

const require = createRequire(import.meta.url);

describe("SqliteBackend", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tradeloom-sqlite-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps one database file per store directory, in WAL mode with synchronous=FULL", async () => {
    const store = await openObjectStore({ store: dir, settings: defaultObjectStoreSettings() });
    await store.save("k", "v");
    expect(existsSync(join(dir, "object-store.db"))).toBe(true);
    const backend = store.backend as SqliteBackend;
    expect(backend.database.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(backend.database.pragma("synchronous", { simple: true })).toBe(2); // FULL
    expect(backend.location).toBe(`sqlite:${join(dir, "object-store.db")}`);
    expect(store.filesDirectory).toBe(join(dir, "files"));
    await store.close();
  });

  it("opens a store another process is writing to while it is still in rollback-journal mode (two processes creating it at once)", async () => {
    // SQLite refuses the switch to WAL at once while another connection holds the write lock of a
    // rollback-journal database: the backend waits it out instead of failing
    const file = join(dir, "object-store.db");
    const setup = new Database(file);
    setup.exec("CREATE TABLE early (x)");
    setup.close();
    const worker = new Worker(
      `const Database = require(${JSON.stringify(require.resolve("better-sqlite3"))});
       const { parentPort, workerData } = require("node:worker_threads");
       const db = new Database(workerData);
       db.exec("BEGIN IMMEDIATE");
       db.prepare("INSERT INTO early VALUES (1)").run();
       parentPort.postMessage("writing");
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
       db.exec("COMMIT");
       db.close();`,
      { eval: true, workerData: file },
    );
    await new Promise((resolve) => worker.once("message", resolve));
    const started = performance.now();
    const backend = new SqliteBackend(file, { busyTimeoutMs: 5_000 });
    expect(performance.now() - started).toBeGreaterThan(100);
    expect(backend.database.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(backend.database.prepare("SELECT count(*) AS n FROM early").get()).toEqual({ n: 1 });
    await backend.close();
    await worker.terminate();
  });

  it("stores values as blobs in an ordinary rowid table, metadata in columns", () => {
    const backend = SqliteBackend.openDirectory(dir);
    const sql = (backend.database.prepare("SELECT sql FROM sqlite_master WHERE name = 'objects'").get() as { sql: string }).sql;
    expect(sql).not.toMatch(/WITHOUT ROWID/i);
    const columns = (backend.database.pragma("table_info(objects)") as { name: string; type: string }[]).map((c) => `${c.name}:${c.type}`);
    expect(columns).toEqual([
      "id:INTEGER",
      "key:TEXT",
      "category:TEXT",
      "size_bytes:INTEGER",
      "original_size:INTEGER",
      "compressed:INTEGER",
      "content_type:TEXT",
      "created_at:INTEGER",
      "expires_at:INTEGER",
      "metadata:TEXT",
      "value:BLOB",
    ]);
    backend.closeSync();
  });

  it("usage comes from the trigger-maintained counters, not from the values", async () => {
    const backend = SqliteBackend.openDirectory(dir);
    const manager = new ObjectStoreManager(new ObjectStore({ backend, filesDirectory: join(dir, "files") }));
    await manager.save({ key: "a", data: "12345", category: StorageCategory.LLM_CACHE });
    // corrupt nothing, but prove the counter table is what usage reads
    backend.database.prepare("UPDATE category_usage SET bytes = bytes + 1000 WHERE category = 'llm_cache'").run();
    expect((await manager.usage()).byCategory.llm_cache.bytes).toBe(1005);
    await backend.close();
  });

  it("a disk-full write throws StorageWriteError and leaves the store exactly as it was", async () => {
    const backend = SqliteBackend.openDirectory(dir);
    const store = new ObjectStore({ backend, settings: { ...defaultObjectStoreSettings(), compressionEnabled: false }, filesDirectory: join(dir, "files") });
    await store.save("small", "kept");
    const pages = backend.database.pragma("page_count", { simple: true }) as number;
    backend.database.pragma(`max_page_count = ${pages + 2}`);
    const big = new Uint8Array(200_000).fill(7);
    await expect(store.saveBytes("big", big)).rejects.toThrow(StorageWriteError);
    await expect(store.saveBytes("big", big)).rejects.toThrow('Write failed for key "big": the disk or database is full; the store is unchanged');
    expect(await store.keys()).toEqual(["small"]);
    expect(await store.read("small")).toBe("kept");
    expect((await store.usage()).files).toBe(1);
    expect(backend.integrityCheck()).toEqual(["ok"]);
    await backend.close();
  });

  it("property: inside a batch every write step sees the usage category_usage holds (overwrites, evictions, refusals)", () => {
    // The usage a batch reads once and then keeps up to date itself must equal the table's at
    // every step; checked by reading the table (same connection, same transaction) beside it.
    const record = fc.record({
      key: fc.constantFrom("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7"),
      category: fc.constantFrom("a", "b", ""),
      size: fc.integer({ min: 1, max: 400 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(record, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 300, max: 2500 }),
        fc.constantFrom<"evict" | "refuse">("evict", "refuse"),
        fc.boolean(),
        (batches, maxFiles, maxSizeBytes, onFull, archiveEvicted) => {
          const backend = new SqliteBackend(join(dir, `usage-${Math.random().toString(36).slice(2)}.db`));
          const policy: WritePolicy = { maxSizeBytes, maxFiles, categoryQuotas: { a: { bytes: 600, onFull }, b: { bytes: 500, onFull: "evict" } }, archiveEvicted };
          const seen: [StoreUsage, StoreUsage][] = [];
          const internals = backend as unknown as { exec: (op: PlanOp) => unknown };
          const exec = internals.exec;
          internals.exec = (op) => {
            const result = exec(op);
            if (op.op === "usage") seen.push([result as StoreUsage, backend.usageSync()]);
            return result;
          };
          try {
            let at = 1;
            for (const batch of batches) {
              const records: StoredObject[] = batch.map((r) => ({
                key: r.key,
                category: r.category,
                sizeBytes: r.size,
                originalSizeBytes: r.size,
                compressed: false,
                contentType: "bytes",
                createdAt: at++,
                expiresAt: null,
                metadata: null,
                value: new Uint8Array(r.size),
              }));
              try {
                backend.putSync(records, policy);
              } catch {
                // refused for space: rolled back, the next batch starts from the table again
              }
            }
            for (const [cached, table] of seen) expect(cached).toEqual(table);
          } finally {
            backend.closeSync();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a worker thread checkpoints the WAL into the database file after each megabyte written, before the writer's own automatic checkpoint would", async () => {
    const backend = SqliteBackend.openDirectory(dir);
    const file = join(dir, "object-store.db");
    const initialSize = statSync(file).size;
    const policy: WritePolicy = { maxSizeBytes: 1e12, maxFiles: 1e6, categoryQuotas: {}, archiveEvicted: false };
    const record = (i: number): StoredObject => ({
      key: `big/${i}`,
      category: "trading_state",
      sizeBytes: 256 * 1024,
      originalSizeBytes: 256 * 1024,
      compressed: false,
      contentType: "bytes",
      createdAt: i,
      expiresAt: null,
      metadata: null,
      value: new Uint8Array(256 * 1024).fill(i),
    });
    try {
      // 3 MB in 12 transactions: under the 1,000 pages (4 MB) at which the writing connection
      // would checkpoint by itself, so only the worker can have copied pages into the file
      const checkpointsReach = async (n: number) => {
        const deadline = Date.now() + 20_000;
        while (backend.checkpointer.checkpoints < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
        return backend.checkpointer.checkpoints;
      };
      for (let i = 0; i < 12; i++) {
        backend.putSync([record(i)], policy);
        if (i === 2) {
          // 768 KB: no checkpoint asked for yet, and no worker
          expect(backend.checkpointer.running).toBe(false);
        }
        if (i % 4 === 3) expect(await checkpointsReach((i + 1) / 4)).toBe((i + 1) / 4);
      }
      expect(statSync(file).size).toBeGreaterThan(initialSize + 2.5 * 1024 * 1024);
      expect(backend.integrityCheck()).toEqual(["ok"]);
    } finally {
      backend.closeSync();
    }
    // the worker closed its connection first: the writing connection was the last, so SQLite
    // checkpointed everything and removed the WAL
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = SqliteBackend.openDirectory(dir);
    expect(reopened.getSync("big/11")?.value).toEqual(Buffer.from(new Uint8Array(256 * 1024).fill(11)));
    reopened.closeSync();
  });

  it("a store that writes less than a megabyte starts no checkpoint worker", () => {
    const backend = SqliteBackend.openDirectory(dir);
    const policy: WritePolicy = { maxSizeBytes: 1e12, maxFiles: 1e6, categoryQuotas: {}, archiveEvicted: false };
    backend.putSync(
      [{ key: "small", category: "", sizeBytes: 10, originalSizeBytes: 10, compressed: false, contentType: "bytes", createdAt: 0, expiresAt: null, metadata: null, value: new Uint8Array(10) }],
      policy,
    );
    expect(backend.checkpointer.running).toBe(false);
    backend.closeSync();
    expect(existsSync(join(dir, "object-store.db-wal"))).toBe(false);
  });

  it("a write the database refuses (read-only) throws StorageWriteError and changes nothing", async () => {
    const backend = SqliteBackend.openDirectory(dir);
    const manager = new ObjectStoreManager(new ObjectStore({ backend, filesDirectory: join(dir, "files") }));
    await manager.save({ key: "kept", data: { v: 1 }, category: StorageCategory.TRADING_STATE });
    backend.database.pragma("query_only = ON");
    await expect(manager.save({ key: "new", data: { v: 2 }, category: StorageCategory.TRADING_STATE })).rejects.toThrow(
      /Write failed for key "new": the database is read-only/,
    );
    await expect(manager.delete("kept")).rejects.toThrow(StorageWriteError);
    backend.database.pragma("query_only = OFF");
    expect(await manager.listKeys()).toEqual(["kept"]);
    expect(await manager.load("kept")).toEqual({ v: 1 });
    await backend.close();
  });
});

describe("SyncObjectStore (synchronous API for an algorithm's onData)", () => {
  it("returns plain values, not promises, and a save is readable by another connection when it returns", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tradeloom-sync-"));
    try {
      const { SyncObjectStoreManager, openSyncObjectStore } = await import("../../src/storage/index.ts");
      const store = openSyncObjectStore({ store: dir, settings: defaultObjectStoreSettings() });
      expect(store.filesDirectory).toBe(join(dir, "files"));
      const manager = new SyncObjectStoreManager(store);
      // a postgres:// location opens the shared store (on a worker thread); one nobody listens on
      // fails with the store's own typed error, rebuilt on this side of the thread boundary
      let refused: unknown;
      try {
        openSyncObjectStore({ store: "postgres://x@127.0.0.1:1/db", settings: defaultObjectStoreSettings() });
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(StorageWriteError);
      expect((refused as Error).message).toMatch(/^Write failed: cannot open the PostgreSQL store postgres:\/\/x@127\.0\.0\.1:1\/db/);
      const result = manager.save({ key: "trading_state_2024-01-02", data: { equity: 1 }, category: StorageCategory.TRADING_STATE });
      expect(result).not.toBeInstanceOf(Promise);
      expect(result.key).toBe("trading_state_2024-01-02");
      const other = SqliteBackend.openDirectory(dir);
      expect(await other.has("trading_state_2024-01-02", Date.now())).toBe(true);
      await other.close();
      expect(store.containsKey("trading_state_2024-01-02")).toBe(true);
      expect(manager.load("trading_state_2024-01-02")).toEqual({ equity: 1 });
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
