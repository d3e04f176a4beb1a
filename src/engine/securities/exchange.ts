// A security's exchange: its hours (the time module's ExchangeHours) and "is it open now".
import type { ExchangeHours } from "../time/index.ts";

export type ExchangeHoursLike = ExchangeHours;

/** LEAN's SecurityExchange: the hours plus "is it open now" on the engine's clock. */
export class SecurityExchange {
  constructor(
    readonly hours: ExchangeHoursLike,
    private readonly now: () => number,
  ) {}

  get timeZone(): string {
    return this.hours.timeZone;
  }

  /** Regular session open now (LEAN's ExchangeOpen). */
  get exchangeOpen(): boolean {
    return this.hours.isOpen(this.now(), false);
  }

  /** Alias of exchangeOpen. */
  get hoursOpen(): boolean {
    return this.exchangeOpen;
  }

  /** Open now including pre- and post-market. */
  get extendedOpen(): boolean {
    return this.hours.isOpen(this.now(), true);
  }
}
