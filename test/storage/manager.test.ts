// ObjectStoreManager (the guide's manager), against every back end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { randomBytes } from "node:crypto";
import {
  CategoryQuotaExceededError,
  InvalidKeyError,
  ObjectStoreUsageError,
  ObjectTooLargeError,
  StorageCategory,
  StorageLimitExceededError,
  UnserializableValueError,
  defaultObjectStoreSettings,
  type ObjectStoreSettings,
} from "../../src/storage/index.ts";
import { STORE_APIS, DAY, T0, createHarness, settingsWith, type StoreHarness } from "./backends.ts";

function withQuota(category: StorageCategory, bytes: number, onFull: "evict" | "refuse", patch: Partial<ObjectStoreSettings> = {}) {
  const base = defaultObjectStoreSettings();
  return settingsWith({
    compressionEnabled: false,
    ...patch,
    categoryQuotas: { ...base.categoryQuotas, [category]: { bytes, onFull } },
  });
}

describe.each(STORE_APIS)("ObjectStoreManager on $name", (kind) => {
  let h: StoreHarness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  async function managerWith(settings: ObjectStoreSettings) {
    return h.managerFor(await h.open({ settings }));
  }

  it("saves and loads JSON, strings and bytes as they were given", async () => {
    const m = h.manager;
    const state = { timestamp: "2024-01-02 14:30:00", equity: 100_000.5, positions: { SPY: { quantity: 10 } } };
    await m.save({ key: "trading_state_2024-01-02", data: state, category: StorageCategory.TRADING_STATE, expireDays: 90 });
    await m.save({ key: "note", data: "plain text", category: StorageCategory.RESEARCH_DATA });
    await m.save({ key: "blob", data: new Uint8Array([1, 2, 3]), category: StorageCategory.ML_MODELS, expireDays: null });
    expect(await m.load("trading_state_2024-01-02")).toEqual(state);
    expect(await m.load("note")).toBe("plain text");
    expect([...((await m.load<Uint8Array>("blob")) as Uint8Array)]).toEqual([1, 2, 3]);
    expect(await m.load("missing")).toBeNull();
  });

  it("getMetadata returns the guide's fields", async () => {
    const result = await h.manager.save({
      key: "backtest_2025_01_15",
      data: { sharpe: 1.8 },
      category: StorageCategory.BACKTEST_RESULTS,
      expireDays: 365,
      metadata: { strategy: "two_part_spread", sharpe: 1.8, max_drawdown: 0.12, version: "v2.3" },
    });
    const meta = await h.manager.getMetadata("backtest_2025_01_15");
    expect(meta).toEqual({
      key: "backtest_2025_01_15",
      category: "backtest_results",
      sizeBytes: 14,
      compressed: false,
      createdAt: T0,
      expiresAt: T0 + 365 * DAY,
      metadata: { strategy: "two_part_spread", sharpe: 1.8, max_drawdown: 0.12, version: "v2.3" },
    });
    expect(result.evicted).toEqual([]);
    expect(result.key).toBe("backtest_2025_01_15");
    expect(await h.manager.getMetadata("nope")).toBeNull();
    await h.store.save("plain", "x");
    expect((await h.manager.getMetadata("plain"))?.category).toBeNull();
  });

  it("listKeys: oldest first, per category or all", async () => {
    const m = h.manager;
    for (const [i, key] of ["c1", "c2", "c3"].entries()) {
      h.clock.now = T0 + i * 1000;
      await m.save({ key, data: i, category: StorageCategory.LLM_CACHE });
    }
    h.clock.now = T0 + 500;
    await m.save({ key: "s1", data: 1, category: StorageCategory.TRADING_STATE });
    expect(await m.listKeys(StorageCategory.LLM_CACHE)).toEqual(["c1", "c2", "c3"]);
    expect(await m.listKeys()).toEqual(["c1", "s1", "c2", "c3"]);
    expect(await m.listKeys(StorageCategory.ML_MODELS)).toEqual([]);
    expect((await m.list({ prefix: "c" })).map((x) => x.key)).toEqual(["c1", "c2", "c3"]);
    await expect(m.listKeys("bogus" as StorageCategory)).rejects.toThrow(ObjectStoreUsageError);
  });

  it("expiry runs on the store's clock: 90 days of state means 90 simulated days; expired → null and removed (archived)", async () => {
    const m = h.manager;
    await m.save({ key: "state", data: { x: 1 }, category: StorageCategory.TRADING_STATE, expireDays: 90 });
    h.clock.now = T0 + 90 * DAY - 1;
    expect(await m.load("state")).toEqual({ x: 1 });
    h.clock.now = T0 + 90 * DAY;
    expect(await m.load("state")).toBeNull();
    expect(await m.getMetadata("state")).toBeNull();
    expect((await h.store.usage()).files).toBe(0);
    const archived = await m.listArchived();
    expect(archived.map((a) => [a.key, a.reason, a.archivedAt])).toEqual([["state", "expired", T0 + 90 * DAY]]);
  });

  it("expireDays: undefined → keep_days (auto_cleanup on), null → never; without auto cleanup undefined → never", async () => {
    await h.manager.save({ key: "default", data: 1, category: StorageCategory.RESEARCH_DATA });
    await h.manager.save({ key: "never", data: 1, category: StorageCategory.ML_MODELS, expireDays: null });
    expect((await h.manager.getMetadata("default"))?.expiresAt).toBe(T0 + 90 * DAY);
    expect((await h.manager.getMetadata("never"))?.expiresAt).toBeNull();
    const base = defaultObjectStoreSettings();
    const m = await managerWith(settingsWith({ autoCleanup: { ...base.autoCleanup, enabled: false } }));
    await m.save({ key: "no-cleanup", data: 1, category: StorageCategory.RESEARCH_DATA });
    expect((await m.getMetadata("no-cleanup"))?.expiresAt).toBeNull();
    await expect(h.manager.save({ key: "k", data: 1, category: StorageCategory.LLM_CACHE, expireDays: 0 })).rejects.toThrow(
      "expireDays must be a positive number",
    );
  });

  it("cleanupExpired removes and archives expired objects and returns how many; restore brings one back", async () => {
    const m = h.manager;
    await m.save({ key: "n1", data: { headline: "a" }, category: StorageCategory.LLM_CACHE, expireDays: 30 });
    await m.save({ key: "n2", data: { headline: "b" }, category: StorageCategory.LLM_CACHE, expireDays: 30 });
    await m.save({ key: "model", data: "weights", category: StorageCategory.ML_MODELS, expireDays: null });
    h.clock.now = T0 + 31 * DAY;
    expect(await m.cleanupExpired()).toBe(2);
    expect(await m.cleanupExpired()).toBe(0);
    expect(await m.listKeys()).toEqual(["model"]);
    expect((await m.listArchived()).map((a) => a.key)).toEqual(["n1", "n2"]);
    const restored = await m.restore("n2");
    expect(restored).toMatchObject({ key: "n2", category: "llm_cache", expiresAt: null, createdAt: T0 });
    expect(await m.load("n2")).toEqual({ headline: "b" });
    expect((await m.listArchived()).map((a) => a.key)).toEqual(["n1"]);
    await expect(m.restore("n2")).rejects.toThrow("nothing of this key is in the archive");
  });

  it("without archive_before_delete expired objects are simply removed", async () => {
    const base = defaultObjectStoreSettings();
    const m = await managerWith(settingsWith({ autoCleanup: { ...base.autoCleanup, archiveBeforeDelete: false } }));
    await m.save({ key: "x", data: 1, category: StorageCategory.LLM_CACHE, expireDays: 1 });
    h.clock.now += 2 * DAY;
    expect(await m.cleanupExpired()).toBe(1);
    expect(await m.listArchived()).toEqual([]);
  });

  it("compresses automatically above 100 KB and when forced; stores gzip bytes, not base64", async () => {
    const m = h.manager;
    const big = { rows: Array.from({ length: 5000 }, (_, i) => ({ i, symbol: "SPY", iv: 0.2 })) };
    const saved = await m.save({ key: "large_dataset", data: big, category: StorageCategory.RESEARCH_DATA });
    expect(saved.compressed).toBe(true);
    expect(saved.sizeBytes).toBeLessThan(JSON.stringify(big).length / 5);
    expect(await m.load("large_dataset")).toEqual(big);
    const backend = h.store.backend as unknown as { get?(key: string): Promise<unknown>; getSync(key: string): unknown };
    const raw = (kind.api === "sync" ? backend.getSync("large_dataset") : await backend.get!("large_dataset")) as { value: Uint8Array } | null;
    expect([raw!.value[0], raw!.value[1]]).toEqual([0x1f, 0x8b]);
    const small = await m.save({ key: "must_compress", data: { a: 1 }, category: StorageCategory.ML_MODELS, forceCompress: true });
    expect(small.compressed).toBe(true);
    expect(await m.load("must_compress")).toEqual({ a: 1 });
    const plain = await m.save({ key: "small", data: { a: 1 }, category: StorageCategory.ML_MODELS });
    expect(plain.compressed).toBe(false);
    // the plain store reads compressed objects transparently
    expect(JSON.parse(await h.store.read("large_dataset"))).toEqual(big);
  });

  it("the compression threshold is configurable", async () => {
    const m = await managerWith(settingsWith({ compressionThresholdBytes: 10 }));
    expect((await m.save({ key: "k", data: "x".repeat(100), category: StorageCategory.LLM_CACHE })).compressed).toBe(true);
    const off = await managerWith(settingsWith({ compressionEnabled: false }));
    expect((await off.save({ key: "k2", data: "x".repeat(200_000), category: StorageCategory.LLM_CACHE })).compressed).toBe(false);
  });

  it("refuses objects over max_file_size_mb after compression, and writes nothing", async () => {
    const m = await managerWith(settingsWith({ maxObjectBytes: 4096 }));
    const noise = randomBytes(8192);
    await expect(m.save({ key: "big", data: noise, category: StorageCategory.RESEARCH_DATA })).rejects.toThrow(ObjectTooLargeError);
    await expect(m.save({ key: "big", data: noise, category: StorageCategory.RESEARCH_DATA })).rejects.toThrow(/^Object too large: /);
    expect(await m.getMetadata("big")).toBeNull();
    // compressible data of the same size fits once compressed
    const ok = await m.save({ key: "big", data: "z".repeat(8192), category: StorageCategory.RESEARCH_DATA });
    expect(ok.compressed).toBe(true);
  });

  it("strict JSON: bad data and bad metadata are refused naming the path", async () => {
    await expect(
      h.manager.save({ key: "k", data: { greeks: { delta: NaN } }, category: StorageCategory.OPTIONS_GREEKS }),
    ).rejects.toThrow("$.greeks.delta is NaN");
    await expect(
      h.manager.save({ key: "k", data: 1, category: StorageCategory.OPTIONS_GREEKS, metadata: { when: new Set() } }),
    ).rejects.toThrow(UnserializableValueError);
    await expect(
      h.manager.save({ key: "k", data: 1, category: StorageCategory.OPTIONS_GREEKS, metadata: { when: new Set() } }),
    ).rejects.toThrow("metadata.when is a Set");
    await expect(h.manager.save({ key: "k", data: 1, category: "greeks" as StorageCategory })).rejects.toThrow(
      'category "greeks" is not a storage category',
    );
    await expect(h.manager.save({ key: "a/../b", data: 1, category: StorageCategory.OPTIONS_GREEKS })).rejects.toThrow(
      InvalidKeyError,
    );
    await expect(h.manager.load("a//b")).rejects.toThrow(InvalidKeyError);
    expect(await h.manager.listKeys()).toEqual([]);
  });

  it("evicting category: a save over the quota evicts the oldest objects (archived first)", async () => {
    const m = await managerWith(withQuota(StorageCategory.LLM_CACHE, 1000, "evict"));
    for (let i = 0; i < 4; i++) {
      h.clock.now = T0 + i;
      await m.save({ key: `s${i}`, data: new Uint8Array(250), category: StorageCategory.LLM_CACHE });
    }
    h.clock.now = T0 + 10;
    const r = await m.save({ key: "s4", data: new Uint8Array(400), category: StorageCategory.LLM_CACHE });
    expect(r.evicted).toEqual(["s0", "s1"]);
    expect(await m.listKeys(StorageCategory.LLM_CACHE)).toEqual(["s2", "s3", "s4"]);
    expect((await m.usage()).byCategory.llm_cache).toEqual({ bytes: 900, files: 3 });
    expect((await m.listArchived()).map((a) => [a.key, a.reason])).toEqual([
      ["s0", "evicted"],
      ["s1", "evicted"],
    ]);
    // replacing an object counts only the difference
    const again = await m.save({ key: "s4", data: new Uint8Array(500), category: StorageCategory.LLM_CACHE });
    expect(again.evicted).toEqual([]);
    // in a batch, each result names what its own save evicted
    h.clock.now = T0 + 20;
    const batch = await m.saveMany([
      { key: "t1", data: new Uint8Array(100), category: StorageCategory.LLM_CACHE },
      { key: "t2", data: new Uint8Array(300), category: StorageCategory.LLM_CACHE },
    ]);
    expect(batch.map((b) => b.evicted)).toEqual([["s2"], ["s3"]]);
    expect(await m.listKeys(StorageCategory.LLM_CACHE)).toEqual(["s4", "t1", "t2"]);
    // a handle without delete permission refuses instead of evicting
    const noDelete = h.managerFor(
      await h.open({ settings: withQuota(StorageCategory.LLM_CACHE, 1000, "evict"), permissions: { delete: false } }),
    );
    await expect(noDelete.save({ key: "t3", data: new Uint8Array(200), category: StorageCategory.LLM_CACHE })).rejects.toThrow(
      CategoryQuotaExceededError,
    );
    expect(await m.listKeys(StorageCategory.LLM_CACHE)).toEqual(["s4", "t1", "t2"]);
    // an object larger than the whole quota is refused, nothing evicted
    await expect(m.save({ key: "huge", data: new Uint8Array(1001), category: StorageCategory.LLM_CACHE })).rejects.toThrow(
      "larger than the category's quota",
    );
    expect(await m.listKeys(StorageCategory.LLM_CACHE)).toEqual(["s4", "t1", "t2"]);
  });

  it("refusing category: a save over the quota throws CategoryQuotaExceededError and changes nothing", async () => {
    const base = defaultObjectStoreSettings();
    const m = await managerWith(
      withQuota(StorageCategory.TRADING_STATE, 1000, "refuse", { autoCleanup: { ...base.autoCleanup, enabled: false } }),
    );
    await m.save({ key: "a", data: new Uint8Array(600), category: StorageCategory.TRADING_STATE });
    await m.save({ key: "b", data: new Uint8Array(400), category: StorageCategory.TRADING_STATE });
    const attempt = m.save({ key: "c", data: new Uint8Array(1), category: StorageCategory.TRADING_STATE });
    await expect(attempt).rejects.toThrow(CategoryQuotaExceededError);
    await expect(m.save({ key: "c", data: new Uint8Array(1), category: StorageCategory.TRADING_STATE })).rejects.toThrow(
      "Category quota exceeded: trading_state",
    );
    expect(await m.listKeys()).toEqual(["a", "b"]);
    // other categories are unaffected
    await m.save({ key: "d", data: new Uint8Array(600), category: StorageCategory.ML_MODELS });
  });

  it("auto_cleanup: a save refused for space is retried once after expired objects are removed", async () => {
    const m = await managerWith(withQuota(StorageCategory.TRADING_STATE, 1000, "refuse"));
    await m.save({ key: "old", data: new Uint8Array(900), category: StorageCategory.TRADING_STATE, expireDays: 1 });
    h.clock.now += 2 * DAY;
    await m.save({ key: "new", data: new Uint8Array(900), category: StorageCategory.TRADING_STATE });
    expect(await m.listKeys()).toEqual(["new"]);
    expect((await m.listArchived()).map((a) => a.key)).toEqual(["old"]);
  });

  it("limits hold for the manager too: files and total bytes", async () => {
    const m = await managerWith(settingsWith({ maxFiles: 2, maxSizeBytes: 1_000_000 }));
    await m.save({ key: "a", data: 1, category: StorageCategory.RESEARCH_DATA });
    await m.save({ key: "b", data: 2, category: StorageCategory.RESEARCH_DATA });
    await expect(m.save({ key: "c", data: 3, category: StorageCategory.RESEARCH_DATA })).rejects.toThrow(StorageLimitExceededError);
  });

  it("property: a batch evicts, overwrites and counts exactly as the same saves made one by one", async () => {
    // the back ends keep a batch's usage in memory after reading it once: every later step of
    // the batch must see what the table would say
    const settings = withQuota(StorageCategory.LLM_CACHE, 1000, "evict", {
      categoryQuotas: {
        ...defaultObjectStoreSettings().categoryQuotas,
        [StorageCategory.LLM_CACHE]: { bytes: 1000, onFull: "evict" },
        [StorageCategory.OPTIONS_GREEKS]: { bytes: 700, onFull: "evict" },
      },
    });
    const save = fc.record({
      key: fc.constantFrom("a", "b", "c", "d", "e", "f"),
      category: fc.constantFrom(StorageCategory.LLM_CACHE, StorageCategory.OPTIONS_GREEKS),
      size: fc.integer({ min: 1, max: 700 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(save, { minLength: 1, maxLength: 12 }), fc.array(save, { maxLength: 12 }), async (before, batch) => {
        const batched = await createHarness(kind, settings);
        const single = await createHarness(kind, settings);
        try {
          const item = (s: { key: string; category: StorageCategory; size: number }) => ({
            key: s.key,
            data: new Uint8Array(s.size),
            category: s.category,
            expireDays: null,
          });
          for (const h of [batched, single]) for (const s of before) await h.manager.save(item(s));
          const inBatch = (await batched.manager.saveMany(batch.map(item))).map((r) => r.evicted);
          const oneByOne: string[][] = [];
          for (const s of batch) oneByOne.push((await single.manager.save(item(s))).evicted);
          expect(inBatch).toEqual(oneByOne);
          expect(await batched.manager.list()).toEqual(await single.manager.list());
          expect(await batched.manager.usage()).toEqual(await single.manager.usage());
        } finally {
          await batched.close();
          await single.close();
        }
      }),
      { numRuns: 15 },
    );
  });

  it("saveMany: one transaction, all or nothing", async () => {
    const m = await managerWith(settingsWith({ maxFiles: 3 }));
    const results = await m.saveMany([
      { key: "g1", data: { d: 0.3 }, category: StorageCategory.OPTIONS_GREEKS },
      { key: "g2", data: { d: 0.4 }, category: StorageCategory.OPTIONS_GREEKS },
    ]);
    expect(results.map((r) => r.key)).toEqual(["g1", "g2"]);
    await expect(
      m.saveMany([
        { key: "g3", data: 1, category: StorageCategory.OPTIONS_GREEKS },
        { key: "g4", data: 2, category: StorageCategory.OPTIONS_GREEKS },
      ]),
    ).rejects.toThrow(StorageLimitExceededError);
    expect(await m.listKeys()).toEqual(["g1", "g2"]);
    await expect(
      m.saveMany([
        { key: "g3", data: 1, category: StorageCategory.OPTIONS_GREEKS },
        { key: "g4", data: NaN, category: StorageCategory.OPTIONS_GREEKS },
      ]),
    ).rejects.toThrow(UnserializableValueError);
    expect(await m.listKeys()).toEqual(["g1", "g2"]);
  });

  it("usage() reports totals and every category from the index", async () => {
    await h.manager.save({ key: "a", data: "xxxx", category: StorageCategory.LLM_CACHE });
    await h.manager.save({ key: "b", data: "yy", category: StorageCategory.ML_MODELS });
    await h.store.save("plain", "zzz");
    const usage = await h.manager.usage();
    expect(usage.totalBytes).toBe(9);
    expect(usage.files).toBe(3);
    expect(usage.byCategory.llm_cache).toEqual({ bytes: 4, files: 1 });
    expect(usage.byCategory.ml_models).toEqual({ bytes: 2, files: 1 });
    expect(usage.byCategory.trading_state).toEqual({ bytes: 0, files: 0 });
    expect(usage.byCategory[""]).toEqual({ bytes: 3, files: 1 });
    expect(usage.maxSizeBytes).toBe(5 * 1024 ** 3);
    expect(usage.maxFiles).toBe(50_000);
    expect(await h.manager.delete("a")).toBe(true);
    expect((await h.manager.usage()).byCategory.llm_cache).toEqual({ bytes: 0, files: 0 });
  });

  it("property: under an evicting quota the category never passes its quota and usage matches the listing", async () => {
    const quota = 2000;
    const m = await managerWith(withQuota(StorageCategory.MONITORING_DATA, quota, "evict"));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: fc.constantFrom("m1", "m2", "m3", "m4", "m5", "m6"), size: fc.integer({ min: 0, max: 900 }) }), {
          maxLength: 20,
        }),
        async (saves) => {
          for (const k of await m.listKeys()) await m.delete(k);
          for (const s of saves) {
            h.clock.now += 1;
            await m.save({ key: s.key, data: new Uint8Array(s.size), category: StorageCategory.MONITORING_DATA });
            expect(await m.load(s.key)).not.toBeNull();
            const usage = await m.usage();
            expect(usage.byCategory.monitoring_data.bytes).toBeLessThanOrEqual(quota);
            const listed = await m.list({ category: StorageCategory.MONITORING_DATA });
            expect(listed.reduce((n, x) => n + x.sizeBytes, 0)).toBe(usage.byCategory.monitoring_data.bytes);
            expect(listed.length).toBe(usage.byCategory.monitoring_data.files);
          }
        },
      ),
      { numRuns: kind.name === "postgres" ? 8 : 25 },
    );
  });
});
