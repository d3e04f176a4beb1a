/**
 * Standard (monthly) versus weekly expiries, as LEAN's `OptionSymbol.IsStandard`/`IsWeekly`
 * classify them: an expiry is standard when it falls on the Thursday, Friday or Saturday of the
 * month's third-Friday week (Thursday: a Friday holiday moves the expiry back a day; Saturday:
 * pre-2015 contracts expired the Saturday after the third Friday). Weekly: any other Friday. Pure date arithmetic on yyyymmdd keys.
 */

function civil(yyyymmdd: number): { year: number; month: number; day: number } {
  return { year: Math.floor(yyyymmdd / 10000), month: Math.floor(yyyymmdd / 100) % 100, day: yyyymmdd % 100 };
}

/** 0 = Sunday .. 6 = Saturday. */
export function dayOfWeekOfDateKey(yyyymmdd: number): number {
  const { year, month, day } = civil(yyyymmdd);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Day of the month of the first Friday. */
function firstFriday(year: number, month: number): number {
  const firstDay = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return firstDay === 6 ? 7 : 6 - firstDay;
}

/** True for a standard (monthly, third-Friday week) expiry. */
export function isStandardExpiry(expiry: number): boolean {
  const { year, month, day } = civil(expiry);
  const friday = firstFriday(year, month);
  // strictly after the Wednesday before the third Friday, strictly before the Sunday after it
  return friday + 7 + 5 < day && day < friday + 14 + 2;
}

/** True for a weekly expiry: a Friday that is not a standard expiry. */
export function isWeeklyExpiry(expiry: number): boolean {
  return !isStandardExpiry(expiry) && dayOfWeekOfDateKey(expiry) === 5;
}

/** The third Friday of a month, yyyymmdd. */
export function thirdFriday(year: number, month: number): number {
  return year * 10000 + month * 100 + firstFriday(year, month) + 14;
}
