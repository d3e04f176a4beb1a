// Data resolutions (LEAN's Resolution enum). Tick is out of scope.
export enum Resolution {
  Second = "second",
  Minute = "minute",
  Hour = "hour",
  Daily = "daily",
}

const PERIOD_MS: Record<Resolution, number> = {
  [Resolution.Second]: 1_000,
  [Resolution.Minute]: 60_000,
  [Resolution.Hour]: 3_600_000,
  [Resolution.Daily]: 86_400_000,
};

/** The nominal length of one bar of this resolution, in milliseconds. */
export function resolutionToMs(resolution: Resolution): number {
  return PERIOD_MS[resolution];
}

const ORDER = [Resolution.Second, Resolution.Minute, Resolution.Hour, Resolution.Daily];

export function isResolution(value: unknown): value is Resolution {
  return typeof value === "string" && (ORDER as string[]).includes(value);
}

/** Parses a resolution name, case-insensitively ("Minute", "minute"). */
export function parseResolution(value: string): Resolution {
  const lower = value.toLowerCase();
  if (isResolution(lower)) return lower;
  throw new TypeError(`unknown resolution "${value}": expected one of ${ORDER.join(", ")}`);
}
