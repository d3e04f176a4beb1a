/**
 * MarketHoursDatabase: exchange hours and data time zone per security type / market / symbol.
 *
 * `fromFile` reads LEAN's market-hours-database.json; `builtIn()` is our own US entries with the
 * rule-based calendar (the product ships without LEAN's file). Lookups follow LEAN: the symbol's
 * entry, else the `[*]` entry of its type and market. Loading follows LEAN's converter too: a
 * symbol entry adds the holidays (and early closes / late opens) of its `[*]` entry, and an option
 * entry without holidays takes its underlying's calendar (Option-usa-[*] gets Equity-usa-[*]'s).
 *
 * Knows the JSON shape and LEAN's merge rules; knows nothing of the engine.
 */
import { readFileSync } from "node:fs";
import { MS_PER_HOUR, MS_PER_MINUTE, DayOfWeek, dayNumberFromCivil, daysInMonth } from "./civil-date.ts";
import { MarketHoursFormatError, MarketHoursNotFoundError } from "./errors.ts";
import {
  ExchangeHours,
  ListedCalendar,
  type ExchangeCalendar,
  type MarketHoursSegment,
  type MarketHoursState,
} from "./exchange-hours.ts";
import { assertTimeZone } from "./time-zone.ts";
import { UsEquityCalendar } from "./us-equity-calendar.ts";

export interface MarketHoursEntry {
  readonly exchangeHours: ExchangeHours;
  readonly dataTimeZone: string;
}

/** The JSON shape of one entry in LEAN's file. */
export interface MarketHoursEntryJson {
  dataTimeZone: string;
  exchangeTimeZone: string;
  sunday?: SegmentJson[];
  monday?: SegmentJson[];
  tuesday?: SegmentJson[];
  wednesday?: SegmentJson[];
  thursday?: SegmentJson[];
  friday?: SegmentJson[];
  saturday?: SegmentJson[];
  holidays?: string[];
  earlyCloses?: Record<string, string>;
  lateOpens?: Record<string, string>;
  bankHolidays?: string[];
}

export interface SegmentJson {
  start: string;
  end: string;
  state: string;
}

const WEEKDAY_KEYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
const STATES: ReadonlySet<string> = new Set(["premarket", "market", "postmarket", "closed"]);
export const WILDCARD = "[*]";

/** LEAN's option -> underlying security type. */
const UNDERLYING_TYPE: Readonly<Record<string, string>> = {
  option: "Equity",
  indexoption: "Index",
  futureoption: "Future",
};
/** LEAN's OptionSymbol.MapToUnderlying for index options with a different root. */
const INDEX_OPTION_UNDERLYING: Readonly<Record<string, string>> = {
  SPXW: "SPX",
  VIXW: "VIX",
  NDXP: "NDX",
  NQX: "NDX",
  RUTW: "RUT",
};

/** Parses .NET TimeSpan text as LEAN writes it: "09:30:00", "8:15:00", "22:0:00", "1.00:00:00", "1:00:00:00". */
export function parseTimeSpan(text: string, where: string): number {
  const bad = (why: string) => new MarketHoursFormatError(`MarketHoursFormatError: ${where}: "${text}" ${why}`);
  const trimmed = text.trim();
  let days = 0;
  let clock = trimmed;
  const dot = /^(\d+)\.(\d{1,2}:.*)$/.exec(trimmed);
  if (dot) {
    days = Number(dot[1]);
    clock = dot[2];
  }
  const parts = clock.split(":");
  if (parts.length === 4 && !dot) days = Number(parts.shift());
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => /^\d{1,2}(\.\d+)?$/.test(p))) {
    throw bad("is not a time of day (HH:MM:SS)");
  }
  const [h, m, sec = 0] = parts.map(Number);
  if (m > 59 || sec >= 60) throw bad("has minutes or seconds out of range");
  return ((days * 24 + h) * 60 + m) * MS_PER_MINUTE + Math.round(sec * 1000);
}

/** Parses LEAN's "M/D/YYYY" (leading zeros allowed) into a day number. */
export function parseLeanDate(text: string, where: string): number {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const month = m ? Number(m[1]) : 0;
  const day = m ? Number(m[2]) : 0;
  const year = m ? Number(m[3]) : 0;
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new MarketHoursFormatError(`MarketHoursFormatError: ${where}: "${text}" is not a date in M/D/YYYY form`);
  }
  return dayNumberFromCivil(year, month, day);
}

interface ParsedEntry {
  json: MarketHoursEntryJson;
  weekly: MarketHoursSegment[][];
  holidays: Set<number>;
  earlyCloses: Map<number, number>;
  lateOpens: Map<number, number>;
}

function parseEntry(key: string, json: MarketHoursEntryJson): ParsedEntry {
  if (typeof json !== "object" || json === null) {
    throw new MarketHoursFormatError(`MarketHoursFormatError: entry ${key} is not an object`);
  }
  for (const field of ["dataTimeZone", "exchangeTimeZone"] as const) {
    if (typeof json[field] !== "string") {
      throw new MarketHoursFormatError(`MarketHoursFormatError: entry ${key} has no ${field}`);
    }
  }
  const weekly = WEEKDAY_KEYS.map((day) =>
    (json[day] ?? [])
      .filter((s) => s.state !== "closed")
      .map((s, i) => {
        const where = `${key} ${day}[${i}]`;
        if (!STATES.has(s.state)) {
          throw new MarketHoursFormatError(
            `MarketHoursFormatError: ${where}: state "${s.state}" must be premarket, market or postmarket`,
          );
        }
        return {
          start: parseTimeSpan(s.start, where),
          end: parseTimeSpan(s.end, where),
          state: s.state as MarketHoursState,
        };
      }),
  );
  const holidays = new Set((json.holidays ?? []).map((h) => parseLeanDate(h, `${key} holidays`)));
  const times = (record: Record<string, string> | undefined, what: string): Map<number, number> =>
    new Map(
      Object.entries(record ?? {}).map(([d, t]) => [parseLeanDate(d, `${key} ${what}`), parseTimeSpan(t, `${key} ${what} ${d}`)]),
    );
  return { json, weekly, holidays, earlyCloses: times(json.earlyCloses, "earlyCloses"), lateOpens: times(json.lateOpens, "lateOpens") };
}

function keyOf(securityType: string, market: string, symbol: string): string {
  return `${securityType.toLowerCase()}-${market.toLowerCase()}-${symbol.toUpperCase()}`;
}

export class MarketHoursDatabase {
  private readonly entries = new Map<string, MarketHoursEntry>();

  private constructor() {}

  /** Reads LEAN's market-hours-database.json. */
  static fromFile(path: string): MarketHoursDatabase {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (err) {
      throw new MarketHoursFormatError(`MarketHoursFormatError: cannot read ${path}: ${(err as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new MarketHoursFormatError(`MarketHoursFormatError: ${path} is not JSON: ${(err as Error).message}`);
    }
    return MarketHoursDatabase.fromJson(json, path);
  }

  /** Builds from the parsed JSON object `{ entries: { "<Type>-<market>-<symbol>": {...} } }`. */
  static fromJson(json: unknown, source = "market hours JSON"): MarketHoursDatabase {
    const entries = (json as { entries?: unknown } | null)?.entries;
    if (typeof entries !== "object" || entries === null) {
      throw new MarketHoursFormatError(`MarketHoursFormatError: ${source} has no "entries" object`);
    }
    const parsed = new Map<string, { type: string; market: string; symbol: string; entry: ParsedEntry }>();
    for (const [key, value] of Object.entries(entries as Record<string, MarketHoursEntryJson>)) {
      const parts = /^([A-Za-z]+)-([A-Za-z0-9_]+)-(.+)$/.exec(key);
      if (!parts) throw new MarketHoursFormatError(`MarketHoursFormatError: ${source}: key "${key}" is not <SecurityType>-<market>-<symbol>`);
      const [, type, market, symbol] = parts;
      parsed.set(keyOf(type, market, symbol), { type, market, symbol, entry: parseEntry(key, value) });
    }
    const db = new MarketHoursDatabase();
    // LEAN's order: wildcard entries first, then non-options before options, so merges can see them
    const ordered = [...parsed.entries()].sort(([, a], [, b]) => {
      const rank = (x: { type: string; symbol: string }) =>
        (x.symbol === WILDCARD ? 0 : 2) + (UNDERLYING_TYPE[x.type.toLowerCase()] ? 1 : 0);
      return rank(a) - rank(b);
    });
    const resolved = new Map<string, { holidays: Set<number>; earlyCloses: Map<number, number>; lateOpens: Map<number, number> }>();
    for (const [key, { type, market, symbol, entry }] of ordered) {
      let holidays = entry.holidays;
      let earlyCloses = entry.earlyCloses;
      let lateOpens = entry.lateOpens;
      const underlyingType = UNDERLYING_TYPE[type.toLowerCase()];
      if (underlyingType !== undefined) {
        const underlyingSymbol = symbol === WILDCARD ? WILDCARD : (INDEX_OPTION_UNDERLYING[symbol.toUpperCase()] ?? symbol);
        const underlying =
          resolved.get(keyOf(underlyingType, market, underlyingSymbol)) ??
          (underlyingSymbol !== WILDCARD ? resolved.get(keyOf(underlyingType, market, WILDCARD)) : undefined);
        if (underlying) {
          if (holidays.size === 0) holidays = underlying.holidays;
          if (earlyCloses.size === 0) earlyCloses = underlying.earlyCloses;
          if (lateOpens.size === 0) lateOpens = underlying.lateOpens;
        }
      }
      if (symbol !== WILDCARD) {
        const common = resolved.get(keyOf(type, market, WILDCARD));
        if (common) {
          holidays = new Set([...holidays, ...common.holidays]);
          earlyCloses = new Map([...common.earlyCloses, ...earlyCloses]);
          lateOpens = new Map([...common.lateOpens, ...lateOpens]);
        }
      }
      resolved.set(key, { holidays, earlyCloses, lateOpens });
      try {
        assertTimeZone(entry.json.exchangeTimeZone);
        assertTimeZone(entry.json.dataTimeZone);
      } catch (err) {
        throw new MarketHoursFormatError(`MarketHoursFormatError: ${source}: entry ${key}: ${(err as Error).message}`);
      }
      db.entries.set(key, {
        dataTimeZone: entry.json.dataTimeZone,
        exchangeHours: new ExchangeHours({
          timeZone: entry.json.exchangeTimeZone,
          weekly: entry.weekly,
          calendar: new ListedCalendar(holidays, earlyCloses, lateOpens),
        }),
      });
    }
    return db;
  }

  /**
   * Our own US entries, no file needed: Equity-usa-[*] (New York; premarket 04:00-09:30, market
   * 09:30-16:00, postmarket 16:00-20:00), Option-usa-[*] (09:30-16:00 New York), Index-usa-[*]
   * (08:30-15:20 Chicago) and Index-usa-SPX (08:30-15:15 Chicago) as LEAN's file has them, all on
   * the rule-based US equity calendar (early closes 13:00 New York = 12:00 Chicago).
   */
  static builtIn(): MarketHoursDatabase {
    const db = new MarketHoursDatabase();
    const ny = "America/New_York";
    const chicago = "America/Chicago";
    const seg = (start: number, end: number, state: MarketHoursState): MarketHoursSegment => ({ start, end, state });
    const h = (hours: number, minutes = 0) => hours * MS_PER_HOUR + minutes * MS_PER_MINUTE;
    const weekdays = (segments: MarketHoursSegment[]) => {
      const weekly: MarketHoursSegment[][] = [[], [], [], [], [], [], []];
      for (let d = DayOfWeek.Monday; d <= DayOfWeek.Friday; d++) weekly[d] = segments;
      return weekly;
    };
    const equityCalendar: ExchangeCalendar = new UsEquityCalendar(h(13));
    const indexCalendar: ExchangeCalendar = new UsEquityCalendar(h(12));
    const add = (key: string, dataTimeZone: string, timeZone: string, segments: MarketHoursSegment[], calendar: ExchangeCalendar) =>
      db.entries.set(key, { dataTimeZone, exchangeHours: new ExchangeHours({ timeZone, weekly: weekdays(segments), calendar }) });
    add(
      keyOf("Equity", "usa", WILDCARD),
      ny,
      ny,
      [seg(h(4), h(9, 30), "premarket"), seg(h(9, 30), h(16), "market"), seg(h(16), h(20), "postmarket")],
      equityCalendar,
    );
    add(keyOf("Option", "usa", WILDCARD), ny, ny, [seg(h(9, 30), h(16), "market")], equityCalendar);
    add(keyOf("Index", "usa", WILDCARD), chicago, chicago, [seg(h(8, 30), h(15, 20), "market")], indexCalendar);
    add(keyOf("Index", "usa", "SPX"), chicago, chicago, [seg(h(8, 30), h(15, 15), "market")], indexCalendar);
    return db;
  }

  /** The entry for a security, falling back to `<type>-<market>-[*]` as LEAN does. */
  tryGet(securityType: string, market: string, symbol: string = WILDCARD): MarketHoursEntry | undefined {
    return this.entries.get(keyOf(securityType, market, symbol)) ?? this.entries.get(keyOf(securityType, market, WILDCARD));
  }

  /** As `tryGet`, throwing MarketHoursNotFoundError when neither entry exists. */
  get(securityType: string, market: string, symbol: string = WILDCARD): MarketHoursEntry {
    const entry = this.tryGet(securityType, market, symbol);
    if (entry === undefined) throw new MarketHoursNotFoundError(securityType, market, symbol);
    return entry;
  }

  /** Keys as `<type>-<market>-<symbol>` in lower-case type/market, for diagnostics. */
  keys(): string[] {
    return [...this.entries.keys()];
  }
}
