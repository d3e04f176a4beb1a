/**
 * What date rules and time rules need from the algorithm: its time zone and a way to find a
 * security's exchange hours. Plus the rule shapes shared by rules and the event-time generator.
 */
import type { DateTime } from "luxon";
import type { ExchangeHours } from "./exchange-hours.ts";

export interface ScheduleContext {
  /** the algorithm's time zone (LEAN's default is America/New_York) */
  readonly timeZone: string;
  /** resolves a Symbol or ticker to its exchange hours; throws if unknown */
  hoursFor(symbol: unknown): ExchangeHours;
  /** current algorithm time, epoch ms; needed only by dateRules.today/tomorrow and timeRules.now */
  utcNow?(): number;
  /**
   * Exchange hours consulted by the symbol-less afterMarketOpen()/beforeMarketClose() (LEAN: SPY's
   * plus every subscribed non-US-equity security's that is not always open). Default: [hoursFor("SPY")].
   */
  marketOpenCloseHours?(): ExchangeHours[];
  /** the name a symbol prints with in rule names (LEAN's Symbol.Value); default: string or `.value` */
  symbolName?(symbol: unknown): string;
}

/** A set of local dates. Dates are handled as day numbers (days since 1970-01-01) internally. */
export interface DateRule {
  readonly name: string;
  /** the zone `getDates` returns DateTimes in (the algorithm's) */
  readonly timeZone: string;
  /** the rule's local dates within [startDay, endDay], ascending, lazily */
  dayNumbers(startDay: number, endDay: number): Iterable<number>;
  /** LEAN's GetDates: the rule's dates within [start, end] (calendar dates), ascending, lazily */
  getDates(start: DateTime, end: DateTime): Iterable<DateTime>;
}

/** Times of day for dates. */
export interface TimeRule {
  readonly name: string;
  /** epoch ms of the events on one local date (day number), ascending; empty if none */
  timesForDay(dayNumber: number): number[];
  /** as timesForDay for a DateTime (its calendar date) or yyyymmdd */
  getTimes(localDate: DateTime | number): number[];
  /** LEAN's CreateUtcEventTimes: the events of each date in turn, lazily */
  createUtcEventTimes(dates: Iterable<DateTime>): Iterable<number>;
}

export function defaultSymbolName(symbol: unknown): string {
  if (typeof symbol === "string") return symbol.toUpperCase();
  if (typeof symbol === "object" && symbol !== null) {
    const value = (symbol as { value?: unknown }).value;
    if (typeof value === "string") return value;
  }
  return String(symbol);
}
