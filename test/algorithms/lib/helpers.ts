// Shared by the bot-library tests: the shipped data set (generated once if missing, as the main
// job does) and temp object stores on a controllable clock.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ensureDataSet } from "../../../src/engine/datagen/index.ts";
import { openSyncObjectStore, SyncObjectStoreManager, type SyncObjectStore } from "../../../src/storage/index.ts";

export const DATA_FOLDER = resolve("data/generated");

/** The default generated data set (docs/shipped-data.md); milliseconds when present. */
export function shippedData(): string {
  ensureDataSet(DATA_FOLDER);
  return DATA_FOLDER;
}

export const T0 = Date.UTC(2025, 0, 2, 15, 0, 0);
export const DAY_MS = 86_400_000;

export interface TempStore {
  dir: string;
  store: SyncObjectStore;
  manager: SyncObjectStoreManager;
  clock: { now: number };
  reopen(): TempStore;
  close(): void;
}

/** A real SQLite store in a fresh temp directory, its clock at T0 unless moved. */
export function tempStore(prefix = "tradeloom-bot-lib-"): TempStore {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return openAt(dir, { now: T0 }, true);
}

function openAt(dir: string, clock: { now: number }, owner: boolean): TempStore {
  const store = openSyncObjectStore({ store: dir, now: () => clock.now });
  return {
    dir,
    store,
    manager: new SyncObjectStoreManager(store),
    clock,
    reopen() {
      store.close();
      return openAt(dir, clock, false);
    },
    close() {
      store.close();
      if (owner) rmSync(dir, { recursive: true, force: true });
    },
  };
}
