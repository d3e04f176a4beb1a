// The numbers behind the HTML report: drawdown, monthly returns, exposure rebuilt from fills, FIFO trades,
// point reduction, the storage projection and markers, and input validation. Synthetic cases with known
// answers, then consistency checks against a real backtest's own statistics.
import { describe, expect, it } from "vitest";
import {
  alignAsOf,
  closedTrades,
  contractMultiplier,
  deriveExposure,
  downsampleIndices,
  drawdownSeries,
  fillsOf,
  monthlyReturns,
  scaleBenchmark,
  toTimedValues,
  type Fill,
} from "../../../src/engine/results/report/backtest-data.ts";
import { projectToFull, storageCategoryChart, storageUsageChart } from "../../../src/engine/results/report/storage-data.ts";
import { ReportInputError, validateReportInput, type ReportOrderEvent, type ReportStorageSection } from "../../../src/engine/results/report/report-input.ts";
import { realResult } from "./real-result.ts";
import { seeded, syntheticStorage } from "./synthetic-result.ts";

const GB = 1024 ** 3;
const DAY = 86_400_000;
const ny = (iso: string) => Date.parse(iso); // ISO strings below carry their offset

describe("drawdown and benchmark", () => {
  it("measures each point against the running peak", () => {
    const eq = [100, 120, 90, 130, 117].map((value, i) => ({ time: i, value }));
    expect(drawdownSeries(eq).map((p) => p.value)).toEqual([0, 0, -0.25, 0, expect.closeTo(-0.1, 12)]);
  });

  it("aligns a series as of each time and rescales the benchmark to the starting equity", () => {
    const bench = [{ time: 10, value: 50 }, { time: 20, value: 55 }];
    expect(alignAsOf(bench, [5, 10, 15, 20, 25])).toEqual([null, 50, 50, 55, 55]);
    const scaled = scaleBenchmark(bench, [{ time: 0, value: 1000 }, { time: 10, value: 1000 }]);
    expect(scaled.map((p) => p.value)).toEqual([1000, 1100]);
  });
});

describe("monthly returns", () => {
  const equity = [
    [ny("2013-01-01T00:00:00-05:00"), 100],
    [ny("2013-01-15T16:00:00-05:00"), 105],
    [ny("2013-02-01T00:00:00-05:00"), 110], // midnight: January's close
    [ny("2013-02-10T16:00:00-05:00"), 99],
    [ny("2013-03-01T00:00:00-05:00"), 121],
    [ny("2013-12-31T16:00:00-05:00"), 121],
    [ny("2014-01-31T16:00:00-05:00"), 133.1],
  ].map(([time, value]) => ({ time, value }));

  it("takes each month's last value against the previous month's, a midnight sample closing the day before", () => {
    const { years } = monthlyReturns(equity, "America/New_York");
    expect(years.map((y) => y.year)).toEqual([2013, 2014]);
    expect(years[0].months[0]).toBeCloseTo(0.1, 12);
    expect(years[0].months[1]).toBeCloseTo(0.1, 12);
    expect(years[0].months.slice(2, 11)).toEqual([null, null, null, null, null, null, null, null, null]);
    expect(years[0].months[11]).toBeCloseTo(0, 12);
    expect(years[0].total).toBeCloseTo(0.21, 12);
    expect(years[1].months[0]).toBeCloseTo(0.1, 12);
    expect(years[1].total).toBeCloseTo(0.1, 12);
  });

  it("uses the report's time zone for month boundaries", () => {
    // in Tokyo the 2013-01-31 16:00 New York sample is already February
    const points = [
      { time: ny("2013-01-01T00:00:00-05:00"), value: 100 },
      { time: ny("2013-01-31T16:00:00-05:00"), value: 110 },
    ];
    expect(monthlyReturns(points, "America/New_York").years[0].months.slice(0, 2)).toEqual([expect.closeTo(0.1, 12), null]);
    expect(monthlyReturns(points, "Asia/Tokyo").years[0].months.slice(0, 2)).toEqual([null, expect.closeTo(0.1, 12)]);
  });
});

describe("exposure and trades from fills", () => {
  const event = (time: string, symbol: string, fillQuantity: number, fillPrice: number, orderFee = "0"): ReportOrderEvent => ({
    id: 1,
    orderId: 1,
    symbol,
    time,
    status: "Filled",
    direction: fillQuantity > 0 ? "Buy" : "Sell",
    fillPrice,
    fillQuantity,
    orderFee,
    message: "",
    isAssignment: false,
  });

  it("rebuilds cash from each fill's cost and fee, and holdings as equity − cash", () => {
    const fills = fillsOf([event("2020-01-02T15:00:00Z", "SPY", 0, 0), event("2020-01-02T15:00:00Z", "SPY", 5, 100, "1")]);
    expect(fills).toHaveLength(1);
    const equity = [
      { time: Date.parse("2020-01-02T14:00:00Z"), value: 1000 },
      { time: Date.parse("2020-01-02T16:00:00Z"), value: 1049 }, // cash 499 + 5 × 110
    ];
    const exposure = deriveExposure(equity, fills).map((p) => p.value);
    expect(exposure[0]).toBe(0);
    expect(exposure[1]).toBeCloseTo(550 / 1049, 12);
  });

  it("matches fills first in, first out, splits partial closes, flips through zero and pro-rates fees", () => {
    const fills: Fill[] = [
      { time: 1, orderId: 1, symbol: "SPY", quantity: 100, price: 10, fee: 1 },
      { time: 2, orderId: 2, symbol: "SPY", quantity: 50, price: 12, fee: 1 },
      { time: 3, orderId: 3, symbol: "SPY", quantity: -120, price: 13, fee: 1.2 },
      { time: 4, orderId: 4, symbol: "SPY", quantity: -60, price: 11, fee: 0.6 },
      { time: 5, orderId: 5, symbol: "SPY", quantity: 30, price: 10, fee: 0 },
    ];
    const trades = closedTrades(fills);
    expect(trades.map((t) => [t.direction, t.entryTime, t.exitTime, t.quantity, t.entryPrice, t.exitPrice])).toEqual([
      ["Long", 1, 3, 100, 10, 13],
      ["Long", 2, 3, 20, 12, 13],
      ["Long", 2, 4, 30, 12, 11],
      ["Short", 4, 5, 30, 11, 10],
    ]);
    expect(trades.map((t) => t.profitLoss)).toEqual([300, 20, -30, 30]);
    expect(trades[0].fees).toBeCloseTo(1 + 1.0, 12); // all of the entry fee, 100/120 of the exit fee
    expect(trades[1].fees).toBeCloseTo(0.4 + 0.2, 12);
  });

  it("counts an OSI option contract as 100 units, unless told otherwise", () => {
    const option = "SPY   130119C00120000";
    expect(contractMultiplier(option)).toBe(100);
    expect(contractMultiplier("SPY")).toBe(1);
    expect(contractMultiplier(option, { [option]: 10 })).toBe(10);
    const trades = closedTrades([
      { time: 1, orderId: 1, symbol: option, quantity: -2, price: 3.5, fee: 0 },
      { time: 2, orderId: 2, symbol: option, quantity: 2, price: 1.25, fee: 0 },
    ]);
    expect(trades[0].profitLoss).toBeCloseTo(450, 9);
  });

  it("agrees with a real backtest: trades give its win and loss rates, exposure is position × price ÷ equity", async () => {
    const r = await realResult();
    const fills = fillsOf(r.orderEvents as unknown as ReportOrderEvent[]);
    const trades = closedTrades(fills);
    expect(trades.length).toBeGreaterThan(5);
    const wins = trades.filter((t) => t.profitLoss > 0).length;
    expect(`${Math.round((wins / trades.length) * 100)}%`).toBe(r.statistics["Win Rate"]);

    const losses = trades.filter((t) => t.profitLoss < 0).length;
    expect(`${Math.round((losses / trades.length) * 100)}%`).toBe(r.statistics["Loss Rate"]);
    const benchmark = toTimedValues(r.benchmark, "benchmark"); // SPY, the only symbol traded

    // at each midnight sample the benchmark holds the previous close, the price the equity was marked at
    const equity = toTimedValues(r.equity, "equity");
    const exposure = deriveExposure(equity, fills);
    let checked = 0;
    for (let i = 0; i < equity.length; i++) {
      const price = benchmark.find((b) => b.time === equity[i].time)?.value;
      if (price === undefined) continue;
      const held = fills.filter((f) => f.time <= equity[i].time).reduce((s, f) => s + f.quantity, 0);
      expect(exposure[i].value).toBeCloseTo((held * price) / equity[i].value, 3);
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
    expect(Math.min(...exposure.map((p) => p.value))).toBeLessThan(-1); // the short grows past 100 % of equity
  });
});

describe("point reduction", () => {
  const random = seeded(5);
  let v = 0;
  const walk = Array.from({ length: 100_000 }, () => (v += random() - 0.5));

  it("keeps at most maxPoints, in order, with both ends, the lowest and the highest point", () => {
    const keep = downsampleIndices(walk, 4000);
    expect(keep.length).toBeLessThanOrEqual(4000);
    expect(keep.length).toBeGreaterThan(2000);
    for (let i = 1; i < keep.length; i++) expect(keep[i]).toBeGreaterThan(keep[i - 1]);
    expect(keep[0]).toBe(0);
    expect(keep[keep.length - 1]).toBe(walk.length - 1);
    expect(keep).toContain(walk.indexOf(Math.min(...walk)));
    expect(keep).toContain(walk.indexOf(Math.max(...walk)));
  });

  it("keeps every point of a short series", () => {
    expect(downsampleIndices([3, 1, 2], 4000)).toEqual([0, 1, 2]);
  });
});

describe("storage section", () => {
  const base: ReportStorageSection = {
    samples: [
      { time: "2025-01-01T00:00:00Z", usedBytes: 2 * GB, files: 10_000 },
      { time: "2025-01-11T00:00:00Z", usedBytes: 4 * GB, files: 20_000 },
    ],
    maxBytes: 5 * GB,
    maxFiles: 50_000,
    alertPct: 80,
    criticalPct: 90,
    growthRateGbPerDay: 0.2,
    daysUntilFull: 5,
    byCategory: { llm_cache: { sizeBytes: 0.15 * GB, files: 300, quotaBytes: 0.3 * GB } },
    largest: [],
    suggestions: [],
    circuitBreakerEvents: [{ time: "2025-01-06T00:00:00Z", type: "tripped", reason: "test" }],
  };

  it("projects to full from the last sample: the monitor's days, else free bytes ÷ growth, else none", () => {
    expect(projectToFull(base)).toEqual({ fromTime: Date.parse("2025-01-11T00:00:00Z"), fromPct: 80, fullTime: Date.parse("2025-01-16T00:00:00Z"), daysUntilFull: 5 });
    expect(projectToFull({ ...base, daysUntilFull: null, growthRateGbPerDay: 0.25 })?.daysUntilFull).toBeCloseTo(4, 12);
    expect(projectToFull({ ...base, daysUntilFull: null, growthRateGbPerDay: 0 })).toBeNull();
    expect(projectToFull({ ...base, samples: [] })).toBeNull();
  });

  it("draws usage against the 80/90/100 % lines, the projection ending at 100 % and each trip on the usage line", () => {
    const chart = storageUsageChart(base);
    const day = (d: number) => Date.parse(`2025-01-${String(d).padStart(2, "0")}T00:00:00Z`) / 1000;
    expect(chart.x).toEqual([day(1), day(6), day(11), day(16)]);
    const byLabel = Object.fromEntries(chart.series.map((s) => [s.label, s.values]));
    expect(byLabel["Used (% of tier)"]).toEqual([40, null, 80, null]);
    expect(byLabel["Alert 80 %"]).toEqual([80, 80, 80, 80]);
    expect(byLabel["Critical 90 %"]).toEqual([90, 90, 90, 90]);
    expect(byLabel["Full 100 %"]).toEqual([100, 100, 100, 100]);
    expect(byLabel["Projection: full in 5 days"]).toEqual([null, null, 80, 100]);
    expect(byLabel["Circuit breaker: tripped"]).toEqual([null, 60, null, null]); // halfway from 40 % to 80 %
    expect(chart.series.find((s) => s.label === "Circuit breaker: tripped")?.style).toBe("points");
  });

  it("sets each category beside its quota in MB", () => {
    const chart = storageCategoryChart(base);
    expect(chart.categories).toEqual(["llm_cache"]);
    expect(chart.series.map((s) => s.values)).toEqual([[153.6], [307.2]]);
  });

  it("the synthetic monitor section crosses the critical line and trips the breaker", () => {
    const s = syntheticStorage(Date.UTC(2024, 0, 1), 200);
    const trips = s.circuitBreakerEvents.filter((e) => e.type === "tripped");
    expect(trips.length).toBeGreaterThan(0);
    expect(Math.max(...s.samples.map((x) => x.usedBytes)) / s.maxBytes).toBeGreaterThanOrEqual(0.9);
  });
});

describe("input validation", () => {
  it("names the field and the item that is wrong", () => {
    expect(() => validateReportInput([])).toThrow(ReportInputError);
    expect(() => validateReportInput({ statistics: {} })).toThrow(/neither "equity" nor "storage"/);
    expect(() => validateReportInput({ equity: [["2020-01-01T00:00:00Z", 1], ["yesterday", 2]] })).toThrow(/"equity" item 1: expected an ISO time/);
    expect(() => validateReportInput({ equity: [["2020-01-01T00:00:00Z", "1"]] })).toThrow(/"equity" item 0 value: expected a finite number/);
    const storage = syntheticStorage(0, 3) as unknown as Record<string, unknown>;
    expect(() => validateReportInput({ storage: { ...storage, maxBytes: 0 } })).toThrow(/"storage.maxBytes": must be positive/);
    expect(() => validateReportInput({ storage: { ...storage, byCategory: { x: { sizeBytes: 1 } } } })).toThrow(/"storage.byCategory.x.files"/);
    expect(() => validateReportInput({ equity: [], greeks: [{ time: 0, delta: 1, gamma: 1, vega: 1 }] })).toThrow(/"greeks" item 0 theta/);
    expect(validateReportInput({ storage })).toBeTruthy();
  });
});
