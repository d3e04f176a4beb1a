/**
 * The regular sessions the generator fills: every US equity trading day in a date range with its
 * open and close as local milliseconds since midnight and as epoch ms, from the engine's own
 * market calendar (holidays, the 13:00 early closes, one-off closures such as 2025-01-09, and
 * daylight saving time through the New York zone).
 */
import { MarketHoursDatabase, dateKeyFromDayNumber, dayNumberFromDateKey, type ExchangeHours } from "../time/index.ts";

export interface TradingSession {
  /** yyyymmdd, exchange-local. */
  date: number;
  /** Days since 1970-01-01 of the local date. */
  dayNumber: number;
  /** Regular open and close, local ms since midnight (34_200_000 = 09:30). */
  openLocal: number;
  closeLocal: number;
  /** Regular open and close as epoch ms UTC. */
  openEpoch: number;
  closeEpoch: number;
  /** Minute bars in the regular session: 390 on a full day, 210 on a 13:00 early close. */
  minutes: number;
  /** Calendar days since the previous session's date (1 on Tuesday-Friday after a normal day). */
  gapDays: number;
}

export const US_EQUITY_TIME_ZONE = "America/New_York";

/** The US equity exchange hours of the built-in market hours database. */
export function usEquityExchangeHours(): ExchangeHours {
  return MarketHoursDatabase.builtIn().get("Equity", "usa", "[*]").exchangeHours;
}

/** Every regular session from `startDate` to `endDate` (yyyymmdd, inclusive). */
export function tradingSessions(startDate: number, endDate: number, hours: ExchangeHours = usEquityExchangeHours()): TradingSession[] {
  const first = dayNumberFromDateKey(startDate);
  const last = dayNumberFromDateKey(endDate);
  const sessions: TradingSession[] = [];
  let previous = hours.previousTradingDayNumber(first);
  for (let day = first; day <= last; day++) {
    if (!hours.isDayOpen(day)) continue;
    const openLocal = hours.firstDailyOpenLocal(day, false);
    const closeLocal = hours.lastDailyCloseLocal(day, false);
    const openEpoch = hours.firstDailyOpen(day, false);
    const closeEpoch = hours.lastDailyClose(day, false);
    if (openLocal === null || closeLocal === null || openEpoch === null || closeEpoch === null) continue;
    sessions.push({
      date: dateKeyFromDayNumber(day),
      dayNumber: day,
      openLocal,
      closeLocal,
      openEpoch,
      closeEpoch,
      minutes: Math.round((closeLocal - openLocal) / 60_000),
      gapDays: day - previous,
    });
    previous = day;
  }
  return sessions;
}
