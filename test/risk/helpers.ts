// A fake clock and a breaker wired to collect its records, shared by the circuit breaker tests.
import { CircuitBreaker, type CircuitBreakerConfig, type CircuitBreakerEvent } from "../../src/risk/index.ts";

export const T0 = Date.UTC(2024, 0, 5, 14, 30, 0); // 2024-01-05T14:30:00.000Z
export const MINUTE = 60_000;

export class FakeClock {
  constructor(public ms = T0) {}
  readonly now = (): number => this.ms;
  advanceMinutes(minutes: number): void {
    this.ms += minutes * MINUTE;
  }
  advanceMs(ms: number): void {
    this.ms += ms;
  }
}

export interface Harness {
  breaker: CircuitBreaker;
  clock: FakeClock;
  /** what the record sink received */
  records: CircuitBreakerEvent[];
  /** what events$ emitted */
  emitted: CircuitBreakerEvent[];
}

export function makeBreaker(config: Partial<CircuitBreakerConfig> = {}, clock = new FakeClock()): Harness {
  const records: CircuitBreakerEvent[] = [];
  const emitted: CircuitBreakerEvent[] = [];
  const breaker = new CircuitBreaker(config, { now: clock.now, record: (e) => records.push(e) });
  breaker.events$.subscribe((e) => emitted.push(e));
  return { breaker, clock, records, emitted };
}
