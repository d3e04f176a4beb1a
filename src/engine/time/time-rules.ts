/**
 * TimeRules: LEAN's time rules in camelCase (`timeRules.beforeMarketClose("SPY", 5)`).
 *
 * A time rule turns a local date into event instants (epoch ms). Semantics follow LEAN's
 * Common/Scheduling/TimeRules.cs (commit 24863901):
 * - at(h, m, s = 0, zone = algorithm zone): that wall-clock time on the date in `zone`.
 * - every(interval): local midnight, then every interval while < 24h of wall-clock time
 *   (6 hours: 00:00, 06:00, 12:00, 18:00), each converted from wall-clock time, so on a DST day a
 *   skipped hour maps onto the next one (LEAN yields that instant twice, and so do we).
 * - midnight: 00:00 local; noon: midnight + 12 hours of elapsed time (as LEAN: 11:00 or 13:00
 *   wall-clock on DST days); now: the algorithm's current instant.
 * - afterMarketOpen(symbol, minutes = 0, extended = false): on days the security trades
 *   (`isDateOpen(day, extended)`), the day's first open (first market segment start, late opens
 *   applied; with extended, the first segment of any state) + minutes. Early closes do not move it,
 *   and it is not clamped to the close (240 minutes after a 09:30 open on a 13:00 close day is
 *   13:30). No event on days without a market.
 * - beforeMarketClose(symbol, minutes = 0, extended = false): the day's last close (early close
 *   applied: 13:00 on 2015-11-27; with extended, the last segment of any state, also 13:00 on an
 *   early-close day since LEAN drops the segments after it) - minutes.
 * - beforeMarketOpen / afterMarketClose: the same with the sign flipped.
 * - Without a symbol, afterMarketOpen / beforeMarketClose take the earliest open / latest close over
 *   `ctx.marketOpenCloseHours()` (default: SPY's hours).
 * Minute offsets are added in wall-clock time, then converted (LEAN's local DateTime arithmetic).
 */
import type { DateTime, Duration } from "luxon";
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, dayNumberOf } from "./civil-date.ts";
import { ScheduleRuleError } from "./errors.ts";
import type { ExchangeHours } from "./exchange-hours.ts";
import { defaultSymbolName, type ScheduleContext, type TimeRule } from "./schedule-context.ts";
import { zoneOffsets } from "./time-zone.ts";

/** A time rule from a function of a day number (LEAN's FuncTimeRule). */
export class FuncTimeRule implements TimeRule {
  constructor(
    readonly name: string,
    private readonly fn: (dayNumber: number) => number[],
  ) {}

  timesForDay(dayNumber: number): number[] {
    return this.fn(dayNumber);
  }

  getTimes(localDate: DateTime | number): number[] {
    return this.fn(dayNumberOf(localDate));
  }

  *createUtcEventTimes(dates: Iterable<DateTime>): Iterable<number> {
    for (const date of dates) yield* this.fn(dayNumberOf(date));
  }
}

/** .NET "0.##": up to two decimals, no trailing zeros. */
function format2(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** ms from a number of ms or a luxon Duration. */
export function durationMs(interval: number | Duration): number {
  return typeof interval === "number" ? interval : interval.toMillis();
}

export const seconds = (n: number): number => n * 1000;
export const minutes = (n: number): number => n * MS_PER_MINUTE;
export const hours = (n: number): number => n * MS_PER_HOUR;
export const days = (n: number): number => n * MS_PER_DAY;

function isSymbolArgument(x: unknown): boolean {
  return !(x === undefined || typeof x === "number");
}

export class TimeRules {
  constructor(private readonly ctx: ScheduleContext) {
    zoneOffsets(ctx.timeZone);
  }

  private symbolName(symbol: unknown): string {
    return this.ctx.symbolName?.(symbol) ?? defaultSymbolName(symbol);
  }

  /** That wall-clock time on each date, in the algorithm's zone or `timeZone`. */
  at(hour: number, minute: number, second?: number, timeZone?: string): TimeRule;
  at(hour: number, minute: number, timeZone: string): TimeRule;
  at(hour: number, minute: number, secondOrZone: number | string = 0, timeZone?: string): TimeRule {
    const second = typeof secondOrZone === "number" ? secondOrZone : 0;
    const zoneName = typeof secondOrZone === "string" ? secondOrZone : (timeZone ?? this.ctx.timeZone);
    for (const [what, v] of [["hour", hour], ["minute", minute], ["second", second]] as const) {
      if (!Number.isFinite(v) || v < 0) throw new ScheduleRuleError(`ScheduleRuleError: TimeRules.at(): ${what} must be >= 0, got ${v}`);
    }
    const zone = zoneOffsets(zoneName);
    const timeOfDay = hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000;
    return new FuncTimeRule(format2(timeOfDay / MS_PER_HOUR), (d) => [zone.epochFromLocalDay(d, timeOfDay)]);
  }

  /** From local midnight every `interval` (ms or luxon Duration) within the day. */
  every(interval: number | Duration): TimeRule {
    const step = durationMs(interval);
    if (!(step > 0) || !Number.isFinite(step)) {
      throw new ScheduleRuleError("ScheduleRuleError: TimeRules.every(): time span interval can not be zero or less");
    }
    const zone = zoneOffsets(this.ctx.timeZone);
    return new FuncTimeRule(`Every ${format2(step / MS_PER_MINUTE)} min`, (d) => {
      const times: number[] = [];
      for (let t = 0; t < MS_PER_DAY; t += step) times.push(zone.epochFromLocalDay(d, t));
      return times;
    });
  }

  get midnight(): TimeRule {
    const zone = zoneOffsets(this.ctx.timeZone);
    return new FuncTimeRule("Midnight", (d) => [zone.localDay(d).midnight]);
  }

  get noon(): TimeRule {
    const zone = zoneOffsets(this.ctx.timeZone);
    return new FuncTimeRule("Noon", (d) => [zone.localDay(d).midnight + 12 * MS_PER_HOUR]);
  }

  get now(): TimeRule {
    const utcNow = this.ctx.utcNow;
    if (utcNow === undefined) {
      throw new ScheduleRuleError("ScheduleRuleError: TimeRules.now needs the algorithm clock: give the context a utcNow()");
    }
    return new FuncTimeRule("Now", () => [utcNow.call(this.ctx)]);
  }

  /** `minutesAfterOpen` after the market open of `symbol` (or the earliest open, without one). */
  afterMarketOpen(symbol?: unknown, minutesAfterOpen?: number, extendedMarketOpen?: boolean): TimeRule;
  afterMarketOpen(minutesAfterOpen?: number, extendedMarketOpen?: boolean): TimeRule;
  afterMarketOpen(a?: unknown, b?: number | boolean, c?: boolean): TimeRule {
    if (isSymbolArgument(a)) return this.symbolOpen(a, (b as number | undefined) ?? 0, c ?? false);
    return this.earliestOpen((a as number | undefined) ?? 0, (b as boolean | undefined) ?? false);
  }

  beforeMarketOpen(symbol?: unknown, minutesBeforeOpen?: number, extendedMarketOpen?: boolean): TimeRule;
  beforeMarketOpen(minutesBeforeOpen?: number, extendedMarketOpen?: boolean): TimeRule;
  beforeMarketOpen(a?: unknown, b?: number | boolean, c?: boolean): TimeRule {
    if (isSymbolArgument(a)) return this.symbolOpen(a, -((b as number | undefined) ?? 0), c ?? false);
    return this.earliestOpen(-((a as number | undefined) ?? 0), (b as boolean | undefined) ?? false);
  }

  /** `minutesBeforeClose` before the market close of `symbol` (or the latest close, without one). */
  beforeMarketClose(symbol?: unknown, minutesBeforeClose?: number, extendedMarketClose?: boolean): TimeRule;
  beforeMarketClose(minutesBeforeClose?: number, extendedMarketClose?: boolean): TimeRule;
  beforeMarketClose(a?: unknown, b?: number | boolean, c?: boolean): TimeRule {
    if (isSymbolArgument(a)) return this.symbolClose(a, (b as number | undefined) ?? 0, c ?? false);
    return this.latestClose((a as number | undefined) ?? 0, (b as boolean | undefined) ?? false);
  }

  afterMarketClose(symbol?: unknown, minutesAfterClose?: number, extendedMarketClose?: boolean): TimeRule;
  afterMarketClose(minutesAfterClose?: number, extendedMarketClose?: boolean): TimeRule;
  afterMarketClose(a?: unknown, b?: number | boolean, c?: boolean): TimeRule {
    if (isSymbolArgument(a)) return this.symbolClose(a, -((b as number | undefined) ?? 0), c ?? false);
    return this.latestClose(-((a as number | undefined) ?? 0), (b as boolean | undefined) ?? false);
  }

  private openName(minutesAfter: number, extended: boolean): string {
    return `${format2(Math.abs(minutesAfter))} min ${minutesAfter > 0 ? "after" : "before"} ${extended ? "ExtendedMarketOpen" : "MarketOpen"}`;
  }

  private closeName(minutesBefore: number, extended: boolean): string {
    return `${format2(Math.abs(minutesBefore))} min ${minutesBefore > 0 ? "before" : "after"} ${extended ? "ExtendedMarketClose" : "MarketClose"}`;
  }

  private symbolOpen(symbol: unknown, minutesAfter: number, extended: boolean): TimeRule {
    const hours = this.ctx.hoursFor(symbol);
    return new FuncTimeRule(`${this.symbolName(symbol)}: ${this.openName(minutesAfter, extended)}`, (d) => {
      const t = openTime(hours, d, minutesAfter, extended);
      return t === null ? [] : [t];
    });
  }

  private symbolClose(symbol: unknown, minutesBefore: number, extended: boolean): TimeRule {
    const hours = this.ctx.hoursFor(symbol);
    return new FuncTimeRule(`${this.symbolName(symbol)}: ${this.closeName(minutesBefore, extended)}`, (d) => {
      const t = closeTime(hours, d, minutesBefore, extended);
      return t === null ? [] : [t];
    });
  }

  private marketHoursList(): () => ExchangeHours[] {
    const ctx = this.ctx;
    return () => (ctx.marketOpenCloseHours ? ctx.marketOpenCloseHours() : [ctx.hoursFor("SPY")]);
  }

  private earliestOpen(minutesAfter: number, extended: boolean): TimeRule {
    const list = this.marketHoursList();
    return new FuncTimeRule(this.openName(minutesAfter, extended), (d) => {
      let best: number | null = null;
      for (const h of list()) {
        const t = openTime(h, d, minutesAfter, extended);
        if (t !== null && (best === null || t < best)) best = t;
      }
      return best === null ? [] : [best];
    });
  }

  private latestClose(minutesBefore: number, extended: boolean): TimeRule {
    const list = this.marketHoursList();
    return new FuncTimeRule(this.closeName(minutesBefore, extended), (d) => {
      let best: number | null = null;
      for (const h of list()) {
        const t = closeTime(h, d, minutesBefore, extended);
        if (t !== null && (best === null || t > best)) best = t;
      }
      return best === null ? [] : [best];
    });
  }
}

function openTime(hours: ExchangeHours, day: number, minutesAfter: number, extended: boolean): number | null {
  if (!hours.isDayOpen(day, extended)) return null;
  const open = hours.firstDailyOpenLocal(day, extended);
  if (open === null) return null;
  return hours.epochFromLocalDay(day, open + Math.round(minutesAfter * MS_PER_MINUTE));
}

function closeTime(hours: ExchangeHours, day: number, minutesBefore: number, extended: boolean): number | null {
  if (!hours.isDayOpen(day, extended)) return null;
  const close = hours.lastDailyCloseLocal(day, extended);
  if (close === null) return null;
  return hours.epochFromLocalDay(day, close - Math.round(minutesBefore * MS_PER_MINUTE));
}

