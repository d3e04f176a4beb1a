/** Checks and sizing of indicator periods, shared by the indicators. */

/** C#'s `Math.Round` (banker's rounding: halves go to the even neighbour); LEAN sizes some periods with it. */
export function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Throws unless `period` is an integer of at least `min`. */
export function assertPeriod(indicator: string, period: number, min = 1): void {
  if (!Number.isInteger(period) || period < min) {
    throw new RangeError(`${indicator}: period must be an integer >= ${min}, got ${period}`);
  }
}
