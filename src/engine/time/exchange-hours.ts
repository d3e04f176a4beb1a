/**
 * ExchangeHours: when one exchange (for one security type) is open, as LEAN's SecurityExchangeHours.
 *
 * Built from a weekly template of local segments (premarket / market / postmarket), a calendar of
 * holidays, early closes and late opens (explicit lists from LEAN's JSON, or rules computed per
 * year), and the exchange time zone. Every day the engine asks about is resolved once into epoch-ms
 * segment boundaries and cached, so `isOpen` on the hot path is a range check on the cached day
 * plus a scan of at most a few segments.
 *
 * Dates in: a luxon DateTime (its calendar date is used, the time of day ignored) or a yyyymmdd
 * integer. Dates out: the same kind as given (DateTime at local midnight in the input's zone, or
 * yyyymmdd). Instants in and out: epoch ms UTC.
 *
 * Owns no knowledge of symbols or data; the market hours database maps securities to instances.
 */
import { DateTime } from "luxon";
import {
  DayOfWeek,
  MS_PER_DAY,
  civilFromDayNumber,
  dateKeyFromDayNumber,
  dayNumberOf,
  dayOfWeekOfDayNumber,
  isoDateFromDayNumber,
  type LocalDate,
} from "./civil-date.ts";
import { InvalidDateError, MarketNeverOpensError } from "./errors.ts";
import { ZoneOffsets, zoneOffsets } from "./time-zone.ts";

export type MarketHoursState = "premarket" | "market" | "postmarket";

/** A segment of a local day: ms since local midnight (wall clock), start inclusive, end exclusive. */
export interface MarketHoursSegment {
  readonly start: number;
  readonly end: number;
  readonly state: MarketHoursState;
}

/** A segment of a specific day in epoch ms. */
export interface ExchangeSegment {
  readonly start: number;
  readonly end: number;
  readonly state: MarketHoursState;
}

/** Holidays, early closes and late opens by local day number (days since 1970-01-01). */
export interface ExchangeCalendar {
  isHoliday(dayNumber: number): boolean;
  /** the early close as ms since local midnight, or undefined */
  earlyClose(dayNumber: number): number | undefined;
  /** the late open as ms since local midnight, or undefined */
  lateOpen(dayNumber: number): number | undefined;
}

/** A calendar from explicit lists, as LEAN's JSON gives them. Keys are day numbers. */
export class ListedCalendar implements ExchangeCalendar {
  constructor(
    readonly holidays: ReadonlySet<number>,
    readonly earlyCloses: ReadonlyMap<number, number>,
    readonly lateOpens: ReadonlyMap<number, number>,
  ) {}
  static readonly empty = new ListedCalendar(new Set(), new Map(), new Map());
  isHoliday(dayNumber: number): boolean {
    return this.holidays.has(dayNumber);
  }
  earlyClose(dayNumber: number): number | undefined {
    return this.earlyCloses.get(dayNumber);
  }
  lateOpen(dayNumber: number): number | undefined {
    return this.lateOpens.get(dayNumber);
  }
}

/** One local day resolved: the segments in force (holiday, early close, late open applied). */
export interface DaySchedule {
  readonly dayNumber: number;
  readonly dateKey: number;
  readonly dayOfWeek: DayOfWeek;
  /** epoch ms of local midnight and of the next local midnight */
  readonly midnight: number;
  readonly nextMidnight: number;
  readonly isHoliday: boolean;
  readonly earlyClose: number | undefined;
  readonly lateOpen: number | undefined;
  /** local segments in force this day */
  readonly localSegments: readonly MarketHoursSegment[];
  /** the same in epoch ms */
  readonly segments: readonly ExchangeSegment[];
  /** total length of the market (regular) segments, local ms */
  readonly marketDuration: number;
}

export interface ExchangeHoursOptions {
  timeZone: string;
  /** weekly template indexed by DayOfWeek (0 = Sunday); missing or empty = closed that weekday */
  weekly: ReadonlyArray<readonly MarketHoursSegment[] | undefined>;
  calendar?: ExchangeCalendar;
}

const MAX_SEARCH_DAYS = 15; // LEAN searches two weeks for a next open / close
const MAX_TRADING_DAY_SEARCH = 3660;

function isEligible(segment: MarketHoursSegment, extendedMarketHours: boolean): boolean {
  return extendedMarketHours || segment.state === "market";
}

/** LEAN's LocalMarketHours.IsContinuousMarketOpen. */
function isContinuous(previousEnd: number | null, nextStart: number | null, acrossMidnight: boolean): boolean {
  if (previousEnd === null || nextStart === null) return false;
  if (acrossMidnight) return previousEnd === MS_PER_DAY && nextStart === 0;
  return previousEnd === nextStart;
}

/** Applies an early close and/or late open to a day's template, with LEAN's exact rules. */
function applySpecialTimes(
  template: readonly MarketHoursSegment[],
  earlyClose: number | undefined,
  lateOpen: number | undefined,
): readonly MarketHoursSegment[] {
  if (earlyClose === undefined && lateOpen === undefined) return template;
  let segments = template;
  let closedEarly: MarketHoursSegment[] | undefined;
  if (earlyClose !== undefined) {
    let keep = segments.length;
    let truncated: MarketHoursSegment | undefined;
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      if (s.start <= earlyClose && earlyClose <= s.end) {
        truncated = { state: s.state, start: s.start, end: earlyClose };
        keep = i;
        break;
      }
      if (earlyClose < s.start) {
        // LEAN drops the segment before the gap too (Take(i - 1)); kept for parity
        keep = i - 1;
        break;
      }
    }
    closedEarly = segments.slice(0, Math.max(0, keep));
    if (truncated) closedEarly.push(truncated);
    if (lateOpen === undefined || earlyClose >= lateOpen) segments = closedEarly;
  }
  let openedLate: MarketHoursSegment[] | undefined;
  if (lateOpen !== undefined) {
    let from = 0;
    openedLate = [];
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      if (s.start <= lateOpen && lateOpen <= s.end) {
        openedLate.push({ state: s.state, start: lateOpen, end: s.end });
        from = i + 1;
        break;
      }
      if (lateOpen < s.start) {
        from = i;
        break;
      }
    }
    openedLate.push(...segments.slice(from));
    segments = openedLate;
  }
  if (closedEarly !== undefined && openedLate !== undefined && earlyClose! <= lateOpen!) {
    segments = [...closedEarly, ...openedLate];
  }
  return segments;
}

export class ExchangeHours {
  readonly timeZone: string;
  /** weekly template, 7 entries indexed by DayOfWeek */
  readonly weekly: readonly (readonly MarketHoursSegment[])[];
  readonly calendar: ExchangeCalendar;
  /** true when every weekday is one market segment 00:00-24:00 (LEAN's IsMarketAlwaysOpen) */
  readonly isMarketAlwaysOpen: boolean;
  private readonly zone: ZoneOffsets;
  private readonly days = new Map<number, DaySchedule>();
  private current: DaySchedule;

  constructor(options: ExchangeHoursOptions) {
    this.zone = zoneOffsets(options.timeZone);
    this.timeZone = options.timeZone;
    const weekly: MarketHoursSegment[][] = [];
    for (let d = 0; d < 7; d++) {
      const segments = [...(options.weekly[d] ?? [])];
      for (const s of segments) {
        if (!(s.start >= 0 && s.end <= MS_PER_DAY && s.start <= s.end)) {
          throw new InvalidDateError(
            `InvalidDateError: ${DayOfWeek[d]} segment ${s.start}-${s.end} ms must lie within 0..86400000 with start <= end`,
          );
        }
      }
      segments.sort((a, b) => a.start - b.start);
      weekly.push(segments);
    }
    this.weekly = weekly;
    this.calendar = options.calendar ?? ListedCalendar.empty;
    this.isMarketAlwaysOpen = weekly.every(
      (segs) => segs.length === 1 && segs[0].start === 0 && segs[0].end === MS_PER_DAY && segs[0].state === "market",
    );
    this.current = this.day(0);
  }

  /** Open 24/7 with no holidays (LEAN's SecurityExchangeHours.AlwaysOpen). */
  static alwaysOpen(timeZone: string): ExchangeHours {
    const all: MarketHoursSegment[] = [{ start: 0, end: MS_PER_DAY, state: "market" }];
    return new ExchangeHours({ timeZone, weekly: [all, all, all, all, all, all, all] });
  }

  // ---------------------------------------------------------------- days

  /** The resolved schedule of a local day (by day number), cached. */
  day(dayNumber: number): DaySchedule {
    let s = this.days.get(dayNumber);
    if (s !== undefined) return s;
    const dayOfWeek = dayOfWeekOfDayNumber(dayNumber);
    const isHoliday = this.calendar.isHoliday(dayNumber);
    const earlyClose = this.calendar.earlyClose(dayNumber);
    const lateOpen = this.calendar.lateOpen(dayNumber);
    const localSegments = isHoliday ? [] : applySpecialTimes(this.weekly[dayOfWeek], earlyClose, lateOpen);
    let marketDuration = 0;
    const segments: ExchangeSegment[] = [];
    for (const seg of localSegments) {
      if (seg.state === "market") marketDuration += seg.end - seg.start;
      segments.push({
        start: this.zone.epochFromLocalDay(dayNumber, seg.start),
        end: this.zone.epochFromLocalDay(dayNumber, seg.end),
        state: seg.state,
      });
    }
    const info = this.zone.localDay(dayNumber);
    s = {
      dayNumber,
      dateKey: dateKeyFromDayNumber(dayNumber),
      dayOfWeek,
      midnight: info.midnight,
      nextMidnight: info.nextMidnight,
      isHoliday,
      earlyClose,
      lateOpen,
      localSegments,
      segments,
      marketDuration,
    };
    this.days.set(dayNumber, s);
    return s;
  }

  /** The schedule of the local day containing an instant. */
  dayAt(epochMs: number): DaySchedule {
    const c = this.current;
    if (epochMs >= c.midnight && epochMs < c.nextMidnight) return c;
    const d = this.day(this.zone.dayNumberAt(epochMs));
    this.current = d;
    return d;
  }

  /** Local day number of an instant in the exchange zone. */
  dayNumberAt(epochMs: number): number {
    return this.zone.dayNumberAt(epochMs);
  }

  /** Epoch ms of local 00:00 of the exchange day containing `epochMs`. */
  localMidnight(epochMs: number): number {
    return this.dayAt(epochMs).midnight;
  }

  /** yyyymmdd of the exchange-local date of an instant. */
  localDateKey(epochMs: number): number {
    return this.dayAt(epochMs).dateKey;
  }

  /** Epoch ms of a wall-clock time on a local day (number) in the exchange zone. */
  epochFromLocalDay(dayNumber: number, msSinceMidnight: number): number {
    return this.zone.epochFromLocalDay(dayNumber, msSinceMidnight);
  }

  // ---------------------------------------------------------------- instants

  /**
   * Open at this instant? Segment start inclusive, end exclusive. Without extended hours only
   * market segments count (LEAN's SecurityExchangeHours.IsOpen(DateTime, bool)).
   */
  isOpen(epochMs: number, extendedMarketHours: boolean): boolean {
    const segments = this.dayAt(epochMs).segments;
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      if (epochMs >= s.start && epochMs < s.end) return extendedMarketHours || s.state === "market";
    }
    return false;
  }

  /**
   * Is any part of [start, end) open? LEAN's IsOpen(start, end, extended): an instantaneous
   * interval (start == end) is `isOpen(start)`; otherwise true when an eligible segment of any
   * local day the interval touches overlaps it (segment.start < end && segment.end > start).
   */
  isOpenDuring(startMs: number, endMs: number, extendedMarketHours: boolean): boolean {
    if (startMs === endMs) return this.isOpen(startMs, extendedMarketHours);
    if (endMs < startMs) return false;
    const lastDay = this.zone.dayNumberAt(endMs);
    for (let d = this.zone.dayNumberAt(startMs); d <= lastDay; d++) {
      for (const s of this.day(d).segments) {
        if ((extendedMarketHours || s.state === "market") && s.start < endMs && s.end > startMs) return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- dates

  /** Holiday on this local date (from the calendar; weekends are not holidays). */
  isHoliday(date: LocalDate): boolean {
    return this.calendar.isHoliday(dayNumberOf(date));
  }

  /**
   * A trading day? LEAN's IsDateOpen: false on holidays and days without segments; on a day with
   * only extended segments, true only with `extendedMarketHours`.
   */
  isDateOpen(date: LocalDate, extendedMarketHours = false): boolean {
    return this.isDayOpen(dayNumberOf(date), extendedMarketHours);
  }

  isDayOpen(dayNumber: number, extendedMarketHours = false): boolean {
    const d = this.day(dayNumber);
    if (d.localSegments.length === 0) return false;
    if (d.marketDuration === 0) return extendedMarketHours;
    return true;
  }

  /** The day's segments in epoch ms (empty on holidays and closed weekdays). */
  getSegments(date: LocalDate): readonly ExchangeSegment[] {
    return this.day(dayNumberOf(date)).segments;
  }

  /**
   * Epoch ms of the day's first open: the start of its first market segment (late open applied),
   * or with `extendedMarketHours` the start of its first segment of any state. Null when the
   * market does not open that day.
   */
  marketOpen(date: LocalDate, extendedMarketHours = false): number | null {
    return this.firstDailyOpen(dayNumberOf(date), extendedMarketHours);
  }

  /** Epoch ms of the day's last close (early close applied), as `marketOpen`. */
  marketClose(date: LocalDate, extendedMarketHours = false): number | null {
    return this.lastDailyClose(dayNumberOf(date), extendedMarketHours);
  }

  /** Early close on this date as epoch ms, or null. */
  earlyClose(date: LocalDate): number | null {
    const day = dayNumberOf(date);
    const t = this.calendar.earlyClose(day);
    return t === undefined ? null : this.zone.epochFromLocalDay(day, t);
  }

  /** Late open on this date as epoch ms, or null. */
  lateOpen(date: LocalDate): number | null {
    const day = dayNumberOf(date);
    const t = this.calendar.lateOpen(day);
    return t === undefined ? null : this.zone.epochFromLocalDay(day, t);
  }

  /** LEAN's GetFirstDailyMarketOpen for a whole day: first eligible segment start, or null. */
  firstDailyOpen(dayNumber: number, extendedMarketHours: boolean): number | null {
    const d = this.day(dayNumber);
    for (let i = 0; i < d.localSegments.length; i++) {
      if (isEligible(d.localSegments[i], extendedMarketHours)) return d.segments[i].start;
    }
    return null;
  }

  /** LEAN's GetLastDailyMarketClose for a whole day: last eligible segment end, or null. */
  lastDailyClose(dayNumber: number, extendedMarketHours: boolean): number | null {
    const d = this.day(dayNumber);
    for (let i = d.localSegments.length - 1; i >= 0; i--) {
      if (isEligible(d.localSegments[i], extendedMarketHours)) return d.segments[i].end;
    }
    return null;
  }

  /** As `firstDailyOpen` but local ms since midnight (for local-time arithmetic in time rules). */
  firstDailyOpenLocal(dayNumber: number, extendedMarketHours: boolean): number | null {
    for (const s of this.day(dayNumber).localSegments) if (isEligible(s, extendedMarketHours)) return s.start;
    return null;
  }

  /** As `lastDailyClose` but local ms since midnight. */
  lastDailyCloseLocal(dayNumber: number, extendedMarketHours: boolean): number | null {
    const segs = this.day(dayNumber).localSegments;
    for (let i = segs.length - 1; i >= 0; i--) if (isEligible(segs[i], extendedMarketHours)) return segs[i].end;
    return null;
  }

  // ---------------------------------------------------------------- searches

  /**
   * LEAN's GetNextMarketOpen: the next instant strictly after `epochMs` at which the market opens
   * (a segment start that does not merely continue the previous eligible segment, including across
   * midnight). Like LEAN, each day only its first not-yet-ended eligible opening is considered.
   * Searches 15 days, then throws MarketNeverOpensError.
   */
  nextMarketOpen(epochMs: number, extendedMarketHours: boolean): number {
    const firstDay = this.zone.dayNumberAt(epochMs);
    const yesterday = this.day(firstDay - 1).localSegments;
    let previousDayEnd: number | null = yesterday.length > 0 ? yesterday[yesterday.length - 1].end : null;
    for (let d = firstDay; d < firstDay + MAX_SEARCH_DAYS; d++) {
      const day = this.day(d);
      if (day.localSegments.length > 0) {
        const time = d === firstDay ? this.zone.timeOfDayAt(epochMs) : 0;
        const open = this.openAfter(day.localSegments, time, extendedMarketHours, previousDayEnd);
        if (open !== null) {
          const t = this.zone.epochFromLocalDay(d, open);
          if (epochMs < t) return t;
        }
        previousDayEnd = day.earlyClose !== undefined ? null : day.localSegments[day.localSegments.length - 1].end;
      } else {
        previousDayEnd = null;
      }
    }
    throw new MarketNeverOpensError(
      `MarketNeverOpensError: no market open within ${MAX_SEARCH_DAYS} days after ${new Date(epochMs).toISOString()} ` +
        `(${this.timeZone}, extendedMarketHours=${extendedMarketHours})`,
    );
  }

  private openAfter(
    segments: readonly MarketHoursSegment[],
    time: number,
    extendedMarketHours: boolean,
    previousDayEnd: number | null,
  ): number | null {
    let previous = previousDayEnd;
    let acrossMidnight = true;
    for (const s of segments) {
      const eligible = isEligible(s, extendedMarketHours);
      if (s.end <= time) {
        if (eligible) {
          previous = s.end;
          acrossMidnight = false;
        }
        continue;
      }
      if (eligible) {
        if (!isContinuous(previous, s.start, acrossMidnight)) return s.start;
        previous = s.end;
        acrossMidnight = false;
      }
    }
    return null;
  }

  /**
   * LEAN's GetNextMarketClose: the next instant strictly after `epochMs` at which the market
   * closes (an eligible segment end not continued by the next eligible segment, including the next
   * day's first segment across midnight). Searches 15 days, then throws MarketNeverOpensError.
   */
  nextMarketClose(epochMs: number, extendedMarketHours: boolean): number {
    const firstDay = this.zone.dayNumberAt(epochMs);
    for (let d = firstDay; d < firstDay + MAX_SEARCH_DAYS; d++) {
      const day = this.day(d);
      const segs = day.localSegments;
      if (segs.length === 0) continue;
      const time = d === firstDay ? this.zone.timeOfDayAt(epochMs) : 0;
      const tomorrow = this.day(d + 1);
      const nextDayStart =
        tomorrow.earlyClose !== undefined || tomorrow.localSegments.length === 0 ? null : tomorrow.localSegments[0].start;
      for (let i = 0; i < segs.length; i++) {
        const s = segs[i];
        if (s.end <= time || !isEligible(s, extendedMarketHours)) continue;
        let nextStart: number | null;
        let acrossMidnight = false;
        if (i < segs.length - 1) {
          const n = segs[i + 1];
          nextStart = n.state !== "market" && !extendedMarketHours ? null : n.start;
        } else {
          nextStart = nextDayStart;
          acrossMidnight = true;
        }
        if (!isContinuous(s.end, nextStart, acrossMidnight)) {
          const t = this.zone.epochFromLocalDay(d, s.end);
          if (epochMs < t) return t;
          break;
        }
      }
    }
    throw new MarketNeverOpensError(
      `MarketNeverOpensError: no market close within ${MAX_SEARCH_DAYS} days after ${new Date(epochMs).toISOString()} ` +
        `(${this.timeZone}, extendedMarketHours=${extendedMarketHours})`,
    );
  }

  /** LEAN's GetNextTradingDay: the first later date for which isDateOpen(date) (regular hours). */
  nextTradingDay(date: DateTime): DateTime;
  nextTradingDay(date: number): number;
  nextTradingDay(date: LocalDate): LocalDate {
    return this.outputLike(date, this.nextTradingDayNumber(dayNumberOf(date)));
  }

  /** LEAN's GetPreviousTradingDay: the last earlier date for which isDateOpen(date). */
  previousTradingDay(date: DateTime): DateTime;
  previousTradingDay(date: number): number;
  previousTradingDay(date: LocalDate): LocalDate {
    return this.outputLike(date, this.previousTradingDayNumber(dayNumberOf(date)));
  }

  nextTradingDayNumber(dayNumber: number): number {
    for (let d = dayNumber + 1; d <= dayNumber + MAX_TRADING_DAY_SEARCH; d++) if (this.isDayOpen(d)) return d;
    throw new MarketNeverOpensError(
      `MarketNeverOpensError: no trading day within ${MAX_TRADING_DAY_SEARCH} days after ${isoDateFromDayNumber(dayNumber)} (${this.timeZone})`,
    );
  }

  previousTradingDayNumber(dayNumber: number): number {
    for (let d = dayNumber - 1; d >= dayNumber - MAX_TRADING_DAY_SEARCH; d--) if (this.isDayOpen(d)) return d;
    throw new MarketNeverOpensError(
      `MarketNeverOpensError: no trading day within ${MAX_TRADING_DAY_SEARCH} days before ${isoDateFromDayNumber(dayNumber)} (${this.timeZone})`,
    );
  }

  private outputLike(input: LocalDate, dayNumber: number): LocalDate {
    if (typeof input === "number") return dateKeyFromDayNumber(dayNumber);
    const [year, month, day] = civilFromDayNumber(dayNumber);
    return DateTime.fromObject({ year, month, day }, { zone: input.zone });
  }
}
