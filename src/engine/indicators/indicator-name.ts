/**
 * LEAN's `CreateIndicatorName`, for the algorithm's helpers (`this.sma(symbol, 14)`): the type
 * with the symbol and a resolution abbreviation folded into its parentheses, e.g.
 * `SMA(14,SPY_day)`, `RSI(14,Wilders,SPY_min)`. The engine decides whether to use it.
 */

/** LEAN's resolutions, as the engine may spell them (case-insensitive). */
export type ResolutionName = "tick" | "second" | "minute" | "hour" | "daily";

const ABBREVIATIONS: Record<ResolutionName, string> = { tick: "tick", second: "sec", minute: "min", hour: "hr", daily: "day" };

export function createIndicatorName(symbol: string | undefined, type: string, resolution?: ResolutionName | null): string {
  let res = "";
  if (resolution != null) {
    const abbreviation = ABBREVIATIONS[resolution.toLowerCase() as ResolutionName];
    if (abbreviation === undefined) throw new RangeError(`createIndicatorName: unknown resolution "${resolution}"; expected tick, second, minute, hour or daily`);
    res = abbreviation;
  }
  const parts = symbol ? [symbol, res] : [res];
  return `${type}(${parts.join("_")})`.replace(")(", ",");
}
