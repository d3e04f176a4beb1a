// ObjectStore: LEAN's object store API in camelCase over any back end (asynchronous, so that
// the shared PostgreSQL back end fits behind it). It validates keys on every operation, checks
// permissions, encodes values (UTF-8 strings, strict JSON, bytes), compresses above the
// threshold and enforces the per-object limit before handing ready rows to the back end, which
// enforces the store-wide limits inside its transaction. It knows nothing of the engine: the
// clock is a function handed in (the algorithm's clock in a backtest).
import { ObjectNotFoundError } from "./errors.ts";
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
import type { ObjectStoreBackend, StoredObject, StoreUsage, WriteResult } from "./backend.ts";

export type { StoragePermissions, ObjectWrite } from "./object-store-core.ts";

export interface ObjectStoreOptions extends ObjectStoreCoreOptions {
  backend: ObjectStoreBackend;
}

export class ObjectStore extends ObjectStoreCore {
  readonly backend: ObjectStoreBackend;

  constructor(options: ObjectStoreOptions) {
    super(options.backend.location, options);
    this.backend = options.backend;
  }

  // ---- reading ---------------------------------------------------------------------------

  async containsKey(key: string): Promise<boolean> {
    const k = this.checkKey(key, "read", "containsKey");
    return this.backend.has(k, this.now());
  }

  async readBytes(key: string): Promise<Uint8Array> {
    const k = this.checkKey(key, "read", "readBytes");
    const object = await this.backend.readValue(k);
    if (!object || this.isExpired(object)) throw new ObjectNotFoundError(k);
    return this.decode(object);
  }

  /** The value as UTF-8 text (LEAN's Read). */
  async read(key: string): Promise<string> {
    return utf8Decoder.decode(await this.readBytes(key));
  }

  async readString(key: string): Promise<string> {
    return this.read(key);
  }

  async readJson<T = unknown>(key: string): Promise<T> {
    return parseJsonValue<T>(key, await this.read(key));
  }

  /** Every key that exists and has not expired, oldest first. Works in every mode. */
  async keys(): Promise<string[]> {
    this.require("read", "keys");
    return (await this.backend.list({ now: this.now() })).map((info) => info.key);
  }

  /** Every (key, value) pair, oldest first, values read one at a time (LEAN's GetEnumerator). */
  async *entries(): AsyncGenerator<[string, Uint8Array]> {
    for (const key of await this.keys()) {
      const object = await this.backend.readValue(key);
      if (object && !this.isExpired(object)) yield [key, this.decode(object)];
    }
  }

  [Symbol.asyncIterator](): AsyncGenerator<[string, Uint8Array]> {
    return this.entries();
  }

  // ---- writing ---------------------------------------------------------------------------

  /**
   * save(key, text | bytes) stores the value; save(key) with no value takes back the file at
   * getFilePath(key) (LEAN's Save(path)), and throws if there is none.
   */
  async save(key: string, data?: string | Uint8Array): Promise<void> {
    if (data === undefined) return this.saveFromFile(key);
    checkSaveValue("save", key, data, "either");
    return typeof data === "string" ? this.saveString(key, data) : this.saveBytes(key, data);
  }

  async saveString(key: string, text: string): Promise<void> {
    checkSaveValue("saveString", key, text, "string");
    await this.write([{ key, value: utf8Encoder.encode(text), contentType: "string" }]);
  }

  async saveBytes(key: string, bytes: Uint8Array): Promise<void> {
    checkSaveValue("saveBytes", key, bytes, "bytes");
    await this.write([{ key, value: bytes, contentType: "bytes" }]);
  }

  /** Strict: NaN, Infinity, undefined, Map, Set, BigInt, functions and cycles are refused. */
  async saveJson(key: string, value: unknown): Promise<void> {
    const k = this.checkKey(key, "write", "saveJson");
    await this.write([{ key: k, value: utf8Encoder.encode(toStrictJson(value, k)), contentType: "json" }]);
  }

  /** True if the key existed. */
  async delete(key: string): Promise<boolean> {
    const k = this.checkKey(key, "delete", "delete");
    return this.backend.delete(k);
  }

  /** Deletes every key in one transaction (all or none); returns how many existed. */
  async deleteMany(keys: readonly string[]): Promise<number> {
    return this.backend.deleteMany(keys.map((key) => this.checkKey(key, "delete", "deleteMany")));
  }

  /**
   * A real file for the key that a library can read or write (e.g. a model). It holds the
   * current value, if any; after writing it, call save(key) to store its bytes.
   */
  async getFilePath(key: string): Promise<string> {
    const k = this.checkKey(key, "read", "getFilePath");
    const object = await this.backend.readValue(k);
    return this.materialise(k, object && !this.isExpired(object) ? this.decode(object) : null);
  }

  /**
   * Drops what this handle keeps outside the database: files handed out by getFilePath are
   * saved back first if they were changed (LEAN's Clear flushes first), then removed. Values
   * themselves are never cached, so there is nothing else to drop.
   */
  async clear(): Promise<void> {
    for (const file of this.materialisedFiles()) {
      if (file.changed) await this.saveBytes(file.key, file.changed);
      this.dropFile(file.key, file.path);
    }
  }

  /** Flushes changed getFilePath files (as clear does) and closes the back end. */
  async close(): Promise<void> {
    try {
      if (this.permissions.write) await this.clear();
    } finally {
      await this.backend.close();
    }
  }

  /** Usage from the back end's counters (never from reading values). */
  async usage(): Promise<StoreUsage> {
    return this.backend.usage();
  }

  /** Encodes and saves every write in one transaction (all or nothing). */
  async write(writes: readonly ObjectWrite[]): Promise<WriteResult & { records: StoredObject[] }> {
    const records = this.prepareRecords(writes);
    const result = await this.backend.put(records, this.writePolicy());
    return { ...result, records };
  }

  private async saveFromFile(key: string): Promise<void> {
    const k = this.checkKey(key, "write", "save");
    const { path, bytes } = this.fileToTakeBack(k);
    await this.write([{ key: k, value: bytes, contentType: "bytes" }]);
    this.tookBack(k, path, bytes);
  }
}
