/**
 * LEAN's DataNormalizationMode: how raw file prices become the prices an algorithm sees.
 * The names are LEAN's; the readers implement Raw, Adjusted and SplitAdjusted.
 */
export enum DataNormalizationMode {
  /** File prices as they are. Options and option underlyings use this. */
  Raw = "Raw",
  /** Prices × priceFactor × splitFactor, volume ÷ the same (LEAN's default for equities). */
  Adjusted = "Adjusted",
  /** Prices × splitFactor, volume ÷ splitFactor. */
  SplitAdjusted = "SplitAdjusted",
  /** Split-adjusted prices plus the running sum of dividends (not implemented by the readers). */
  TotalReturn = "TotalReturn",
  /** Futures continuous-contract modes (not used for equities). */
  ForwardPanamaCanal = "ForwardPanamaCanal",
  BackwardsPanamaCanal = "BackwardsPanamaCanal",
  BackwardsRatio = "BackwardsRatio",
  /** Raw prices scaled to the end of the history request (LEAN uses it for warm-up; not implemented). */
  ScaledRaw = "ScaledRaw",
}

/**
 * Rounds half to even, as .NET's Math.Round(decimal) does (LEAN rounds scaled volumes this way).
 * Values within 1e-9 (relative) of a half are treated as a half, so that a volume such as
 * 150 / 0.6 = 249.99999999999997 in doubles still rounds as the exact decimal 250 would.
 */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  const tolerance = 1e-9 * Math.max(1, Math.abs(x));
  if (Math.abs(diff - 0.5) <= tolerance) return floor % 2 === 0 ? floor : floor + 1;
  return Math.round(x);
}
