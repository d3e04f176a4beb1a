// The guide's monitoring loop inside a backtest, through the public API: the store is pushed past
// 80 %, 90 % and 100 % of its file limit, and each scheduled 6-hour check responds as the guide
// says: a warning with suggestions; the breaker trips ("Storage critical: 90%+ full"), expired
// objects are cleaned and risk-adding orders are refused; at 100 % trading halts.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QCAlgorithm, OrderStatus, Resolution, runBacktest } from "tradeloom";
import { StorageCategory } from "../../../src/storage/index.ts";
import { leanDataFolder } from "../../lean-parity/lean-data.ts";

const MAX_FILES = 100;

class FillTheStore extends QCAlgorithm {
  statuses: Record<string, OrderStatus> = {};
  breakerAfter: Record<string, string> = {};
  expiredAfter = 0;
  private saved = 0;

  /** saves research objects until the store holds `fraction` of its file limit */
  private fillTo(fraction: number, expireDays?: number): void {
    const manager = this.objectStoreManager;
    while (manager.usage().files < Math.ceil(MAX_FILES * fraction)) {
      const n = this.saved++;
      manager.save({ key: `filler/${n}`, data: { n }, category: StorageCategory.RESEARCH_DATA, expireDays });
    }
  }

  override initialize(): void {
    this.setStartDate(2013, 10, 7);
    this.setEndDate(2013, 10, 11);
    this.addEquity("SPY", Resolution.Minute);
    const day = (d: number) => this.dateRules.on(2013, 10, d);
    // day 1: a long position, and 80 % of the files (10 of them expire after one day)
    this.schedule.on(day(7), this.timeRules.at(10, 0), () => {
      this.setHoldings("SPY", 0.5);
      this.fillTo(0.1, 1);
      this.fillTo(0.8);
    });
    // day 2: 90 %
    this.schedule.on(day(8), this.timeRules.at(10, 0), () => this.fillTo(0.9));
    this.schedule.on(day(8), this.timeRules.at(13, 0), () => {
      this.expiredAfter = this.objectStoreManager.usage().files;
      this.breakerAfter.critical = this.circuitBreaker.getStatus().reason ?? "";
      this.statuses.addWhileTripped = this.marketOrder("SPY", 10).status;
      this.statuses.reduceWhileTripped = this.marketOrder("SPY", -10).status;
    });
    // day 3: 100 %
    this.schedule.on(day(9), this.timeRules.at(10, 0), () => this.fillTo(1));
    this.schedule.on(day(9), this.timeRules.at(13, 0), () => {
      this.breakerAfter.full = this.circuitBreaker.state;
      this.statuses.reduceWhileHalted = this.marketOrder("SPY", -10).status;
    });
  }
}

describe("storage monitoring in a backtest", () => {
  const dir = mkdtempSync(join(tmpdir(), "tradeloom-monitor-"));
  const settings = JSON.parse(readFileSync("config/settings.json", "utf8"));
  settings.quantconnect.object_store.max_files = MAX_FILES;
  writeFileSync(join(dir, "settings.json"), JSON.stringify(settings));
  const algorithm = new FillTheStore();
  const result = runBacktest(algorithm, { dataFolder: leanDataFolder, store: join(dir, "store"), settingsPath: join(dir, "settings.json") });
  const logs = algorithm.logs;

  it("logs the guide's two lines at every 6-hour check", () => {
    expect(logs).toContain("2013-10-07 00:00:00 Object Store: 0.00/5.00GB (0.0%)");
    expect(logs.some((l) => /^2013-10-07 06:00:00 Files: \d+\/100$/.test(l))).toBe(true);
  });

  it("at 80 % warns and suggests a cleanup", () => {
    expect(logs.some((l) => l.startsWith("2013-10-07 12:00:00 Storage warning: 80%+ full"))).toBe(true);
    expect(logs.some((l) => l.startsWith("2013-10-07 12:00:00 Suggestion: "))).toBe(true);
  });

  it("at 90 % trips the breaker, cleans expired objects and refuses risk-adding orders", () => {
    expect(algorithm.breakerAfter.critical).toBe("Storage critical: 90%+ full");
    // the objects saved on day 1 with expireDays 1 (the store held the 00:00 and 06:00 samples then)
    expect(logs).toContain("2013-10-08 12:00:00 Cleaned up 8 expired objects");
    expect(algorithm.expiredAfter).toBeLessThan(Math.ceil(MAX_FILES * 0.9));
    expect(algorithm.statuses.addWhileTripped).toBe(OrderStatus.Invalid);
    expect(algorithm.statuses.reduceWhileTripped).toBe(OrderStatus.Filled);
  });

  it("at 100 % halts trading: even reducing orders are refused until a person resets", () => {
    expect(algorithm.breakerAfter.full).toBe("halted");
    expect(algorithm.statuses.reduceWhileHalted).toBe(OrderStatus.Invalid);
    const refused = result.orderEvents.filter((e) => e.status === OrderStatus.Invalid).map((e) => e.message);
    expect(refused.some((m) => m.startsWith("Trading halted (Storage full"))).toBe(true);
  });

  it("ends with the guide's report block, counting the files", () => {
    expect(result.storage?.report[1]).toBe("OBJECT STORE STATISTICS");
    expect(result.storage?.report).toContain(`Files: ${result.storage?.statistics.files} / 100`);
  });
});
