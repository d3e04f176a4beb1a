// The storage monitor: thresholds (bytes and files) and the guide's responses, growth rate and
// days until full from samples persisted across runs, cleanup suggestions, cheap checks.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  GB,
  MB,
  STORAGE_FULL_MESSAGE,
  StorageMonitorError,
  USAGE_SAMPLE_PREFIX,
  UsageHistory,
  estimateGrowth,
  parseUsageSample,
  projectDaysUntilFull,
  storageLevel,
  usageSampleKey,
  type ManagerUsage,
} from "../../src/storage/index.ts";
import { DAY, HOUR, T0, createMonitor, createTestStore, exactSettings, type TestStore } from "./monitor-helpers.ts";

let store: TestStore | undefined;
afterEach(() => {
  store?.cleanup();
  store = undefined;
});

/** A store of 100,000 bytes and 1,000 files holding `bytes` in one research_data object. */
function storeWithBytes(bytes: number, patch = {}): TestStore {
  store = createTestStore(exactSettings({ maxSizeBytes: 100_000, maxFiles: 1_000, ...patch }));
  if (bytes > 0) store.manager.save({ key: "research/blob", data: new Uint8Array(bytes), category: "research_data", expireDays: null });
  return store;
}

/** A store of 1,000 files (and 10 MB) holding `files` one-byte objects. */
function storeWithFiles(files: number): TestStore {
  store = createTestStore(exactSettings({ maxSizeBytes: 10 * MB, maxFiles: 1_000 }));
  store.manager.saveMany(Array.from({ length: files }, (_, i) => ({ key: `f/${i}`, data: "x", category: "llm_cache" as const, expireDays: null })));
  return store;
}

describe("thresholds on bytes", () => {
  it("79.9% is ok: the two log lines, nothing else", () => {
    const { monitor, calls } = createMonitor(storeWithBytes(79_900).manager);
    expect(monitor.isHealthy()).toBe(true);
    const check = monitor.check();
    expect(check.level).toBe("ok");
    expect(calls.logs).toEqual(["Object Store: 0.00/0.00GB (79.9%)", "Files: 1/1,000"]);
    expect(calls.warnings).toEqual([]);
    expect(calls.trips).toEqual([]);
    expect(calls.halts).toEqual([]);
    expect(check.suggestions).toBeNull();
    expect(check.actionsTaken).toEqual([]);
  });

  it("80% is a warning: warns and suggests cleanup, does not trip", () => {
    const { monitor, calls } = createMonitor(storeWithBytes(80_000).manager);
    expect(monitor.isHealthy()).toBe(false);
    const check = monitor.check();
    expect(check.level).toBe("warning");
    expect(calls.warnings).toEqual(["Storage warning: 80%+ full"]);
    expect(calls.trips).toEqual([]);
    expect(calls.halts).toEqual([]);
    expect(check.suggestions!.actions.length).toBeGreaterThan(0);
    expect(check.suggestions!.actions).toContainEqual({
      action: "review_largest",
      reason: '"research/blob" is 0.1MB (research_data)',
      category: "research_data",
      bytes: 80_000,
      key: "research/blob",
    });
    expect(calls.logs.slice(0, 2)).toEqual(["Object Store: 0.00/0.00GB (80.0%)", "Files: 1/1,000"]);
    expect(calls.logs.slice(2).every((l) => l.startsWith("Suggestion: "))).toBe(true);
    expect(calls.logs).toContain('Suggestion: review_largest ("research/blob" is 0.1MB (research_data))');
    expect(check.actionsTaken.map((a) => a.action)).toEqual(["warned", "suggested_cleanup"]);
  });

  it("90% is critical: trips the circuit breaker with the guide's reason and cleans up expired objects", () => {
    const s = storeWithBytes(89_000);
    s.manager.save({ key: "stale", data: new Uint8Array(1_000), category: "llm_cache", expireDays: 1 });
    s.clock.advanceDays(2);
    const { monitor, calls } = createMonitor(s.manager);
    const check = monitor.check();
    expect(check.level).toBe("critical");
    expect(calls.trips).toEqual(["Storage critical: 90%+ full"]);
    expect(calls.warnings).toEqual(["Storage critical: 90%+ full"]);
    expect(calls.halts).toEqual([]);
    expect(calls.logs.slice(0, 3)).toEqual(["Object Store: 0.00/0.00GB (90.0%)", "Files: 2/1,000", "Cleaned up 1 expired objects"]);
    expect(s.manager.getMetadata("stale")).toBeNull();
    expect(s.manager.listArchived().map((a) => [a.key, a.reason])).toEqual([["stale", "expired"]]);
    expect(check.actionsTaken).toContainEqual({ action: "cleaned_up_expired", detail: "Cleaned up 1 expired objects", count: 1 });
    // statistics are the usage after the cleanup (what the check recorded as its sample)
    expect(check.statistics.totalBytes).toBe(89_000);
    expect(monitor.samples().at(-1)).toEqual({ time: s.clock.time, totalBytes: 89_000, files: 1 });
  });

  it("100% is full: halts trading (after tripping), and a sample the full store refuses is reported, not thrown", () => {
    const { monitor, calls } = createMonitor(storeWithBytes(100_000).manager);
    const check = monitor.check();
    expect(check.level).toBe("full");
    expect(calls.trips).toEqual(["Storage critical: 90%+ full"]);
    expect(calls.halts).toEqual([STORAGE_FULL_MESSAGE]);
    expect(check.actionsTaken.map((a) => a.action)).toEqual(["warned", "tripped_circuit_breaker", "cleaned_up_expired", "halted_trading", "suggested_cleanup"]);
    expect(check.sampleKey).toBeNull();
    expect(calls.warnings[0]).toBe(STORAGE_FULL_MESSAGE);
    expect(calls.warnings[1]).toMatch(/^Storage monitor: usage sample monitoring\/storage_usage\/20240102_000000 not saved: You have reached the ObjectStore/);
    expect(monitor.samples()).toHaveLength(1);
    expect(check.statistics.daysUntilFull).toBe(0);
  });

  it("uses the thresholds from config", () => {
    const { monitor, calls } = createMonitor(
      storeWithBytes(70_000, { usageMonitoring: { enabled: true, alertThresholdPct: 60, criticalThresholdPct: 70, checkIntervalHours: 6 } }).manager,
    );
    expect(monitor.check().level).toBe("critical");
    expect(calls.trips).toEqual(["Storage critical: 70%+ full"]);
  });
});

describe("thresholds on files", () => {
  it.each([
    [799, "ok", 0, 0],
    [800, "warning", 0, 0],
    [900, "critical", 1, 0],
    [1_000, "full", 1, 1],
  ] as const)("%i of 1,000 files is %s", (files, level, trips, halts) => {
    const { monitor, calls } = createMonitor(storeWithFiles(files).manager);
    const check = monitor.check();
    expect(check.level).toBe(level);
    expect(calls.logs[1]).toBe(`Files: ${files.toLocaleString("en-US")}/1,000`);
    expect(calls.logs[0]).toMatch(/^Object Store: 0\.00\/0\.01GB \(0\.0%\)$/);
    expect(calls.trips).toHaveLength(trips);
    expect(calls.halts).toHaveLength(halts);
    if (trips) expect(calls.trips[0]).toBe("Storage critical: 90%+ full");
  });

  it("storageLevel takes whichever of bytes and files is further along, exactly at the boundary", () => {
    const t = { alertThresholdPct: 80, criticalThresholdPct: 90 };
    const at = (totalBytes: number, files: number) => storageLevel({ totalBytes, files, maxSizeBytes: 5 * GB, maxFiles: 50_000 }, t);
    expect(at(4 * GB - 1, 39_999)).toBe("ok");
    expect(at(4 * GB, 0)).toBe("warning");
    expect(at(0, 40_000)).toBe("warning");
    expect(at(0, 45_000)).toBe("critical");
    expect(at(4.5 * GB, 10)).toBe("critical");
    expect(at(5 * GB, 0)).toBe("full");
    expect(at(0, 50_000)).toBe("full");
  });
});

describe("growth rate and days until full", () => {
  /** A store of 1 MB; `grow` bytes are saved each day before the check. */
  function growingRun(s: TestStore, days: number, grow: number) {
    const { monitor } = createMonitor(s.manager);
    for (let d = 0; d < days; d++) {
      s.manager.save({ key: `state/${s.clock.time}`, data: new Uint8Array(grow), category: "trading_state", expireDays: null });
      monitor.check();
      if (d < days - 1) s.clock.advanceDays(1);
    }
    return monitor;
  }

  it("spans two runs: the second monitor reads the first one's samples from the store", () => {
    store = createTestStore(exactSettings({ maxSizeBytes: MB }));
    const first = growingRun(store, 4, 10_000);
    expect(first.samples().map((x) => x.time)).toEqual([T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY]);

    const manager = store.reopen();
    store.clock.advanceDays(1);
    const { monitor: second } = createMonitor(manager);
    // before its first check the second run already has a growth rate from the first run's samples
    const before = second.getStatistics();
    expect(before.growthSamples).toBe(4);
    expect(before.growthRateGbPerDay).not.toBeNull();

    manager.save({ key: "state/next", data: new Uint8Array(10_000), category: "trading_state", expireDays: null });
    const check = second.check();
    expect(second.samples().map((x) => x.time)).toEqual([0, 1, 2, 3, 4].map((d) => T0 + d * DAY));
    const s = check.statistics;
    expect(s.growthSamples).toBe(5);
    // 10,000 bytes a day plus the monitor's own sample (a few hundred bytes)
    const perDay = s.growthRateGbPerDay! * GB;
    expect(perDay).toBeGreaterThan(10_000);
    expect(perDay).toBeLessThan(10_600);
    expect(s.growthRateFilesPerDay).toBeCloseTo(2, 9);
    const byBytes = (MB - s.totalBytes) / perDay;
    const byFiles = (50_000 - s.files) / 2;
    expect(s.daysUntilFull).toBeCloseTo(Math.min(byBytes, byFiles), 6);
    expect(s.daysUntilFull).toBeCloseTo(byBytes, 6);
    // the samples are in the store under the documented keys, in monitoring_data
    expect(manager.listKeys("monitoring_data")).toEqual([0, 1, 2, 3, 4].map((d) => usageSampleKey(T0 + d * DAY)));
    expect(manager.load(usageSampleKey(T0))).toMatchObject({ timestamp: "2024-01-02T00:00:00.000Z", total_bytes: 10_000, files: 1 });
  });

  it("a run replaying dates the store has samples for continues the timeline after them, keeping both runs", () => {
    store = createTestStore(exactSettings({ maxSizeBytes: MB }));
    growingRun(store, 5, 10_000);
    const manager = store.reopen();
    // a second backtest over the same dates: its clock starts at day 2 again
    store.clock.time = T0 + 2 * DAY;
    const { monitor } = createMonitor(manager);
    expect(monitor.samples()).toHaveLength(5);
    monitor.check();
    // placed one check interval (6 h) after the last sample, not over day 2
    const continued = T0 + 4 * DAY + 6 * HOUR;
    expect(monitor.samples().map((x) => x.time)).toEqual([T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY, T0 + 4 * DAY, continued]);
    expect(manager.listKeys("monitoring_data")).toHaveLength(6);
    // its later checks follow its own clock on the joined timeline
    store.clock.time += DAY;
    monitor.check();
    expect(monitor.samples().at(-1)!.time).toBe(continued + DAY);
    // a third run sees both runs' samples, and the growth rate comes from all of them
    const { monitor: third } = createMonitor(store.reopen());
    expect(third.samples()).toHaveLength(7);
    expect(third.getStatistics().growthRateGbPerDay).not.toBeNull();
  });

  it("two checks in the same second keep one sample (the later)", () => {
    store = createTestStore(exactSettings({ maxSizeBytes: MB }));
    const { monitor } = createMonitor(store.manager);
    monitor.check();
    store.manager.save({ key: "x", data: new Uint8Array(500), category: "research_data" });
    store.clock.time += 400;
    monitor.check();
    expect(monitor.samples()).toHaveLength(1);
    expect(monitor.samples()[0].totalBytes).toBeGreaterThan(500);
    expect(store.manager.listKeys("monitoring_data")).toEqual([usageSampleKey(T0)]);
  });

  it("is null when usage is not growing, and without enough history", () => {
    store = createTestStore();
    let usage: ManagerUsage = { totalBytes: 2 * GB, files: 100, maxSizeBytes: 5 * GB, maxFiles: 50_000, byCategory: {} };
    const { monitor } = createMonitor(store.manager, { usage: () => usage });
    monitor.check();
    expect(monitor.getStatistics().growthRateGbPerDay).toBeNull();
    expect(monitor.getStatistics().daysUntilFull).toBeNull();
    // two hours later: less than the 6-hour check interval, still no rate
    store.clock.time += 2 * HOUR;
    monitor.check();
    expect(monitor.getStatistics().growthRateGbPerDay).toBeNull();
    store.clock.advanceDays(1);
    monitor.check();
    expect(monitor.getStatistics().growthRateGbPerDay).toBe(0);
    expect(monitor.getStatistics().daysUntilFull).toBeNull();
    usage = { ...usage, totalBytes: 1 * GB, files: 90 };
    store.clock.advanceDays(1);
    monitor.check();
    const s = monitor.getStatistics();
    expect(s.growthRateGbPerDay).toBeLessThan(0);
    expect(s.daysUntilFull).toBeNull();
  });

  it("only samples of the growth window count", () => {
    store = createTestStore();
    let totalBytes = 0;
    const { monitor } = createMonitor(store.manager, {
      growthWindowDays: 2,
      usage: () => ({ totalBytes, files: 1, maxSizeBytes: 5 * GB, maxFiles: 50_000, byCategory: {} }),
    });
    // fast growth long ago, then a steady 1 GB/day over the last two days
    for (const [day, gb] of [[0, 0], [1, 3], [10, 3.1], [11, 3.2], [12, 3.3]] as const) {
      store.clock.time = T0 + day * DAY;
      totalBytes = Math.round(gb * GB);
      monitor.check();
    }
    expect(monitor.getStatistics().growthRateGbPerDay).toBeCloseTo(0.1, 9);
    expect(monitor.getStatistics().growthSamples).toBe(3);
  });

  it("days until full takes whichever of bytes and files runs out first", () => {
    const growth = { bytesPerDay: 1_000, filesPerDay: 10, samples: 2, spanDays: 1 };
    expect(projectDaysUntilFull({ totalBytes: 0, files: 0 }, { maxSizeBytes: 100_000, maxFiles: 100 }, growth)).toBe(10);
    expect(projectDaysUntilFull({ totalBytes: 0, files: 0 }, { maxSizeBytes: 5_000, maxFiles: 100 }, growth)).toBe(5);
    expect(projectDaysUntilFull({ totalBytes: 0, files: 0 }, { maxSizeBytes: 5_000, maxFiles: 100 }, { ...growth, bytesPerDay: 0 })).toBe(10);
    expect(projectDaysUntilFull({ totalBytes: 0, files: 0 }, { maxSizeBytes: 5_000, maxFiles: 100 }, { ...growth, bytesPerDay: -5, filesPerDay: 0 })).toBeNull();
    expect(projectDaysUntilFull({ totalBytes: 0, files: 100 }, { maxSizeBytes: 5_000, maxFiles: 100 }, null)).toBe(0);
  });

  it("the estimator is a least-squares slope per day", () => {
    const s = (day: number, totalBytes: number) => ({ time: T0 + day * DAY, totalBytes, files: 0 });
    // first-to-last would say 0 a day: one drop at the end does not cancel the growth before it
    expect(estimateGrowth([s(0, 100), s(1, 200), s(2, 300), s(3, 100)], 0)!.bytesPerDay).toBeCloseTo(10, 9);
    expect(estimateGrowth([s(0, 0), s(1, 100), s(2, 200), s(3, 300)], 0)!.bytesPerDay).toBeCloseTo(100, 9);
    expect(estimateGrowth([s(0, 0), s(0.5, 90), s(1, 100)], 0)!.bytesPerDay).toBeCloseTo(100, 9);
    expect(estimateGrowth([s(0, 0)], 0)).toBeNull();
    expect(estimateGrowth([s(0, 0), s(0.1, 5)], 6 * HOUR)).toBeNull();
  });
});

describe("the usage history", () => {
  it("orders samples by time and keeps one per second", () => {
    const h = new UsageHistory([
      { time: T0 + DAY, totalBytes: 2, files: 0 },
      { time: T0, totalBytes: 1, files: 0 },
      { time: T0 + DAY + 10, totalBytes: 3, files: 0 },
    ]);
    expect(h.all().map((s) => s.totalBytes)).toEqual([1, 3]);
    expect(h.add({ time: T0 + 2 * DAY, totalBytes: 4, files: 0 })).toEqual([]);
    expect(h.add({ time: T0 + HOUR, totalBytes: 5, files: 0 })).toEqual([usageSampleKey(T0 + 2 * DAY), usageSampleKey(T0 + DAY)]);
    expect(h.all().map((s) => s.totalBytes)).toEqual([1, 5]);
    h.dropBefore(T0 + 1);
    expect(h.all().map((s) => s.totalBytes)).toEqual([5]);
  });

  it("sample keys: UTC, whole seconds; a foreign object under the prefix is an error naming its key", () => {
    expect(usageSampleKey(Date.UTC(2024, 0, 2, 6, 5, 9, 999))).toBe("monitoring/storage_usage/20240102_060509");
    expect(() => usageSampleKey(-1e15)).toThrow(StorageMonitorError);
    expect(() => parseUsageSample("monitoring/storage_usage/latest", { sample_time: T0, total_bytes: 1, files: 1 })).toThrow(
      /key "monitoring\/storage_usage\/latest": not a storage usage sample key/,
    );
    expect(() => parseUsageSample(usageSampleKey(T0), { sample_time: T0, total_bytes: -1, files: 1 })).toThrow(
      /metadata\.total_bytes must be a non-negative integer, got -1/,
    );
    expect(() => parseUsageSample(usageSampleKey(T0), { sample_time: T0 + DAY, total_bytes: 1, files: 1 })).toThrow(/does not match the key's time/);

    store = createTestStore();
    store.manager.save({ key: `${USAGE_SAMPLE_PREFIX}notes`, data: "hand-written", category: "monitoring_data" });
    const { monitor } = createMonitor(store.manager);
    expect(() => monitor.getStatistics()).toThrow(/key "monitoring\/storage_usage\/notes": not a storage usage sample key/);
  });
});

describe("cleanup suggestions", () => {
  it("names expired objects, categories over or near quota, caches, the largest and the oldest objects", () => {
    store = createTestStore(exactSettings({ maxSizeBytes: 10 * MB }));
    const m = store.manager;
    m.save({ key: "old/state", data: new Uint8Array(100), category: "trading_state", expireDays: null });
    store.clock.advanceDays(1);
    m.save({ key: "cache/a", data: new Uint8Array(2_000), category: "llm_cache", expireDays: 1 });
    m.save({ key: "cache/b", data: new Uint8Array(3_000), category: "llm_cache", expireDays: 30 });
    m.save({ key: "model", data: new Uint8Array(50_000), category: "ml_models", expireDays: null });
    m.save({ key: "greeks", data: new Uint8Array(8_500), category: "options_greeks", expireDays: null });
    store.clock.advanceDays(2);
    // quotas lowered after the saves: ml_models is over its quota, options_greeks at 85% of it
    const quotas = structuredClone(m.store.settings.categoryQuotas);
    quotas.ml_models.bytes = 40_000;
    quotas.options_greeks.bytes = 10_000;
    const manager = store.reopen(exactSettings({ maxSizeBytes: 10 * MB, categoryQuotas: quotas }));
    const { monitor } = createMonitor(manager, { suggestionsTop: 2 });
    const { actions } = monitor.suggestCleanup();
    expect(actions).toEqual([
      { action: "remove_expired", reason: "1 expired object in llm_cache, 0.0MB", category: "llm_cache", bytes: 2_000 },
      { action: "reduce_category", reason: "options_greeks is at 85.0% of its quota: 0.0MB of 0.0MB", category: "options_greeks", bytes: 500 },
      { action: "reduce_category", reason: "ml_models is over its quota: 0.0MB of 0.0MB", category: "ml_models", bytes: 10_000 },
      { action: "drop_cache", reason: "llm_cache is a cache: its 2 objects (0.0MB) can be computed again", category: "llm_cache", bytes: 5_000 },
      { action: "review_largest", reason: '"model" is 0.0MB (ml_models)', category: "ml_models", bytes: 50_000, key: "model" },
      { action: "review_largest", reason: '"greeks" is 0.0MB (options_greeks)', category: "options_greeks", bytes: 8_500, key: "greeks" },
      {
        action: "review_oldest",
        reason: '"old/state" was saved 2024-01-02T00:00:00.000Z (trading_state, 0.0MB, never expires)',
        category: "trading_state",
        bytes: 100,
        key: "old/state",
      },
      { action: "review_oldest", reason: '"cache/b" was saved 2024-01-03T00:00:00.000Z (llm_cache, 0.0MB)', category: "llm_cache", bytes: 3_000, key: "cache/b" },
    ]);
    // suggesting lists metadata only and changes nothing
    expect(manager.getMetadata("model")).not.toBeNull();
  });

  it("suggests the next tier when every sample of the window is over the alert threshold (the guide's 10GB at $50/month)", () => {
    store = createTestStore();
    let totalGb = 4.1;
    const { monitor } = createMonitor(store.manager, {
      usage: () => ({ totalBytes: Math.round(totalGb * GB), files: 10, maxSizeBytes: 5 * GB, maxFiles: 50_000, byCategory: {} }),
    });
    const check1 = monitor.check();
    expect(check1.suggestions!.actions.map((a) => a.action)).not.toContain("upgrade_tier");
    store.clock.advanceDays(1);
    totalGb = 4.2;
    const check2 = monitor.check();
    expect(check2.suggestions!.actions.find((a) => a.action === "upgrade_tier")).toEqual({
      action: "upgrade_tier",
      reason: "Consider 10GB tier ($50/month): at or over 80% in all 2 samples of the last 1.0 days",
      category: null,
      bytes: 5 * GB,
    });
    store.clock.advanceDays(1);
    totalGb = 3;
    expect(monitor.check().suggestions).toBeNull();
  });
});

describe("cost of a check", () => {
  it("lists the samples once; later checks and statistics use the in-memory copy and the counters", () => {
    store = createTestStore(exactSettings({ maxSizeBytes: MB }));
    const list = vi.spyOn(store.manager, "list");
    const usage = vi.spyOn(store.manager, "usage");
    const { monitor } = createMonitor(store.manager);
    for (let i = 0; i < 10; i++) {
      monitor.check();
      monitor.getStatistics();
      monitor.isHealthy();
      store.clock.time += 6 * HOUR;
    }
    expect(list).toHaveBeenCalledTimes(1);
    expect(list).toHaveBeenCalledWith({ prefix: USAGE_SAMPLE_PREFIX });
    expect(usage).toHaveBeenCalledTimes(30);
    expect(monitor.samples()).toHaveLength(10);
  });

  it("checkIfDue runs a check every check_interval_hours of the clock", () => {
    store = createTestStore();
    const { monitor, calls } = createMonitor(store.manager);
    expect(monitor.checkIfDue()).not.toBeNull();
    store.clock.time += 5 * HOUR;
    expect(monitor.checkIfDue()).toBeNull();
    store.clock.time += HOUR;
    expect(monitor.checkIfDue()).not.toBeNull();
    expect(calls.logs.filter((l) => l.startsWith("Object Store:"))).toHaveLength(2);
  });

  it("checkIfDue does nothing when usage_monitoring is disabled", () => {
    store = createTestStore(exactSettings({ usageMonitoring: { enabled: false, alertThresholdPct: 80, criticalThresholdPct: 90, checkIntervalHours: 6 } }));
    const { monitor, calls } = createMonitor(store.manager);
    expect(monitor.checkIfDue()).toBeNull();
    expect(calls.logs).toEqual([]);
  });
});

describe("options", () => {
  it("are validated with errors naming the option", () => {
    store = createTestStore();
    const m = store.manager;
    expect(() => createMonitor(m, { growthWindowDays: 0 })).toThrow("growthWindowDays must be a positive number, got 0");
    expect(() => createMonitor(m, { minGrowthSpanHours: -1 })).toThrow("minGrowthSpanHours must be a non-negative number, got -1");
    expect(() => createMonitor(m, { growthWindowDays: 30, sampleRetentionDays: 10 })).toThrow(
      "sampleRetentionDays (10) must be at least growthWindowDays (30)",
    );
    expect(() => createMonitor(m, { suggestionsTop: 1.5 })).toThrow("suggestionsTop must be a whole number >= 0, got 1.5");
    expect(() => createMonitor(m, { haltTrading: undefined as never })).toThrow("options.haltTrading must be a function");
  });

  it("samples expire after sampleRetentionDays on the store's clock", () => {
    store = createTestStore();
    const { monitor } = createMonitor(store.manager, { sampleRetentionDays: 45 });
    const { sampleKey } = monitor.check();
    expect(store.manager.getMetadata(sampleKey!)!.expiresAt).toBe(T0 + 45 * DAY);
    expect(store.manager.getMetadata(sampleKey!)!.category).toBe("monitoring_data");
    expect(store.manager.getMetadata(sampleKey!)!.metadata).toEqual({ sample_time: T0, total_bytes: 0, files: 0 });
  });
});

describe("suggestions at a check", () => {
  it("are logged at most every suggestionIntervalHours, and again as soon as the level rises", () => {
    const s = storeWithBytes(80_000);
    const { monitor, calls } = createMonitor(s.manager);
    expect(monitor.check().suggestions).not.toBeNull();
    s.clock.time += 6 * HOUR;
    const quiet = monitor.check();
    expect(quiet.level).toBe("warning");
    expect(quiet.suggestions).toBeNull();
    expect(calls.warnings).toEqual(["Storage warning: 80%+ full", "Storage warning: 80%+ full"]);
    s.clock.time += 18 * HOUR;
    expect(monitor.check().suggestions).not.toBeNull();
    s.clock.time += HOUR;
    s.manager.save({ key: "more", data: new Uint8Array(10_000), category: "research_data", expireDays: null });
    const critical = monitor.check();
    expect(critical.level).toBe("critical");
    expect(critical.suggestions).not.toBeNull();
  });
});

describe("the HTML report's storage section", () => {
  it("is a valid `storage` input of the report, with the samples, quotas and largest objects", async () => {
    const { validateReportInput } = await import("../../src/engine/results/report/report-input.ts");
    store = createTestStore(exactSettings({ maxSizeBytes: MB }));
    store.manager.save({ key: "model", data: new Uint8Array(50_000), category: "ml_models", expireDays: null });
    const { monitor } = createMonitor(store.manager);
    monitor.check();
    store.clock.advanceDays(1);
    store.manager.save({ key: "state", data: new Uint8Array(10_000), category: "trading_state", expireDays: null });
    monitor.check();
    const section = monitor.reportSection([{ time: T0 + DAY, type: "trip", reason: "Storage critical: 90%+ full" }]);
    expect(validateReportInput({ storage: section }).storage).toEqual(section);
    expect(section.samples.map((x) => x.time)).toEqual([T0, T0 + DAY]);
    expect(section.maxBytes).toBe(MB);
    expect(section).toMatchObject({ alertPct: 80, criticalPct: 90, maxFiles: 50_000 });
    expect(section.growthRateGbPerDay! * GB).toBeGreaterThan(10_000);
    expect(section.byCategory.ml_models).toEqual({ sizeBytes: 50_000, files: 1, quotaBytes: Math.round(1.5 * GB) });
    expect(section.largest[0]).toEqual({ key: "model", category: "ml_models", sizeBytes: 50_000 });
    expect(section.circuitBreakerEvents).toHaveLength(1);
  });
});
