/**
 * yyyymmdd integers as calendar days (proleptic Gregorian, no time zone): stepping, and the
 * "naive" UTC millisecond of a local wall time, used to turn one time-zone offset per day into
 * epoch times for every bar of that day.
 */

export function yyyymmddToUtcMs(date: number): number {
  return Date.UTC(Math.floor(date / 10000), (Math.floor(date / 100) % 100) - 1, date % 100);
}

export function utcMsToYyyymmdd(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

export function addDays(date: number, days: number): number {
  return utcMsToYyyymmdd(yyyymmddToUtcMs(date) + days * 86_400_000);
}

/** Every calendar day from `start` to `end` inclusive. */
export function* calendarDays(start: number, end: number): Generator<number> {
  for (let ms = yyyymmddToUtcMs(start), last = yyyymmddToUtcMs(end); ms <= last; ms += 86_400_000) {
    yield utcMsToYyyymmdd(ms);
  }
}

/** `yyyy-mm-dd` to yyyymmdd, or NaN. */
export function isoDateToYyyymmdd(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : NaN;
}
