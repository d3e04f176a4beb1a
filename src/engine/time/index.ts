/**
 * Time: clock helpers, exchange hours, the US market calendar, date rules and time rules.
 * Inside the engine times are epoch ms UTC; luxon DateTime appears only at the edges.
 */
export {
  DayOfWeek,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  civilFromDayNumber,
  dateKeyFromCivil,
  dateKeyFromDayNumber,
  dateTimeFromDayNumber,
  dayNumberFromCivil,
  dayNumberFromDateKey,
  dayNumberOf,
  dayOfWeekOfDayNumber,
  daysInMonth,
  isoDateFromDayNumber,
  type LocalDate,
} from "./civil-date.ts";
export {
  TimeError,
  InvalidTimeZoneError,
  InvalidDateError,
  MarketHoursFormatError,
  MarketHoursNotFoundError,
  MarketNeverOpensError,
  ScheduleRuleError,
} from "./errors.ts";
export {
  ZoneOffsets,
  zoneOffsets,
  assertTimeZone,
  epochFromLocal,
  epochFromLocalDay,
  localDayNumber,
  localDateKey,
  localMidnight,
  localTimeOfDay,
  toLocalDateTime,
  type LocalDayInfo,
} from "./time-zone.ts";
export {
  ExchangeHours,
  ListedCalendar,
  type DaySchedule,
  type ExchangeCalendar,
  type ExchangeHoursOptions,
  type ExchangeSegment,
  type MarketHoursSegment,
  type MarketHoursState,
} from "./exchange-hours.ts";
export {
  MarketHoursDatabase,
  parseLeanDate,
  parseTimeSpan,
  WILDCARD,
  type MarketHoursEntry,
  type MarketHoursEntryJson,
} from "./market-hours-database.ts";
export {
  UsEquityCalendar,
  usEquityHolidays,
  usEquityEarlyCloses,
  easterSunday,
  SPECIAL_HOLIDAYS,
  SPECIAL_EARLY_CLOSES,
  NOT_EARLY_CLOSES,
  US_EQUITY_EARLY_CLOSE,
  US_EQUITY_CALENDAR_FIRST_YEAR,
} from "./us-equity-calendar.ts";
export { type ScheduleContext, type DateRule, type TimeRule } from "./schedule-context.ts";
export { DateRules, FuncDateRule, type DateInput } from "./date-rules.ts";
export { TimeRules, FuncTimeRule, durationMs, seconds, minutes, hours, days } from "./time-rules.ts";
export { eventTimes } from "./event-times.ts";
