/**
 * The listed expiries of the generated option chain, as US index ETF options list them:
 * weeklies every Friday and monthlies on the third Friday, each moved to the previous trading
 * day when its Friday is a holiday (Good Friday 2025-04-18 -> Thursday 2025-04-17). A weekly is
 * listed while it is at most `weeklyHorizonDays` away, a monthly while at most
 * `monthlyHorizonDays` away, so once listed a contract stays listed until it expires.
 */
import { DayOfWeek, civilFromDayNumber, dateKeyFromDayNumber, dayOfWeekOfDayNumber, type ExchangeHours } from "../time/index.ts";

export interface Expiry {
  /** yyyymmdd of the last trading day. */
  date: number;
  dayNumber: number;
  /** Third-Friday (standard monthly) expiry. */
  monthly: boolean;
}

/** Every expiry (weekly and monthly) whose Friday falls in [firstDay, lastDay] (day numbers). */
export function expiriesBetween(firstDay: number, lastDay: number, hours: ExchangeHours): Expiry[] {
  const result: Expiry[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    if (dayOfWeekOfDayNumber(day) !== DayOfWeek.Friday) continue;
    const dayOfMonth = civilFromDayNumber(day)[2];
    const monthly = dayOfMonth >= 15 && dayOfMonth <= 21;
    let expiry = day;
    while (!hours.isDayOpen(expiry)) expiry--;
    result.push({ date: dateKeyFromDayNumber(expiry), dayNumber: expiry, monthly });
  }
  return result;
}

/** The expiries listed on `dayNumber` (expiry on or after that day, inside the horizons). */
export function listedExpiries(all: readonly Expiry[], dayNumber: number, weeklyHorizonDays: number, monthlyHorizonDays: number): Expiry[] {
  return all.filter((e) => e.dayNumber >= dayNumber && e.dayNumber - dayNumber <= (e.monthly ? monthlyHorizonDays : weeklyHorizonDays));
}
