// A synchronous SQLite store in a temp directory with a settable clock, and a StorageMonitor whose
// callbacks record what they were called with.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  SqliteBackend,
  StorageMonitor,
  SyncObjectStore,
  SyncObjectStoreManager,
  defaultObjectStoreSettings,
  withSettings,
  type ObjectStoreSettings,
  type StorageMonitorOptions,
} from "../../src/storage/index.ts";

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** 2024-01-02T00:00:00Z */
export const T0 = Date.UTC(2024, 0, 2);

export class Clock {
  constructor(public time = T0) {}
  readonly now = () => this.time;
  advanceDays(days: number): void {
    this.time += days * DAY;
  }
}

export interface TestStore {
  dir: string;
  clock: Clock;
  manager: SyncObjectStoreManager;
  /** closes and opens the same directory again (another run) */
  reopen(settings?: ObjectStoreSettings): SyncObjectStoreManager;
  cleanup(): void;
}

/** Settings for exact byte counts: no compression, no automatic expiry. */
export function exactSettings(patch: Partial<ObjectStoreSettings> = {}): ObjectStoreSettings {
  const base = defaultObjectStoreSettings();
  return withSettings(base, { compressionEnabled: false, ...patch });
}

export function createTestStore(settings: ObjectStoreSettings = exactSettings(), clock = new Clock()): TestStore {
  const dir = mkdtempSync(join(tmpdir(), "tradeloom-monitor-"));
  const open = (s: ObjectStoreSettings) =>
    new SyncObjectStoreManager(new SyncObjectStore({ backend: SqliteBackend.openDirectory(dir), settings: s, now: clock.now, filesDirectory: join(dir, "files") }));
  const store: TestStore = {
    dir,
    clock,
    manager: open(settings),
    reopen(s = settings) {
      store.manager.store.close();
      store.manager = open(s);
      return store.manager;
    },
    cleanup() {
      store.manager.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return store;
}

export interface Recorded {
  logs: string[];
  warnings: string[];
  trips: string[];
  halts: string[];
}

export function createMonitor(
  manager: SyncObjectStoreManager,
  options: Partial<StorageMonitorOptions> = {},
): { monitor: StorageMonitor; calls: Recorded } {
  const calls: Recorded = { logs: [], warnings: [], trips: [], halts: [] };
  const monitor = new StorageMonitor({
    manager,
    log: (line) => calls.logs.push(line),
    warn: (line) => calls.warnings.push(line),
    tripCircuitBreaker: (reason) => calls.trips.push(reason),
    haltTrading: (reason) => calls.halts.push(reason),
    ...options,
  });
  return { monitor, calls };
}
