// The circuit breaker's status: what getStatus() returns (camelCase, for code) and the
// `circuit_breaker` entry of trading state (snake_case, the guide's stored JSON), with the
// validation that lets a second run restore what the first run stored.
import { Decimal } from "decimal.js";
import { CircuitBreakerStateError, showValue } from "./errors.ts";

/**
 * - `closed`: every order goes through; the rules are watched.
 * - `open`: tripped; orders that add risk are refused (reducing orders go through if configured).
 * - `half_open`: on trial after a cool-down; orders go through, a losing trade or a rule breach trips it again.
 * - `halted`: storage full or another emergency; no new orders at all until reset().
 */
export type CircuitBreakerState = "closed" | "open" | "half_open" | "halted";

export const CIRCUIT_BREAKER_STATES: readonly CircuitBreakerState[] = ["closed", "open", "half_open", "halted"];

export interface CircuitBreakerStatus {
  state: CircuitBreakerState;
  /** open or halted: orders that add risk are refused */
  tripped: boolean;
  /** why the breaker is open, half-open or halted; null when closed */
  reason: string | null;
  /** ISO 8601 UTC time of the trip that opened it; null when closed */
  trippedAt: string | null;
  /** trips over the breaker's life (a halt from a closed or half-open breaker counts as one) */
  tripCount: number;
  /** equity against the day's baseline, in % (negative: a loss) */
  dailyPnlPct: number;
  /** equity below its peak, in % (0 at a new peak) */
  drawdownPct: number;
  /** losing closed trades in a row */
  consecutiveLosses: number;
}

/**
 * The `circuit_breaker` entry of trading state. The first eight fields are the status in
 * snake_case; the rest are what a second run needs to carry on exactly where the first stopped
 * (the baselines of the loss and drawdown rules, when the current state began, and the event
 * sequence). Equities are decimal strings, as decimal.js writes them, so they restore exactly.
 */
export interface CircuitBreakerStatusJson {
  state: CircuitBreakerState;
  tripped: boolean;
  reason: string | null;
  tripped_at: string | null;
  trip_count: number;
  daily_pnl_pct: number;
  drawdown_pct: number;
  consecutive_losses: number;
  /** ISO 8601 UTC time the current state began (the cool-down and the clean period count from it) */
  state_since: string;
  /** the daily-loss rule's baseline: start-of-day equity, or the equity at the last re-arm */
  start_of_day_equity: string | null;
  /** the drawdown rule's peak since the last re-arm */
  peak_equity: string | null;
  /** the last equity seen */
  equity: string | null;
  /** events emitted so far (the sequence of the last record) */
  event_count: number;
}

/** The camelCase status from the stored JSON. */
export function statusFromJson(json: CircuitBreakerStatusJson): CircuitBreakerStatus {
  return {
    state: json.state,
    tripped: json.tripped,
    reason: json.reason,
    trippedAt: json.tripped_at,
    tripCount: json.trip_count,
    dailyPnlPct: json.daily_pnl_pct,
    drawdownPct: json.drawdown_pct,
    consecutiveLosses: json.consecutive_losses,
  };
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Whether a state restricts orders. */
export function isTrippedState(state: CircuitBreakerState): boolean {
  return state === "open" || state === "halted";
}

/**
 * Validates a stored `circuit_breaker` entry (after JSON.parse) and returns it typed. Errors
 * name the field's path under `where`: `circuit_breaker.trip_count must be ...`.
 */
export function parseCircuitBreakerStatusJson(json: unknown, where = "circuit_breaker"): CircuitBreakerStatusJson {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new CircuitBreakerStateError(where, `must be an object (the JSON CircuitBreaker.toJSON() writes), got ${showValue(json)}`);
  const o = json as Record<string, unknown>;
  const at = (name: string) => `${where}.${name}`;
  const fail = (name: string, expected: string): never => {
    throw new CircuitBreakerStateError(at(name), `must be ${expected}, got ${showValue(o[name])}`);
  };
  const wholeNumber = (name: string, min: number): number => {
    const v = o[name];
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) fail(name, `a whole number of at least ${min}`);
    return v as number;
  };
  const finite = (name: string): number => {
    const v = o[name];
    if (typeof v !== "number" || !Number.isFinite(v)) fail(name, "a finite number");
    return v as number;
  };
  const time = (name: string, nullable: boolean): string | null => {
    const v = o[name];
    if (v === null && nullable) return null;
    if (typeof v !== "string" || !ISO_TIME.test(v) || !Number.isFinite(Date.parse(v)))
      fail(name, `an ISO 8601 time such as "2024-01-05T14:30:00.000Z"${nullable ? " or null" : ""}`);
    return v as string;
  };
  const equity = (name: string): string | null => {
    const v = o[name];
    if (v === null) return null;
    if (typeof v !== "string" || !DECIMAL.test(v) || !new Decimal(v).isFinite()) fail(name, 'a decimal string such as "100000.25" or null');
    return v as string;
  };

  const state = o.state;
  if (typeof state !== "string" || !(CIRCUIT_BREAKER_STATES as readonly string[]).includes(state))
    fail("state", `one of ${CIRCUIT_BREAKER_STATES.map((s) => `"${s}"`).join(", ")}`);
  const s = state as CircuitBreakerState;
  if (typeof o.tripped !== "boolean") fail("tripped", "true or false");
  if (o.tripped !== isTrippedState(s)) fail("tripped", `${isTrippedState(s)} when state is "${s}"`);
  const reason = o.reason;
  if (s === "closed") {
    if (reason !== null) fail("reason", 'null when state is "closed"');
  } else if (typeof reason !== "string" || reason.trim() === "") fail("reason", `a non-empty string when state is "${s}"`);
  const trippedAt = time("tripped_at", s === "closed");
  if (s === "closed" && trippedAt !== null) fail("tripped_at", 'null when state is "closed"');
  const tripCount = wholeNumber("trip_count", s === "closed" ? 0 : 1);

  return {
    state: s,
    tripped: o.tripped as boolean,
    reason: reason as string | null,
    tripped_at: trippedAt,
    trip_count: tripCount,
    daily_pnl_pct: finite("daily_pnl_pct"),
    drawdown_pct: finite("drawdown_pct"),
    consecutive_losses: wholeNumber("consecutive_losses", 0),
    state_since: time("state_since", false) as string,
    start_of_day_equity: equity("start_of_day_equity"),
    peak_equity: equity("peak_equity"),
    equity: equity("equity"),
    event_count: wholeNumber("event_count", 0),
  };
}
