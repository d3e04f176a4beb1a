import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import {
  ExchangeHours,
  ListedCalendar,
  MarketHoursDatabase,
  MarketNeverOpensError,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  dayNumberFromDateKey,
  type MarketHoursSegment,
} from "../../../src/engine/time/index.ts";
import { MARKET_HOURS_JSON } from "./lean-data.ts";

const db = MarketHoursDatabase.fromFile(MARKET_HOURS_JSON);
const equity = db.get("Equity", "usa", "SPY").exchangeHours;
const utc = (iso: string) => Date.parse(iso);
const H = MS_PER_HOUR;
const M = MS_PER_MINUTE;

describe("ExchangeHours.isOpen (LEAN JSON, Equity-usa)", () => {
  it("opens at 09:30 inclusive and closes at 16:00 exclusive in regular hours", () => {
    expect(equity.isOpen(utc("2013-10-07T13:29:59.999Z"), false)).toBe(false);
    expect(equity.isOpen(utc("2013-10-07T13:30:00Z"), false)).toBe(true);
    expect(equity.isOpen(utc("2013-10-07T19:59:59.999Z"), false)).toBe(true);
    expect(equity.isOpen(utc("2013-10-07T20:00:00Z"), false)).toBe(false);
  });

  it("is open 04:00-20:00 with extended hours, closed before and after", () => {
    expect(equity.isOpen(utc("2013-10-07T07:59:59.999Z"), true)).toBe(false);
    expect(equity.isOpen(utc("2013-10-07T08:00:00Z"), true)).toBe(true);
    expect(equity.isOpen(utc("2013-10-07T08:00:00Z"), false)).toBe(false);
    expect(equity.isOpen(utc("2013-10-07T23:59:59.999Z"), true)).toBe(true);
    expect(equity.isOpen(utc("2013-10-08T00:00:00Z"), true)).toBe(false);
  });

  it("follows DST: 09:30 New York is 14:30Z in standard time and 13:30Z in daylight time", () => {
    // 2013-11-03 fall back: Friday 11-01 in EDT, Monday 11-04 in EST
    expect(equity.isOpen(utc("2013-11-01T13:30:00Z"), false)).toBe(true);
    expect(equity.isOpen(utc("2013-11-04T13:30:00Z"), false)).toBe(false);
    expect(equity.isOpen(utc("2013-11-04T14:30:00Z"), false)).toBe(true);
    expect(equity.isOpen(utc("2013-11-04T20:59:00Z"), false)).toBe(true);
    expect(equity.isOpen(utc("2013-11-04T21:00:00Z"), false)).toBe(false);
    // 2014-03-09 spring forward: Friday 03-07 in EST, Monday 03-10 in EDT
    expect(equity.isOpen(utc("2014-03-07T14:29:00Z"), false)).toBe(false);
    expect(equity.isOpen(utc("2014-03-07T14:30:00Z"), false)).toBe(true);
    expect(equity.isOpen(utc("2014-03-10T13:30:00Z"), false)).toBe(true);
    expect(equity.marketOpen(20131104)).toBe(utc("2013-11-04T14:30:00Z"));
    expect(equity.marketOpen(20140310)).toBe(utc("2014-03-10T13:30:00Z"));
  });

  it("is closed all day on weekends and holidays", () => {
    expect(equity.isOpen(utc("2013-10-05T15:00:00Z"), true)).toBe(false); // Saturday
    expect(equity.isOpen(utc("2015-12-25T15:00:00Z"), true)).toBe(false); // Christmas
    expect(equity.isOpen(utc("2013-11-28T15:00:00Z"), false)).toBe(false); // Thanksgiving
  });

  it("closes at 13:00 on early-close days (2015-11-27 and 2015-12-24), extended hours included", () => {
    for (const day of ["2015-11-27", "2015-12-24"]) {
      expect(equity.isOpen(utc(`${day}T17:59:59.999Z`), false)).toBe(true);
      expect(equity.isOpen(utc(`${day}T18:00:00Z`), false)).toBe(false);
      expect(equity.isOpen(utc(`${day}T18:00:00Z`), true)).toBe(false);
      expect(equity.isOpen(utc(`${day}T09:00:00Z`), true)).toBe(true); // premarket kept
    }
    expect(equity.marketClose(20151127)).toBe(utc("2015-11-27T18:00:00Z"));
    expect(equity.marketClose(20151224, true)).toBe(utc("2015-12-24T18:00:00Z"));
    expect(equity.earlyClose(20151224)).toBe(utc("2015-12-24T18:00:00Z"));
    expect(equity.earlyClose(20151223)).toBeNull();
  });
});

describe("ExchangeHours.isOpenDuring (LEAN's IsOpen(start, end, extended))", () => {
  it("is true when any part of the interval overlaps an open segment", () => {
    expect(equity.isOpenDuring(utc("2013-10-07T13:29:00Z"), utc("2013-10-07T13:31:00Z"), false)).toBe(true);
    expect(equity.isOpenDuring(utc("2013-10-07T19:59:00Z"), utc("2013-10-07T20:01:00Z"), false)).toBe(true);
  });

  it("treats the end as exclusive: a bar ending exactly at the open is not open", () => {
    expect(equity.isOpenDuring(utc("2013-10-07T13:29:00Z"), utc("2013-10-07T13:30:00Z"), false)).toBe(false);
    expect(equity.isOpenDuring(utc("2013-10-07T20:00:00Z"), utc("2013-10-07T20:01:00Z"), false)).toBe(false);
  });

  it("uses extended segments only when asked", () => {
    const s = utc("2013-10-07T12:00:00Z");
    const e = utc("2013-10-07T12:30:00Z");
    expect(equity.isOpenDuring(s, e, false)).toBe(false);
    expect(equity.isOpenDuring(s, e, true)).toBe(true);
  });

  it("spans days: a daily bar from Friday 16:00 to Monday 10:00 is open (Monday's session)", () => {
    expect(equity.isOpenDuring(utc("2013-10-04T20:00:00Z"), utc("2013-10-07T14:00:00Z"), false)).toBe(true);
    expect(equity.isOpenDuring(utc("2013-10-04T20:00:00Z"), utc("2013-10-07T13:30:00Z"), false)).toBe(false);
  });

  it("falls back to isOpen for an instantaneous interval", () => {
    const t = utc("2013-10-07T13:30:00Z");
    expect(equity.isOpenDuring(t, t, false)).toBe(true);
    expect(equity.isOpenDuring(t - 1, t - 1, false)).toBe(false);
  });
});

describe("ExchangeHours dates", () => {
  it("says whether a date is a trading day, from a yyyymmdd or a luxon DateTime", () => {
    expect(equity.isDateOpen(20131007)).toBe(true);
    expect(equity.isDateOpen(20131005)).toBe(false);
    expect(equity.isDateOpen(20151225)).toBe(false);
    expect(equity.isDateOpen(20151224)).toBe(true);
    expect(equity.isDateOpen(DateTime.fromISO("2015-12-25T10:00", { zone: "America/New_York" }))).toBe(false);
    expect(equity.isHoliday(20151225)).toBe(true);
    expect(equity.isHoliday(20151226)).toBe(false);
  });

  it("counts a day with only extended segments as open only with extended hours", () => {
    const pre: MarketHoursSegment[] = [{ start: 4 * H, end: 9 * H, state: "premarket" }];
    const mkt: MarketHoursSegment[] = [{ start: 9 * H, end: 16 * H, state: "market" }];
    const hours = new ExchangeHours({ timeZone: "America/New_York", weekly: [pre, mkt, mkt, mkt, mkt, mkt, []] });
    expect(hours.isDateOpen(20131006)).toBe(false); // Sunday: premarket only
    expect(hours.isDateOpen(20131006, true)).toBe(true);
    expect(hours.isDateOpen(20131007)).toBe(true);
  });

  it("gives the regular session's open and close, and null when closed", () => {
    expect(equity.marketOpen(20131007)).toBe(utc("2013-10-07T13:30:00Z"));
    expect(equity.marketClose(20131007)).toBe(utc("2013-10-07T20:00:00Z"));
    expect(equity.marketOpen(20131007, true)).toBe(utc("2013-10-07T08:00:00Z"));
    expect(equity.marketClose(20131007, true)).toBe(utc("2013-10-08T00:00:00Z"));
    expect(equity.marketOpen(20151225)).toBeNull();
    expect(equity.marketClose(20131006)).toBeNull();
  });

  it("lists the day's segments in epoch ms", () => {
    expect(equity.getSegments(20131007)).toEqual([
      { start: utc("2013-10-07T08:00:00Z"), end: utc("2013-10-07T13:30:00Z"), state: "premarket" },
      { start: utc("2013-10-07T13:30:00Z"), end: utc("2013-10-07T20:00:00Z"), state: "market" },
      { start: utc("2013-10-07T20:00:00Z"), end: utc("2013-10-08T00:00:00Z"), state: "postmarket" },
    ]);
    expect(equity.getSegments(20151127).map((s) => s.state)).toEqual(["premarket", "market"]);
    expect(equity.getSegments(20151225)).toEqual([]);
  });

  it("finds next and previous trading days across weekends and holidays", () => {
    expect(equity.nextTradingDay(20131004)).toBe(20131007);
    expect(equity.nextTradingDay(20151224)).toBe(20151228);
    expect(equity.previousTradingDay(20131007)).toBe(20131004);
    expect(equity.previousTradingDay(20160104)).toBe(20151231);
    const next = equity.nextTradingDay(DateTime.fromObject({ year: 2015, month: 12, day: 24 }, { zone: "America/New_York" }));
    expect(next.toISODate()).toBe("2015-12-28");
    expect(next.zoneName).toBe("America/New_York");
  });

  it("gives local midnight and the local date key of an instant", () => {
    expect(equity.localMidnight(utc("2013-10-07T15:00:00Z"))).toBe(utc("2013-10-07T04:00:00Z"));
    expect(equity.localDateKey(utc("2013-10-08T03:00:00Z"))).toBe(20131007);
  });
});

describe("ExchangeHours next open / close (LEAN's GetNextMarketOpen / GetNextMarketClose)", () => {
  it("finds the next regular open strictly after the time, skipping weekends and holidays", () => {
    expect(equity.nextMarketOpen(utc("2013-10-07T12:00:00Z"), false)).toBe(utc("2013-10-07T13:30:00Z"));
    expect(equity.nextMarketOpen(utc("2013-10-07T13:30:00Z"), false)).toBe(utc("2013-10-08T13:30:00Z"));
    expect(equity.nextMarketOpen(utc("2013-10-04T21:00:00Z"), false)).toBe(utc("2013-10-07T13:30:00Z"));
    expect(equity.nextMarketOpen(utc("2015-12-24T19:00:00Z"), false)).toBe(utc("2015-12-28T14:30:00Z"));
  });

  it("with extended hours, opens at 04:00 and does not count the contiguous 09:30 segment as an open", () => {
    expect(equity.nextMarketOpen(utc("2013-10-07T07:00:00Z"), true)).toBe(utc("2013-10-07T08:00:00Z"));
    expect(equity.nextMarketOpen(utc("2013-10-07T09:00:00Z"), true)).toBe(utc("2013-10-08T08:00:00Z"));
  });

  it("finds the next close: 16:00, 20:00 extended, 13:00 on an early close", () => {
    expect(equity.nextMarketClose(utc("2013-10-07T14:00:00Z"), false)).toBe(utc("2013-10-07T20:00:00Z"));
    expect(equity.nextMarketClose(utc("2013-10-07T14:00:00Z"), true)).toBe(utc("2013-10-08T00:00:00Z"));
    expect(equity.nextMarketClose(utc("2013-10-07T20:00:00Z"), false)).toBe(utc("2013-10-08T20:00:00Z"));
    expect(equity.nextMarketClose(utc("2015-11-26T12:00:00Z"), false)).toBe(utc("2015-11-27T18:00:00Z"));
  });

  it("does not treat a 24-hour market's midnight as an open or close", () => {
    const always = ExchangeHours.alwaysOpen("UTC");
    expect(always.isMarketAlwaysOpen).toBe(true);
    expect(() => always.nextMarketOpen(utc("2013-10-07T12:00:00Z"), false)).toThrow(MarketNeverOpensError);
    expect(() => always.nextMarketClose(utc("2013-10-07T12:00:00Z"), false)).toThrow(/no market close within 15 days/);
  });
});

describe("ExchangeHours special days (LEAN's early close / late open rules)", () => {
  const mkt: MarketHoursSegment[] = [
    { start: 4 * H, end: 9.5 * H, state: "premarket" },
    { start: 9.5 * H, end: 16 * H, state: "market" },
    { start: 16 * H, end: 20 * H, state: "postmarket" },
  ];
  const weekly = [[], mkt, mkt, mkt, mkt, mkt, []];
  const mon = dayNumberFromDateKey(20131007);
  const tue = mon + 1;
  const wed = mon + 2;
  const hours = new ExchangeHours({
    timeZone: "America/New_York",
    weekly,
    calendar: new ListedCalendar(
      new Set(),
      new Map([
        [mon, 13 * H],
        [wed, 11 * H],
      ]),
      new Map([
        [tue, 10 * H + 30 * M],
        [wed, 12 * H],
      ]),
    ),
  });

  it("drops the segments after an early close and truncates the one it falls in", () => {
    expect(hours.day(mon).localSegments).toEqual([
      { start: 4 * H, end: 9.5 * H, state: "premarket" },
      { start: 9.5 * H, end: 13 * H, state: "market" },
    ]);
  });

  it("drops the segments before a late open and starts the one it falls in at the late open", () => {
    expect(hours.day(tue).localSegments).toEqual([
      { start: 10.5 * H, end: 16 * H, state: "market" },
      { start: 16 * H, end: 20 * H, state: "postmarket" },
    ]);
    expect(hours.marketOpen(20131008)).toBe(utc("2013-10-08T14:30:00Z"));
    expect(hours.lateOpen(20131008)).toBe(utc("2013-10-08T14:30:00Z"));
  });

  it("keeps the morning and resumes at the late open when it follows an early close", () => {
    expect(hours.day(wed).localSegments).toEqual([
      { start: 4 * H, end: 9.5 * H, state: "premarket" },
      { start: 9.5 * H, end: 11 * H, state: "market" },
      { start: 12 * H, end: 16 * H, state: "market" },
      { start: 16 * H, end: 20 * H, state: "postmarket" },
    ]);
    expect(hours.isOpen(utc("2013-10-09T15:30:00Z"), false)).toBe(false); // 11:30 local
    expect(hours.isOpen(utc("2013-10-09T16:00:00Z"), false)).toBe(true); // 12:00 local
    expect(hours.nextMarketClose(utc("2013-10-09T14:00:00Z"), false)).toBe(utc("2013-10-09T15:00:00Z"));
  });
});

describe("ExchangeHours speed", () => {
  it("answers a million isOpen calls over a trading week quickly (cached days)", () => {
    const start = utc("2013-10-07T08:00:00Z");
    let open = 0;
    const t0 = performance.now();
    for (let i = 0; i < 1_000_000; i++) if (equity.isOpen(start + (i % 7200) * 60_000, false)) open++;
    const elapsed = performance.now() - t0;
    expect(open).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(1500);
  });
});

describe("ExchangeHours next open / close on continuous schedules (LEAN's SecurityExchangeHoursTests fixture)", () => {
  // a US future: Sunday open all day, weekdays 00:00-16:15, 16:30-17:00, 18:00-24:00 (Friday ends 17:00)
  const seg = (a: number, b: number): MarketHoursSegment => ({ start: a * H, end: b * H, state: "market" });
  const weekday = [seg(0, 16.25), seg(16.5, 17), seg(18, 24)];
  const future = new ExchangeHours({
    timeZone: "America/New_York",
    weekly: [[seg(0, 24)], weekday, weekday, weekday, weekday, [seg(0, 16.25), seg(16.5, 17)], []],
    calendar: new ListedCalendar(
      new Set(),
      new Map([
        [dayNumberFromDateKey(20131128), 10.5 * H],
        [dayNumberFromDateKey(20131129), 12.25 * H],
      ]),
      new Map(),
    ),
  });
  const ny = (iso: string) => DateTime.fromISO(iso, { zone: "America/New_York" }).toMillis();

  it("GetNextMarketOpenForContinuousSchedulesOverWeekends: Saturday -> Sunday 00:00", () => {
    expect(future.nextMarketOpen(ny("2022-01-01T00:00"), false)).toBe(ny("2022-01-02T00:00"));
  });

  it("GetNextMarketOpenForContinuousSchedules: Monday 00:00 continues Sunday, so the next open is 16:30", () => {
    expect(future.nextMarketOpen(ny("2022-01-03T00:00"), false)).toBe(ny("2022-01-03T16:30"));
    expect(future.nextMarketOpen(ny("2022-01-02T00:00"), false)).toBe(ny("2022-01-03T16:30"));
  });

  it("GetNextMarketCloseForContinuousSchedulesOverWeekends: Saturday -> Monday 16:15", () => {
    expect(future.nextMarketClose(ny("2022-01-01T00:00"), false)).toBe(ny("2022-01-03T16:15"));
  });

  it("GetNextMarketOpenForEarlyCloses: after an early close the next day's 00:00 is an open", () => {
    expect(future.nextMarketOpen(ny("2013-11-28T00:00"), false)).toBe(ny("2013-11-29T00:00"));
  });
});
