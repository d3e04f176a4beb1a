// The circuit breaker: watches the day's loss, the drawdown from peak and losing streaks, takes
// external trips (storage critical, the user's own rules) and halts, and decides whether a new
// order may go through. Plain values in (equities, trade P&L, signed quantities, a clock
// function), decisions and event records out. It must not know the engine, the portfolio or the
// object store: the engine feeds it and stores what it emits (see circuit-breaker-event.ts).
//
// Rules compare in decimal arithmetic by cross-multiplication, so each rule trips exactly AT its
// boundary (a loss of 3.00% against a 3% limit trips, 2.99% does not) with no floating-point
// fuzz either side.
import { Decimal } from "decimal.js";
import { Observable, Subject } from "rxjs";
import { resolveCircuitBreakerConfig, type CircuitBreakerConfig } from "./circuit-breaker-config.ts";
import type { CircuitBreakerEvent, CircuitBreakerEventType, CircuitBreakerRule } from "./circuit-breaker-event.ts";
import {
  isTrippedState,
  parseCircuitBreakerStatusJson,
  type CircuitBreakerState,
  type CircuitBreakerStatus,
  type CircuitBreakerStatusJson,
} from "./circuit-breaker-status.ts";
import { CircuitBreakerUsageError, showValue } from "./errors.ts";
import { orderRiskEffect } from "./order-risk.ts";

/** Enough digits that the products of two doubles' decimal forms are exact. */
const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Exact = Decimal;

const HUNDRED = new Exact(100);
const MINUTE_MS = 60_000;

export interface CircuitBreakerOptions {
  /** The run's clock, epoch milliseconds UTC (the backtest's time, not the wall clock). */
  now: () => number;
  /**
   * Called with every trip, halt, half-open, close and reset, before `events$` emits it; the
   * engine stores it in `monitoring_data` under `circuitBreakerEventKey(event)`. If it throws,
   * the state change still stands and the error reaches the caller of the method that caused it.
   */
  record?: (event: CircuitBreakerEvent) => void;
}

/** An order as the breaker sees it: signed quantity (positive buys) and the position it changes. */
export interface CircuitBreakerOrder {
  quantity: number | Decimal;
  currentHoldings: number | Decimal;
}

export type OrderCheck = { allowed: true } | { allowed: false; reason: string };

const ALLOWED: OrderCheck = Object.freeze({ allowed: true });

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function plainNumber(value: Exact): number {
  const n = value.toNumber();
  return n === 0 ? 0 : n; // no -0 in a status
}

/** Digits after the point that `limit` needs, at least 2: 3 → "3.00", 2.125 → "2.125". */
function percentDigits(limit: number): number {
  const text = new Exact(limit).toFixed();
  const point = text.indexOf(".");
  return Math.max(2, point < 0 ? 0 : text.length - point - 1);
}

function toExact(value: number | Decimal, what: string): Exact {
  if (Decimal.isDecimal(value)) {
    const d = new Exact(value as Decimal);
    if (!d.isFinite()) throw new CircuitBreakerUsageError(`${what} must be a finite number, got ${d.toString()}`);
    return d;
  }
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new CircuitBreakerUsageError(`${what} must be a finite number or a Decimal, got ${showValue(value)}`);
  return new Exact(value);
}

function checkReason(reason: unknown, method: string): string {
  if (typeof reason !== "string" || reason.trim() === "")
    throw new CircuitBreakerUsageError(`${method}(reason): the reason must be a non-empty string saying why, got ${JSON.stringify(reason)}`);
  return reason;
}

export class CircuitBreaker {
  readonly config: CircuitBreakerConfig;
  private readonly clock: () => number;
  private readonly sink: ((event: CircuitBreakerEvent) => void) | undefined;
  private readonly subject = new Subject<CircuitBreakerEvent>();
  /** Every trip, halt, half-open, close and reset, as the record the engine stores. */
  readonly events$: Observable<CircuitBreakerEvent> = this.subject.asObservable();

  private currentState: CircuitBreakerState = "closed";
  private reason: string | null = null;
  private trippedAtMs: number | null = null;
  private stateSinceMs: number;
  private tripCount = 0;
  private consecutiveLosses = 0;
  private startOfDayEquity: Exact | null = null;
  private peakEquity: Exact | null = null;
  private equity: Exact | null = null;
  private eventCount = 0;
  /** set while events are being delivered, so a subscriber's getStatus() does not run transitions mid-delivery */
  private delivering = false;

  constructor(config: Partial<CircuitBreakerConfig> | CircuitBreakerConfig, options: CircuitBreakerOptions) {
    if (typeof options !== "object" || options === null || typeof options.now !== "function")
      throw new CircuitBreakerUsageError("CircuitBreaker needs options.now: the run's clock, a function returning epoch milliseconds");
    if (options.record !== undefined && typeof options.record !== "function")
      throw new CircuitBreakerUsageError("CircuitBreaker options.record must be a function (event) => void");
    this.config = resolveCircuitBreakerConfig(config);
    this.clock = options.now;
    this.sink = options.record;
    this.stateSinceMs = this.now();
  }

  /**
   * A breaker that carries on from a stored `circuit_breaker` status (the JSON toJSON() wrote,
   * after JSON.parse), under the config of this run. Throws CircuitBreakerStateError naming the
   * field if the JSON is not one toJSON() could have written.
   */
  static fromJSON(
    json: unknown,
    config: Partial<CircuitBreakerConfig> | CircuitBreakerConfig,
    options: CircuitBreakerOptions,
  ): CircuitBreaker {
    const stored = parseCircuitBreakerStatusJson(json);
    const breaker = new CircuitBreaker(config, options);
    breaker.currentState = stored.state;
    breaker.reason = stored.reason;
    breaker.trippedAtMs = stored.tripped_at === null ? null : Date.parse(stored.tripped_at);
    breaker.stateSinceMs = Date.parse(stored.state_since);
    breaker.tripCount = stored.trip_count;
    breaker.consecutiveLosses = stored.consecutive_losses;
    breaker.startOfDayEquity = stored.start_of_day_equity === null ? null : new Exact(stored.start_of_day_equity);
    breaker.peakEquity = stored.peak_equity === null ? null : new Exact(stored.peak_equity);
    breaker.equity = stored.equity === null ? null : new Exact(stored.equity);
    breaker.eventCount = stored.event_count;
    return breaker;
  }

  // ---- state -------------------------------------------------------------------------------

  get state(): CircuitBreakerState {
    this.refresh();
    return this.currentState;
  }

  /** Open or halted: orders that add risk are refused. */
  get isTripped(): boolean {
    return isTrippedState(this.state);
  }

  get isHalted(): boolean {
    return this.state === "halted";
  }

  getStatus(): CircuitBreakerStatus {
    this.refresh();
    return {
      state: this.currentState,
      tripped: isTrippedState(this.currentState),
      reason: this.reason,
      trippedAt: this.trippedAtMs === null ? null : iso(this.trippedAtMs),
      tripCount: this.tripCount,
      dailyPnlPct: plainNumber(this.dailyPnlPct()),
      drawdownPct: plainNumber(this.drawdownPct()),
      consecutiveLosses: this.consecutiveLosses,
    };
  }

  /** The `circuit_breaker` entry of trading state; CircuitBreaker.fromJSON restores it. */
  toJSON(): CircuitBreakerStatusJson {
    const status = this.getStatus();
    return {
      state: status.state,
      tripped: status.tripped,
      reason: status.reason,
      tripped_at: status.trippedAt,
      trip_count: status.tripCount,
      daily_pnl_pct: status.dailyPnlPct,
      drawdown_pct: status.drawdownPct,
      consecutive_losses: status.consecutiveLosses,
      state_since: iso(this.stateSinceMs),
      start_of_day_equity: this.startOfDayEquity?.toFixed() ?? null,
      peak_equity: this.peakEquity?.toFixed() ?? null,
      equity: this.equity?.toFixed() ?? null,
      event_count: this.eventCount,
    };
  }

  // ---- inputs from the engine --------------------------------------------------------------

  /** The engine calls this at the start of each trading day: the daily-loss rule's new baseline. */
  startOfDay(equity: number | Decimal): void {
    const value = toExact(equity, "start-of-day equity");
    this.refresh();
    this.startOfDayEquity = value;
    this.observeEquity(value);
  }

  /**
   * The engine calls this with every equity sample. Tracks the peak, and trips the breaker when
   * the day's loss or the drawdown reaches its limit. The first sample, if startOfDay was never
   * called, is the day's baseline.
   */
  updateEquity(equity: number | Decimal): void {
    const value = toExact(equity, "equity");
    this.refresh();
    if (this.startOfDayEquity === null) this.startOfDayEquity = value;
    this.observeEquity(value);
  }

  /**
   * The engine calls this with the P&L of each closed trade. A loss (< 0) extends the losing
   * streak; anything else, a break-even trade included, ends it. While half-open, a loss trips
   * the breaker again: the trial was not clean.
   */
  recordTradeResult(profitLoss: number | Decimal): void {
    const pnl = toExact(profitLoss, "trade profit/loss");
    this.refresh();
    if (!pnl.isNegative() || pnl.isZero()) {
      this.consecutiveLosses = 0;
      return;
    }
    this.consecutiveLosses++;
    const t = this.now();
    if (this.currentState === "half_open") {
      this.tripAt(t, "half_open_loss", `Losing trade while half-open: ${pnl.toFixed()}`);
      return;
    }
    const limit = this.config.maxConsecutiveLosses;
    if (this.currentState === "closed" && limit !== null && this.consecutiveLosses >= limit)
      this.tripAt(t, "max_consecutive_losses", `Max consecutive losses reached: ${this.consecutiveLosses} >= ${limit}`);
  }

  // ---- external control --------------------------------------------------------------------

  /**
   * Trips the breaker from outside: storage critical (`"Storage critical: 90%+ full"`) or the
   * user's own rule. Returns false, and records nothing, if it is already open or halted: the
   * reason that tripped it first stands.
   */
  trip(reason: string): boolean {
    const text = checkReason(reason, "trip");
    this.refresh();
    if (isTrippedState(this.currentState)) return false;
    this.tripAt(this.now(), "external", text);
    return true;
  }

  /**
   * Halts trading (storage 100% full: "Halt trading, manual intervention"): no new order goes
   * through, not even one that reduces a position, until reset(). Returns false if already halted.
   */
  halt(reason: string): boolean {
    const text = checkReason(reason, "halt");
    this.refresh();
    if (this.currentState === "halted") return false;
    const t = this.now();
    const previous = this.currentState;
    if (!isTrippedState(previous)) {
      this.tripCount++;
      this.trippedAtMs = t;
    }
    this.enter("halted", t, text);
    this.emit("halt", "external", text, t, previous);
    return true;
  }

  /**
   * Closes an open, half-open or halted breaker (a person's decision). The rules then measure
   * afresh from the latest equity: the day's baseline and the peak become the latest equity and
   * the losing streak starts at 0, as LEAN's MaximumDrawdownPercentPortfolio resets its high-water
   * mark after it triggers; otherwise a drawdown still at 10.4% would trip it again on the next
   * sample and a reset could never hold. Returns false if it was already closed.
   */
  reset(reason = "Manual reset"): boolean {
    const text = checkReason(reason, "reset");
    this.refresh();
    if (this.currentState === "closed") return false;
    const t = this.now();
    const previous = this.currentState;
    const measures = this.measures();
    this.enter("closed", t, null);
    this.trippedAtMs = null;
    this.rearm();
    this.emit("reset", null, text, t, previous, measures);
    return true;
  }

  // ---- decisions ---------------------------------------------------------------------------

  /**
   * Whether a new order may go through. Closed or half-open: yes. Open: only an order that
   * reduces or closes a position, and only if allowReducingOrdersWhenTripped. Halted: no.
   * A refusal's reason is the text for the order event.
   */
  checkOrder(order: CircuitBreakerOrder): OrderCheck {
    const effect = orderRiskEffect(order.quantity, order.currentHoldings);
    this.refresh();
    switch (this.currentState) {
      case "closed":
      case "half_open":
        return ALLOWED;
      case "halted":
        return {
          allowed: false,
          reason: `Trading halted (${this.reason}): no new orders go through until a person resets the circuit breaker`,
        };
      case "open": {
        const until =
          this.config.coolDownMinutes === null
            ? "the circuit breaker is reset"
            : `the cool-down ends at ${iso(this.stateSinceMs + this.config.coolDownMinutes * MINUTE_MS)} or the circuit breaker is reset`;
        if (!this.config.allowReducingOrdersWhenTripped)
          return { allowed: false, reason: `Circuit breaker open (${this.reason}): no new orders go through until ${until}` };
        if (effect === "adds-risk")
          return {
            allowed: false,
            reason: `Circuit breaker open (${this.reason}): orders that add risk are refused; only orders that reduce or close positions go through until ${until}`,
          };
        return ALLOWED;
      }
    }
  }

  // ---- internals ---------------------------------------------------------------------------

  private now(): number {
    const t = this.clock();
    if (typeof t !== "number" || !Number.isFinite(t))
      throw new CircuitBreakerUsageError(`the circuit breaker's clock returned ${String(t)}; it must return epoch milliseconds`);
    return t;
  }

  private dailyPnlPct(): Exact {
    const base = this.startOfDayEquity;
    if (base === null || this.equity === null || !base.isPositive() || base.isZero()) return new Exact(0);
    return this.equity.minus(base).times(HUNDRED).dividedBy(base);
  }

  private drawdownPct(): Exact {
    const peak = this.peakEquity;
    if (peak === null || this.equity === null || !peak.isPositive() || peak.isZero()) return new Exact(0);
    return peak.minus(this.equity).times(HUNDRED).dividedBy(peak);
  }

  private observeEquity(value: Exact): void {
    this.equity = value;
    if (this.peakEquity === null || value.greaterThan(this.peakEquity)) this.peakEquity = value;
    if (isTrippedState(this.currentState)) return;

    const t = this.now();
    const dailyLimit = this.config.maxDailyLossPct;
    const base = this.startOfDayEquity;
    // loss% >= limit  ⇔  (base - equity) * 100 >= limit * base, for base > 0
    if (dailyLimit !== null && base !== null && base.isPositive() && !base.isZero()) {
      if (base.minus(value).times(HUNDRED).greaterThanOrEqualTo(base.times(dailyLimit))) {
        const digits = percentDigits(dailyLimit);
        this.tripAt(
          t,
          "max_daily_loss",
          `Max daily loss exceeded: ${this.dailyPnlPct().toFixed(digits)}% <= ${new Exact(-dailyLimit).toFixed(digits)}%`,
        );
        return;
      }
    }
    const drawdownLimit = this.config.maxDrawdownPct;
    const peak = this.peakEquity ?? value;
    if (drawdownLimit !== null && peak.isPositive() && !peak.isZero()) {
      if (peak.minus(value).times(HUNDRED).greaterThanOrEqualTo(peak.times(drawdownLimit))) {
        const digits = percentDigits(drawdownLimit);
        this.tripAt(
          t,
          "max_drawdown",
          `Max drawdown exceeded: ${this.drawdownPct().toFixed(digits)}% >= ${new Exact(drawdownLimit).toFixed(digits)}%`,
        );
      }
    }
  }

  /** closed or half-open → open */
  private tripAt(t: number, rule: CircuitBreakerRule, reason: string): void {
    const previous = this.currentState;
    this.tripCount++;
    this.trippedAtMs = t;
    this.enter("open", t, reason);
    this.emit("trip", rule, reason, t, previous);
  }

  private enter(state: CircuitBreakerState, t: number, reason: string | null): void {
    this.currentState = state;
    this.stateSinceMs = t;
    this.reason = reason;
  }

  /** The rules measure afresh from the latest equity (see reset()). */
  private rearm(): void {
    if (this.equity !== null) {
      this.startOfDayEquity = this.equity;
      this.peakEquity = this.equity;
    }
    this.consecutiveLosses = 0;
  }

  /** Runs the cool-down transitions that have fallen due, each at the time it fell due. */
  private refresh(): void {
    if (this.delivering) return;
    const coolDown = this.config.coolDownMinutes;
    if (coolDown === null) return; // no automatic transitions without a cool-down
    const cleanPeriod = this.config.halfOpenMinutes ?? coolDown;
    const t = this.now();
    if (this.currentState === "open") {
      const due = this.stateSinceMs + coolDown * MINUTE_MS;
      if (t < due) return;
      const measures = this.measures();
      this.enter("half_open", due, this.reason);
      this.rearm();
      this.emit("half_open", null, `Cool-down of ${coolDown} minutes passed`, due, "open", measures);
    }
    if (this.currentState === "half_open") {
      const due = this.stateSinceMs + cleanPeriod * MINUTE_MS;
      if (t < due) return;
      this.enter("closed", due, null);
      this.trippedAtMs = null;
      this.emit("close", null, `Clean half-open period of ${cleanPeriod} minutes passed`, due, "half_open");
    }
  }

  /** The rules' measures as they stand, for an event record. */
  private measures(): Pick<CircuitBreakerEvent, "daily_pnl_pct" | "drawdown_pct" | "consecutive_losses"> {
    return {
      daily_pnl_pct: plainNumber(this.dailyPnlPct()),
      drawdown_pct: plainNumber(this.drawdownPct()),
      consecutive_losses: this.consecutiveLosses,
    };
  }

  /**
   * Delivers one record, after the state change it records is complete: to the sink first (the
   * store), then to events$ even if the sink threw, whose error then reaches the caller.
   */
  private emit(
    type: CircuitBreakerEventType,
    rule: CircuitBreakerRule | null,
    reason: string,
    t: number,
    previous: CircuitBreakerState,
    measures = this.measures(),
  ): void {
    this.eventCount++;
    const event: CircuitBreakerEvent = {
      type,
      rule,
      reason,
      time: iso(t),
      state: this.currentState,
      previous_state: previous,
      trip_count: this.tripCount,
      ...measures,
      sequence: this.eventCount,
    };
    const wasDelivering = this.delivering;
    this.delivering = true;
    try {
      this.sink?.(event);
    } finally {
      try {
        this.subject.next(event);
      } finally {
        this.delivering = wasDelivering;
      }
    }
  }
}
