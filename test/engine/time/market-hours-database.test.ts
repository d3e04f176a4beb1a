import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  MarketHoursDatabase,
  MarketHoursFormatError,
  MarketHoursNotFoundError,
  MS_PER_HOUR,
  parseLeanDate,
  parseTimeSpan,
  dayNumberFromDateKey,
} from "../../../src/engine/time/index.ts";
import { MARKET_HOURS_JSON } from "./lean-data.ts";

const db = MarketHoursDatabase.fromFile(MARKET_HOURS_JSON);
const utc = (iso: string) => Date.parse(iso);

describe("MarketHoursDatabase.fromFile (LEAN's JSON)", () => {
  it("loads every entry of LEAN's file", () => {
    expect(db.keys().length).toBe(549);
  });

  it("falls back from a symbol to the [*] entry of its type and market", () => {
    const spy = db.get("Equity", "usa", "SPY");
    expect(spy).toBe(db.get("Equity", "usa", "[*]"));
    expect(spy.dataTimeZone).toBe("America/New_York");
    expect(spy.exchangeHours.timeZone).toBe("America/New_York");
    expect(db.get("equity", "USA", "aapl")).toBe(spy);
  });

  it("uses a symbol's own entry when there is one: SPX closes at 15:15 Chicago, the [*] index at 15:20", () => {
    const spx = db.get("Index", "usa", "SPX").exchangeHours;
    const other = db.get("Index", "usa", "NOSUCHINDEX").exchangeHours; // falls back to Index-usa-[*]
    expect(spx.timeZone).toBe("America/Chicago");
    expect(spx.marketClose(20131007)).toBe(utc("2013-10-07T20:15:00Z"));
    expect(other.marketClose(20131007)).toBe(utc("2013-10-07T20:20:00Z"));
    expect(spx.marketOpen(20131007)).toBe(utc("2013-10-07T13:30:00Z"));
  });

  it("gives a symbol entry the holidays and early closes of its [*] entry, as LEAN's converter does", () => {
    const spx = db.get("Index", "usa", "SPX").exchangeHours; // its own entry lists none
    expect(spx.isDateOpen(20151225)).toBe(false);
    expect(spx.marketClose(20151127)).toBe(utc("2015-11-27T18:00:00Z")); // 12:00 Chicago
  });

  it("gives Option-usa-[*] the equity calendar of its underlying (holidays and 13:00 early closes)", () => {
    const option = db.get("Option", "usa", "GOOG").exchangeHours;
    expect(option.isDateOpen(20151225)).toBe(false);
    expect(option.marketOpen(20151224)).toBe(utc("2015-12-24T14:30:00Z"));
    expect(option.marketClose(20151224)).toBe(utc("2015-12-24T18:00:00Z"));
    expect(option.isOpen(utc("2015-12-24T13:00:00Z"), true)).toBe(false); // no premarket for options
  });

  it("throws MarketHoursNotFoundError when neither the symbol nor [*] exists", () => {
    expect(() => db.get("Equity", "mars", "SPY")).toThrow(MarketHoursNotFoundError);
    expect(() => db.get("Equity", "mars", "SPY")).toThrow(/Equity-mars-SPY/);
    expect(db.tryGet("Equity", "mars", "SPY")).toBeUndefined();
  });
});

describe("MarketHoursDatabase parsing", () => {
  it("parses LEAN's TimeSpan spellings", () => {
    expect(parseTimeSpan("09:30:00", "t")).toBe(9.5 * MS_PER_HOUR);
    expect(parseTimeSpan("8:15:00", "t")).toBe(8.25 * MS_PER_HOUR);
    expect(parseTimeSpan("22:0:00", "t")).toBe(22 * MS_PER_HOUR);
    expect(parseTimeSpan("1.00:00:00", "t")).toBe(24 * MS_PER_HOUR);
    expect(parseTimeSpan("1:00:00:00", "t")).toBe(24 * MS_PER_HOUR);
    expect(() => parseTimeSpan("9h30", "monday[0]")).toThrow(/monday\[0\]: "9h30" is not a time of day/);
    expect(() => parseTimeSpan("09:75:00", "t")).toThrow(MarketHoursFormatError);
  });

  it("parses M/D/YYYY dates with or without leading zeros", () => {
    expect(parseLeanDate("12/05/2018", "h")).toBe(dayNumberFromDateKey(20181205));
    expect(parseLeanDate("1/2/2007", "h")).toBe(dayNumberFromDateKey(20070102));
    expect(() => parseLeanDate("2018-12-05", "holidays")).toThrow(/holidays: "2018-12-05" is not a date in M\/D\/YYYY form/);
    expect(() => parseLeanDate("2/30/2018", "h")).toThrow(MarketHoursFormatError);
  });

  it("reports a file without entries, unreadable files and bad keys", () => {
    const dir = mkdtempSync(join(tmpdir(), "mhdb-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ nothing: {} }));
    expect(() => MarketHoursDatabase.fromFile(file)).toThrow(/has no "entries" object/);
    writeFileSync(file, "{not json");
    expect(() => MarketHoursDatabase.fromFile(file)).toThrow(/is not JSON/);
    expect(() => MarketHoursDatabase.fromFile(join(dir, "missing.json"))).toThrow(/cannot read/);
    expect(() => MarketHoursDatabase.fromJson({ entries: { Equity: {} } })).toThrow(/key "Equity" is not <SecurityType>-<market>-<symbol>/);
    expect(() =>
      MarketHoursDatabase.fromJson({
        entries: { "Equity-usa-[*]": { dataTimeZone: "America/New_York", exchangeTimeZone: "Nowhere/Town" } },
      }),
    ).toThrow(/entry equity-usa-\[\*\]: InvalidTimeZoneError/);
    expect(() =>
      MarketHoursDatabase.fromJson({
        entries: {
          "Equity-usa-[*]": {
            dataTimeZone: "America/New_York",
            exchangeTimeZone: "America/New_York",
            monday: [{ start: "09:30:00", end: "16:00:00", state: "open" }],
          },
        },
      }),
    ).toThrow(/state "open" must be premarket, market or postmarket/);
  });
});

describe("MarketHoursDatabase.builtIn", () => {
  const builtIn = MarketHoursDatabase.builtIn();

  it("has LEAN's US equity hours: premarket 04:00, market 09:30-16:00, postmarket to 20:00 New York", () => {
    const eq = builtIn.get("Equity", "usa", "SPY").exchangeHours;
    const lean = db.get("Equity", "usa", "SPY").exchangeHours;
    expect(builtIn.get("Equity", "usa", "SPY").dataTimeZone).toBe("America/New_York");
    for (const day of [20131007, 20151127, 20151224, 20151225, 20140310]) {
      expect(eq.getSegments(day)).toEqual(lean.getSegments(day));
    }
  });

  it("has options 09:30-16:00 New York and indexes 08:30-15:20 (SPX 15:15) Chicago, as LEAN's file", () => {
    for (const [type, symbol] of [
      ["Option", "SPY"],
      ["Index", "SPX"],
      ["Index", "NOSUCHINDEX"],
    ] as const) {
      const mine = builtIn.get(type, "usa", symbol);
      const lean = db.get(type, "usa", symbol);
      expect(mine.dataTimeZone).toBe(lean.dataTimeZone);
      expect(mine.exchangeHours.timeZone).toBe(lean.exchangeHours.timeZone);
      for (const day of [20131007, 20151127, 20151225, 20160104]) {
        expect(mine.exchangeHours.getSegments(day)).toEqual(lean.exchangeHours.getSegments(day));
      }
    }
  });

  it("has no other markets", () => {
    expect(() => builtIn.get("Forex", "oanda", "EURUSD")).toThrow(MarketHoursNotFoundError);
  });
});
