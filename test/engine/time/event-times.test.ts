import { describe, expect, it } from "vitest";
import {
  DateRules,
  FuncTimeRule,
  TimeRules,
  eventTimes,
  hours,
  minutes,
  zoneOffsets,
} from "../../../src/engine/time/index.ts";
import { NY, iso, makeContext, utc } from "./schedule-fixtures.ts";

const ctx = makeContext();
const dateRules = new DateRules(ctx);
const timeRules = new TimeRules(ctx);

describe("eventTimes", () => {
  it("fires a 6-hour rule at 00:00, 06:00, 12:00 and 18:00 on every calendar day, weekends included", () => {
    const out = [...eventTimes(dateRules.everyDay(), timeRules.every(hours(6)), utc("2013-10-05T04:00:00Z"), utc("2013-10-07T03:59:59Z"))];
    expect(out.map(iso)).toEqual([
      "2013-10-05T04:00:00Z",
      "2013-10-05T10:00:00Z",
      "2013-10-05T16:00:00Z",
      "2013-10-05T22:00:00Z",
      "2013-10-06T04:00:00Z",
      "2013-10-06T10:00:00Z",
      "2013-10-06T16:00:00Z",
      "2013-10-06T22:00:00Z",
    ]);
  });

  it("keeps an event exactly at the start and exactly at the end, and nothing outside", () => {
    const rule = timeRules.at(10, 0);
    const start = utc("2013-10-07T14:00:00Z");
    const end = utc("2013-10-09T14:00:00Z");
    expect([...eventTimes(dateRules.everyDay(), rule, start, end)].map(iso)).toEqual([
      "2013-10-07T14:00:00Z",
      "2013-10-08T14:00:00Z",
      "2013-10-09T14:00:00Z",
    ]);
    expect([...eventTimes(dateRules.everyDay(), rule, start + 1, end - 1)].map(iso)).toEqual(["2013-10-08T14:00:00Z"]);
    expect([...eventTimes(dateRules.everyDay(), rule, end, start)]).toEqual([]);
  });

  it("reproduces LEAN's ScheduledEventsOrderRegressionAlgorithm: 28 calls on SPY 2013-10-07..11, 1 AfterMarketOpen at 09:30", () => {
    // SetStartDate(2013,10,7) / SetEndDate(2013,10,11): the last data (minute bars, regular hours)
    // arrives at 16:00 on 10-11, so the two At(16,5) events of that day never fire: 30 - 2 = 28.
    const start = utc("2013-10-07T04:00:00Z");
    const lastDataTime = utc("2013-10-11T20:00:00Z");
    const everySpyDay = dateRules.everyDay("SPY");
    const registrations = [0, 1].flatMap(() => [timeRules.at(9, 25), timeRules.beforeMarketClose("SPY", 5), timeRules.at(16, 5)]);
    const all = registrations.flatMap((r) => [...eventTimes(everySpyDay, r, start, lastDataTime)]);
    expect(all.length).toBe(28);
    const perRule = registrations.slice(0, 3).map((r) => [...eventTimes(everySpyDay, r, start, lastDataTime)].map(iso));
    expect(perRule[0]).toEqual(["07", "08", "09", "10", "11"].map((d) => `2013-10-${d}T13:25:00Z`));
    expect(perRule[1]).toEqual(["07", "08", "09", "10", "11"].map((d) => `2013-10-${d}T19:55:00Z`));
    expect(perRule[2]).toEqual(["07", "08", "09", "10"].map((d) => `2013-10-${d}T20:05:00Z`));
    // with the whole end day the 16:05 events exist too
    const wholeWeek = registrations.flatMap((r) => [...eventTimes(everySpyDay, r, start, utc("2013-10-12T03:59:59Z"))]);
    expect(wholeWeek.length).toBe(30);
    const aapl = [...eventTimes(dateRules.weekStart("AAPL"), timeRules.afterMarketOpen("AAPL"), start, lastDataTime)];
    expect(aapl.map(iso)).toEqual(["2013-10-07T13:30:00Z"]);
  });

  it("is lazy: the first events of an unbounded schedule come without materialising the rest", () => {
    const gen = eventTimes(dateRules.everyDay(), timeRules.every(minutes(1)), utc("2000-01-01T05:00:00Z"), Number.POSITIVE_INFINITY);
    const t0 = performance.now();
    const first = [gen.next().value, gen.next().value, gen.next().value] as number[];
    expect(performance.now() - t0).toBeLessThan(200);
    expect(first.map(iso)).toEqual(["2000-01-01T05:00:00Z", "2000-01-01T05:01:00Z", "2000-01-01T05:02:00Z"]);
    gen.return(undefined);
  });

  it("covers ten years of monthStart(SPY) at 10:00: 120 events, one per month, ascending", () => {
    const out = [...eventTimes(dateRules.monthStart("SPY"), timeRules.at(10, 0), utc("2004-01-01T05:00:00Z"), utc("2014-01-01T04:59:59Z"))];
    expect(out.length).toBe(120);
    expect(iso(out[0])).toBe("2004-01-02T15:00:00Z");
    for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThan(out[i - 1]);
  });

  it("yields in ascending order even when a date's times fall before the previous date's", () => {
    const zone = zoneOffsets(NY);
    // even days: 20:00 that day; odd days: 18:00 the day before (earlier than the previous even day's event)
    const rule = new FuncTimeRule("zigzag", (d) => [zone.epochFromLocalDay(d, d % 2 === 0 ? hours(20) : hours(-6))]);
    const out = [...eventTimes(dateRules.everyDay(), rule, utc("2013-10-01T00:00:00Z"), utc("2013-10-10T00:00:00Z"))];
    expect(out.length).toBeGreaterThan(6);
    for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThanOrEqual(out[i - 1]);
  });

  it("yields the duplicated spring-forward instant twice, as LEAN fires it twice", () => {
    const out = [...eventTimes(dateRules.everyDay(), timeRules.every(hours(1)), utc("2014-03-09T05:00:00Z"), utc("2014-03-10T03:59:59Z"))];
    expect(out.length).toBe(24);
    expect(out.filter((t) => t === utc("2014-03-09T07:00:00Z")).length).toBe(2);
  });

  it("fires afterMarketOpen on trading days only across a holiday week (Christmas 2015)", () => {
    const out = [...eventTimes(dateRules.everyDay(), timeRules.afterMarketOpen("SPY", 1), utc("2015-12-21T05:00:00Z"), utc("2015-12-28T23:00:00Z"))];
    expect(out.map(iso)).toEqual([
      "2015-12-21T14:31:00Z",
      "2015-12-22T14:31:00Z",
      "2015-12-23T14:31:00Z",
      "2015-12-24T14:31:00Z",
      "2015-12-28T14:31:00Z",
    ]);
  });
});
