// Typed errors of the risk layer. Every message names the field or the input it is about and
// says what was expected, so a user can fix the config or the call without reading the source.

/** Base class: `instanceof CircuitBreakerError` catches every failure of the circuit breaker. */
export class CircuitBreakerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A config value the breaker refuses. `field` is the full path of the value
 * (`quantconnect.circuit_breaker.max_daily_loss_pct`, or `CircuitBreakerConfig.maxDailyLossPct`
 * for a config passed in code).
 */
export class CircuitBreakerConfigError extends CircuitBreakerError {
  constructor(readonly field: string, readonly detail: string) {
    super(`${field} ${detail}`);
  }
}

/** A stored `circuit_breaker` status that cannot be restored; `field` is its path (`circuit_breaker.trip_count`). */
export class CircuitBreakerStateError extends CircuitBreakerError {
  constructor(readonly field: string, readonly detail: string) {
    super(`${field} ${detail}`);
  }
}

/** A call the breaker cannot act on: an equity or quantity that is not a finite number, an empty reason, a broken clock. */
export class CircuitBreakerUsageError extends CircuitBreakerError {}

/** How a refused value is shown in a message: JSON for strings and objects, so `"x"` and `x` differ. */
export function showValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
