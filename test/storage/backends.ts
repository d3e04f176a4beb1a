// The back ends every shared storage suite runs against: SQLite always; PostgreSQL when
// TRADELOOM_PG_URL is set (scripts/postgres/start.sh prints it). Under CI=true a missing
// PostgreSQL is a failure, never a silent skip.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import {
  ObjectStore,
  ObjectStoreManager,
  PostgresBackend,
  SqliteBackend,
  SyncObjectStore,
  SyncObjectStoreManager,
  SyncPostgresBackend,
  defaultObjectStoreSettings,
  type ObjectStoreBackend,
  type SyncBackend,
  type ObjectStoreSettings,
  type StoragePermissions,
} from "../../src/storage/index.ts";

export interface TestStoreLocation {
  /** opens another connection to the same store (another "process" as far as the store knows) */
  openBackend(): Promise<ObjectStoreBackend>;
  /** the same, for the synchronous API */
  openSyncBackend(): SyncBackend;
  filesDirectory: string;
  /** what `--store` would be for the CLI */
  location: string;
  cleanup(): Promise<void>;
}

export interface BackendKind {
  name: "sqlite" | "postgres" | "sqlite, synchronous API" | "postgres, synchronous API";
  /** "sync": the suite drives SyncObjectStore/SyncObjectStoreManager through a promise-returning view */
  api?: "async" | "sync";
  createLocation(): Promise<TestStoreLocation>;
}

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const sqlite: BackendKind = {
  name: "sqlite",
  async createLocation() {
    const dir = tempDir("tradeloom-store-");
    return {
      openBackend: async () => SqliteBackend.openDirectory(dir),
      openSyncBackend: () => SqliteBackend.openDirectory(dir),
      filesDirectory: join(dir, "files"),
      location: dir,
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

export const PG_URL = process.env.TRADELOOM_PG_URL;
if (!PG_URL && process.env.CI === "true") {
  throw new Error(
    "CI=true but TRADELOOM_PG_URL is not set: the PostgreSQL suite must run in CI. " +
      "Start a server with: export TRADELOOM_PG_URL=\"$(scripts/postgres/start.sh)\"",
  );
}

const postgres: BackendKind = {
  name: "postgres",
  async createLocation() {
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const dir = tempDir("tradeloom-pgfiles-");
    const opened: PostgresBackend[] = [];
    const openedSync: SyncPostgresBackend[] = [];
    const url = `${PG_URL}${PG_URL!.includes("?") ? "&" : "?"}schema=${schema}`;
    return {
      openBackend: async () => {
        const b = await PostgresBackend.open(PG_URL!, { schema });
        opened.push(b);
        return b;
      },
      openSyncBackend: () => {
        const b = SyncPostgresBackend.open(PG_URL!, { schema });
        openedSync.push(b);
        return b;
      },
      filesDirectory: dir,
      location: url,
      cleanup: async () => {
        rmSync(dir, { recursive: true, force: true });
        for (const o of opened) await o.close();
        for (const o of openedSync) o.closeSync();
        const b = await PostgresBackend.open(PG_URL!, { schema });
        try {
          await b.dropSchema();
        } finally {
          await b.close();
        }
      },
    };
  },
};

/** SQLite, plus PostgreSQL when a server is available. */
export const BACKENDS: BackendKind[] = PG_URL ? [sqlite, postgres] : [sqlite];

/** The back ends plus the synchronous API over SQLite: for the suites of the store and manager API. */
export const STORE_APIS: BackendKind[] = [
  ...BACKENDS,
  { ...sqlite, name: "sqlite, synchronous API", api: "sync" },
  ...(PG_URL ? [{ ...postgres, name: "postgres, synchronous API" as const, api: "sync" as const }] : []),
];

const syncOf = new WeakMap<object, SyncObjectStore>();

/**
 * A promise-returning view of a synchronous object: methods return promises (a throw becomes a
 * rejection), so one suite drives both APIs. `for await` works over its iterator.
 */
function asyncView<T extends object>(target: T, extra: Record<PropertyKey, unknown> = {}): any {
  return new Proxy(target, {
    get(t, prop) {
      if (Object.prototype.hasOwnProperty.call(extra, prop)) return extra[prop];
      if (prop === Symbol.asyncIterator && Symbol.iterator in t) {
        return async function* () {
          for (const item of t as unknown as Iterable<unknown>) yield item;
        };
      }
      const value = Reflect.get(t, prop, t);
      if (typeof value !== "function" || prop === "constructor") return value;
      return (...args: unknown[]) => {
        try {
          return Promise.resolve(value.apply(t, args));
        } catch (error) {
          return Promise.reject(error);
        }
      };
    },
  });
}

export interface StoreHarness {
  location: TestStoreLocation;
  store: ObjectStore;
  manager: ObjectStoreManager;
  /** a manager over a store from open() (the synchronous manager for the synchronous API) */
  managerFor(store: ObjectStore): ObjectStoreManager;
  clock: { now: number };
  /** another handle on the same store with its own connection */
  open(options?: { settings?: ObjectStoreSettings; permissions?: Partial<StoragePermissions> }): Promise<ObjectStore>;
  close(): Promise<void>;
}

export const T0 = Date.UTC(2024, 0, 2, 14, 30);
export const DAY = 86_400_000;

/** A store on a fresh location, with a controllable clock. */
export async function createHarness(
  kind: BackendKind,
  settings: ObjectStoreSettings = defaultObjectStoreSettings(),
  permissions?: Partial<StoragePermissions>,
): Promise<StoreHarness> {
  const location = await kind.createLocation();
  const clock = { now: T0 };
  const handles: ObjectStoreBackend[] = [];
  const syncHandles: SyncBackend[] = [];
  const open = async (o: { settings?: ObjectStoreSettings; permissions?: Partial<StoragePermissions> } = {}): Promise<ObjectStore> => {
    const options = {
      settings: o.settings ?? settings,
      permissions: o.permissions ?? permissions,
      now: () => clock.now,
      filesDirectory: location.filesDirectory,
    };
    if (kind.api === "sync") {
      const backend = location.openSyncBackend();
      syncHandles.push(backend);
      const sync = new SyncObjectStore({ ...options, backend });
      const view = asyncView(sync);
      syncOf.set(view, sync);
      return view as ObjectStore;
    }
    const backend = await location.openBackend();
    handles.push(backend);
    return new ObjectStore({ ...options, backend });
  };
  const managerFor = (store: ObjectStore): ObjectStoreManager => {
    const sync = syncOf.get(store);
    if (!sync) return new ObjectStoreManager(store);
    return asyncView(new SyncObjectStoreManager(sync), { store }) as ObjectStoreManager;
  };
  const store = await open();
  return {
    location,
    store,
    manager: managerFor(store),
    managerFor,
    clock,
    open,
    async close() {
      for (const b of handles) await b.close();
      for (const b of syncHandles) b.closeSync();
      await location.cleanup();
    },
  };
}

export function settingsWith(patch: Partial<ObjectStoreSettings>): ObjectStoreSettings {
  return { ...defaultObjectStoreSettings(), ...patch };
}
