// Crash safety: a child process saves objects and reports each acknowledged save; it is killed
// with SIGKILL at random moments, on the same store (25 times on SQLite, 10 on PostgreSQL).
// After each kill every acknowledged object reads back intact, the usage counters match the
// rows, and (SQLite) the database passes its integrity check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { createHash, randomInt } from "node:crypto";
import { ObjectStore, SqliteBackend } from "../../src/storage/index.ts";
import { BACKENDS, type TestStoreLocation } from "./backends.ts";

const WRITER = new URL("./fixtures/crash-writer.ts", import.meta.url).pathname;

type Expected = Map<string, { acked: string | null; pending: string[] }>;

/** Runs the writer until SIGKILL; records BEGIN/ACK into `expected`; resolves with the number of acks. */
function runUntilKilled(location: string, expected: Expected): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WRITER, location], { stdio: ["ignore", "pipe", "pipe"] });
    let buffer = "";
    let acks = 0;
    let stderr = "";
    let killTimer: NodeJS.Timeout | undefined;
    const inflight = new Map<string, string[]>();
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const [tag, key, hash] = line.split(" ");
        if (tag === "READY") {
          killTimer = setTimeout(() => child.kill("SIGKILL"), randomInt(20, 250));
        } else if (tag === "BEGIN") {
          const e = expected.get(key) ?? { acked: null, pending: [] };
          e.pending.push(hash);
          expected.set(key, e);
          inflight.set(key, [...(inflight.get(key) ?? []), hash]);
        } else if (tag === "ACK") {
          const e = expected.get(key)!;
          const acked = inflight.get(key)!.shift()!;
          e.acked = acked;
          e.pending.splice(0, e.pending.indexOf(acked) + 1);
          acks++;
        }
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(killTimer);
      if (signal === "SIGKILL") resolve(acks);
      else reject(new Error(`writer exited by itself (code ${code}): ${stderr}`));
    });
  });
}

describe.each(BACKENDS)("crash safety on $name (SIGKILL mid-write)", (kind) => {
  let location: TestStoreLocation;
  beforeAll(async () => {
    location = await kind.createLocation();
  });
  afterAll(async () => {
    await location.cleanup();
  });

  const rounds = kind.name === "sqlite" ? 25 : 10;
  it(`after ${rounds} SIGKILLs every acknowledged save reads back intact and the store is consistent`, async () => {
    const expected: Expected = new Map();
    let totalAcks = 0;
    for (let round = 0; round < rounds; round++) {
      totalAcks += await runUntilKilled(location.location, expected);
      const backend = await location.openBackend();
      try {
        if (backend instanceof SqliteBackend) expect(backend.integrityCheck()).toEqual(["ok"]);
        const store = new ObjectStore({ backend, filesDirectory: location.filesDirectory });
        for (const [key, e] of expected) {
          const allowed = new Set([e.acked ?? "deleted", ...e.pending]);
          let found = "deleted";
          if (await store.containsKey(key)) found = createHash("sha256").update(await store.readBytes(key)).digest("hex");
          expect(allowed.has(found), `round ${round}: ${key} holds ${found}, acked ${e.acked}`).toBe(true);
          // what is stored now is the truth the next round starts from
          e.acked = found;
          e.pending = [];
        }
        const rows = await backend.list();
        const usage = await backend.usage();
        expect({ files: usage.files, bytes: usage.totalBytes }).toEqual({
          files: rows.length,
          bytes: rows.reduce((n, r) => n + r.sizeBytes, 0),
        });
      } finally {
        await backend.close();
      }
    }
    expect(totalAcks).toBeGreaterThan(rounds);
  });
});
