/**
 * Epoch milliseconds <-> local wall-clock dates in an IANA time zone, fast and DST-correct.
 *
 * The engine keeps time as epoch ms UTC; data files and market hours speak local wall-clock time
 * ("ms since midnight America/New_York"). Converting through luxon per row is far too slow, so each
 * zone keeps two caches: per UTC day, the offset at its start and the instant it changes (if it
 * does); per local day, the same facts around that local day. A conversion is then one Map lookup
 * and a couple of comparisons.
 *
 * Local times that do not exist or exist twice (DST gaps and overlaps) resolve as LEAN's
 * `ConvertToUtc` does (NodaTime's lenient resolver): a skipped time is shifted forward by the gap
 * (02:30 on a spring-forward day is 03:30 daylight time), an ambiguous time takes the earlier
 * instant (01:30 on a fall-back day is 01:30 daylight time). Both amount to "use the offset in
 * force before the transition".
 *
 * Assumes at most one offset change within any ~2.5 days, true of every real zone.
 * Knows nothing of markets.
 */
import { DateTime, Info, type Zone } from "luxon";
import { InvalidTimeZoneError } from "./errors.ts";
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  dateKeyFromDayNumber,
  dayNumberFromDateKey,
} from "./civil-date.ts";

interface UtcDayOffsets {
  /** offset (ms, local - UTC) before `transition` */
  before: number;
  /** offset after `transition` */
  after: number;
  /** instant of the change, or +Infinity when the offset is constant all day */
  transition: number;
}

/** The facts of one local calendar day in a zone. */
export interface LocalDayInfo {
  readonly dayNumber: number;
  /** epoch ms of local 00:00 (resolved leniently if midnight itself is skipped) */
  readonly midnight: number;
  /** epoch ms of the next day's local 00:00 */
  readonly nextMidnight: number;
  readonly offsetBefore: number;
  readonly offsetAfter: number;
  /** the offset change affecting this day, or +Infinity */
  readonly transition: number;
}

const WINDOW_BEFORE = 15 * MS_PER_HOUR;
const WINDOW_AFTER = MS_PER_DAY + 15 * MS_PER_HOUR;

/** Offsets and day boundaries of one zone, cached. Get one with `zoneOffsets(zone)`. */
export class ZoneOffsets {
  private readonly luxonZone: Zone;
  private readonly utcDays = new Map<number, UtcDayOffsets>();
  private readonly localDays = new Map<number, LocalDayInfo>();
  private lastUtcDay = Number.NaN;
  private lastUtc: UtcDayOffsets | undefined;
  private lastLocal: LocalDayInfo | undefined;

  constructor(readonly zone: string) {
    // IANA names, plus fixed offsets such as LEAN's "UTC-05" (luxon's FixedOffsetZone)
    const z = typeof zone === "string" && zone.length > 0 ? Info.normalizeZone(zone) : null;
    if (z === null || !z.isValid || (z.type !== "iana" && z.type !== "fixed")) throw new InvalidTimeZoneError(zone);
    this.luxonZone = z;
  }

  private rawOffset(epochMs: number): number {
    return this.luxonZone.offset(epochMs) * MS_PER_MINUTE;
  }

  private utcDay(utcDay: number): UtcDayOffsets {
    if (utcDay === this.lastUtcDay && this.lastUtc !== undefined) return this.lastUtc;
    let info = this.utcDays.get(utcDay);
    if (info === undefined) {
      const start = utcDay * MS_PER_DAY;
      const before = this.rawOffset(start);
      const after = this.rawOffset(start + MS_PER_DAY - 1);
      let transition = Number.POSITIVE_INFINITY;
      if (before !== after) {
        // binary search on whole minutes: offset(lo) === before, offset(hi) === after
        let lo = 0;
        let hi = 1440;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (this.rawOffset(start + mid * MS_PER_MINUTE) === before) lo = mid;
          else hi = mid;
        }
        transition = start + hi * MS_PER_MINUTE;
      }
      info = { before, after, transition };
      this.utcDays.set(utcDay, info);
    }
    this.lastUtcDay = utcDay;
    this.lastUtc = info;
    return info;
  }

  /** UTC offset in ms (local = utc + offset) at an instant. */
  offsetAt(epochMs: number): number {
    const info = this.utcDay(Math.floor(epochMs / MS_PER_DAY));
    return epochMs >= info.transition ? info.after : info.before;
  }

  /** The local day number (days since 1970-01-01 of the local calendar date) of an instant. */
  dayNumberAt(epochMs: number): number {
    return Math.floor((epochMs + this.offsetAt(epochMs)) / MS_PER_DAY);
  }

  /** Boundaries and offsets of a local day, cached. */
  localDay(dayNumber: number): LocalDayInfo {
    const last = this.lastLocal;
    if (last !== undefined && last.dayNumber === dayNumber) return last;
    let info = this.localDays.get(dayNumber);
    if (info === undefined) {
      const wall = dayNumber * MS_PER_DAY;
      const from = wall - WINDOW_BEFORE;
      const offsetBefore = this.offsetAt(from);
      let transition = Number.POSITIVE_INFINITY;
      let offsetAfter = offsetBefore;
      const lastUtcDay = Math.floor((wall + WINDOW_AFTER) / MS_PER_DAY);
      for (let d = Math.floor(from / MS_PER_DAY); d <= lastUtcDay; d++) {
        const u = this.utcDay(d);
        if (u.transition > from && u.transition !== Number.POSITIVE_INFINITY) {
          transition = u.transition;
          offsetAfter = u.after;
          break;
        }
      }
      const resolve = (local: number): number => {
        const early = local - offsetBefore;
        if (early < transition) return early;
        const late = local - offsetAfter;
        return late >= transition ? late : early;
      };
      info = {
        dayNumber,
        midnight: resolve(wall),
        nextMidnight: resolve(wall + MS_PER_DAY),
        offsetBefore,
        offsetAfter,
        transition,
      };
      this.localDays.set(dayNumber, info);
    }
    this.lastLocal = info;
    return info;
  }

  /**
   * Epoch ms of a local wall-clock time: `msSinceMidnight` after the local midnight of `dayNumber`
   * by the wall clock (34_200_000 = 09:30 on every day, DST or not). Values outside one day roll
   * into the neighbouring days (-300_000 = 23:55 the day before).
   */
  epochFromLocalDay(dayNumber: number, msSinceMidnight: number): number {
    if (msSinceMidnight < 0 || msSinceMidnight >= MS_PER_DAY) {
      const days = Math.floor(msSinceMidnight / MS_PER_DAY);
      dayNumber += days;
      msSinceMidnight -= days * MS_PER_DAY;
    }
    const info = this.localDay(dayNumber);
    const local = dayNumber * MS_PER_DAY + msSinceMidnight;
    const early = local - info.offsetBefore;
    if (early < info.transition) return early;
    const late = local - info.offsetAfter;
    return late >= info.transition ? late : early;
  }

  /** Wall-clock ms since local midnight of an instant (09:30 -> 34_200_000 on any day). */
  timeOfDayAt(epochMs: number): number {
    const local = epochMs + this.offsetAt(epochMs);
    return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
  }
}

const zones = new Map<string, ZoneOffsets>();
let lastZoneName = "";
let lastZone: ZoneOffsets | undefined;

/** The shared cache for a zone; throws InvalidTimeZoneError for unknown names. */
export function zoneOffsets(zone: string): ZoneOffsets {
  if (zone === lastZoneName && lastZone !== undefined) return lastZone;
  let z = zones.get(zone);
  if (z === undefined) {
    z = new ZoneOffsets(zone);
    zones.set(zone, z);
  }
  lastZoneName = zone;
  lastZone = z;
  return z;
}

/** Throws InvalidTimeZoneError unless luxon knows the zone (IANA name or fixed offset "UTC-05"). */
export function assertTimeZone(zone: string): void {
  zoneOffsets(zone);
}

// readers convert many rows of one day in a row: remember the last date key conversions
let lastDateKeyIn = Number.NaN;
let lastDayNumberOut = 0;
let lastDayNumberIn = Number.NaN;
let lastDateKeyOut = 0;

function cachedDayNumber(dateKey: number): number {
  if (dateKey !== lastDateKeyIn) {
    lastDayNumberOut = dayNumberFromDateKey(dateKey);
    lastDateKeyIn = dateKey;
  }
  return lastDayNumberOut;
}

function cachedDateKey(dayNumber: number): number {
  if (dayNumber !== lastDayNumberIn) {
    lastDateKeyOut = dateKeyFromDayNumber(dayNumber);
    lastDayNumberIn = dayNumber;
  }
  return lastDateKeyOut;
}

/** Epoch ms of `msSinceMidnight` (wall clock) on local date `dateKey` (yyyymmdd) in `zone`. */
export function epochFromLocal(dateKey: number, msSinceMidnight: number, zone: string): number {
  return zoneOffsets(zone).epochFromLocalDay(cachedDayNumber(dateKey), msSinceMidnight);
}

/** As `epochFromLocal`, with the date as a day number (days since 1970-01-01). */
export function epochFromLocalDay(dayNumber: number, msSinceMidnight: number, zone: string): number {
  return zoneOffsets(zone).epochFromLocalDay(dayNumber, msSinceMidnight);
}

/** The local calendar day of an instant, as a day number. */
export function localDayNumber(epochMs: number, zone: string): number {
  return zoneOffsets(zone).dayNumberAt(epochMs);
}

/** The local calendar day of an instant, as yyyymmdd. */
export function localDateKey(epochMs: number, zone: string): number {
  return cachedDateKey(zoneOffsets(zone).dayNumberAt(epochMs));
}

/** Epoch ms of 00:00 local time on the local day containing `epochMs`. */
export function localMidnight(epochMs: number, zone: string): number {
  const z = zoneOffsets(zone);
  return z.localDay(z.dayNumberAt(epochMs)).midnight;
}

/** Wall-clock ms since local midnight of an instant. */
export function localTimeOfDay(epochMs: number, zone: string): number {
  return zoneOffsets(zone).timeOfDayAt(epochMs);
}

/** The instant as a luxon DateTime in `zone` (for the user API and formatting only). */
export function toLocalDateTime(epochMs: number, zone: string): DateTime {
  assertTimeZone(zone);
  return DateTime.fromMillis(epochMs, { zone });
}
