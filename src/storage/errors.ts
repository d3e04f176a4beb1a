// Typed errors of the object store. Every message names the key or the config field it is
// about and says what to do; no operation of the store reports a failure by returning false.

/** Base class: `instanceof ObjectStoreError` catches every failure of the store. */
export class ObjectStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A key that the store refuses (on every operation, not only on save). */
export class InvalidKeyError extends ObjectStoreError {
  constructor(readonly key: unknown, readonly reason: string) {
    super(`key ${describeKey(key)}: ${reason}`);
  }
}

/** Reading a key that does not exist (LEAN's KeyNotFoundException text). */
export class ObjectNotFoundError extends ObjectStoreError {
  constructor(readonly key: string) {
    super(
      `Object with path '${key}' was not found in the current project. ` +
        `Please use ObjectStore.ContainsKey(key) to check if an object exists before attempting to read.`,
    );
  }
}

/** A value that JSON cannot represent faithfully (NaN, undefined, Map, cycles, ...). */
export class UnserializableValueError extends ObjectStoreError {
  constructor(readonly key: string | undefined, readonly path: string, readonly reason: string) {
    super(`${key === undefined ? "value" : `key ${describeKey(key)}`}: ${path} ${reason}`);
  }
}

/** One object above the per-object limit after compression was tried (the guide's text). */
export class ObjectTooLargeError extends ObjectStoreError {
  constructor(readonly key: string, readonly sizeBytes: number, readonly limitBytes: number, compressed: boolean) {
    super(
      `Object too large: ${formatMb(sizeBytes)}MB > ${formatLimitMb(limitBytes)}MB ` +
        `(key ${describeKey(key)}${compressed ? ", size after gzip compression" : ""}; ` +
        `split it into chunks or store a reference to it)`,
    );
  }
}

/** The store's total size or file count would be exceeded (LEAN's messages). */
export class StorageLimitExceededError extends ObjectStoreError {
  constructor(
    readonly key: string,
    readonly limit: "files" | "bytes",
    readonly wouldBe: number,
    readonly max: number,
  ) {
    super(
      limit === "files"
        ? `You have reached the ObjectStore limit for files it can save: ${wouldBe}/${max}. ` +
            `Unable to save the new file: key ${describeKey(key)}. Delete objects or raise max_files.`
        : `You have reached the ObjectStore storage capacity limit: ${formatMb(wouldBe)}MB/${formatMb(max)}MB. ` +
            `Unable to save the new file: key ${describeKey(key)}. Delete objects or raise max_storage_gb.`,
    );
  }
}

/** A save that would pass its category's quota, under the category's "refuse" policy. */
export class CategoryQuotaExceededError extends ObjectStoreError {
  constructor(
    readonly key: string,
    readonly category: string,
    readonly wouldBeBytes: number,
    readonly quotaBytes: number,
    reason: "refuse" | "too-large",
  ) {
    super(
      `Category quota exceeded: ${category} would hold ${formatMb(wouldBeBytes)}MB > ` +
        `${formatMb(quotaBytes)}MB (key ${describeKey(key)}). ` +
        (reason === "refuse"
          ? `The ${category} category refuses rather than evicts: delete objects of this category, ` +
            `run cleanup, or raise storage_allocation.${category}.`
          : `The object alone is larger than the category's quota: raise storage_allocation.${category}.`),
    );
  }
}

/** The store was opened without the permission an operation needs (LEAN's StoragePermissions). */
export class ObjectStorePermissionError extends ObjectStoreError {
  constructor(readonly permission: "read" | "write" | "delete", operation: string, key?: string) {
    super(
      `The object store was opened without ${permission} permission: ${operation}` +
        `${key === undefined ? "" : ` ${describeKey(key)}`} is not allowed`,
    );
  }
}

/** The disk or database refused a write (disk full, read-only file, I/O error); nothing was changed. */
export class StorageWriteError extends ObjectStoreError {
  constructor(readonly key: string | undefined, detail: string, options?: { cause?: unknown }) {
    super(`Write failed${key === undefined ? "" : ` for key ${describeKey(key)}`}: ${detail}; the store is unchanged`, options);
  }
}

/** config/settings.json is missing a field or has a wrong value; the message names the field. */
export class ConfigError extends ObjectStoreError {
  constructor(readonly field: string, detail: string) {
    super(`${field}: ${detail}`);
  }
}

/** Anything else the caller did wrong (e.g. save(key) without a file at getFilePath(key)). */
export class ObjectStoreUsageError extends ObjectStoreError {}

/** The object store is disabled in config (`quantconnect.object_store.enabled = false`). */
export class ObjectStoreDisabledError extends ObjectStoreError {
  constructor() {
    super(`quantconnect.object_store.enabled is false in config/settings.json: set it to true to use the object store`);
  }
}

export function describeKey(key: unknown): string {
  if (typeof key !== "string") return `(${key === null ? "null" : typeof key})`;
  const shown = key.length > 120 ? `${key.slice(0, 117)}...` : key;
  return JSON.stringify(shown);
}

const MB = 1024 * 1024;
function formatMb(bytes: number): string {
  return (bytes / MB).toFixed(1);
}
function formatLimitMb(bytes: number): string {
  const mb = bytes / MB;
  return Number.isInteger(mb) ? String(mb) : String(Math.round(mb * 1000) / 1000);
}
