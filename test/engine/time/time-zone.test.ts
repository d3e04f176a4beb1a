import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import {
  InvalidTimeZoneError,
  MS_PER_HOUR,
  epochFromLocal,
  epochFromLocalDay,
  localDateKey,
  localDayNumber,
  localMidnight,
  localTimeOfDay,
  dayNumberFromDateKey,
  dateKeyFromDayNumber,
  dayOfWeekOfDayNumber,
  DayOfWeek,
  InvalidDateError,
  toLocalDateTime,
} from "../../../src/engine/time/index.ts";

const NY = "America/New_York";
const utc = (iso: string) => Date.parse(iso);

describe("civil dates", () => {
  it("round-trips yyyymmdd through day numbers and knows the weekday", () => {
    expect(dayNumberFromDateKey(19700101)).toBe(0);
    expect(dateKeyFromDayNumber(dayNumberFromDateKey(20131007))).toBe(20131007);
    expect(dateKeyFromDayNumber(dayNumberFromDateKey(20000229))).toBe(20000229);
    expect(dayOfWeekOfDayNumber(dayNumberFromDateKey(20131007))).toBe(DayOfWeek.Monday);
    expect(dayOfWeekOfDayNumber(dayNumberFromDateKey(19691231))).toBe(DayOfWeek.Wednesday);
  });

  it("rejects impossible yyyymmdd values with InvalidDateError", () => {
    expect(() => dayNumberFromDateKey(20130230)).toThrow(InvalidDateError);
    expect(() => dayNumberFromDateKey(20131301)).toThrow(/20131301 is not a valid yyyymmdd/);
    expect(() => dayNumberFromDateKey(19000229)).toThrow(InvalidDateError);
  });
});

describe("epochFromLocal", () => {
  it("converts 09:30 New York to 13:30Z in daylight time and 14:30Z in standard time", () => {
    expect(epochFromLocal(20131007, 9.5 * MS_PER_HOUR, NY)).toBe(utc("2013-10-07T13:30:00Z"));
    expect(epochFromLocal(20131101, 9.5 * MS_PER_HOUR, NY)).toBe(utc("2013-11-01T13:30:00Z"));
    expect(epochFromLocal(20131104, 9.5 * MS_PER_HOUR, NY)).toBe(utc("2013-11-04T14:30:00Z"));
    expect(epochFromLocal(20140307, 9.5 * MS_PER_HOUR, NY)).toBe(utc("2014-03-07T14:30:00Z"));
    expect(epochFromLocal(20140310, 9.5 * MS_PER_HOUR, NY)).toBe(utc("2014-03-10T13:30:00Z"));
  });

  it("changes the offset at 02:00 local on the DST days themselves", () => {
    // 2014-03-09 spring forward: 01:59 EST, then 03:00 EDT
    expect(epochFromLocal(20140309, 1 * MS_PER_HOUR, NY)).toBe(utc("2014-03-09T06:00:00Z"));
    expect(epochFromLocal(20140309, 3 * MS_PER_HOUR, NY)).toBe(utc("2014-03-09T07:00:00Z"));
    expect(epochFromLocal(20140309, 9.5 * MS_PER_HOUR, NY)).toBe(utc("2014-03-09T13:30:00Z"));
    // 2013-11-03 fall back: 01:59 EDT, then 01:00 EST
    expect(epochFromLocal(20131103, 0, NY)).toBe(utc("2013-11-03T04:00:00Z"));
    expect(epochFromLocal(20131103, 3 * MS_PER_HOUR, NY)).toBe(utc("2013-11-03T08:00:00Z"));
    expect(epochFromLocal(20131103, 9.5 * MS_PER_HOUR, NY)).toBe(utc("2013-11-03T14:30:00Z"));
  });

  it("resolves skipped and ambiguous local times leniently, as LEAN's ConvertToUtc", () => {
    // 02:30 does not exist on 2014-03-09: shifted forward by the gap to 03:30 EDT
    expect(epochFromLocal(20140309, 2.5 * MS_PER_HOUR, NY)).toBe(utc("2014-03-09T07:30:00Z"));
    // 01:30 exists twice on 2013-11-03: the earlier (EDT) instant
    expect(epochFromLocal(20131103, 1.5 * MS_PER_HOUR, NY)).toBe(utc("2013-11-03T05:30:00Z"));
    // 02:00 on the fall-back day is after the repeat: EST
    expect(epochFromLocal(20131103, 2 * MS_PER_HOUR, NY)).toBe(utc("2013-11-03T07:00:00Z"));
  });

  it("rolls times outside one day into the neighbouring days", () => {
    const day = dayNumberFromDateKey(20131007);
    expect(epochFromLocalDay(day, -5 * 60_000, NY)).toBe(utc("2013-10-07T03:55:00Z"));
    expect(epochFromLocalDay(day, 24 * MS_PER_HOUR + 60_000, NY)).toBe(utc("2013-10-08T04:01:00Z"));
  });

  it("agrees with luxon for every hour of day across 2013-2015 in New York and Chicago", () => {
    for (const zone of [NY, "America/Chicago"]) {
      const start = DateTime.fromObject({ year: 2013, month: 1, day: 1 }, { zone });
      for (let h = 0; h < 3 * 365 * 24; h += 13) {
        const dt = start.plus({ hours: h });
        const key = dt.year * 10000 + dt.month * 100 + dt.day;
        const ms = (dt.hour * 60 + dt.minute) * 60_000;
        // the second occurrence of a repeated wall time resolves to the first, as LEAN does
        const earlier = DateTime.fromMillis(dt.toMillis() - MS_PER_HOUR, { zone });
        const repeated = earlier.toFormat("yyyyMMddHHmm") === dt.toFormat("yyyyMMddHHmm");
        expect(epochFromLocal(key, ms, zone)).toBe(repeated ? earlier.toMillis() : dt.toMillis());
        expect(localDateKey(dt.toMillis(), zone)).toBe(key);
        expect(localTimeOfDay(dt.toMillis(), zone)).toBe(ms);
        expect(localMidnight(dt.toMillis(), zone)).toBe(dt.startOf("day").toMillis());
      }
    }
  });

  it("accepts LEAN's fixed-offset zone names such as UTC-05", () => {
    expect(epochFromLocal(20130701, 0, "UTC-05")).toBe(utc("2013-07-01T05:00:00Z"));
    expect(epochFromLocal(20130101, 0, "UTC")).toBe(utc("2013-01-01T00:00:00Z"));
  });

  it("throws InvalidTimeZoneError for unknown zones", () => {
    expect(() => epochFromLocal(20130101, 0, "America/NewYork")).toThrow(InvalidTimeZoneError);
    expect(() => localDateKey(0, "Mars/Olympus")).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});

describe("epoch to local day", () => {
  it("gives the New York date, midnight and day number of an instant", () => {
    const t = utc("2013-10-08T03:59:00Z"); // 23:59 on 10-07 in New York
    expect(localDateKey(t, NY)).toBe(20131007);
    expect(localDayNumber(t, NY)).toBe(dayNumberFromDateKey(20131007));
    expect(localMidnight(t, NY)).toBe(utc("2013-10-07T04:00:00Z"));
    expect(localDateKey(t + 60_000, NY)).toBe(20131008);
  });

  it("gives the 23-hour and 25-hour DST days their true midnights", () => {
    expect(localMidnight(utc("2014-03-09T20:00:00Z"), NY)).toBe(utc("2014-03-09T05:00:00Z"));
    expect(localMidnight(utc("2014-03-10T20:00:00Z"), NY)).toBe(utc("2014-03-10T04:00:00Z"));
    expect(localMidnight(utc("2013-11-03T20:00:00Z"), NY)).toBe(utc("2013-11-03T04:00:00Z"));
    expect(localMidnight(utc("2013-11-04T20:00:00Z"), NY)).toBe(utc("2013-11-04T05:00:00Z"));
  });

  it("makes a luxon DateTime only at the edge", () => {
    const dt = toLocalDateTime(utc("2013-10-07T13:30:00Z"), NY);
    expect(dt.toISO()).toBe("2013-10-07T09:30:00.000-04:00");
  });
});
