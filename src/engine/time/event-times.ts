/**
 * eventTimes: the instants a (date rule, time rule) pair fires within [start, end], lazily.
 *
 * As LEAN's ScheduleManager + ScheduledEvent: the date rule is asked for dates from the day before
 * the start (LEAN backs up one day so nothing is missed), the time rule turns each date into
 * instants, and instants before `startMs` are skipped (an event exactly at the start is kept, as
 * LEAN's SkipEventsUntil keeps times >= the algorithm time). Instants after `endMs` are not produced.
 * The engine merges these with the data stream and fires each once; this module only produces them.
 *
 * Lazy: one date at a time, so a ten-year backtest holds one or two days of times, not ten years.
 * Order: ascending. A date's instants are sorted, and instants are held back until the next date's
 * instants are known, so a rule whose times spill into the neighbouring day (beforeMarketOpen with a
 * large offset) still comes out in order. Equal instants are all yielded (LEAN fires both).
 */
import { MS_PER_DAY } from "./civil-date.ts";
import type { DateRule, TimeRule } from "./schedule-context.ts";
import { zoneOffsets } from "./time-zone.ts";

/** 9999-12-31T00:00Z: the end used for an unbounded (Infinity) end. */
const END_OF_TIME = 253402214400000;

export function* eventTimes(
  dateRule: DateRule,
  timeRule: TimeRule,
  startMs: number,
  endMs: number,
  timeZone: string = dateRule.timeZone,
): Generator<number> {
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) throw new RangeError("eventTimes: start and end must be numbers");
  if (endMs < startMs) return;
  const end = Math.min(endMs, END_OF_TIME);
  const zone = zoneOffsets(timeZone);
  const startDay = Math.min(zone.dayNumberAt(startMs), Math.floor(startMs / MS_PER_DAY)) - 1;
  const endDay = Math.max(zone.dayNumberAt(end), Math.floor(end / MS_PER_DAY)) + 1;
  let pending: number[] = [];
  for (const day of dateRule.dayNumbers(startDay, endDay)) {
    const times = timeRule.timesForDay(day).filter((t) => t >= startMs && t <= endMs);
    if (times.length === 0) continue;
    times.sort((a, b) => a - b);
    const floor = times[0];
    // everything held back that precedes this date's first instant can go now
    let i = 0;
    while (i < pending.length && pending[i] <= floor) yield pending[i++];
    pending = i === 0 ? pending : pending.slice(i);
    pending = pending.length === 0 ? times : mergeSorted(pending, times);
  }
  yield* pending;
}

function mergeSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i] <= b[j] ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
