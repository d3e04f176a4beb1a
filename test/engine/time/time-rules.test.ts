import { describe, expect, it } from "vitest";
import { DateTime, Duration } from "luxon";
import { MarketHoursDatabase, ScheduleRuleError, TimeRules, hours, minutes } from "../../../src/engine/time/index.ts";
import { MARKET_HOURS_JSON } from "./lean-data.ts";
import { NY, iso, makeContext, utc } from "./schedule-fixtures.ts";

const rules = new TimeRules(makeContext());
const times = (rule: ReturnType<TimeRules["at"]>, date: number) => rule.getTimes(date).map(iso);

describe("TimeRules.at", () => {
  it("gives the wall-clock time in the algorithm zone, following DST", () => {
    expect(times(rules.at(9, 25), 20131007)).toEqual(["2013-10-07T13:25:00Z"]);
    expect(times(rules.at(9, 25), 20131104)).toEqual(["2013-11-04T14:25:00Z"]);
    expect(times(rules.at(16, 5, 30), 20140310)).toEqual(["2014-03-10T20:05:30Z"]);
  });

  it("takes another zone when given one", () => {
    expect(times(rules.at(12, 0, "Europe/London"), 20131007)).toEqual(["2013-10-07T11:00:00Z"]);
    expect(times(rules.at(8, 30, 0, "America/Chicago"), 20131007)).toEqual(["2013-10-07T13:30:00Z"]);
  });

  it("is named by its hours as LEAN (\"0.##\")", () => {
    expect(rules.at(9, 25).name).toBe("9.42");
    expect(rules.at(16, 0).name).toBe("16");
    expect(rules.at(9, 30).name).toBe("9.5");
  });

  it("accepts a DateTime date (its calendar date) as well as yyyymmdd", () => {
    const date = DateTime.fromISO("2013-10-07T22:00", { zone: NY });
    expect(rules.at(9, 25).getTimes(date).map(iso)).toEqual(["2013-10-07T13:25:00Z"]);
  });

  it("rejects negative components", () => {
    expect(() => rules.at(-1, 0)).toThrow(ScheduleRuleError);
  });
});

describe("TimeRules.every", () => {
  it("fires from local midnight every 6 hours: 00:00, 06:00, 12:00 and 18:00", () => {
    expect(times(rules.every(hours(6)), 20131007)).toEqual([
      "2013-10-07T04:00:00Z",
      "2013-10-07T10:00:00Z",
      "2013-10-07T16:00:00Z",
      "2013-10-07T22:00:00Z",
    ]);
    expect(rules.every(hours(6)).name).toBe("Every 360 min");
  });

  it("accepts a luxon Duration and stops before the next midnight", () => {
    const t = rules.every(Duration.fromObject({ minutes: 90 })).getTimes(20131007);
    expect(t.length).toBe(16);
    expect(iso(t[15])).toBe("2013-10-08T02:30:00Z"); // 22:30 local
  });

  it("on the spring-forward day maps the skipped 02:00 onto 03:00, firing that instant twice as LEAN does", () => {
    const t = rules.every(hours(1)).getTimes(20140309).map(iso);
    expect(t.length).toBe(24);
    expect(t.slice(1, 4)).toEqual(["2014-03-09T06:00:00Z", "2014-03-09T07:00:00Z", "2014-03-09T07:00:00Z"]);
    expect(t[23]).toBe("2014-03-10T03:00:00Z"); // 23:00 EDT
  });

  it("on the fall-back day gives 24 wall-clock hours over 25 real ones (01:00 EDT, then 02:00 EST)", () => {
    const t = rules.every(minutes(60)).getTimes(20131103).map(iso);
    expect(t.length).toBe(24);
    expect(t.slice(0, 3)).toEqual(["2013-11-03T04:00:00Z", "2013-11-03T05:00:00Z", "2013-11-03T07:00:00Z"]);
  });

  it("rejects a zero or negative interval", () => {
    expect(() => rules.every(0)).toThrow(/time span interval can not be zero or less/);
    expect(() => rules.every(-5)).toThrow(ScheduleRuleError);
  });
});

describe("TimeRules.midnight / noon / now", () => {
  it("midnight is local 00:00; noon is midnight + 12 elapsed hours (13:00 EDT on the spring-forward day)", () => {
    expect(times(rules.midnight, 20131007)).toEqual(["2013-10-07T04:00:00Z"]);
    expect(times(rules.noon, 20131007)).toEqual(["2013-10-07T16:00:00Z"]);
    expect(times(rules.noon, 20140309)).toEqual(["2014-03-09T17:00:00Z"]);
  });

  it("now is the algorithm's current instant whatever the date", () => {
    const r = new TimeRules(makeContext(utc("2013-10-07T15:00:00Z")));
    expect(r.now.getTimes(20200101).map(iso)).toEqual(["2013-10-07T15:00:00Z"]);
    expect(() => rules.now).toThrow(/needs the algorithm clock/);
  });
});

describe("TimeRules.afterMarketOpen / beforeMarketOpen", () => {
  it("fires at the regular open plus minutes", () => {
    expect(times(rules.afterMarketOpen("SPY"), 20131007)).toEqual(["2013-10-07T13:30:00Z"]);
    expect(times(rules.afterMarketOpen("SPY", 30), 20131007)).toEqual(["2013-10-07T14:00:00Z"]);
    expect(times(rules.afterMarketOpen("SPY", 30), 20131104)).toEqual(["2013-11-04T15:00:00Z"]);
    expect(rules.afterMarketOpen("SPY", 30).name).toBe("SPY: 30 min after MarketOpen");
    expect(rules.afterMarketOpen("SPY").name).toBe("SPY: 0 min before MarketOpen");
  });

  it("uses the 04:00 extended open when asked", () => {
    expect(times(rules.afterMarketOpen("SPY", 0, true), 20131007)).toEqual(["2013-10-07T08:00:00Z"]);
    expect(rules.afterMarketOpen("SPY", 10, true).name).toBe("SPY: 10 min after ExtendedMarketOpen");
  });

  it("fires nothing on weekends and holidays", () => {
    expect(times(rules.afterMarketOpen("SPY"), 20131005)).toEqual([]);
    expect(times(rules.afterMarketOpen("SPY"), 20151225)).toEqual([]);
  });

  it("is not moved or clamped by an early close: 240 minutes after open on 2015-11-27 is 13:30, after the 13:00 close", () => {
    expect(times(rules.afterMarketOpen("SPY", 240), 20151127)).toEqual(["2015-11-27T18:30:00Z"]);
  });

  it("beforeMarketOpen subtracts minutes", () => {
    expect(times(rules.beforeMarketOpen("SPY", 10), 20131007)).toEqual(["2013-10-07T13:20:00Z"]);
  });

  it("uses the security's own zone: SPX opens 08:30 Chicago", () => {
    expect(times(rules.afterMarketOpen("SPX", 1), 20131007)).toEqual(["2013-10-07T13:31:00Z"]);
  });

  it("without a symbol uses SPY's hours by default", () => {
    expect(times(rules.afterMarketOpen(30), 20131007)).toEqual(["2013-10-07T14:00:00Z"]);
    expect(rules.afterMarketOpen(30).name).toBe("30 min after MarketOpen");
  });
});

describe("TimeRules.beforeMarketClose / afterMarketClose", () => {
  it("fires at the regular close minus minutes", () => {
    expect(times(rules.beforeMarketClose("SPY", 5), 20131007)).toEqual(["2013-10-07T19:55:00Z"]);
    expect(rules.beforeMarketClose("SPY", 5).name).toBe("SPY: 5 min before MarketClose");
  });

  it("follows an early close: 5 minutes before close on 2015-11-27 and 2015-12-24 is 12:55", () => {
    expect(times(rules.beforeMarketClose("SPY", 5), 20151127)).toEqual(["2015-11-27T17:55:00Z"]);
    expect(times(rules.beforeMarketClose("SPY", 5), 20151224)).toEqual(["2015-12-24T17:55:00Z"]);
  });

  it("with extended hours uses 20:00, or 13:00 on an early-close day (the postmarket is dropped)", () => {
    expect(times(rules.beforeMarketClose("SPY", 5, true), 20131007)).toEqual(["2013-10-07T23:55:00Z"]);
    expect(times(rules.beforeMarketClose("SPY", 5, true), 20151127)).toEqual(["2015-11-27T17:55:00Z"]);
  });

  it("fires nothing on holidays", () => {
    expect(times(rules.beforeMarketClose("SPY", 5), 20151225)).toEqual([]);
  });

  it("afterMarketClose adds minutes", () => {
    expect(times(rules.afterMarketClose("SPY", 10), 20131007)).toEqual(["2013-10-07T20:10:00Z"]);
    expect(rules.afterMarketClose("SPY", 10).name).toBe("SPY: 10 min after MarketClose");
  });

  it("without a symbol takes the latest close over the context's markets", () => {
    expect(times(rules.beforeMarketClose(5), 20131007)).toEqual(["2013-10-07T19:55:00Z"]);
  });
});

describe("TimeRules.createUtcEventTimes", () => {
  it("maps a sequence of dates to their event times in order", () => {
    const dates = [20131007, 20131008].map((k) =>
      DateTime.fromObject({ year: 2013, month: 10, day: k % 100 }, { zone: NY }),
    );
    expect([...rules.beforeMarketClose("SPY", 5).createUtcEventTimes(dates)].map(iso)).toEqual([
      "2013-10-07T19:55:00Z",
      "2013-10-08T19:55:00Z",
    ]);
  });
});

describe("TimeRules parity with LEAN's TimeRulesTests (futures and continuous schedules)", () => {
  const db = MarketHoursDatabase.fromFile(MARKET_HOURS_JSON);
  const utcRules = new TimeRules({
    timeZone: "UTC",
    hoursFor(symbol: unknown) {
      if (symbol === "ES") return db.get("Future", "cme", "ES").exchangeHours;
      if (symbol === "HSI") return db.get("Future", "hkfe", "HSI").exchangeHours;
      return db.get("Equity", "usa", String(symbol)).exchangeHours;
    },
  });
  const span = (rule: ReturnType<TimeRules["at"]>, from: number, to: number) => {
    const out: string[] = [];
    for (let k = from; k <= to; k++) out.push(...rule.getTimes(k).map(iso));
    return out;
  };

  it("RegularMarketOpenNoDeltaForContinuousSchedules: ES opens 09:30 New York on weekdays", () => {
    expect(span(utcRules.afterMarketOpen("ES", 0), 20220103, 20220107)).toEqual(
      ["03", "04", "05", "06", "07"].map((d) => `2022-01-${d}T14:30:00Z`),
    );
  });

  it("ExtendedMarketOpenNoDeltaForContinuousSchedules: ES extended opens Sunday 18:00, weekdays 00:00 New York", () => {
    expect(span(utcRules.afterMarketOpen("ES", 0, true), 20220101, 20220109)).toEqual([
      "2022-01-02T23:00:00Z",
      "2022-01-03T05:00:00Z",
      "2022-01-04T05:00:00Z",
      "2022-01-05T05:00:00Z",
      "2022-01-06T05:00:00Z",
      "2022-01-07T05:00:00Z",
      "2022-01-09T23:00:00Z",
    ]);
  });

  it("ExtendedMarketCloseNoDeltaForContinuousSchedules: SPY extended close is 20:00 New York = 01:00Z", () => {
    expect(span(utcRules.beforeMarketClose("SPY", 0, true), 20220101, 20220109)).toEqual(
      ["04", "05", "06", "07", "08"].map((d) => `2022-01-${d}T01:00:00Z`),
    );
  });

  it("BeforeMarketOpenWithDelta: 30 minutes before SPY's open is 08:30Z extended and 14:00Z regular (2000-01-03)", () => {
    expect(span(utcRules.beforeMarketOpen("SPY", 30, true), 20000103, 20000103)).toEqual(["2000-01-03T08:30:00Z"]);
    expect(span(utcRules.beforeMarketOpen("SPY", 30), 20000103, 20000103)).toEqual(["2000-01-03T14:00:00Z"]);
    expect(utcRules.beforeMarketOpen("SPY", 30, true).name).toBe("SPY: 30 min before ExtendedMarketOpen");
  });

  it("MultipleMarketOpen / MultipleMarketClosure: HSI's first open and last close with a lunch break", () => {
    expect(span(utcRules.afterMarketOpen("HSI", 0, true), 20000104, 20000104)).toEqual(["2000-01-03T16:00:00Z"]);
    expect(span(utcRules.afterMarketOpen("HSI", 0), 20000104, 20000104)).toEqual(["2000-01-04T01:15:00Z"]);
    expect(span(utcRules.beforeMarketClose("HSI", 0, true), 20000103, 20000103)).toEqual(["2000-01-03T16:00:00Z"]);
    expect(span(utcRules.beforeMarketClose("HSI", 0), 20000103, 20000103)).toEqual(["2000-01-03T08:30:00Z"]);
  });

  it("AfterMarketCloseWithDelta: 30 minutes after SPY's close is 01:30Z extended and 21:30Z regular", () => {
    expect(span(utcRules.afterMarketClose("SPY", 30, true), 20000103, 20000103)).toEqual(["2000-01-04T01:30:00Z"]);
    expect(span(utcRules.afterMarketClose("SPY", 30), 20000103, 20000103)).toEqual(["2000-01-03T21:30:00Z"]);
  });
});
