// The record of one change of the circuit breaker's state: what `events$` emits and what the
// engine stores in the `monitoring_data` category, so the guide's "historical circuit breaker
// data" exists across runs. snake_case, because it is stored JSON. Knows nothing of the store:
// it only says which key a record should have.
import type { CircuitBreakerState } from "./circuit-breaker-status.ts";
import { CircuitBreakerUsageError } from "./errors.ts";

/**
 * - `trip`: closed or half-open → open (a rule, or an external `trip(reason)`)
 * - `halt`: any state → halted (`halt(reason)`: storage 100% full, manual intervention)
 * - `half_open`: open → half-open, when the cool-down has passed
 * - `close`: half-open → closed, after a clean period
 * - `reset`: open, half-open or halted → closed, by `reset()`
 */
export type CircuitBreakerEventType = "trip" | "halt" | "half_open" | "close" | "reset";

/** Which rule tripped the breaker; null for events that are not trips. */
export type CircuitBreakerRule =
  | "max_daily_loss"
  | "max_drawdown"
  | "max_consecutive_losses"
  /** a losing trade while half-open: the trial period was not clean */
  | "half_open_loss"
  /** `trip(reason)` or `halt(reason)` from outside: storage critical or full, the user's own rule */
  | "external";

export interface CircuitBreakerEvent {
  type: CircuitBreakerEventType;
  rule: CircuitBreakerRule | null;
  /** the trip message (`Max daily loss exceeded: -3.20% <= -3.00%`) or why the state changed */
  reason: string;
  /** when the change took effect, ISO 8601 UTC; for cool-down changes, the moment it fell due */
  time: string;
  /** the state after the change */
  state: CircuitBreakerState;
  previous_state: CircuitBreakerState;
  /** trips so far, including this one */
  trip_count: number;
  /** the measures at the moment of the change, before any re-basing the change causes */
  daily_pnl_pct: number;
  drawdown_pct: number;
  consecutive_losses: number;
  /** 1, 2, 3, ... over the breaker's life, carried across runs by the stored status */
  sequence: number;
}

/** Category the engine stores the records in. */
export const CIRCUIT_BREAKER_EVENT_CATEGORY = "monitoring_data";

/** Prefix of every record's key. */
export const CIRCUIT_BREAKER_EVENT_KEY_PREFIX = "circuit_breaker/";

/**
 * The key for a record: `circuit_breaker/<yyyymmdd_HHMMSS>_<sequence, 6 digits>`, time in UTC,
 * e.g. `circuit_breaker/20240105_143000_000003`. Keys sort by time, and within one second by
 * sequence; the sequence makes two records in the same second two keys, and re-running the same
 * backtest from the same stored status writes the same keys again instead of piling up copies.
 */
export function circuitBreakerEventKey(event: Pick<CircuitBreakerEvent, "time" | "sequence">): string {
  const ms = Date.parse(event.time);
  if (!Number.isFinite(ms)) throw new CircuitBreakerUsageError(`circuit breaker event time ${JSON.stringify(event.time)} is not an ISO 8601 time`);
  if (!Number.isInteger(event.sequence) || event.sequence < 0)
    throw new CircuitBreakerUsageError(`circuit breaker event sequence must be a whole number >= 0, got ${event.sequence}`);
  const iso = new Date(ms).toISOString(); // 2024-01-05T14:30:00.000Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  return `${CIRCUIT_BREAKER_EVENT_KEY_PREFIX}${stamp}_${String(event.sequence).padStart(6, "0")}`;
}
