// Export and import of a whole store or one category, against every back end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  EXPORT_FORMAT,
  ObjectStoreManager,
  StorageCategory,
  StorageLimitExceededError,
  ObjectStoreUsageError,
  InvalidKeyError,
  exportStore,
  importStore,
} from "../../src/storage/index.ts";
import { BACKENDS, createHarness, settingsWith, type StoreHarness } from "./backends.ts";

describe.each(BACKENDS)("export/import on $name", (kind) => {
  let source: StoreHarness;
  let target: StoreHarness;
  let dir: string;
  beforeEach(async () => {
    source = await createHarness(kind);
    target = await createHarness(kind);
    dir = mkdtempSync(join(tmpdir(), "tradeloom-export-"));
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await source.close();
    await target.close();
  });

  it("moves every object with its metadata, compression and expiry; a category alone on request", async () => {
    const m = source.manager;
    await m.save({ key: "big", data: { rows: "x".repeat(200_000) }, category: StorageCategory.RESEARCH_DATA, metadata: { v: 2 } });
    await m.save({ key: "model", data: new Uint8Array([1, 2, 3]), category: StorageCategory.ML_MODELS, expireDays: null });
    await source.store.save("plain", "lean");
    const file = join(dir, "all.export");
    expect(await exportStore(source.store, file)).toBe(3);
    expect(await importStore(target.store, file)).toBe(3);
    for (const key of ["big", "model", "plain"]) {
      expect(await target.manager.getMetadata(key)).toEqual(await m.getMetadata(key));
      expect(await target.manager.load(key)).toEqual(await m.load(key));
    }
    const models = join(dir, "models.export");
    expect(await exportStore(source.store, models, { category: StorageCategory.ML_MODELS })).toBe(1);
    const third = new ObjectStoreManager(await target.open());
    await third.delete("model");
    expect(await importStore(third.store, models)).toBe(1);
    expect(await third.listKeys(StorageCategory.ML_MODELS)).toEqual(["model"]);
  });

  it("import goes through the target's limits", async () => {
    for (let i = 0; i < 5; i++) await source.store.save(`k${i}`, `v${i}`);
    const file = join(dir, "five.export");
    await exportStore(source.store, file);
    const small = await target.open({ settings: settingsWith({ maxFiles: 3 }) });
    await expect(importStore(small, file)).rejects.toThrow(StorageLimitExceededError);
    await expect(importStore(small, file)).rejects.toThrow("import stopped in the batch ending at line 6 of " + file + "; 0 objects were imported before it");
    expect(await small.keys()).toEqual([]);
  });

  it("refuses files that are not exports, and bad keys inside them", async () => {
    const notGzip = join(dir, "a");
    writeFileSync(notGzip, "plain text");
    await expect(importStore(target.store, notGzip)).rejects.toThrow(ObjectStoreUsageError);
    const wrongHeader = join(dir, "b");
    writeFileSync(wrongHeader, gzipSync('{"format":"other"}\n'));
    await expect(importStore(target.store, wrongHeader)).rejects.toThrow("is not a tradeloom object store export");
    const badKey = join(dir, "c");
    const line = { key: "../escape", category: "", size_bytes: 1, original_size: 1, compressed: false, content_type: "bytes", created_at: 1, expires_at: null, metadata: null, value_base64: "AA==" };
    writeFileSync(badKey, gzipSync(`${JSON.stringify({ format: EXPORT_FORMAT, version: 1 })}\n${JSON.stringify(line)}\n`));
    await expect(importStore(target.store, badKey)).rejects.toThrow(InvalidKeyError);
    expect(await target.store.keys()).toEqual([]);
  });
});
