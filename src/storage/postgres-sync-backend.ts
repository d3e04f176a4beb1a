// The shared PostgreSQL store for synchronous callers: an algorithm's onData saves and reads as it
// does with the embedded store, and the call returns when PostgreSQL has committed. A worker
// thread owns a PostgresBackend (the same code, schema and transactions as the asynchronous API);
// each call is posted to it and the calling thread waits on a shared flag until the answer is
// back. Errors come back as the store's own typed errors (instanceof works).
import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as storeErrors from "./errors.ts";
import { ObjectStoreError, StorageWriteError } from "./errors.ts";
import type { PostgresBackendOptions } from "./postgres-backend.ts";
import type {
  ArchivedObjectInfo,
  ListOptions,
  StoredObject,
  StoredObjectInfo,
  StoredValue,
  StoreUsage,
  SyncBackend,
  WritePolicy,
  WriteResult,
} from "./backend.ts";

export interface SyncPostgresBackendOptions extends PostgresBackendOptions {
  /** how long one call may wait for the worker's answer, ms (default 60 s) */
  callTimeoutMs?: number;
}

/** A typed error as it crosses the thread boundary. */
interface ErrorReply {
  ctor: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

type Reply = { ok: true; result: unknown } | { ok: false; error: ErrorReply };

// Plain JavaScript, run by the worker (eval). It loads postgres-backend.ts with tsx, as every
// TypeScript module of the package is loaded.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const flag = new Int32Array(workerData.flag);
const port = workerData.port;
function answer(reply) {
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
function errorReply(error) {
  const fields = {};
  if (error && typeof error === "object") {
    for (const [k, v] of Object.entries(error)) {
      if (k === "cause") continue;
      try { structuredClone(v); fields[k] = v; } catch {}
    }
  }
  return {
    ctor: error && error.constructor ? error.constructor.name : "Error",
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
    fields,
  };
}
let backend = null;
const ready = (async () => {
  const { tsImport } = await import(workerData.tsxApi);
  return tsImport(workerData.module, workerData.module);
})();
parentPort.on("message", async ({ method, args }) => {
  try {
    const { PostgresBackend } = await ready;
    let result;
    if (method === "open") {
      backend = await PostgresBackend.open(args[0], args[1]);
      result = backend.location;
    } else {
      result = await backend[method](...args);
    }
    answer({ ok: true, result: result === undefined ? null : result });
  } catch (error) {
    answer({ ok: false, error: errorReply(error) });
  }
});
`;

/** The ESM entry of tsx's API (tsImport), from its package exports. */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve("tsx/package.json");
  const exports = (require(packageJson) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(packageJson), exports["./esm/api"].import.default)).href;
}

/** The store's own error class for a reply, rebuilt without running its constructor. */
function rebuildError(reply: ErrorReply): Error {
  const classes = storeErrors as unknown as Record<string, unknown>;
  const ctor = classes[reply.ctor];
  const isStoreError = typeof ctor === "function" && (ctor === ObjectStoreError || ctor.prototype instanceof ObjectStoreError);
  if (!isStoreError) {
    return new StorageWriteError(undefined, `PostgreSQL store: ${reply.ctor}: ${reply.message}`);
  }
  const error = Object.create((ctor as { prototype: object }).prototype) as Error;
  Object.defineProperty(error, "message", { value: reply.message, writable: true, configurable: true });
  Object.assign(error, reply.fields);
  if (reply.stack) Object.defineProperty(error, "stack", { value: reply.stack, writable: true, configurable: true });
  return error;
}

export class SyncPostgresBackend implements SyncBackend {
  readonly location: string;
  private worker: Worker | null;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly callTimeoutMs: number;

  private constructor(url: string, options: SyncPostgresBackendOptions) {
    this.callTimeoutMs = options.callTimeoutMs ?? 60_000;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const module = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "postgres-backend.ts")).href;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: { tsxApi: tsxApiUrl(), module, flag: this.flag.buffer, port: port2 },
      transferList: [port2],
    });
    // the calling thread waits on the flag, never on the event loop: nothing here keeps it alive
    this.worker.unref();
    this.worker.on("error", () => {
      this.worker = null;
    });
    const { schema, poolSize } = options;
    try {
      this.location = this.call<string>("open", [url, { schema, poolSize }]);
    } catch (error) {
      this.stopWorker();
      throw error;
    }
  }

  /** Connects (creating the schema and tables if needed); returns when the store is ready. */
  static open(url: string, options: SyncPostgresBackendOptions = {}): SyncPostgresBackend {
    return new SyncPostgresBackend(url, options);
  }

  private call<T>(method: string, args: unknown[]): T {
    if (!this.worker) throw new StorageWriteError(undefined, "the PostgreSQL store's worker thread has stopped (closed, or it failed)");
    Atomics.store(this.flag, 0, 0);
    this.worker.postMessage({ method, args });
    if (Atomics.wait(this.flag, 0, 0, this.callTimeoutMs) === "timed-out") {
      this.stopWorker();
      throw new StorageWriteError(undefined, `the PostgreSQL store did not answer ${method} within ${this.callTimeoutMs / 1000} s`);
    }
    const message = receiveMessageOnPort(this.port);
    if (!message) throw new StorageWriteError(undefined, `the PostgreSQL store's worker answered ${method} with nothing`);
    const reply = message.message as Reply;
    if (!reply.ok) throw rebuildError(reply.error);
    return reply.result as T;
  }

  private stopWorker(): void {
    void this.worker?.terminate();
    this.worker = null;
    this.port.close();
  }

  putSync(records: readonly StoredObject[], policy: WritePolicy): WriteResult {
    return this.call("put", [records, policy]);
  }

  getSync(key: string): StoredObject | null {
    return this.call("get", [key]);
  }

  readValueSync(key: string): StoredValue | null {
    return this.call("readValue", [key]);
  }

  headSync(key: string): StoredObjectInfo | null {
    return this.call("head", [key]);
  }

  hasSync(key: string, now: number): boolean {
    return this.call("has", [key, now]);
  }

  deleteSync(key: string): boolean {
    return this.call("delete", [key]);
  }

  deleteManySync(keys: readonly string[]): number {
    return this.call("deleteMany", [keys]);
  }

  listSync(options: ListOptions = {}): StoredObjectInfo[] {
    return this.call("list", [options]);
  }

  usageSync(): StoreUsage {
    return this.call("usage", []);
  }

  removeExpiredSync(now: number, archive: boolean, key?: string): string[] {
    return this.call("removeExpired", key === undefined ? [now, archive] : [now, archive, key]);
  }

  listArchivedSync(): ArchivedObjectInfo[] {
    return this.call("listArchived", []);
  }

  restoreArchivedSync(key: string, expiresAt: number | null, policy: WritePolicy): StoredObjectInfo | null {
    return this.call("restoreArchived", [key, expiresAt, policy]);
  }

  /** Closes the pool, then stops the worker. */
  closeSync(): void {
    if (!this.worker) return;
    try {
      this.call("close", []);
    } finally {
      this.stopWorker();
    }
  }
}
