// Whether an order adds risk: the one question a tripped circuit breaker asks of an order.
// Plain quantities in (signed: positive buys, negative sells), a classification out.
import { Decimal } from "decimal.js";
import { CircuitBreakerUsageError, showValue } from "./errors.ts";

/**
 * - `adds-risk`: opens a position, increases |position|, or crosses zero (long 10, sell 20).
 * - `reduces`: moves |position| toward zero without crossing it; closing exactly (long 10, sell 10) reduces.
 * - `none`: a zero quantity, which changes nothing.
 */
export type OrderRiskEffect = "adds-risk" | "reduces" | "none";

function sign(value: number | Decimal, what: string): number {
  if (value instanceof Decimal || Decimal.isDecimal(value)) {
    const d = value as Decimal;
    if (!d.isFinite()) throw new CircuitBreakerUsageError(`${what} must be a finite number, got ${d.toString()}`);
    return d.isZero() ? 0 : d.isNegative() ? -1 : 1;
  }
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new CircuitBreakerUsageError(`${what} must be a finite number or a Decimal, got ${showValue(value)}`);
  return Math.sign(value) === 0 ? 0 : Math.sign(value);
}

/**
 * Classifies an order of `quantity` against the position it would change (`currentHoldings`;
 * the caller may include the quantities of the symbol's open orders, so that two sells that each
 * reduce do not together flip the position).
 */
export function orderRiskEffect(quantity: number | Decimal, currentHoldings: number | Decimal): OrderRiskEffect {
  const q = sign(quantity, "order quantity");
  const h = sign(currentHoldings, "current holdings");
  if (q === 0) return "none";
  if (h === 0 || q === h) return "adds-risk";
  // Opposite signs: it reduces unless it is larger than the position (a flip).
  const exceeds = new Decimal(quantity).abs().greaterThan(new Decimal(currentHoldings).abs());
  return exceeds ? "adds-risk" : "reduces";
}

/** True when the order opens, increases or flips a position. */
export function isRiskAddingOrder(quantity: number | Decimal, currentHoldings: number | Decimal): boolean {
  return orderRiskEffect(quantity, currentHoldings) === "adds-risk";
}
