// Opening a store from a location: a directory (SQLite, `<dir>/object-store.db`, default
// ./storage as LEAN's) or a postgres:// URL (the shared back end). The one place that knows
// which back end a location means.
import { join, resolve } from "node:path";
import { SqliteBackend } from "./sqlite-backend.ts";
import { ObjectStore, type StoragePermissions } from "./object-store.ts";
import { ObjectStoreManager } from "./manager.ts";
import { loadObjectStoreSettings, type ObjectStoreSettings } from "./config.ts";
import { ObjectStoreDisabledError } from "./errors.ts";
import { SyncObjectStore, SyncObjectStoreManager } from "./sync-object-store.ts";
import { SyncPostgresBackend } from "./postgres-sync-backend.ts";
import type { ObjectStoreBackend } from "./backend.ts";

export const DEFAULT_STORE_DIRECTORY = "./storage";

export interface OpenStoreOptions {
  /** a directory or a postgres:// URL (default ./storage) */
  store?: string;
  /** default: config/settings.json in the working directory, or the guide's settings */
  settings?: ObjectStoreSettings;
  now?: () => number;
  permissions?: Partial<StoragePermissions>;
}

export function isPostgresLocation(store: string): boolean {
  return /^postgres(ql)?:\/\//i.test(store);
}

/** Opens the back end a location names. */
export async function openBackend(store: string = DEFAULT_STORE_DIRECTORY): Promise<ObjectStoreBackend> {
  if (isPostgresLocation(store)) {
    const { PostgresBackend } = await import("./postgres-backend.ts");
    return PostgresBackend.open(store);
  }
  return SqliteBackend.openDirectory(store);
}

/** Opens an ObjectStore; throws ObjectStoreDisabledError when the config disables the store. */
export async function openObjectStore(options: OpenStoreOptions = {}): Promise<ObjectStore> {
  const settings = options.settings ?? loadObjectStoreSettings();
  if (!settings.enabled) throw new ObjectStoreDisabledError();
  const store = options.store ?? DEFAULT_STORE_DIRECTORY;
  const backend = await openBackend(store);
  return new ObjectStore({
    backend,
    settings,
    now: options.now,
    permissions: options.permissions,
    filesDirectory: isPostgresLocation(store) ? undefined : join(resolve(store), "files"),
  });
}

/** Opens a store and its manager. */
export async function openObjectStoreManager(options: OpenStoreOptions = {}): Promise<ObjectStoreManager> {
  return new ObjectStoreManager(await openObjectStore(options));
}

/**
 * Opens the synchronous API (what a synchronous onData can call) over the embedded SQLite store
 * (a directory) or the shared PostgreSQL store (a postgres:// URL, served by a worker thread).
 */
export function openSyncObjectStore(options: OpenStoreOptions = {}): SyncObjectStore {
  const settings = options.settings ?? loadObjectStoreSettings();
  if (!settings.enabled) throw new ObjectStoreDisabledError();
  const store = options.store ?? DEFAULT_STORE_DIRECTORY;
  const postgres = isPostgresLocation(store);
  return new SyncObjectStore({
    backend: postgres ? SyncPostgresBackend.open(store) : SqliteBackend.openDirectory(store),
    settings,
    now: options.now,
    permissions: options.permissions,
    filesDirectory: postgres ? undefined : join(resolve(store), "files"),
  });
}

export function openSyncObjectStoreManager(options: OpenStoreOptions = {}): SyncObjectStoreManager {
  return new SyncObjectStoreManager(openSyncObjectStore(options));
}
