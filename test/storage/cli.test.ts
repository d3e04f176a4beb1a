// `tradeloom store ...` through commander, against every back end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Command } from "commander";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registerStoreCommand } from "../../src/engine/cli/store-command.ts";
import { GB, GUIDE_OBJECT_STORE_CONFIG, SqliteBackend, StorageMonitor, SyncObjectStore, SyncObjectStoreManager } from "../../src/storage/index.ts";
import { BACKENDS, type TestStoreLocation } from "./backends.ts";

interface Run {
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
  code: number;
}

async function cli(args: string[], stdin: Uint8Array = new Uint8Array()): Promise<Run> {
  const out: Buffer[] = [];
  let stderr = "";
  let code = 0;
  const program = new Command().exitOverride();
  registerStoreCommand(program, {
    stdout: (d) => out.push(Buffer.from(d)),
    stderr: (t) => (stderr += t),
    readStdin: async () => stdin,
    fail: (c) => {
      code = c;
    },
  });
  await program.parseAsync(["node", "tradeloom", "store", ...args]);
  const stdoutBytes = Buffer.concat(out);
  return { stdout: stdoutBytes.toString("utf8"), stdoutBytes, stderr, code };
}

describe.each(BACKENDS)("tradeloom store on $name", (kind) => {
  let location: TestStoreLocation;
  let dir: string;
  let s: string[];
  beforeEach(async () => {
    location = await kind.createLocation();
    dir = mkdtempSync(join(tmpdir(), "tradeloom-cli-"));
    s = ["--store", location.location];
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await location.cleanup();
  });

  it("put from stdin and from a file, get writes the value back, ls shows it", async () => {
    const put = await cli(["put", "optimized_params_v3", ...s], new TextEncoder().encode('{"delta_range":[0.25,0.35]}'));
    expect(put).toMatchObject({ code: 0, stderr: "" });
    expect(put.stdout).toMatch(/^saved optimized_params_v3 \(research_data, 27 bytes, expires /);
    const file = join(dir, "model.bin");
    writeFileSync(file, Buffer.from([0, 255, 1, 254]));
    expect((await cli(["put", "models/m.bin", file, "--category", "ml_models", "--expire-days", "never", ...s])).code).toBe(0);
    const get = await cli(["get", "optimized_params_v3", ...s]);
    expect(get.stdout).toBe('{"delta_range":[0.25,0.35]}');
    expect([...(await cli(["get", "models/m.bin", ...s])).stdoutBytes]).toEqual([0, 255, 1, 254]);
    const ls = await cli(["ls", ...s]);
    expect(ls.stdout.split("\n")[0]).toMatch(/^KEY\s+CATEGORY\s+SIZE\s+COMPRESSED\s+CREATED\s+EXPIRES$/);
    expect(ls.stdout).toMatch(/optimized_params_v3\s+research_data\s+27\s+no\s+\d{4}-/);
    expect(ls.stdout).toMatch(/models\/m\.bin\s+ml_models\s+4\s+no\s+\S+\s+never/);
    const json = JSON.parse((await cli(["ls", "--json", "--category", "ml_models", ...s])).stdout);
    expect(json).toEqual([{ key: "models/m.bin", category: "ml_models", size: 4, compressed: false, created: expect.any(String), expires: null, expired: false }]);
    expect(JSON.parse((await cli(["ls", "--json", "--prefix", "models/", ...s])).stdout).map((r: { key: string }) => r.key)).toEqual(["models/m.bin"]);
  });

  it("put applies compression, limits and quotas as inside an algorithm", async () => {
    const big = new TextEncoder().encode("x".repeat(300_000));
    expect((await cli(["put", "big", ...s], big)).stdout).toContain("compressed");
    const config = join(dir, "settings.json");
    writeFileSync(config, JSON.stringify({ quantconnect: { object_store: { ...GUIDE_OBJECT_STORE_CONFIG, max_files: 1 } } }));
    const refused = await cli(["put", "second", "--config", config, ...s], new TextEncoder().encode("v"));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("StorageLimitExceededError: You have reached the ObjectStore limit for files it can save: 2/1");
    expect((await cli(["get", "second", ...s])).code).toBe(1);
  });

  it("errors go to stderr with a non-zero exit", async () => {
    const missing = await cli(["get", "nope", ...s]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain("ObjectNotFoundError: Object with path 'nope' was not found");
    expect((await cli(["rm", "nope", ...s])).code).toBe(1);
    const badKey = await cli(["put", "../x", ...s], new Uint8Array([1]));
    expect(badKey.stderr).toContain(`InvalidKeyError: key "../x": '..' segments are not allowed`);
    const badCategory = await cli(["put", "k", "--category", "greeks", ...s], new Uint8Array([1]));
    expect(badCategory.stderr).toContain('--category "greeks": not a storage category');
    const config = join(dir, "bad.json");
    writeFileSync(config, JSON.stringify({ quantconnect: { object_store: { max_file_size_mb: 99 } } }));
    const badConfig = await cli(["ls", "--config", config, ...s]);
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr).toContain("ConfigError: quantconnect.object_store.max_file_size_mb: must be at most 50, got 99");
  });

  it("rm deletes; stats prints the guide's lines and categories from the index", async () => {
    await cli(["put", "a", "--category", "llm_cache", ...s], new Uint8Array(1000));
    await cli(["put", "b", "--category", "llm_cache", ...s], new Uint8Array(500));
    await cli(["put", "c", ...s], new TextEncoder().encode("hello"));
    expect((await cli(["rm", "c", ...s])).stdout).toBe("deleted c\n");
    const stats = await cli(["stats", ...s]);
    expect(stats).toMatchObject({ code: 0, stderr: "" });
    expect(stats.stdout).toBe(
      [
        "==================================================",
        "OBJECT STORE STATISTICS",
        "==================================================",
        "Storage Used: 0.00GB / 5.00GB (0.0%)",
        "Files: 2 / 50,000",
        "Growth Rate: N/A (not enough history)",
        "Days Until Full: N/A (not enough history)",
        "Storage by Category:",
        "  trading_state: 0.0MB (0 files)",
        "  options_greeks: 0.0MB (0 files)",
        "  llm_cache: 0.0MB (2 files)",
        "  backtest_results: 0.0MB (0 files)",
        "  ml_models: 0.0MB (0 files)",
        "  monitoring_data: 0.0MB (0 files)",
        "  research_data: 0.0MB (0 files)",
        "Monthly Cost: $20.00 (5GB tier)",
        "",
      ].join("\n"),
    );
    const json = JSON.parse((await cli(["stats", "--json", ...s])).stdout);
    expect(json).toMatchObject({
      level: "ok",
      files: 2,
      max_files: 50_000,
      max_storage_gb: 5,
      total_bytes: 1_500,
      growth_rate_gb_per_day: null,
      days_until_full: null,
      tier: "5GB",
      monthly_cost_usd: 20,
    });
    expect(json.by_category.llm_cache).toEqual({ size_mb: 1_500 / 1024 ** 2, files: 2, quota_mb: expect.closeTo(0.3 * 1024, 6), usage_pct: expect.closeTo((1_500 / (0.3 * 1024 ** 3)) * 100, 12) });
  });

  it("cleanup, restore (list and bring back), export and import of a whole store or one category", async () => {
    await cli(["put", "short", "--category", "llm_cache", "--expire-days", "0.0000001", ...s], new TextEncoder().encode("s"));
    await cli(["put", "keep", "--category", "ml_models", "--expire-days", "never", ...s], new TextEncoder().encode("k"));
    await cli(["put", "state", "--category", "trading_state", "--json", ...s], new TextEncoder().encode('{"equity":1}'));
    await new Promise((r) => setTimeout(r, 20));
    expect((await cli(["cleanup", ...s])).stdout).toBe("Cleaned up 1 expired objects (archived)\n");
    expect((await cli(["restore", ...s])).stdout).toMatch(/^short {2}llm_cache {2}1 bytes {2}expired /);
    expect((await cli(["restore", "short", ...s])).stdout).toBe("restored short\n");
    expect((await cli(["get", "short", ...s])).stdout).toBe("s");
    expect((await cli(["restore", ...s])).stdout).toBe("the archive is empty\n");

    const all = join(dir, "all.tlstore");
    const models = join(dir, "models.tlstore");
    expect((await cli(["export", all, ...s])).stdout).toBe(`exported 3 objects to ${all}\n`);
    expect((await cli(["export", models, "--category", "ml_models", ...s])).stdout).toBe(`exported 1 objects of ml_models to ${models}\n`);
    const target = mkdtempSync(join(tmpdir(), "tradeloom-cli-target-"));
    try {
      expect((await cli(["import", all, "--store", target])).stdout).toBe(`imported 3 objects from ${all}\n`);
      const rows = JSON.parse((await cli(["ls", "--json", "--store", target])).stdout);
      expect(rows.map((r: { key: string }) => r.key).sort()).toEqual(["keep", "short", "state"]);
      expect((await cli(["get", "state", "--store", target])).stdout).toBe('{"equity":1}');
      const sourceRows = JSON.parse((await cli(["ls", "--json", ...s])).stdout);
      expect(rows.sort((a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key))).toEqual(
        sourceRows.sort((a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key)),
      );
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
    const notExport = join(dir, "garbage");
    writeFileSync(notExport, "hello");
    const bad = await cli(["import", notExport, ...s]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("not a gzip-compressed tradeloom object store export");
    expect(readFileSync(models).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });
});

// The monitor writes its samples through the synchronous API (SQLite); `stats` reads them back.
it("stats reads the storage monitor's samples: growth rate and days until full", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tradeloom-cli-stats-"));
  const s = ["--store", dir];
  let time = Date.UTC(2024, 0, 2);
  let totalBytes = Math.round(2.335 * GB);
  const manager = new SyncObjectStoreManager(new SyncObjectStore({ backend: SqliteBackend.openDirectory(dir), now: () => time }));
  const monitor = new StorageMonitor({
    manager,
    usage: () => ({ totalBytes, files: 12_543, maxSizeBytes: 5 * GB, maxFiles: 50_000, byCategory: {} }),
    log: () => {},
    warn: () => {},
    tripCircuitBreaker: () => {},
    haltTrading: () => {},
    sampleRetentionDays: 365 * 100,
  });
  monitor.check();
  time += 86_400_000;
  totalBytes = Math.round(2.35 * GB);
  monitor.check();
  manager.store.close();
  const lines = (await cli(["stats", ...s])).stdout.split("\n");
  expect(lines[5]).toBe("Growth Rate: 0.015GB/day");
  // from the store's real usage (two small samples) at the sampled rate: 5 / 0.015 days
  expect(lines[6]).toBe("Days Until Full: ~333 days");
  const json = JSON.parse((await cli(["stats", "--json", ...s])).stdout);
  expect(json.growth_rate_gb_per_day).toBeCloseTo(0.015, 9);
  expect(json.days_until_full).toBeCloseTo((5 * GB - json.total_bytes) / (0.015 * GB), 0);
  rmSync(dir, { recursive: true, force: true });
});

describe("bin/tradeloom.js store (end to end)", () => {
  it("reads stdin, writes the value to stdout, and exits non-zero with the error on stderr", async () => {
    const { spawnSync } = await import("node:child_process");
    const bin = new URL("../../bin/tradeloom.js", import.meta.url).pathname;
    const dir = mkdtempSync(join(tmpdir(), "tradeloom-e2e-"));
    try {
      const put = spawnSync(process.execPath, [bin, "store", "put", "optimized_params_v3", "--store", dir], { input: '{"x":1}', encoding: "utf8" });
      expect(put.status).toBe(0);
      const get = spawnSync(process.execPath, [bin, "store", "get", "optimized_params_v3", "--store", dir], { encoding: "utf8" });
      expect(get.stdout).toBe('{"x":1}');
      const missing = spawnSync(process.execPath, [bin, "store", "get", "nope", "--store", dir], { encoding: "utf8" });
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain("ObjectNotFoundError");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
