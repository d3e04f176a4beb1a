/**
 * DateRules: LEAN's date rules in camelCase (`dateRules.monthStart("SPY")`).
 *
 * Semantics follow LEAN's Common/Scheduling/DateRules.cs (commit 24863901):
 * - everyDay(): every calendar day. everyDay(symbol, extended=false): days the security trades
 *   (`isDateOpen(day, extended)`).
 * - every(...days): calendar days on those weekdays.
 * - weekStart/weekEnd/monthStart/monthEnd/quarterStart/quarterEnd/yearStart/yearEnd: for each
 *   period, take its base day (first / last calendar day of the period; for weeks with a symbol,
 *   the first / last weekday the security's weekly schedule opens, otherwise Monday / Friday), move
 *   to the next (start rules) or previous (end rules) trading day if the base day is not open
 *   (`isDateOpen(day, extended)`, extended defaults to true in the symbol variants as in LEAN),
 *   then step `daysOffset` trading days further (next / previous trading day, regular hours); if
 *   that passes the period's far boundary, fall back to the last (first) trading day within it.
 *   Without a symbol every day is a trading day. Only dates within [start, end] are produced: a
 *   backtest starting mid-month gets no monthStart event that month (LEAN: no catch-up).
 * - on(...dates): those dates, sorted and de-duplicated (LEAN keeps the given order).
 * - today / tomorrow: the algorithm's current date (or the next), whatever the range.
 *
 * Works on day numbers; luxon only at the `getDates` edge.
 */
import { DateTime } from "luxon";
import {
  DayOfWeek,
  civilFromDayNumber,
  dateTimeFromDayNumber,
  dayNumberFromCivil,
  dayNumberOf,
  dayOfWeekOfDayNumber,
  daysInMonth,
} from "./civil-date.ts";
import { InvalidDateError, ScheduleRuleError } from "./errors.ts";
import type { ExchangeHours } from "./exchange-hours.ts";
import { defaultSymbolName, type DateRule, type ScheduleContext } from "./schedule-context.ts";
import { zoneOffsets } from "./time-zone.ts";

/** A date rule from a function over day numbers (LEAN's FuncDateRule). */
export class FuncDateRule implements DateRule {
  constructor(
    readonly name: string,
    readonly timeZone: string,
    private readonly fn: (startDay: number, endDay: number) => Iterable<number>,
  ) {}

  dayNumbers(startDay: number, endDay: number): Iterable<number> {
    return this.fn(startDay, endDay);
  }

  *getDates(start: DateTime, end: DateTime): Iterable<DateTime> {
    for (const d of this.fn(dayNumberOf(start), dayNumberOf(end))) yield dateTimeFromDayNumber(d, this.timeZone);
  }
}

/** Open / next / previous trading day, with "no security" meaning open every day. */
interface TradingDays {
  isOpen(day: number, extendedMarketHours: boolean): boolean;
  next(day: number): number;
  previous(day: number): number;
}

const EVERY_DAY_OPEN: TradingDays = {
  isOpen: () => true,
  next: (d) => d + 1,
  previous: (d) => d - 1,
};

function tradingDaysOf(hours: ExchangeHours): TradingDays {
  return {
    isOpen: (d, ext) => hours.isDayOpen(d, ext),
    next: (d) => hours.nextTradingDayNumber(d),
    previous: (d) => hours.previousTradingDayNumber(d),
  };
}

/** LEAN's GetScheduledDay. */
function scheduledDay(
  days: TradingDays,
  baseDay: number,
  offset: number,
  searchForward: boolean,
  extendedMarketHours: boolean,
  boundary?: number,
): number {
  let day = baseDay;
  if (!days.isOpen(day, extendedMarketHours)) day = searchForward ? days.next(day) : days.previous(day);
  for (let i = 0; i < offset; i++) day = searchForward ? days.next(day) : days.previous(day);
  if (boundary !== undefined) {
    if (searchForward && day > boundary) day = scheduledDay(days, boundary, 0, false, extendedMarketHours);
    if (!searchForward && day < boundary) day = scheduledDay(days, boundary, 0, true, extendedMarketHours);
  }
  return day;
}

/** "+2", "-2" or "" as LEAN's offset.ToString("+#;-#;''"). */
function offsetSuffix(offset: number): string {
  return offset > 0 ? `+${offset}` : offset < 0 ? `${offset}` : "";
}

type Period = "month" | "quarter" | "year";

function periodBounds(period: Period, year: number, month: number): [first: number, last: number] {
  const firstMonth = period === "month" ? month : period === "quarter" ? Math.floor((month - 1) / 3) * 3 + 1 : 1;
  const lastMonth = period === "month" ? month : period === "quarter" ? firstMonth + 2 : 12;
  return [dayNumberFromCivil(year, firstMonth, 1), dayNumberFromCivil(year, lastMonth, daysInMonth(year, lastMonth))];
}

function* periodIterator(
  period: Period,
  days: TradingDays,
  start: number,
  end: number,
  offset: number,
  searchForward: boolean,
  extendedMarketHours: boolean,
): Generator<number> {
  const [sy, sm] = civilFromDayNumber(start);
  const [ey, em] = civilFromDayNumber(end);
  const step = period === "month" ? 1 : period === "quarter" ? 3 : 12;
  let year = sy;
  let month = period === "month" ? sm : period === "quarter" ? Math.floor((sm - 1) / 3) * 3 + 1 : 1;
  while (year < ey || (year === ey && month <= em)) {
    const [first, last] = periodBounds(period, year, month);
    const day = searchForward
      ? scheduledDay(days, first, offset, true, extendedMarketHours, last)
      : scheduledDay(days, last, offset, false, extendedMarketHours, first);
    if (day >= start && day <= end) yield day;
    month += step;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
  }
}

function* weekIterator(
  hours: ExchangeHours | undefined,
  start: number,
  end: number,
  offset: number,
  searchForward: boolean,
  extendedMarketHours: boolean,
): Generator<number> {
  let baseDow: number;
  let boundaryDow: number;
  let days: TradingDays;
  if (hours === undefined) {
    days = EVERY_DAY_OPEN;
    baseDow = searchForward ? DayOfWeek.Monday : DayOfWeek.Friday;
    boundaryDow = searchForward ? DayOfWeek.Saturday + 1 : DayOfWeek.Sunday - 1;
  } else {
    days = tradingDaysOf(hours);
    const open = openWeekdays(hours);
    baseDow = searchForward ? open[0] : open[open.length - 1];
    boundaryDow = searchForward ? open[open.length - 1] : open[0];
  }
  // weeks run Monday..Sunday: a Sunday start or end belongs to the week before
  const startDow = dayOfWeekOfDayNumber(start);
  const beginning = start - startDow + 1 + (startDow === DayOfWeek.Sunday ? -7 : 0);
  const endDow = dayOfWeekOfDayNumber(end);
  const endOfEndWeek = end - endDow + 7 + (endDow === DayOfWeek.Sunday ? -7 : 0);
  let base = beginning + ((baseDow - dayOfWeekOfDayNumber(beginning) + 7) % 7);
  for (; base <= endOfEndWeek; base += 7) {
    const day = scheduledDay(days, base, offset, searchForward, extendedMarketHours, base + (boundaryDow - baseDow));
    if (day >= start && day <= end) yield day;
  }
}

/** The weekdays (ascending DayOfWeek, Sunday first) on which the weekly template has segments. */
function openWeekdays(hours: ExchangeHours): DayOfWeek[] {
  const open: DayOfWeek[] = [];
  for (let d = 0; d < 7; d++) if (hours.weekly[d].length > 0) open.push(d as DayOfWeek);
  if (open.length === 0) {
    throw new ScheduleRuleError(`ScheduleRuleError: the exchange (${hours.timeZone}) never opens; week rules need a weekly schedule`);
  }
  return open;
}

function checkOffset(rule: string, offset: number, max: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > max) {
    throw new ScheduleRuleError(`ScheduleRuleError: DateRules.${rule}(): offset must be an integer between 0 and ${max}, got ${offset}`);
  }
}

export type DateInput = DateTime | string | number | [year: number, month: number, day: number];

function dayNumberOfInput(input: DateInput): number {
  if (Array.isArray(input)) {
    const [y, m, d] = input;
    if (!(m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) {
      throw new InvalidDateError(`InvalidDateError: ${y}-${m}-${d} is not a date`);
    }
    return dayNumberFromCivil(y, m, d);
  }
  if (typeof input === "string") {
    const dt = DateTime.fromISO(input, { setZone: true });
    if (!dt.isValid) throw new InvalidDateError(`InvalidDateError: "${input}" is not an ISO date such as 2013-10-07`);
    return dayNumberFromCivil(dt.year, dt.month, dt.day);
  }
  return dayNumberOf(input);
}

export class DateRules {
  constructor(private readonly ctx: ScheduleContext) {
    zoneOffsets(ctx.timeZone); // validate early
  }

  private rule(name: string, fn: (start: number, end: number) => Iterable<number>): DateRule {
    return new FuncDateRule(name, this.ctx.timeZone, fn);
  }

  private symbolName(symbol: unknown): string {
    return this.ctx.symbolName?.(symbol) ?? defaultSymbolName(symbol);
  }

  private name(symbol: unknown, rule: string, offset: number): string {
    return symbol === undefined ? `${rule}${offsetSuffix(offset)}` : `${this.symbolName(symbol)}: ${rule}${offsetSuffix(offset)}`;
  }

  /** Every calendar day; or, with a symbol, every day that security trades. */
  everyDay(symbol?: unknown, extendedMarketHours = false): DateRule {
    if (symbol === undefined) {
      return this.rule("EveryDay", function* (start, end) {
        for (let d = start; d <= end; d++) yield d;
      });
    }
    const hours = this.ctx.hoursFor(symbol);
    return this.rule(`${this.symbolName(symbol)}: EveryDay`, function* (start, end) {
      for (let d = start; d <= end; d++) if (hours.isDayOpen(d, extendedMarketHours)) yield d;
    });
  }

  /** Every calendar day falling on one of these weekdays. */
  every(...days: DayOfWeek[]): DateRule {
    for (const d of days) {
      if (!Number.isInteger(d) || d < 0 || d > 6) {
        throw new ScheduleRuleError(`ScheduleRuleError: DateRules.every(): ${d} is not a DayOfWeek (0 = Sunday .. 6 = Saturday)`);
      }
    }
    const set = new Set<number>(days);
    return this.rule(days.map((d) => DayOfWeek[d]).join(","), function* (start, end) {
      for (let d = start; d <= end; d++) if (set.has(dayOfWeekOfDayNumber(d))) yield d;
    });
  }

  /** Specific dates: DateTime, ISO string, yyyymmdd, or [year, month, day]. */
  on(...dates: DateInput[]): DateRule;
  on(year: number, month: number, day: number): DateRule;
  on(...args: DateInput[]): DateRule {
    const inputs: DateInput[] =
      args.length === 3 && args.every((a) => typeof a === "number") && (args[0] as number) < 10000
        ? [[args[0] as number, args[1] as number, args[2] as number]]
        : args;
    const days = [...new Set(inputs.map(dayNumberOfInput))].sort((a, b) => a - b);
    const name = days.map((d) => dateTimeFromDayNumber(d, "UTC").toFormat("MM/dd/yyyy")).join(","); // .NET invariant ToShortDateString
    return this.rule(name, function* (start, end) {
      for (const d of days) if (d >= start && d <= end) yield d;
    });
  }

  /** The algorithm's current date, whatever the range (LEAN's TodayOnly). */
  get today(): DateRule {
    const now = this.now("today");
    const zone = this.ctx.timeZone;
    return this.rule("TodayOnly", () => [zoneOffsets(zone).dayNumberAt(now())]);
  }

  /** The day after the algorithm's current date (LEAN's TomorrowOnly). */
  get tomorrow(): DateRule {
    const now = this.now("tomorrow");
    const zone = this.ctx.timeZone;
    return this.rule("TomorrowOnly", () => [zoneOffsets(zone).dayNumberAt(now()) + 1]);
  }

  private now(rule: string): () => number {
    const utcNow = this.ctx.utcNow;
    if (utcNow === undefined) {
      throw new ScheduleRuleError(`ScheduleRuleError: DateRules.${rule} needs the algorithm clock: give the context a utcNow()`);
    }
    return () => utcNow.call(this.ctx);
  }

  /** First trading day of each week (+ daysOffset trading days). `weekStart(offset)` without a symbol: Monday + offset days. */
  weekStart(symbolOrOffset?: unknown, daysOffset = 0, extendedMarketHours = true): DateRule {
    return this.week(true, symbolOrOffset, daysOffset, extendedMarketHours);
  }

  /** Last trading day of each week (- daysOffset trading days). Without a symbol: Friday - offset days. */
  weekEnd(symbolOrOffset?: unknown, daysOffset = 0, extendedMarketHours = true): DateRule {
    return this.week(false, symbolOrOffset, daysOffset, extendedMarketHours);
  }

  private week(forward: boolean, symbolOrOffset: unknown, daysOffset: number, extendedMarketHours: boolean): DateRule {
    const ruleName = forward ? "WeekStart" : "WeekEnd";
    if (symbolOrOffset === undefined || typeof symbolOrOffset === "number") {
      const offset = (symbolOrOffset as number | undefined) ?? 0;
      checkOffset(ruleName, offset, 6);
      return this.rule(this.name(undefined, ruleName, forward ? offset : -offset), (s, e) =>
        weekIterator(undefined, s, e, offset, forward, false),
      );
    }
    const hours = this.ctx.hoursFor(symbolOrOffset);
    const open = openWeekdays(hours);
    if (!Number.isInteger(daysOffset) || daysOffset < 0 || daysOffset > open.length - 1) {
      throw new ScheduleRuleError(
        `ScheduleRuleError: DateRules.${ruleName}(): offset ${daysOffset} is out of range for ${this.symbolName(symbolOrOffset)}'s schedule, ` +
          `use an offset between 0 and ${open.length - 1}; schedule: ${open.map((d) => DayOfWeek[d]).join(", ")}`,
      );
    }
    return this.rule(this.name(symbolOrOffset, ruleName, forward ? daysOffset : -daysOffset), (s, e) =>
      weekIterator(hours, s, e, daysOffset, forward, extendedMarketHours),
    );
  }

  /** First trading day of each month (+ daysOffset trading days). Without a symbol: the 1st + offset days. */
  monthStart(symbolOrOffset?: unknown, daysOffset = 0, extendedMarketHours = true): DateRule {
    return this.period("month", true, "MonthStart", 30, symbolOrOffset, daysOffset, extendedMarketHours);
  }

  /** Last trading day of each month (- daysOffset trading days). Without a symbol: the last day - offset days. */
  monthEnd(symbolOrOffset?: unknown, daysOffset = 0, extendedMarketHours = true): DateRule {
    return this.period("month", false, "MonthEnd", 30, symbolOrOffset, daysOffset, extendedMarketHours);
  }

  quarterStart(symbolOrOffset?: unknown, daysOffset = 0, extendedMarketHours = true): DateRule {
    return this.period("quarter", true, "QuarterStart", 92, symbolOrOffset, daysOffset, extendedMarketHours);
  }

  quarterEnd(symbolOrOffset?: unknown, daysOffset = 0, extendedMarketHours = true): DateRule {
    return this.period("quarter", false, "QuarterEnd", 92, symbolOrOffset, daysOffset, extendedMarketHours);
  }

  yearStart(symbolOrOffset?: unknown, daysOffset = 0, extendedMarketHours = true): DateRule {
    return this.period("year", true, "YearStart", 365, symbolOrOffset, daysOffset, extendedMarketHours);
  }

  yearEnd(symbolOrOffset?: unknown, daysOffset = 0, extendedMarketHours = true): DateRule {
    return this.period("year", false, "YearEnd", 365, symbolOrOffset, daysOffset, extendedMarketHours);
  }

  private period(
    period: Period,
    forward: boolean,
    ruleName: string,
    maxOffset: number,
    symbolOrOffset: unknown,
    daysOffset: number,
    extendedMarketHours: boolean,
  ): DateRule {
    const bySymbol = !(symbolOrOffset === undefined || typeof symbolOrOffset === "number");
    const offset = bySymbol ? daysOffset : ((symbolOrOffset as number | undefined) ?? 0);
    checkOffset(ruleName, offset, maxOffset);
    const days = bySymbol ? tradingDaysOf(this.ctx.hoursFor(symbolOrOffset)) : EVERY_DAY_OPEN;
    const ext = bySymbol ? extendedMarketHours : false;
    return this.rule(this.name(bySymbol ? symbolOrOffset : undefined, ruleName, forward ? offset : -offset), (s, e) =>
      periodIterator(period, days, s, e, offset, forward, ext),
    );
  }
}
