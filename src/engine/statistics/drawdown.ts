/**
 * Maximum drawdown and the longest drawdown recovery of an equity curve, as LEAN's
 * `Statistics.CalculateDrawdownMetrics(equity, rounding)` computes them in decimal arithmetic.
 * Pure: takes the time-ordered equity points, knows nothing of sampling.
 */
import { NetDecimal } from "./net-decimal.ts";

export interface DrawdownMetrics {
  /** Maximum drawdown as a positive fraction, `Math.Round(|min(value/peak - 1)|, rounding)` (0.022 = 2.2%). */
  drawdown: NetDecimal;
  /** Longest time in whole days (truncated) from the peak a drawdown started at to the first value back at or above it. */
  drawdownRecovery: number;
}

const MS_PER_DAY = 86_400_000;

/**
 * @param equity time-ordered points (epoch ms, decimal value), one per distinct time
 * @param rounding decimals of the drawdown (LEAN's statistics use 3)
 */
export function calculateDrawdownMetrics(
  equity: readonly { time: number; value: NetDecimal }[],
  rounding = 2,
): DrawdownMetrics {
  if (equity.length < 2) return { drawdown: NetDecimal.ZERO, drawdownRecovery: 0 };
  let maxDrawdown = NetDecimal.ZERO;
  let maxRecoveryDays = 0;
  let peak = equity[0].value;
  let peakTime = equity[0].time;
  let drawdownStart: number | undefined;
  for (const point of equity) {
    if (peak.isZero()) {
      // LEAN divides by the peak inside a try/catch and gives up with zeros
      return { drawdown: NetDecimal.ZERO, drawdownRecovery: 0 };
    }
    if (point.value.compare(peak) >= 0) {
      if (drawdownStart !== undefined) {
        // (decimal)TimeSpan.TotalDays keeps 15 significant digits; only the integer part survives
        const days = NetDecimal.fromDouble((point.time - drawdownStart) / MS_PER_DAY).toDouble();
        maxRecoveryDays = Math.max(maxRecoveryDays, days);
        drawdownStart = undefined;
      }
      peak = point.value;
      peakTime = point.time;
    }
    const current = point.value.divide(peak).subtract(NetDecimal.ONE);
    if (current.isNegative()) {
      // Math.Min(max, current) returns `current` on a tie
      if (current.compare(maxDrawdown) <= 0) maxDrawdown = current;
      if (drawdownStart === undefined) drawdownStart = peakTime;
    }
  }
  return { drawdown: maxDrawdown.abs().round(rounding), drawdownRecovery: Math.trunc(maxRecoveryDays) };
}
