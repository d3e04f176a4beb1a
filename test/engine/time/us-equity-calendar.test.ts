import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import {
  DayOfWeek,
  MarketHoursDatabase,
  NOT_EARLY_CLOSES,
  SPECIAL_EARLY_CLOSES,
  SPECIAL_HOLIDAYS,
  US_EQUITY_EARLY_CLOSE,
  dateKeyFromDayNumber,
  dayNumberFromCivil,
  dayNumberFromDateKey,
  dayOfWeekOfDayNumber,
  easterSunday,
  parseLeanDate,
  parseTimeSpan,
  usEquityEarlyCloses,
  usEquityHolidays,
} from "../../../src/engine/time/index.ts";
import { MARKET_HOURS_JSON } from "./lean-data.ts";

const json = JSON.parse(readFileSync(MARKET_HOURS_JSON, "utf8"));
const entry = json.entries["Equity-usa-[*]"] as { holidays: string[]; earlyCloses: Record<string, string> };
const leanHolidays = entry.holidays.map((h) => parseLeanDate(h, "holidays"));
const leanEarly = Object.entries(entry.earlyCloses).map(([d, t]) => [parseLeanDate(d, "earlyCloses"), parseTimeSpan(t, d)] as const);
const yearOf = (day: number) => Math.floor(dateKeyFromDayNumber(day) / 10000);
const isWeekday = (day: number) => {
  const dow = dayOfWeekOfDayNumber(day);
  return dow >= DayOfWeek.Monday && dow <= DayOfWeek.Friday;
};
const allYears = [...leanHolidays, ...leanEarly.map(([d]) => d)].map(yearOf);
const firstYear = Math.min(...allYears);
const lastYear = Math.max(...allYears);

describe("built-in US equity calendar vs LEAN's Equity-usa-[*] entry", () => {
  it("covers LEAN's whole range, 1998 to 2028", () => {
    expect(firstYear).toBe(1998);
    expect(lastYear).toBe(2028);
  });

  it("has exactly LEAN's weekday holidays in every year LEAN's file covers", () => {
    for (let year = firstYear; year <= lastYear; year++) {
      const lean = leanHolidays.filter((d) => yearOf(d) === year && isWeekday(d)).sort((a, b) => a - b);
      expect(usEquityHolidays(year).map(dateKeyFromDayNumber), `holidays ${year}`).toEqual(lean.map(dateKeyFromDayNumber));
    }
  });

  it("has exactly LEAN's weekday early closes, all at 13:00, in every year LEAN's file covers", () => {
    for (let year = firstYear; year <= lastYear; year++) {
      const lean = leanEarly
        .filter(([d]) => yearOf(d) === year && isWeekday(d))
        .sort((a, b) => a[0] - b[0])
        .map(([d, t]) => [dateKeyFromDayNumber(d), t]);
      const mine = [...usEquityEarlyCloses(year)].map(([d, t]) => [dateKeyFromDayNumber(d), t]);
      expect(mine, `early closes ${year}`).toEqual(lean);
    }
  });

  it("differs from LEAN's lists only by weekend dates, which change nothing", () => {
    const weekendHolidays = leanHolidays.filter((d) => !isWeekday(d)).map(dateKeyFromDayNumber).sort();
    const weekendEarly = leanEarly.filter(([d]) => !isWeekday(d)).map(([d]) => dateKeyFromDayNumber(d));
    expect(weekendHolidays).toEqual([20110101, 20220101]); // Saturday New Years, not observed
    expect(weekendEarly).toEqual([20171224]); // a Sunday
  });

  it("gives the same trading days, opens and closes as LEAN's file for every day 1998-2028", () => {
    const lean = MarketHoursDatabase.fromFile(MARKET_HOURS_JSON).get("Equity", "usa", "SPY").exchangeHours;
    const mine = MarketHoursDatabase.builtIn().get("Equity", "usa", "SPY").exchangeHours;
    const mismatches: string[] = [];
    for (let d = dayNumberFromCivil(firstYear, 1, 1); d <= dayNumberFromCivil(lastYear, 12, 31); d++) {
      const a = lean.day(d);
      const b = mine.day(d);
      if (lean.isDayOpen(d) !== mine.isDayOpen(d) || JSON.stringify(a.localSegments) !== JSON.stringify(b.localSegments)) {
        mismatches.push(String(dateKeyFromDayNumber(d)));
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("gives the index calendar LEAN's Index-usa-[*] days too (12:00 Chicago early closes), 1998-2027", () => {
    // LEAN's index entry stops listing holidays after 2027; our rule-based calendar continues
    const lean = MarketHoursDatabase.fromFile(MARKET_HOURS_JSON).get("Index", "usa", "NOSUCHINDEX").exchangeHours;
    const mine = MarketHoursDatabase.builtIn().get("Index", "usa", "NOSUCHINDEX").exchangeHours;
    const mismatches: number[] = [];
    for (let d = dayNumberFromCivil(1998, 1, 1); d <= dayNumberFromCivil(2027, 12, 31); d++) {
      if (JSON.stringify(lean.day(d).localSegments) !== JSON.stringify(mine.day(d).localSegments)) {
        mismatches.push(dateKeyFromDayNumber(d));
      }
    }
    expect(mismatches).toEqual([]);
    expect(mine.marketClose(20151127)).toBe(Date.parse("2015-11-27T18:00:00Z"));
  });

  it("keeps its one-off dates in explicit, cited lists", () => {
    expect([...SPECIAL_HOLIDAYS.keys()]).toEqual([
      20010911, 20010912, 20010913, 20010914, 20040611, 20070102, 20121029, 20121030, 20181205, 20250109,
    ]);
    expect([...SPECIAL_EARLY_CLOSES.keys()]).toEqual([20020705, 20031226]);
    expect([...NOT_EARLY_CLOSES.keys()]).toEqual([19981127, 19981224, 20020703]);
    for (const reason of [...SPECIAL_HOLIDAYS.values(), ...SPECIAL_EARLY_CLOSES.values(), ...NOT_EARLY_CLOSES.values()]) {
      expect(reason.length).toBeGreaterThan(10);
    }
  });
});

describe("built-in US equity calendar rules", () => {
  const keys = (year: number) => usEquityHolidays(year).map(dateKeyFromDayNumber);

  it("computes Easter (Good Friday is two days before)", () => {
    expect(dateKeyFromDayNumber(easterSunday(2000))).toBe(20000423);
    expect(dateKeyFromDayNumber(easterSunday(2019))).toBe(20190421);
    expect(dateKeyFromDayNumber(easterSunday(2038))).toBe(20380425);
    expect(dateKeyFromDayNumber(easterSunday(2285))).toBe(22850322);
  });

  it("does not observe a Saturday New Year's Day on the Friday before", () => {
    expect(keys(2028)).not.toContain(20271231);
    expect(keys(2027)).not.toContain(20271231);
    expect(keys(2033)[0]).toBe(20330117); // 2033-01-01 is a Saturday: first holiday is MLK Day
  });

  it("moves Sunday holidays to Monday and Saturday holidays to Friday", () => {
    expect(keys(2034)).toContain(20340102); // New Year on Sunday
    expect(keys(2032)).toContain(20320705); // July 4 on Sunday
    expect(keys(2032)).toContain(20321224); // Christmas on Saturday
    expect(keys(2032)).toContain(20320618); // Juneteenth on Saturday
  });

  it("extends past LEAN's list by rule: 2030", () => {
    expect(keys(2030)).toEqual([
      20300101, 20300121, 20300218, 20300419, 20300527, 20300619, 20300704, 20300902, 20301128, 20301225,
    ]);
    expect([...usEquityEarlyCloses(2030)].map(([d, t]) => [dateKeyFromDayNumber(d), t])).toEqual([
      [20300703, US_EQUITY_EARLY_CLOSE],
      [20301129, US_EQUITY_EARLY_CLOSE],
      [20301224, US_EQUITY_EARLY_CLOSE],
    ]);
  });

  it("starts Juneteenth in 2022 and MLK Day in 1998", () => {
    expect(keys(2021).some((k) => Math.floor(k / 100) % 100 === 6)).toBe(false);
    expect(keys(2022)).toContain(20220620);
    expect(keys(1997)).not.toContain(19970120);
    expect(keys(1998)).toContain(19980119);
  });

  it("makes July 3 an early close only Monday-Thursday, never when it is the observed holiday", () => {
    expect(usEquityEarlyCloses(2029).has(dayNumberFromDateKey(20290703))).toBe(true); // Tuesday
    expect(usEquityEarlyCloses(2037).has(dayNumberFromDateKey(20370703))).toBe(false); // Friday: the holiday
    expect(usEquityHolidays(2037)).toContain(dayNumberFromDateKey(20370703));
  });
});
