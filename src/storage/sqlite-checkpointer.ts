// The SQLite store's background checkpointer. In WAL mode a commit appends pages to the WAL and
// fsyncs it; a checkpoint later copies them into the database file and fsyncs that. By default
// the writing connection checkpoints itself once the WAL holds 1,000 pages, so every fourth
// megabyte a save also waits for the database file's fsync. This worker thread, with a connection
// of its own, runs a PASSIVE checkpoint after each megabyte written instead, while the writing
// thread goes on (a PASSIVE checkpoint never blocks writers). The writing connection keeps its
// automatic checkpoint as the fallback: if the worker falls behind or fails, the WAL still stops
// at 1,000 pages as before. A checkpoint changes no data and is crash-safe, so durability is
// exactly that of synchronous=FULL either way.
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";

/** Bytes committed by the writing connection between two background checkpoints. */
export const CHECKPOINT_EVERY_BYTES = 1 << 20;

// signal slots (Int32 in a SharedArrayBuffer shared with the worker)
const REQUESTS = 0; // checkpoint requests so far; -1 asks the worker to stop
const DONE = 1; // checkpoints the worker has run
const CLOSED = 2; // 1 once the worker has closed its connection
const STOP = -1;

// Plain JavaScript, run by the worker (eval), so it needs no TypeScript loader.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const signal = workerData.signal;
let database = null;
try {
  const Database = require(workerData.driver);
  database = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
  database.pragma("synchronous = FULL");
  let seen = 0;
  for (;;) {
    Atomics.wait(signal, ${REQUESTS}, seen);
    seen = Atomics.load(signal, ${REQUESTS});
    if (seen === ${STOP}) break;
    database.pragma("wal_checkpoint(PASSIVE)");
    Atomics.add(signal, ${DONE}, 1);
  }
} finally {
  try { if (database) database.close(); } catch {}
  Atomics.store(signal, ${CLOSED}, 1);
  Atomics.notify(signal, ${CLOSED});
}
`;

export class BackgroundCheckpointer {
  private readonly signal = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  private worker: Worker | null = null;
  private pendingBytes = 0;
  /** set when the worker failed or was stopped: the writing connection checkpoints alone */
  private off = false;

  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
  ) {}

  /** Checkpoints the worker has run (for tests). */
  get checkpoints(): number {
    return Atomics.load(this.signal, DONE);
  }

  /** Whether the worker is running. */
  get running(): boolean {
    return this.worker !== null && !this.off;
  }

  /** Called after each committed write transaction with about how many bytes it wrote. */
  written(bytes: number): void {
    if (this.off) return;
    this.pendingBytes += bytes;
    if (this.pendingBytes < CHECKPOINT_EVERY_BYTES) return;
    this.pendingBytes = 0;
    if (!this.worker) this.start();
    Atomics.add(this.signal, REQUESTS, 1);
    Atomics.notify(this.signal, REQUESTS);
  }

  private start(): void {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // plain JavaScript: none of the parent's loaders (tsx) are needed
      execArgv: [],
      workerData: { driver, file: this.file, busyTimeoutMs: this.busyTimeoutMs, signal: this.signal },
    });
    // never keeps the process alive; a failure leaves checkpoints to the writing connection
    worker.unref();
    worker.on("error", () => {
      this.off = true;
    });
    this.worker = worker;
  }

  /**
   * Stops the worker and waits (at most the busy timeout) until it has closed its connection,
   * so that the writing connection closes last and SQLite removes the WAL.
   */
  stop(): void {
    this.off = true;
    if (!this.worker) return;
    Atomics.store(this.signal, REQUESTS, STOP);
    Atomics.notify(this.signal, REQUESTS);
    Atomics.wait(this.signal, CLOSED, 0, this.busyTimeoutMs);
    this.worker = null;
  }
}
