// The guide's options bot end to end on the shipped data set, on a fresh temporary store: every
// usage pattern's keys, fields, categories and expiries; a second run that finds the first run's
// caches, model and parameters and adds its own backtest record; and --resume.
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { DateTime } from "luxon";
import { runBacktest, openSyncObjectStoreManager, StorageCategory, type BacktestResult, type SyncObjectStoreManager } from "tradeloom";
import OptionsTradingBot from "../../src/algorithms/options-trading-bot.ts";
import { ensureDataSet } from "../../src/engine/datagen/index.ts";
import { optimizeParameters, trainSentimentModel } from "../../src/algorithms/lib/research.ts";

const dataFolder = "data/generated";
const DAY = 86_400_000;

function run(store: string, options: { end: string; resume?: boolean }): { bot: OptionsTradingBot; result: BacktestResult } {
  const bot = new OptionsTradingBot();
  const result = runBacktest(bot, {
    dataFolder,
    store,
    start: DateTime.fromISO("2025-01-02"),
    end: DateTime.fromISO(options.end),
    resume: options.resume,
  });
  return { bot, result };
}

describe("the options trading bot, end to end", () => {
  const store = mkdtempSync(join(tmpdir(), "tradeloom-bot-"));
  let first: { bot: OptionsTradingBot; result: BacktestResult };
  let second: { bot: OptionsTradingBot; result: BacktestResult };
  let manager: SyncObjectStoreManager;
  /** the store on the simulated clock of the runs' last day, so nothing the runs wrote reads as expired */
  const at = Date.UTC(2025, 0, 31, 21);

  beforeAll(() => {
    ensureDataSet(dataFolder);
    // the research scripts (the guide's patterns 5 and 6) write into the same store first
    const research = openSyncObjectStoreManager({ store, now: () => at });
    trainSentimentModel({ dataFolder, store: research.store });
    optimizeParameters({ dataFolder, store: research.store });
    research.store.close();
    first = run(store, { end: "2025-01-31" });
    second = run(store, { end: "2025-01-31" });
    manager = openSyncObjectStoreManager({ store, now: () => at });
  }, 240_000);

  it("1. saves trading_state_{date} every trading day with the guide's fields, 90 days, trading_state", () => {
    const keys = manager.listKeys(StorageCategory.TRADING_STATE);
    expect(keys).toContain("trading_state_2025-01-02");
    expect(keys).toContain("trading_state_2025-01-31");
    expect(keys).not.toContain("trading_state_2025-01-20"); // MLK day: no session
    const state = manager.load("trading_state_2025-01-31") as Record<string, unknown>;
    expect(Object.keys(state)).toEqual(expect.arrayContaining(["timestamp", "equity", "positions", "circuit_breaker", "cash"]));
    expect((state.circuit_breaker as { state: string }).state).toBe("closed");
    const meta = manager.getMetadata("trading_state_2025-01-31")!;
    expect(meta.category).toBe("trading_state");
    expect(meta.expiresAt! - meta.createdAt).toBe(90 * DAY);
  });

  it("2. saves greeks_{symbol}_{date} for the contracts it trades, 180 days, options_greeks", () => {
    const keys = manager.listKeys(StorageCategory.OPTIONS_GREEKS);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys[0]).toMatch(/^greeks_TLIX {2}\d{6}[CP]\d{8}_2025-01-\d\d$/);
    const greeks = manager.load(keys[0]) as Record<string, unknown>;
    expect(Object.keys(greeks)).toEqual(["symbol", "delta", "gamma", "theta", "vega", "iv", "price", "timestamp"]);
    const meta = manager.getMetadata(keys[0])!;
    expect(meta.expiresAt! - meta.createdAt).toBe(180 * DAY);
  });

  it("records the option book's Greeks at each daily sample while it holds spreads (the report's Greeks chart)", () => {
    const greeks = first.result.greeks;
    expect(greeks.length).toBeGreaterThan(0);
    expect(greeks.some((g) => g.delta !== 0 && g.vega !== 0)).toBe(true);
    for (let i = 1; i < greeks.length; i++) expect(greeks[i].time).toBeGreaterThan(greeks[i - 1].time);
  });

  it("3. caches each headline's sentiment under sentiment_{hash} for 30 days; the second run never analyses a cached headline", () => {
    const keys = manager.listKeys(StorageCategory.LLM_CACHE);
    expect(keys.length).toBeGreaterThan(50);
    expect(keys[0]).toMatch(/^sentiment_[0-9a-f]{16}$/);
    const entry = manager.load(keys[0]) as Record<string, unknown>;
    expect(Object.keys(entry)).toEqual(["headline", "sentiment", "confidence", "score"]);
    const meta = manager.getMetadata(keys[0])!;
    expect(meta.expiresAt! - meta.createdAt).toBe(30 * DAY);
    expect(first.bot.sentimentCache.misses).toBe(keys.length);
    expect(second.bot.sentimentCache.misses).toBe(0);
    expect(second.bot.sentimentCache.hits).toBe(first.bot.sentimentCache.hits + first.bot.sentimentCache.misses);
  });

  it("4. adds a backtest_{YYYYMMDD_HHMMSS} record per run with params, metrics and trades, 365 days, with the guide's metadata", () => {
    const keys = manager.listKeys(StorageCategory.BACKTEST_RESULTS);
    expect(keys.length).toBeGreaterThanOrEqual(1);
    for (const key of keys) expect(key).toMatch(/^backtest_\d{8}_\d{6}$/);
    const record = manager.load(keys.at(-1)!) as { params: unknown; metrics: Record<string, unknown>; trades: unknown[] };
    expect(Object.keys(record.metrics)).toEqual(["sharpe_ratio", "max_drawdown", "total_return", "win_rate"]);
    expect(record.params).toMatchObject({ delta_range: [0.25, 0.35] });
    expect(Array.isArray(record.trades)).toBe(true);
    const meta = manager.getMetadata(keys.at(-1)!)!;
    expect(Object.keys(meta.metadata!)).toEqual(["strategy", "sharpe", "max_drawdown", "version"]);
    expect(meta.expiresAt! - meta.createdAt).toBe(365 * DAY);
    // both runs' records are there unless they ran within the same second
    const logs = [first, second].map((r) => r.bot.logs.find((l) => l.includes("Saved backtest_"))!);
    const saved = new Set(logs.map((l) => /Saved (backtest_\d{8}_\d{6})/.exec(l)![1]));
    for (const key of saved) expect(keys).toContain(key);
  });

  it("5. loads the model the research script saved as gzip+base64 under sentiment_model_v2, and its bytes under .bin", () => {
    expect(first.bot.loaded.model).toBe(true);
    const encoded = manager.store.read("sentiment_model_v2");
    const bytes = gunzipSync(Buffer.from(encoded, "base64"));
    expect(Buffer.from(manager.store.readBytes("sentiment_model_v2.bin")).equals(bytes)).toBe(true);
  });

  it("6. reads optimized_params_v3 at start and applies it", () => {
    expect(first.bot.loaded.optimizedParams).toBe(true);
    const stored = JSON.parse(manager.store.read("optimized_params_v3"));
    expect(first.bot.params).toEqual(stored);
  });

  it("7. checks storage every 6 hours into monitoring_data and ends with the report, whose growth uses both runs", () => {
    const samples = manager.list({ prefix: "monitoring/storage_usage/" });
    // 30 calendar days × 4 checks, twice
    expect(samples.length).toBeGreaterThanOrEqual(2 * 29 * 4);
    expect(first.bot.logs).toContain("2025-01-02 06:00:00 Object Store: 0.00/5.00GB (0.0%)");
    expect(second.result.storage?.report[1]).toBe("OBJECT STORE STATISTICS");
    expect(second.result.storage?.statistics.growthSamples).toBeGreaterThan(first.result.storage!.statistics.growthSamples);
  });

  it("--resume continues from the last trading state: its cash, positions and breaker, from the next day", () => {
    const resumeStore = mkdtempSync(join(tmpdir(), "tradeloom-bot-resume-"));
    const part1 = run(resumeStore, { end: "2025-01-15" });
    const saved = openSyncObjectStoreManager({ store: resumeStore, now: () => at });
    const state = saved.load("trading_state_2025-01-15") as { cash: string; equity: number; positions: Record<string, { quantity: number }>; spreads: unknown[] };
    saved.store.close();
    const part2 = run(resumeStore, { end: "2025-01-31", resume: true });
    expect(part2.bot.logs.some((l) => l.startsWith("2025-01-16") && l.includes("Resumed from trading_state_2025-01-15"))).toBe(true);
    expect(part2.bot.resumedState?.key).toBe("trading_state_2025-01-15");
    expect(part2.result.startTime).toBe(DateTime.fromISO("2025-01-16", { zone: "America/New_York" }).toMillis());
    // positions held at the end of part 1 are held at the start of part 2
    for (const [symbol, position] of Object.entries(state.positions)) {
      const firstOrder = part2.result.orders.find((o) => o.symbol.value === symbol);
      const held = part2.bot.portfolio.get(symbol).quantity;
      expect(firstOrder !== undefined || held === position.quantity).toBe(true);
    }
    // statistics start from the equity the state recorded (at 15:55 on the 15th)
    expect(part2.result.statistics["Start Equity"]).toBe(String(state.equity));
    expect(part1.result.endTime).toBeLessThan(part2.result.startTime);
  });
});
