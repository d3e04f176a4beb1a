/**
 * Calendar dates without a time zone, as plain integers.
 *
 * A "day number" counts days since 1970-01-01 in the proleptic Gregorian calendar (so it is also
 * floor(epochMs / 86_400_000) of that date's UTC midnight); a "date key" is the yyyymmdd integer
 * LEAN's file names use (20131007). Both are what the calendars and the rules work on: integer
 * arithmetic, no allocation, no time zone. luxon never appears here.
 */
import { DateTime } from "luxon";
import { InvalidDateError } from "./errors.ts";

export const MS_PER_DAY = 86_400_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_MINUTE = 60_000;

/** LEAN's (and .NET's) DayOfWeek: Sunday = 0 ... Saturday = 6. */
export enum DayOfWeek {
  Sunday = 0,
  Monday = 1,
  Tuesday = 2,
  Wednesday = 3,
  Thursday = 4,
  Friday = 5,
  Saturday = 6,
}

/** Day number of a Gregorian date (Howard Hinnant's days_from_civil). month 1-12. */
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number as [year, month 1-12, day]. */
export function civilFromDayNumber(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

export function dateKeyFromCivil(year: number, month: number, day: number): number {
  return year * 10000 + month * 100 + day;
}

/** Validates and converts a yyyymmdd integer; throws InvalidDateError on 20130230 and the like. */
export function dayNumberFromDateKey(dateKey: number): number {
  const year = Math.floor(dateKey / 10000);
  const month = Math.floor(dateKey / 100) % 100;
  const day = dateKey % 100;
  if (!Number.isInteger(dateKey) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidDateError(`InvalidDateError: ${dateKey} is not a valid yyyymmdd date`);
  }
  return dayNumberFromCivil(year, month, day);
}

export function dateKeyFromDayNumber(dayNumber: number): number {
  const [y, m, d] = civilFromDayNumber(dayNumber);
  return y * 10000 + m * 100 + d;
}

/** 1970-01-01 was a Thursday. */
export function dayOfWeekOfDayNumber(dayNumber: number): DayOfWeek {
  return ((((dayNumber + 4) % 7) + 7) % 7) as DayOfWeek;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * A local date given as a luxon DateTime (its calendar date in its own zone is used; the time of
 * day is ignored) or as a yyyymmdd integer. Returns the day number.
 */
export type LocalDate = DateTime | number;

export function dayNumberOf(date: LocalDate): number {
  if (typeof date === "number") return dayNumberFromDateKey(date);
  if (!date.isValid) {
    throw new InvalidDateError(`InvalidDateError: invalid DateTime (${date.invalidExplanation ?? "unknown reason"})`);
  }
  return dayNumberFromCivil(date.year, date.month, date.day);
}

/** The date of a day number as a luxon DateTime at local midnight in `zone`. */
export function dateTimeFromDayNumber(dayNumber: number, zone: string): DateTime {
  const [year, month, day] = civilFromDayNumber(dayNumber);
  return DateTime.fromObject({ year, month, day }, { zone });
}

/** "2013-10-07" for logs and messages. */
export function isoDateFromDayNumber(dayNumber: number): string {
  const [y, m, d] = civilFromDayNumber(dayNumber);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
