// Two processes saving into one store at once: nothing acknowledged is lost, and the file
// count and category quota hold exactly (the check and the write share one locked transaction).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { ObjectStore, defaultObjectStoreSettings, type ObjectStoreSettings } from "../../src/storage/index.ts";
import { BACKENDS, type TestStoreLocation } from "./backends.ts";

const WRITER = new URL("./fixtures/concurrent-writer.ts", import.meta.url).pathname;

interface Report {
  acked: Map<string, string>;
  refused: Map<string, string>;
}

function writer(location: string, settings: ObjectStoreSettings, mode: string, prefix: string, count: number, size: number, startAt: number) {
  return new Promise<Report>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", WRITER, location, JSON.stringify(settings), mode, prefix, String(count), String(size), String(startAt)],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`writer ${prefix} failed (${code}): ${err}`));
      const report: Report = { acked: new Map(), refused: new Map() };
      for (const line of out.trim().split("\n")) {
        const [tag, key, detail] = line.split(" ");
        (tag === "ACK" ? report.acked : report.refused).set(key, detail);
      }
      resolve(report);
    });
  });
}

describe.each(BACKENDS)("two processes saving at once on $name", (kind) => {
  let location: TestStoreLocation;
  beforeEach(async () => {
    location = await kind.createLocation();
  });
  afterEach(async () => {
    await location.cleanup();
  });

  async function verify(settings: ObjectStoreSettings, reports: Report[]) {
    const store = new ObjectStore({ backend: await location.openBackend(), settings, filesDirectory: location.filesDirectory });
    try {
      for (const r of reports) {
        for (const [key, sha] of r.acked) {
          expect(createHash("sha256").update(await store.readBytes(key)).digest("hex")).toBe(sha);
        }
        for (const key of r.refused.keys()) expect(await store.containsKey(key)).toBe(false);
      }
      return await store.usage();
    } finally {
      await store.backend.close();
    }
  }

  it("file count: exactly max_files objects are accepted, none lost", async () => {
    const settings: ObjectStoreSettings = { ...defaultObjectStoreSettings(), maxFiles: 70, compressionEnabled: false };
    const startAt = Date.now() + 2500;
    const reports = await Promise.all([
      writer(location.location, settings, "plain", "a", 60, 2000, startAt),
      writer(location.location, settings, "plain", "b", 60, 2000, startAt),
    ]);
    const acked = reports[0].acked.size + reports[1].acked.size;
    expect(acked).toBe(70);
    // both made progress while the other was writing
    expect(reports[0].acked.size).toBeGreaterThan(9);
    expect(reports[1].acked.size).toBeGreaterThan(9);
    for (const r of reports) for (const name of r.refused.values()) expect(name).toBe("StorageLimitExceededError");
    const usage = await verify(settings, reports);
    expect(usage.files).toBe(70);
    expect(usage.totalBytes).toBe(70 * 2000);
  });

  it("category quota (refusing): exactly quota / size objects are accepted, none lost", async () => {
    const base = defaultObjectStoreSettings();
    const settings: ObjectStoreSettings = {
      ...base,
      compressionEnabled: false,
      categoryQuotas: { ...base.categoryQuotas, trading_state: { bytes: 45 * 3000 + 2999, onFull: "refuse" } },
    };
    const startAt = Date.now() + 2500;
    const reports = await Promise.all([
      writer(location.location, settings, "category", "a", 40, 3000, startAt),
      writer(location.location, settings, "category", "b", 40, 3000, startAt),
    ]);
    expect(reports[0].acked.size + reports[1].acked.size).toBe(45);
    for (const r of reports) for (const name of r.refused.values()) expect(name).toBe("CategoryQuotaExceededError");
    const usage = await verify(settings, reports);
    expect(usage.byCategory.trading_state).toEqual({ bytes: 45 * 3000, files: 45 });
  });
});
