/**
 * Bar start/end epoch times from exchange-local (date, ms since midnight), calling the caller's
 * time-zone function twice per calendar date for a whole run (not per bar, not per symbol): when
 * the UTC offset at local midnight equals the offset at the next local midnight, every bar of the
 * day shares it; on a daylight-saving day each bar is converted on its own.
 */
import type { EpochFromLocal } from "./bar-chunk.ts";
import { addDays, yyyymmddToUtcMs } from "./calendar-days.ts";

/** Per conversion function: date → the day's constant UTC offset in ms, or NaN on a DST day. */
const offsets = new WeakMap<EpochFromLocal, Map<number, number>>();

/** The UTC offset (epoch − naive local ms) shared by the whole local day, or NaN if it changes that day. */
export function dayOffset(date: number, epochFromLocal: EpochFromLocal): number {
  let byDate = offsets.get(epochFromLocal);
  if (!byDate) {
    byDate = new Map();
    offsets.set(epochFromLocal, byDate);
  }
  let offset = byDate.get(date);
  if (offset === undefined) {
    const next = addDays(date, 1);
    const atStart = epochFromLocal(date, 0) - yyyymmddToUtcMs(date);
    const atEnd = epochFromLocal(next, 0) - yyyymmddToUtcMs(next);
    offset = atStart === atEnd ? atStart : NaN;
    byDate.set(date, offset);
  }
  return offset;
}

/**
 * Fills time[i] = epoch of (date, localStart[i]) and endTime[i] = epoch of (date, localStart[i] + periodMs)
 * for i in [from, to), all rows on the same local date. `time` may be `localStart` itself (converted
 * in place).
 */
export function fillDayEpochs(
  date: number,
  localStart: Float64Array,
  periodMs: number,
  epochFromLocal: EpochFromLocal,
  time: Float64Array,
  endTime: Float64Array,
  from = 0,
  to = localStart.length,
): void {
  if (to <= from) return;
  const offset = dayOffset(date, epochFromLocal);
  if (!Number.isNaN(offset)) {
    const base = yyyymmddToUtcMs(date) + offset;
    for (let i = from; i < to; i++) {
      const t = base + localStart[i];
      time[i] = t;
      endTime[i] = t + periodMs;
    }
  } else {
    // A daylight-saving change inside the day: convert each bar.
    for (let i = from; i < to; i++) {
      const local = localStart[i];
      time[i] = epochFromLocal(date, local);
      endTime[i] = epochFromLocal(date, local + periodMs);
    }
  }
}

/** The same for rows spanning several dates (hour files): one lookup per run of equal dates. */
export function fillMultiDayEpochs(
  dates: Int32Array,
  localStart: Float64Array,
  periodMs: number,
  epochFromLocal: EpochFromLocal,
  time: Float64Array,
  endTime: Float64Array,
): void {
  let i = 0;
  const n = dates.length;
  while (i < n) {
    let j = i + 1;
    while (j < n && dates[j] === dates[i]) j++;
    fillDayEpochs(dates[i], localStart, periodMs, epochFromLocal, time, endTime, i, j);
    i = j;
  }
}

/** How daily bars are timed: LEAN's strict daily times (DailyPreciseEndTime) use the regular session. */
export interface DailyTimes {
  epochFromLocal: EpochFromLocal;
  /** Start of the regular session on a date (a daily bar's time). Default 09:30 local. */
  dailyStartTime?: (yyyymmdd: number) => number;
  /** End of the regular session on a date (a daily bar's end time; 13:00 on early closes). Default 16:00 local. */
  dailyEndTime?: (yyyymmdd: number) => number;
}

/** Fills daily bars' times: start = regular open, end = regular close of each bar's date. */
export function fillDailyEpochs(dates: ArrayLike<number>, times: DailyTimes, time: Float64Array, endTime: Float64Array): void {
  const open = times.dailyStartTime ?? ((d: number) => times.epochFromLocal(d, 9.5 * 3_600_000));
  const close = times.dailyEndTime ?? ((d: number) => times.epochFromLocal(d, 16 * 3_600_000));
  for (let i = 0; i < dates.length; i++) {
    time[i] = open(dates[i]);
    endTime[i] = close(dates[i]);
  }
}
