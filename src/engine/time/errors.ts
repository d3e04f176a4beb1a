/**
 * Typed errors for the time module: time zones, market hours, calendars and schedule rules.
 * Messages say what was wrong and what to do about it.
 */

export class TimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An IANA zone name that luxon/Intl does not know, e.g. "America/NewYork". */
export class InvalidTimeZoneError extends TimeError {
  constructor(readonly zone: string) {
    super(`InvalidTimeZoneError: unknown time zone "${zone}"; use an IANA name such as "America/New_York"`);
  }
}

/** A malformed date, time or calendar value (bad yyyymmdd, "25:00:00", a weekday out of range). */
export class InvalidDateError extends TimeError {}

/** The market hours JSON does not have the shape LEAN writes. */
export class MarketHoursFormatError extends TimeError {}

/** No entry for the requested security type / market / symbol, not even the `[*]` wildcard. */
export class MarketHoursNotFoundError extends TimeError {
  constructor(readonly securityType: string, readonly market: string, readonly symbol: string) {
    super(
      `MarketHoursNotFoundError: no market hours for ${securityType}-${market}-${symbol} ` +
        `(nor ${securityType}-${market}-[*]); add an entry to the market hours database`,
    );
  }
}

/** A search for an open, close or trading day ran past its horizon (e.g. a market that never opens). */
export class MarketNeverOpensError extends TimeError {}

/** A date rule or time rule was given an argument LEAN would reject (offset out of range, interval <= 0). */
export class ScheduleRuleError extends TimeError {}
