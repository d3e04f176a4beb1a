// End to end through the `tradeloom` command: a TypeScript algorithm file outside the repo that
// imports "tradeloom", run on LEAN's data, with --json results that are identical run after run.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { leanDataFolder } from "../../lean-parity/lean-data.ts";
import { BACKENDS } from "../../storage/backends.ts";

const repo = resolve(fileURLToPath(new URL("../../../", import.meta.url)));
const bin = join(repo, "bin", "tradeloom.js");

function tradeloom(args: string[], cwd: string) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
}

const ALGORITHM = `
import { QCAlgorithm, Resolution } from "tradeloom";

export default class OutsideAlgo extends QCAlgorithm {
  initialize() {
    this.setStartDate(2013, 10, 7);
    this.setEndDate(2013, 10, 11);
    this.setCash(100000);
    this.addEquity("SPY", Resolution.Minute);
  }
  onData() {
    if (!this.portfolio.invested) this.setHoldings("SPY", 1);
  }
}
`;

describe("tradeloom backtest", () => {
  const dir = mkdtempSync(join(tmpdir(), "tradeloom-cli-"));
  const file = join(dir, "outside-algo.ts");
  writeFileSync(file, ALGORITHM);

  it("runs a .ts file from anywhere, prints LEAN's statistics and writes identical --json twice", () => {
    // each run on a fresh store: the storage section reports the store's history, which grows run by run
    const first = tradeloom(["backtest", file, "--data-folder", leanDataFolder, "--json", join(dir, "a.json"), "--store", join(dir, "store-a")], dir);
    expect(first.stderr).not.toMatch(/Error/);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Net Profit\s+1\.692%/);
    expect(first.stdout).toMatch(/Sharpe Ratio\s+8\.854/);
    const second = tradeloom(["backtest", file, "--data-folder", leanDataFolder, "--json", join(dir, "b.json"), "--quiet", "--store", join(dir, "store-b")], dir);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe("");
    const a = readFileSync(join(dir, "a.json"), "utf8");
    expect(readFileSync(join(dir, "b.json"), "utf8")).toBe(a);
    const json = JSON.parse(a);
    expect(json.statistics["End Equity"]).toBe("101691.92");
    expect(json.orders).toHaveLength(1);
    expect(json.orders[0].quantity).toBe(688);
    expect(json.equity.length).toBeGreaterThan(100);
    // the guide's final report, in the output and in the JSON
    expect(first.stdout).toContain("OBJECT STORE STATISTICS");
    expect(first.stdout).toMatch(/Object Store: 0\.00\/5\.00GB \(0\.0%\)/);
    expect(json.storage.report[1]).toBe("OBJECT STORE STATISTICS");
    expect(json.storage.statistics.max_storage_gb).toBe(5);
  });

  it("--start/--end/--cash override the algorithm's set-up", () => {
    const run = tradeloom(["backtest", file, "--data-folder", leanDataFolder, "--start", "2013-10-08", "--end", "2013-10-10", "--cash", "50000", "--json", join(dir, "c.json"), "--quiet"], dir);
    expect(run.status).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "c.json"), "utf8"));
    expect(json.statistics["Start Equity"]).toBe("50000");
    expect(json.orders[0].time.startsWith("2013-10-08")).toBe(true);
  });

  it("fails with a clear message for a missing file and for bad options", () => {
    const missing = tradeloom(["backtest", join(dir, "nope.ts"), "--quiet"], dir);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/algorithm file not found: .*nope\.ts/);
    const badDate = tradeloom(["backtest", file, "--start", "2013-13-45"], dir);
    expect(badDate.status).not.toBe(0);
    expect(badDate.stderr).toMatch(/expected a date YYYY-MM-DD/);
    const notAlgo = join(dir, "not-algo.ts");
    writeFileSync(notAlgo, "export const x = 1;\n");
    const none = tradeloom(["backtest", notAlgo, "--quiet"], dir);
    expect(none.stderr).toMatch(/exports no class that extends QCAlgorithm/);
  });
});

const COUNTING_ALGORITHM = `
import { QCAlgorithm, Resolution, StorageCategory } from "tradeloom";

export default class CountingAlgo extends QCAlgorithm {
  initialize() {
    this.setStartDate(2013, 10, 7);
    this.setEndDate(2013, 10, 8);
    this.setCash(100000);
    this.addEquity("SPY", Resolution.Minute);
    const runs = this.objectStore.containsKey("runs") ? Number(this.objectStore.read("runs")) + 1 : 1;
    this.objectStore.save("runs", String(runs));
    this.objectStoreManager.save({ key: "trading_state_run_" + runs, data: { runs }, category: StorageCategory.TRADING_STATE });
    this.log("run " + runs + ", state of run 1: " + JSON.stringify(this.objectStoreManager.load("trading_state_run_1")));
  }
  onData() {
    if (!this.portfolio.invested) this.setHoldings("SPY", 1);
  }
}
`;

describe.each(BACKENDS)("tradeloom backtest --store on the $name store", (kind) => {
  it("an algorithm's objects survive across runs, and tradeloom store sees them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tradeloom-cli-store-"));
    const file = join(dir, "counting-algo.ts");
    writeFileSync(file, COUNTING_ALGORITHM);
    const location = await kind.createLocation();
    try {
      const run = () => tradeloom(["backtest", file, "--data-folder", leanDataFolder, "--store", location.location], dir);
      const first = run();
      expect(first.stderr).not.toMatch(/Error/);
      expect(first.status).toBe(0);
      expect(first.stdout).toContain('run 1, state of run 1: {"runs":1}');
      const second = run();
      expect(second.status).toBe(0);
      expect(second.stdout).toContain('run 2, state of run 1: {"runs":1}');
      const get = tradeloom(["store", "get", "runs", "--store", location.location], dir);
      expect(get.stdout).toBe("2");
      const ls = tradeloom(["store", "ls", "--json", "--store", location.location], dir);
      const keys = (JSON.parse(ls.stdout) as { key: string; category: string | null }[]).map((o) => [o.key, o.category]);
      expect(keys).toEqual(
        expect.arrayContaining([
          ["runs", null],
          ["trading_state_run_1", "trading_state"],
          ["trading_state_run_2", "trading_state"],
        ]),
      );
      // the storage monitor's samples of both runs are in the same store
      expect(keys.filter(([, category]) => category === "monitoring_data").length).toBeGreaterThan(1);
    } finally {
      await location.cleanup();
    }
  });
});

describe("tradeloom's output", () => {
  it("stops quietly when the reader closes the pipe early (`| head`)", async () => {
    const { spawn } = await import("node:child_process");
    // far more output than a pipe buffers: 5,000 European rows for the option calculator
    const rows = Array.from({ length: 5000 }, (_, i) => `row-${i},european,${i % 2 ? "call" : "put"},100,${80 + (i % 40)},0.5,0.03,0.01,0.25`);
    const big = join(mkdtempSync(join(tmpdir(), "tradeloom-pipe-")), "many.csv");
    writeFileSync(big, ["id,exercise,type,S,K,T_years,r_cont,q_cont,sigma", ...rows].join("\n") + "\n");
    const child = spawn(process.execPath, [bin, "greeks", big], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(stderr).not.toMatch(/EPIPE/);
    expect(code).toBe(0);
  });
});
