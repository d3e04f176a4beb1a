// The circuit breaker inside a backtest: a drawdown rule trips on LEAN's SPY data, risk-adding
// orders are then refused with an order event that says why, and reducing orders still fill.
import { describe, expect, it } from "vitest";
import { QCAlgorithm, OrderStatus, Resolution, runBacktest, type OrderEvent } from "tradeloom";
import type { CircuitBreakerEvent } from "../../../src/risk/index.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSyncObjectStoreManager, StorageCategory } from "../../../src/storage/index.ts";
import { leanDataFolder } from "../../lean-parity/lean-data.ts";

const tempStore = () => mkdtempSync(join(tmpdir(), "tradeloom-cb-store-"));

class BuyTheDip extends QCAlgorithm {
  events: OrderEvent[] = [];
  trippedAt: string | undefined;
  override initialize(): void {
    this.setStartDate(2013, 10, 7);
    this.setEndDate(2013, 10, 11);
    this.addEquity("SPY", Resolution.Minute);
    this.schedule.on(this.dateRules.everyDay("SPY"), this.timeRules.afterMarketOpen("SPY", 30), () => {
      if (this.circuitBreaker.isTripped) {
        this.trippedAt ??= this.time.toFormat("yyyy-MM-dd HH:mm");
        this.marketOrder("SPY", 10, false, "add while tripped");
        this.marketOrder("SPY", -10, false, "reduce while tripped");
      } else {
        this.setHoldings("SPY", 1);
      }
    });
  }
  override onOrderEvent(e: OrderEvent): void {
    this.events.push(e);
  }
}

describe("circuit breaker in the engine", () => {
  it("trips on drawdown, refuses risk-adding orders with the reason, lets reducing orders fill", () => {
    const records: CircuitBreakerEvent[] = [];
    const algorithm = new BuyTheDip();
    const store = tempStore();
    runBacktest(algorithm, { dataFolder: leanDataFolder, store, circuitBreaker: { maxDrawdownPct: 1 }, onCircuitBreakerEvent: (e) => records.push(e) });
    expect(records.map((r) => r.type)).toEqual(["trip"]);
    expect(records[0].rule).toBe("max_drawdown");
    expect(records[0].reason).toMatch(/^Max drawdown exceeded: 1\.\d\d% >= 1\.00%$/);
    expect(algorithm.trippedAt).toBeDefined();
    const refused = algorithm.events.find((e) => e.status === OrderStatus.Invalid);
    expect(refused?.message).toMatch(/^Circuit breaker open \(Max drawdown exceeded/);
    const reduce = algorithm.events.filter((e) => e.status === OrderStatus.Filled && e.fillQuantity === -10);
    expect(reduce.length).toBeGreaterThan(0);
    expect(algorithm.circuitBreaker.getStatus().tripCount).toBe(1);
    // the trip is a record in the store's monitoring data, for the history across runs
    const manager = openSyncObjectStoreManager({ store });
    const keys = manager.listKeys(StorageCategory.MONITORING_DATA);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^circuit_breaker\/2013100\d_\d{6}_000001$/);
    expect((manager.load(keys[0]) as { type: string }).type).toBe("trip");
    manager.store.close();
  });

  it("with no rules configured never trips on its own", () => {
    const algorithm = new BuyTheDip();
    const result = runBacktest(algorithm, { dataFolder: leanDataFolder });
    expect(algorithm.circuitBreaker.isTripped).toBe(false);
    expect(algorithm.events.some((e) => e.status === OrderStatus.Invalid)).toBe(false);
    expect(result.statistics["Total Orders"]).toBe("1");
  });

  it("a user's own trip refuses new positions until reset", () => {
    class Manual extends QCAlgorithm {
      statuses: OrderStatus[] = [];
      override initialize(): void {
        this.setStartDate(2013, 10, 7);
        this.setEndDate(2013, 10, 8);
        this.addEquity("SPY", Resolution.Minute);
        this.schedule.on(this.dateRules.on(2013, 10, 7), this.timeRules.at(10, 0), () => {
          this.circuitBreaker.trip("news blackout");
          this.statuses.push(this.marketOrder("SPY", 1).status);
          this.circuitBreaker.reset("blackout over");
          this.statuses.push(this.marketOrder("SPY", 1).status);
        });
      }
    }
    const algorithm = new Manual();
    runBacktest(algorithm, { dataFolder: leanDataFolder, store: tempStore() });
    expect(algorithm.statuses).toEqual([OrderStatus.Invalid, OrderStatus.Filled]);
  });
});
