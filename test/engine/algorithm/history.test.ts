// History requests (LEAN's History): bars before the algorithm's current time from the data folder.
import { describe, expect, it } from "vitest";
import { QCAlgorithm, Resolution, runBacktest, type TradeBar } from "tradeloom";
import { leanDataFolder } from "../../lean-parity/lean-data.ts";

class HistoryProbe extends QCAlgorithm {
  daily: TradeBar[] = [];
  lastTen: TradeBar[] = [];
  minutes: TradeBar[] = [];
  identityValues: number[] = [];
  override initialize(): void {
    this.setStartDate(2013, 10, 8);
    this.setEndDate(2013, 10, 9);
    this.addEquity("SPY", Resolution.Minute);
    this.daily = this.history("SPY", { days: 365 }, Resolution.Daily);
    this.lastTen = this.history("SPY", 10, Resolution.Daily);
    this.minutes = this.history("SPY", 30);
    const close = this.identity("SPY", Resolution.Daily);
    close.onUpdated((p) => this.identityValues.push(p.value));
  }
}

describe("history", () => {
  const algorithm = new HistoryProbe();
  runBacktest(algorithm, { dataFolder: leanDataFolder });

  it("returns the daily bars of the last 365 days, oldest first, ending before the start", () => {
    expect(algorithm.daily.length).toBeGreaterThan(240);
    expect(algorithm.daily.length).toBeLessThan(260);
    const last = algorithm.daily.at(-1)!;
    expect(new Date(last.endTime).toISOString()).toBe("2013-10-07T20:00:00.000Z");
    for (let i = 1; i < algorithm.daily.length; i++) expect(algorithm.daily[i].endTime).toBeGreaterThan(algorithm.daily[i - 1].endTime);
  });

  it("returns the last N bars for a count", () => {
    expect(algorithm.lastTen).toHaveLength(10);
    expect(algorithm.lastTen.at(-1)!.endTime).toBe(algorithm.daily.at(-1)!.endTime);
    expect(algorithm.lastTen[0].endTime).toBe(algorithm.daily.at(-10)!.endTime);
  });

  it("uses the security's resolution by default: the last 30 minute bars of the previous session", () => {
    expect(algorithm.minutes).toHaveLength(30);
    expect(new Date(algorithm.minutes.at(-1)!.endTime).toISOString()).toBe("2013-10-07T20:00:00.000Z");
  });

  it("adjusts history prices as the live data (LEAN's default Adjusted mode)", () => {
    // SPY's 2013-10-07 daily row closes at 1674200 (167.42 raw); factor row 20131219: 0.8646266
    expect(algorithm.daily.at(-1)!.close).toBeCloseTo(167.42 * 0.8646266, 9);
  });

  it("an identity indicator on daily bars sees each completed day", () => {
    expect(algorithm.identityValues.length).toBeGreaterThanOrEqual(1);
  });
});
