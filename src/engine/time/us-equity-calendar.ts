/**
 * The US equity market (NYSE/Nasdaq) holiday and early-close calendar, computed by rule per year.
 *
 * The product ships without LEAN's market-hours file, so this must agree with LEAN's
 * `Equity-usa-[*]` entry for every weekday in the years that file covers (1998-2028; the test
 * test/engine/time/us-equity-calendar.test.ts compares them day by day) and keep going by rule
 * afterwards. Weekend dates are never holidays or early closes here: LEAN's file lists a few
 * (1/1/2011, 1/1/2022, 12/24/2017), which change nothing because the market is closed on weekends.
 *
 * Rules (NYSE Rule 7.2 and its history):
 * - Holidays: New Year's Day (Sunday -> Monday; a Saturday New Year is not observed on Friday
 *   Dec 31), Martin Luther King Jr. Day (3rd Monday of January, from 1998), Washington's Birthday
 *   (3rd Monday of February), Good Friday, Memorial Day (last Monday of May), Juneteenth (June 19,
 *   from 2022), Independence Day, Labor Day (1st Monday of September), Thanksgiving (4th Thursday
 *   of November), Christmas. Fixed-date holidays other than New Year move Saturday -> Friday and
 *   Sunday -> Monday.
 * - Early closes at 13:00 ET: July 3 when it is Monday-Thursday, the day after Thanksgiving, and
 *   Christmas Eve when it is Monday-Thursday.
 * - One-off closures and exceptions: `SPECIAL_HOLIDAYS` / `SPECIAL_EARLY_CLOSES` /
 *   `NOT_EARLY_CLOSES` below, each with its reason.
 *
 * Pure: day numbers in, day numbers out; no time zone (the dates are New York dates).
 */
import {
  DayOfWeek,
  MS_PER_HOUR,
  dayNumberFromCivil,
  dayOfWeekOfDayNumber,
  civilFromDayNumber,
} from "./civil-date.ts";
import type { ExchangeCalendar } from "./exchange-hours.ts";

/** 13:00 local, the NYSE early close. */
export const US_EQUITY_EARLY_CLOSE = 13 * MS_PER_HOUR;

/** The first year the rules are claimed for (MLK Day became an NYSE holiday in 1998). */
export const US_EQUITY_CALENDAR_FIRST_YEAR = 1998;

/** One-off full-day closures (yyyymmdd), as listed in LEAN's Equity-usa-[*] holidays. */
export const SPECIAL_HOLIDAYS: ReadonlyMap<number, string> = new Map([
  [20010911, "September 11 attacks"],
  [20010912, "September 11 attacks"],
  [20010913, "September 11 attacks"],
  [20010914, "September 11 attacks"],
  [20040611, "National day of mourning for President Reagan"],
  [20070102, "National day of mourning for President Ford"],
  [20121029, "Hurricane Sandy"],
  [20121030, "Hurricane Sandy"],
  [20181205, "National day of mourning for President George H. W. Bush"],
  [20250109, "National day of mourning for President Carter"],
]);

/** One-off early closes (yyyymmdd -> reason), as listed in LEAN's Equity-usa-[*] earlyCloses. */
export const SPECIAL_EARLY_CLOSES: ReadonlyMap<number, string> = new Map([
  [20020705, "NYSE closed early on Friday July 5, 2002 instead of Wednesday July 3"],
  [20031226, "NYSE closed early on Friday December 26, 2003, the day after Christmas"],
]);

/** Days the rules would make early closes but were full sessions (absent from LEAN's file). */
export const NOT_EARLY_CLOSES: ReadonlyMap<number, string> = new Map([
  [19981127, "1998 day after Thanksgiving: not an early close in LEAN's file"],
  [19981224, "1998 Christmas Eve: not an early close in LEAN's file"],
  [20020703, "2002: the early close was moved to July 5"],
]);

function nthWeekday(year: number, month: number, weekday: DayOfWeek, n: number): number {
  const first = dayNumberFromCivil(year, month, 1);
  const offset = (weekday - dayOfWeekOfDayNumber(first) + 7) % 7;
  return first + offset + (n - 1) * 7;
}

function lastWeekday(year: number, month: number, weekday: DayOfWeek): number {
  const nextFirst = month === 12 ? dayNumberFromCivil(year + 1, 1, 1) : dayNumberFromCivil(year, month + 1, 1);
  const last = nextFirst - 1;
  return last - ((dayOfWeekOfDayNumber(last) - weekday + 7) % 7);
}

/** Easter Sunday (Gregorian, anonymous computus). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumberFromCivil(year, month, day);
}

/** Saturday -> Friday, Sunday -> Monday. */
function observed(dayNumber: number): number {
  const dow = dayOfWeekOfDayNumber(dayNumber);
  if (dow === DayOfWeek.Saturday) return dayNumber - 1;
  if (dow === DayOfWeek.Sunday) return dayNumber + 1;
  return dayNumber;
}

function dayNumberFromKey(key: number): number {
  return dayNumberFromCivil(Math.floor(key / 10000), Math.floor(key / 100) % 100, key % 100);
}

function yearOf(dayNumber: number): number {
  return civilFromDayNumber(dayNumber)[0];
}

/** The weekday holidays of a year, ascending day numbers. */
export function usEquityHolidays(year: number): number[] {
  const days: number[] = [];
  const newYear = dayNumberFromCivil(year, 1, 1);
  const newYearDow = dayOfWeekOfDayNumber(newYear);
  if (newYearDow === DayOfWeek.Sunday) days.push(newYear + 1);
  else if (newYearDow !== DayOfWeek.Saturday) days.push(newYear); // Saturday: not observed
  if (year >= 1998) days.push(nthWeekday(year, 1, DayOfWeek.Monday, 3));
  days.push(nthWeekday(year, 2, DayOfWeek.Monday, 3));
  days.push(easterSunday(year) - 2);
  days.push(lastWeekday(year, 5, DayOfWeek.Monday));
  if (year >= 2022) days.push(observed(dayNumberFromCivil(year, 6, 19)));
  days.push(observed(dayNumberFromCivil(year, 7, 4)));
  days.push(nthWeekday(year, 9, DayOfWeek.Monday, 1));
  days.push(nthWeekday(year, 11, DayOfWeek.Thursday, 4));
  days.push(observed(dayNumberFromCivil(year, 12, 25)));
  for (const key of SPECIAL_HOLIDAYS.keys()) {
    if (Math.floor(key / 10000) === year) days.push(dayNumberFromKey(key));
  }
  return [...new Set(days)].sort((a, b) => a - b);
}

/** The early closes of a year: day number -> close as ms since local midnight, ascending. */
export function usEquityEarlyCloses(year: number): Map<number, number> {
  const holidays = new Set(usEquityHolidays(year));
  const candidates: number[] = [];
  const weekdayOnly = (d: number): void => {
    const dow = dayOfWeekOfDayNumber(d);
    if (dow >= DayOfWeek.Monday && dow <= DayOfWeek.Thursday) candidates.push(d);
  };
  weekdayOnly(dayNumberFromCivil(year, 7, 3));
  candidates.push(nthWeekday(year, 11, DayOfWeek.Thursday, 4) + 1);
  weekdayOnly(dayNumberFromCivil(year, 12, 24));
  const notEarly = new Set([...NOT_EARLY_CLOSES.keys()].map(dayNumberFromKey));
  for (const key of SPECIAL_EARLY_CLOSES.keys()) {
    if (Math.floor(key / 10000) === year) candidates.push(dayNumberFromKey(key));
  }
  const result = new Map<number, number>();
  for (const d of [...new Set(candidates)].sort((a, b) => a - b)) {
    if (!holidays.has(d) && !notEarly.has(d)) result.set(d, US_EQUITY_EARLY_CLOSE);
  }
  return result;
}

/**
 * The calendar as an ExchangeCalendar, years computed on first use and cached.
 * `earlyCloseTime` lets the index calendar (Chicago time) reuse the same days with a 12:00 close.
 */
export class UsEquityCalendar implements ExchangeCalendar {
  private readonly holidayYears = new Map<number, Set<number>>();
  private readonly earlyCloseYears = new Map<number, Map<number, number>>();

  constructor(private readonly earlyCloseTime: number = US_EQUITY_EARLY_CLOSE) {}

  private holidaysOf(year: number): Set<number> {
    let s = this.holidayYears.get(year);
    if (s === undefined) {
      s = new Set(usEquityHolidays(year));
      this.holidayYears.set(year, s);
    }
    return s;
  }

  private earlyClosesOf(year: number): Map<number, number> {
    let m = this.earlyCloseYears.get(year);
    if (m === undefined) {
      m = new Map([...usEquityEarlyCloses(year).keys()].map((d) => [d, this.earlyCloseTime]));
      this.earlyCloseYears.set(year, m);
    }
    return m;
  }

  isHoliday(dayNumber: number): boolean {
    return this.holidaysOf(yearOf(dayNumber)).has(dayNumber);
  }

  earlyClose(dayNumber: number): number | undefined {
    return this.earlyClosesOf(yearOf(dayNumber)).get(dayNumber);
  }

  lateOpen(_dayNumber: number): number | undefined {
    return undefined;
  }
}
