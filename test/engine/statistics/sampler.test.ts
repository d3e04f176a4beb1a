import { describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { StatisticsSampler, resamplePeriodMs } from "../../../src/engine/statistics/sampler.ts";
import type { SeriesPoint } from "../../../src/engine/statistics/statistics-builder.ts";

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const show = (points: readonly SeriesPoint[]) => points.map((p) => [iso(p.time), String(p.value)]);

function sampler(startDate = "2013-10-07", endDate = "2013-10-11", startingCapital: number | string = 100000) {
  return new StatisticsSampler({ startingCapital, startDate, endDate, timeZone: "America/New_York" });
}

describe("resample period", () => {
  it("is 4 minutes under 4 × 4000 minutes", () => {
    expect(resamplePeriodMs("2013-10-07", "2013-10-11")).toBe(4 * MIN);
    expect(resamplePeriodMs("2013-10-07", "2013-10-07")).toBe(4 * MIN);
  });

  it("is a 4000th of (end date 23:59:59.9999999 - start date), truncated to 100 ns ticks", () => {
    // 365 days less one tick: 131.39999999… minutes
    const period = resamplePeriodMs("2013-01-01", "2013-12-31");
    expect(period).toBeLessThan(131.4 * MIN);
    expect(period).toBeGreaterThan(131.4 * MIN - 0.001);
    expect(Number.isInteger(Math.round(period * 10_000))).toBe(true);
  });
});

describe("daily sample times", () => {
  it("are every calendar midnight in the algorithm time zone, weekends and DST changes included", () => {
    const times = sampler("2013-11-01", "2013-11-04").dailySampleTimes().map(iso);
    expect(times).toEqual([
      "2013-11-01T04:00:00.000Z",
      "2013-11-02T04:00:00.000Z",
      "2013-11-03T04:00:00.000Z",
      "2013-11-04T05:00:00.000Z",
    ]);
  });
});

describe("StatisticsSampler", () => {
  const t = (hhmm: string, day = "2013-10-07") => Date.parse(`${day}T${hhmm}:00Z`);

  it("keeps an intraday equity point only after the resample period has passed (strictly)", () => {
    const s = sampler();
    for (let minute = 0; minute <= 10; minute++) s.sampleEquity(t("13:31") + minute * MIN, 100000 + minute);
    // 13:31 kept; next due after 13:35 → 13:36; then after 13:40 → 13:41
    expect(show(s.series().equity)).toEqual([
      ["2013-10-07T13:31:00.000Z", "100000"],
      ["2013-10-07T13:36:00.000Z", "100005"],
      ["2013-10-07T13:41:00.000Z", "100010"],
    ]);
  });

  it("stores equity as SmartRounding(Math.Round(TPV, 4)): 4 decimals, trailing zeros dropped", () => {
    const s = sampler();
    s.sampleEquity(t("13:31"), new Decimal("99990.61136523456"));
    s.sampleEquity(t("13:40"), "100056.04630000000");
    expect(show(s.series().equity).map(([, v]) => v)).toEqual(["99990.6114", "100056.0463"]);
  });

  it("samples daily performance in percent from the previous daily TPV, rounded to 10 decimals then 7 digits", () => {
    const s = sampler();
    s.sampleDaily(t("04:00"), 100000, 0);
    s.sampleDaily(t("04:00", "2013-10-08"), "99978.71410697600", "144.75578537200");
    s.sampleDaily(t("04:00", "2013-10-09"), "98824.67969142400", "143.07840976800");
    const { performance, benchmark } = s.series();
    expect(show(performance).map(([, v]) => v)).toEqual(["0", "-0.02128589", "-1.15428"]);
    expect(show(benchmark).map(([, v]) => v)).toEqual(["0", "144.7558", "143.0784"]);
  });

  it("drops points at an earlier-or-equal time but replaces the turnover sample using the sale volume two samples back", () => {
    const s = sampler();
    s.sampleDaily(t("04:00"), 100000, 0); // start date midnight: no turnover sample
    s.recordSale("50000");
    s.sampleDaily(t("04:00", "2013-10-08"), 100000, 100);
    s.recordSale("25000");
    const last = t("20:00", "2013-10-08");
    s.sampleDaily(last, 100000, 101);
    s.recordSale("10000");
    s.sampleDaily(last, 100000, 102); // same time again (final sample at a daily sample's time)
    const { equity, benchmark, performance, portfolioTurnover } = s.series();
    expect(equity).toHaveLength(3);
    expect(show(benchmark).map(([, v]) => v)).toEqual(["0", "100", "101"]);
    expect(performance).toHaveLength(3);
    // (50000-0)/100000, (75000-50000)/100000, then at the same time (85000-50000)/100000
    expect(show(portfolioTurnover)).toEqual([
      ["2013-10-08T04:00:00.000Z", "0.5"],
      ["2013-10-08T20:00:00.000Z", "0.25"],
      ["2013-10-08T20:00:00.000Z", "0.35"],
    ]);
  });

  it("takes a forced equity sample at the end, then the final daily sample", () => {
    const s = sampler();
    s.sampleDaily(t("04:00"), 100000, 0);
    s.sampleEquity(t("19:58"), 100100);
    s.final(t("20:00"), 100200, 170);
    const { equity, performance, benchmark } = s.series();
    expect(show(equity)).toEqual([
      ["2013-10-07T04:00:00.000Z", "100000"],
      ["2013-10-07T19:58:00.000Z", "100100"],
      ["2013-10-07T20:00:00.000Z", "100200"],
    ]);
    expect(show(performance).map(([, v]) => v)).toEqual(["0", "0.2"]);
    expect(show(benchmark).map(([, v]) => v)).toEqual(["0", "170"]);
  });

  it("records nothing while warming up and re-captures the starting value when warm-up ends", () => {
    const s = new StatisticsSampler({ startingCapital: 100000, startDate: "2013-10-07", endDate: "2013-10-11", warmingUp: true });
    s.sampleDaily(t("04:00"), 100000, 0);
    s.sampleEquity(t("13:31"), 100000);
    expect(s.series().equity).toHaveLength(0);
    s.onWarmupFinished("100250.5");
    expect(s.startingCapital.toString()).toBe("100250.5");
    s.sampleDaily(t("04:00", "2013-10-08"), "100250.5", 10);
    expect(show(s.series().performance)).toEqual([["2013-10-08T04:00:00.000Z", "0"]]);
  });

  it("refuses an end date before the start date", () => {
    expect(() => sampler("2013-10-11", "2013-10-07")).toThrow(RangeError);
  });
});
