// The plain ObjectStore (LEAN's API), against every back end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { gzipSync, gunzipSync } from "node:zlib";
import {
  InvalidKeyError,
  ObjectNotFoundError,
  ObjectStorePermissionError,
  ObjectStoreUsageError,
  ObjectTooLargeError,
  StorageLimitExceededError,
  UnserializableValueError,
  MB,
} from "../../src/storage/index.ts";
import { STORE_APIS, createHarness, settingsWith, type StoreHarness } from "./backends.ts";

describe.each(STORE_APIS)("ObjectStore on $name", (kind) => {
  let h: StoreHarness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  it("drives the API it names (asynchronous, or synchronous through a promise view)", () => {
    expect(h.store.constructor.name).toBe(kind.api === "sync" ? "SyncObjectStore" : "ObjectStore");
    expect(h.manager.constructor.name).toBe(kind.api === "sync" ? "SyncObjectStoreManager" : "ObjectStoreManager");
  });

  it("round-trips strings, bytes and JSON through every save/read pair", async () => {
    const s = h.store;
    await s.save("text", "héllo");
    await s.saveString("text2", "wörld");
    await s.saveBytes("bin", new Uint8Array([0, 1, 255]));
    await s.save("bin2", new Uint8Array([9, 8]));
    await s.saveJson("json", { a: [1, 2, { b: null }], c: "x" });
    expect(await s.read("text")).toBe("héllo");
    expect(await s.readString("text2")).toBe("wörld");
    expect([...(await s.readBytes("bin"))]).toEqual([0, 1, 255]);
    expect([...(await s.readBytes("bin2"))]).toEqual([9, 8]);
    expect(await s.readJson("json")).toEqual({ a: [1, 2, { b: null }], c: "x" });
    expect(await s.read("json")).toBe('{"a":[1,2,{"b":null}],"c":"x"}');
  });

  it("throws ObjectNotFoundError with LEAN's message for a missing key", async () => {
    await expect(h.store.read("missing")).rejects.toThrow(ObjectNotFoundError);
    await expect(h.store.readBytes("missing")).rejects.toThrow(
      "Object with path 'missing' was not found in the current project. Please use ObjectStore.ContainsKey(key) to check",
    );
  });

  it("containsKey, delete and keys (oldest first, works in every mode)", async () => {
    const s = h.store;
    expect(await s.containsKey("a")).toBe(false);
    await s.save("a", "1");
    h.clock.now += 1;
    await s.save("a/b", "2");
    h.clock.now += 1;
    await s.save("A", "3");
    expect(await s.containsKey("a")).toBe(true);
    expect(await s.keys()).toEqual(["a", "a/b", "A"]);
    expect(await s.read("a")).toBe("1");
    expect(await s.read("a/b")).toBe("2");
    expect(await s.read("A")).toBe("3");
    expect(await s.delete("a")).toBe(true);
    expect(await s.delete("a")).toBe(false);
    expect(await s.containsKey("a")).toBe(false);
    expect(await s.read("a/b")).toBe("2");
    expect(await s.keys()).toEqual(["a/b", "A"]);
  });

  it("deleteMany deletes in one transaction, counts what existed, and checks every key before deleting any", async () => {
    const s = h.store;
    for (const key of ["x/1", "x/2", "x/3", "y"]) await s.save(key, key);
    await expect(s.deleteMany(["x/1", "x//2"])).rejects.toThrow(InvalidKeyError);
    expect(await s.keys()).toEqual(["x/1", "x/2", "x/3", "y"]);
    expect(await s.deleteMany(["x/1", "x/2", "missing"])).toBe(2);
    expect(await s.keys()).toEqual(["x/3", "y"]);
    expect((await h.manager.usage()).files).toBe(2);
    expect(await h.manager.deleteMany(["x/3", "y"])).toBe(2);
    expect(await s.keys()).toEqual([]);
    const readOnly = await h.open({ permissions: { delete: false } });
    await expect(readOnly.deleteMany(["anything"])).rejects.toThrow("without delete permission");
  });

  it("iterates (key, value) pairs like LEAN's GetEnumerator", async () => {
    await h.store.save("x", "1");
    h.clock.now += 1;
    await h.store.saveBytes("y", new Uint8Array([2]));
    const seen: [string, number[]][] = [];
    for await (const [key, value] of h.store) seen.push([key, [...value]]);
    expect(seen).toEqual([
      ["x", [49]],
      ["y", [2]],
    ]);
  });

  it("replacing a key keeps one object, with the new value", async () => {
    await h.store.save("k", "old");
    await h.store.save("k", "new value");
    expect(await h.store.keys()).toEqual(["k"]);
    expect(await h.store.read("k")).toBe("new value");
    const usage = await h.store.usage();
    expect(usage.files).toBe(1);
    expect(usage.totalBytes).toBe(9);
  });

  it("NFC-normalises keys: two spellings of one key are one object", async () => {
    await h.store.save("cafe\u0301", "x");
    expect(await h.store.read("caf\u00e9")).toBe("x");
    expect(await h.store.keys()).toEqual(["caf\u00e9"]);
  });

  it("validates keys on every operation, not only on save", async () => {
    const s = h.store;
    for (const bad of ["../x", "a//b", "/abs", "a\\b", "x\u0000"]) {
      await expect(s.save(bad, "v")).rejects.toThrow(InvalidKeyError);
      await expect(s.saveJson(bad, 1)).rejects.toThrow(InvalidKeyError);
      await expect(s.containsKey(bad)).rejects.toThrow(InvalidKeyError);
      await expect(s.read(bad)).rejects.toThrow(InvalidKeyError);
      await expect(s.delete(bad)).rejects.toThrow(InvalidKeyError);
      await expect(s.getFilePath(bad)).rejects.toThrow(InvalidKeyError);
    }
    expect(await s.keys()).toEqual([]);
  });

  it("saveJson is strict: NaN, undefined, Map, BigInt, cycles are refused naming the path; nothing is written", async () => {
    await expect(h.store.saveJson("k", { a: { b: [1, NaN] } })).rejects.toThrow(UnserializableValueError);
    await expect(h.store.saveJson("k", { a: { b: [1, NaN] } })).rejects.toThrow("$.a.b[1] is NaN");
    await expect(h.store.saveJson("k", { m: new Map() })).rejects.toThrow("$.m is a Map");
    await expect(h.store.saveJson("k", { n: 1n })).rejects.toThrow("$.n is a BigInt");
    await expect(h.store.saveJson("k", { u: undefined })).rejects.toThrow("$.u is undefined");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(h.store.saveJson("k", cyclic)).rejects.toThrow("$.self is a cycle");
    await expect(h.store.save("k", { a: 1 } as unknown as string)).rejects.toThrow(ObjectStoreUsageError);
    expect(await h.store.containsKey("k")).toBe(false);
  });

  it("the guide's gzip+base64 ML model string round-trips through the plain store", async () => {
    const model = randomBytes(50_000);
    const encoded = gzipSync(model).toString("base64");
    await h.store.save("sentiment_model_v2", encoded);
    expect(await h.store.containsKey("sentiment_model_v2")).toBe(true);
    const back = gunzipSync(Buffer.from(await h.store.read("sentiment_model_v2"), "base64"));
    expect(back.equals(model)).toBe(true);
  });

  it("maxSize and maxFiles come from the settings", async () => {
    expect(h.store.maxSize).toBe(5 * 1024 ** 3);
    expect(h.store.maxFiles).toBe(50_000);
  });

  it("getFilePath gives a real file with the value; save(key) takes the file back", async () => {
    const s = h.store;
    await s.saveBytes("models/net.onnx", new Uint8Array([1, 2, 3]));
    const path = await s.getFilePath("models/net.onnx");
    expect(path.endsWith("net.onnx")).toBe(true);
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    writeFileSync(path, Buffer.from([7, 7, 7, 7]));
    await s.save("models/net.onnx");
    expect([...(await s.readBytes("models/net.onnx"))]).toEqual([7, 7, 7, 7]);
    // a key that does not exist yet: the path has no file until a library writes one
    const fresh = await s.getFilePath("models/new.bin");
    expect(existsSync(fresh)).toBe(false);
    await expect(s.save("models/new.bin")).rejects.toThrow(ObjectStoreUsageError);
    writeFileSync(fresh, "trained");
    await s.save("models/new.bin");
    expect(await s.read("models/new.bin")).toBe("trained");
    // a and a/b can both have files
    await s.save("a", "x");
    await s.save("a/b", "y");
    expect(readFileSync(await s.getFilePath("a"), "utf8")).toBe("x");
    expect(readFileSync(await s.getFilePath("a/b"), "utf8")).toBe("y");
  });

  it("clear() saves back changed getFilePath files, then drops them", async () => {
    const s = h.store;
    await s.save("m", "v1");
    const changed = await s.getFilePath("m");
    const untouched = await s.getFilePath("n");
    await s.save("u", "keep");
    const same = await s.getFilePath("u");
    writeFileSync(changed, "v2");
    await s.clear();
    expect(await s.read("m")).toBe("v2");
    expect(await s.containsKey("n")).toBe(false);
    expect(await s.read("u")).toBe("keep");
    expect(existsSync(changed)).toBe(false);
    expect(existsSync(untouched)).toBe(false);
    expect(existsSync(same)).toBe(false);
  });

  it("close() takes back changed getFilePath files before closing (LEAN's Dispose flushes)", async () => {
    const s = await h.open();
    const path = await s.getFilePath("models/late.bin");
    writeFileSync(path, "written by a library");
    await s.close();
    expect(await h.store.read("models/late.bin")).toBe("written by a library");
  });

  it("readJson of a value that is not JSON says so, naming the key", async () => {
    await h.store.save("text", "not json");
    await expect(h.store.readJson("text")).rejects.toThrow(ObjectStoreUsageError);
    await expect(h.store.readJson("text")).rejects.toThrow('readJson("text"): the stored value is not JSON');
  });

  it("permissions: read, write and delete are enforced as LEAN has them", async () => {
    await h.store.save("k", "v");
    const readOnly = await h.open({ permissions: { write: false, delete: false } });
    expect(await readOnly.read("k")).toBe("v");
    await expect(readOnly.save("k", "x")).rejects.toThrow(ObjectStorePermissionError);
    await expect(readOnly.saveJson("k", 1)).rejects.toThrow("without write permission");
    await expect(readOnly.delete("k")).rejects.toThrow("without delete permission");
    const noRead = await h.open({ permissions: { read: false } });
    await expect(noRead.containsKey("k")).rejects.toThrow("without read permission");
    await expect(noRead.read("k")).rejects.toThrow(ObjectStorePermissionError);
    await expect(noRead.keys()).rejects.toThrow(ObjectStorePermissionError);
    await noRead.save("k2", "written without read");
    expect(await h.store.read("k2")).toBe("written without read");
  });

  it("sees other connections' writes at once (no stale cache)", async () => {
    const other = await h.open();
    await h.store.save("k", "one");
    expect(await other.read("k")).toBe("one");
    await other.save("k", "two");
    expect(await h.store.read("k")).toBe("two");
    await other.delete("k");
    expect(await h.store.containsKey("k")).toBe(false);
  });

  it("per-object limit: compression is tried, then ObjectTooLargeError; nothing is written", async () => {
    const s = await h.open({ settings: settingsWith({ maxObjectBytes: 10_000 }) });
    const compressible = "a".repeat(50_000);
    await s.save("fits-compressed", compressible);
    expect(await s.read("fits-compressed")).toBe(compressible);
    const noise = randomBytes(20_000);
    await expect(s.saveBytes("noise", noise)).rejects.toThrow(ObjectTooLargeError);
    await expect(s.saveBytes("noise", noise)).rejects.toThrow(/^Object too large: 0\.0MB > 0\.01MB \(key "noise"/);
    expect(await s.containsKey("noise")).toBe(false);
    const usage = await s.usage();
    expect(usage.files).toBe(1);
  });

  it("the too-large message is the guide's text", () => {
    const error = new ObjectTooLargeError("big", Math.round(52.3 * MB), 45 * MB, true);
    expect(error.message.startsWith("Object too large: 52.3MB > 45MB")).toBe(true);
    expect(error.message).toContain('"big"');
  });

  it("file-count limit: the save that would pass max_files fails; replacing at the limit works", async () => {
    const s = await h.open({ settings: settingsWith({ maxFiles: 3 }) });
    await s.save("a", "1");
    await s.save("b", "2");
    await s.save("c", "3");
    await expect(s.save("d", "4")).rejects.toThrow(StorageLimitExceededError);
    await expect(s.save("d", "4")).rejects.toThrow(
      "You have reached the ObjectStore limit for files it can save: 4/3. Unable to save the new file",
    );
    await s.save("c", "replaced");
    expect(await s.keys()).toEqual(["a", "b", "c"]);
  });

  it("total-size limit: exact to the byte, and a refused save leaves the store as it was", async () => {
    const s = await h.open({ settings: settingsWith({ maxSizeBytes: 1000, compressionEnabled: false }) });
    await s.saveBytes("a", new Uint8Array(600));
    await s.saveBytes("b", new Uint8Array(400));
    const before = await s.usage();
    expect(before.totalBytes).toBe(1000);
    await expect(s.saveBytes("c", new Uint8Array(1))).rejects.toThrow("storage capacity limit");
    await expect(s.saveBytes("a", new Uint8Array(601))).rejects.toThrow(StorageLimitExceededError);
    await s.saveBytes("a", new Uint8Array(599));
    await s.saveBytes("c", new Uint8Array(1));
    expect((await s.usage()).totalBytes).toBe(1000);
    expect((await s.readBytes("a")).byteLength).toBe(599);
  });

  it("expiry set through the manager hides the object from the plain store on the store's clock", async () => {
    await h.manager.save({ key: "state", data: { x: 1 }, category: "trading_state", expireDays: 1 });
    expect(await h.store.containsKey("state")).toBe(true);
    h.clock.now += 86_400_000;
    expect(await h.store.containsKey("state")).toBe(false);
    await expect(h.store.read("state")).rejects.toThrow(ObjectNotFoundError);
    expect(await h.store.keys()).toEqual([]);
  });

  it("property: any sequence of saves and deletes agrees with a Map model, usage included", async () => {
    const keys = ["a", "a/b", "b", "B", "dir/x.json", "é"];
    const op = fc.oneof(
      fc.record({ kind: fc.constant("save" as const), key: fc.constantFrom(...keys), value: fc.uint8Array({ maxLength: 64 }) }),
      fc.record({ kind: fc.constant("delete" as const), key: fc.constantFrom(...keys) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        for (const k of await h.store.keys()) await h.store.delete(k);
        const model = new Map<string, Uint8Array>();
        for (const o of ops) {
          if (o.kind === "save") {
            await h.store.saveBytes(o.key, o.value);
            model.set(o.key, o.value);
          } else {
            expect(await h.store.delete(o.key)).toBe(model.delete(o.key));
          }
        }
        expect(new Set(await h.store.keys())).toEqual(new Set(model.keys()));
        for (const [k, v] of model) expect([...(await h.store.readBytes(k))]).toEqual([...v]);
        const usage = await h.store.usage();
        expect(usage.files).toBe(model.size);
        expect(usage.totalBytes).toBe([...model.values()].reduce((n, v) => n + v.byteLength, 0));
      }),
      { numRuns: kind.name === "postgres" ? 15 : 40 },
    );
  });

  it("property: every valid key round-trips", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }), async (raw) => {
        let key: string;
        try {
          key = (await import("../../src/storage/keys.ts")).normalizeKey(raw);
        } catch {
          return;
        }
        await h.store.save(raw, raw);
        expect(await h.store.read(key)).toBe(raw);
        expect(await h.store.containsKey(raw)).toBe(true);
        expect(await h.store.delete(key)).toBe(true);
      }),
      { numRuns: kind.name === "postgres" ? 30 : 100 },
    );
  });
});
