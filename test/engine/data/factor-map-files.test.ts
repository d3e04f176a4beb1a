import { describe, expect, it } from "vitest";
import { DataFormatError, DataNotSupportedError } from "../../../src/engine/data/errors.ts";
import { FactorFile } from "../../../src/engine/data/factor-file.ts";
import { MapFile } from "../../../src/engine/data/map-file.ts";
import { DirectoryListings } from "../../../src/engine/data/directory-listings.ts";
import { DataNormalizationMode, roundHalfEven } from "../../../src/engine/data/normalization.ts";
import { LEAN_DATA, tempDir, writeText } from "./helpers.ts";

describe("factor files", () => {
  const spy = FactorFile.load(LEAN_DATA, "SPY");

  it("uses the row with the smallest date on or after the bar's date (SPY 2013-10-07 → row 20131219)", () => {
    expect(spy.getPriceFactor(20131007, DataNormalizationMode.Adjusted)).toBe(0.8646266);
    expect(167.45 * spy.getPriceFactor(20131007, DataNormalizationMode.Adjusted)).toBeCloseTo(144.7817, 4);
    // The row's own date still uses that row; the next day uses the next row.
    const rowDates = spy.rows.map((r) => r.date);
    const i = rowDates.indexOf(20131219);
    expect(spy.getPriceFactor(20131219, DataNormalizationMode.Adjusted)).toBe(spy.rows[i].priceFactor * spy.rows[i].splitFactor);
    expect(spy.getPriceFactor(20131220, DataNormalizationMode.Adjusted)).toBe(spy.rows[i + 1].priceFactor * spy.rows[i + 1].splitFactor);
  });

  it("returns 1 for Raw, after the last row, and without a file", () => {
    expect(spy.getPriceFactor(20131007, DataNormalizationMode.Raw)).toBe(1);
    expect(spy.getPriceFactor(20510101, DataNormalizationMode.Adjusted)).toBe(1);
    const none = FactorFile.load(tempDir(), "NOPE");
    expect(none.rows).toHaveLength(0);
    expect(none.getPriceFactor(20131007, DataNormalizationMode.Adjusted)).toBe(1);
  });

  it("SplitAdjusted uses the split factor only (GOOG's 0.997307 before 2015-04-24)", () => {
    const goog = FactorFile.load(LEAN_DATA, "goog");
    expect(goog.getPriceFactor(20150101, DataNormalizationMode.SplitAdjusted)).toBe(0.997307);
    expect(goog.getPriceFactor(20150101, DataNormalizationMode.Adjusted)).toBe(0.997307);
    expect(goog.getPriceFactor(20151224, DataNormalizationMode.SplitAdjusted)).toBe(1);
  });

  it("skips rows with inf or e+ and rows whose factors multiply to 0; reference price defaults to 0", () => {
    const f = FactorFile.parse("20100101,inf,1,5\n20100102,1e+5,1,5\n20100103,0,1,5\n20100104,0.5,2\n20501231,1,1,0", "x.csv");
    expect(f.rows.map((r) => r.date)).toEqual([20100104, 20501231]);
    expect(f.rows[0].referencePrice).toBe(0);
    expect(f.getPriceFactor(20100101, DataNormalizationMode.Adjusted)).toBe(1);
  });

  it("refuses modes it does not implement, and malformed rows with file and line", () => {
    expect(() => spy.getPriceFactor(20131007, DataNormalizationMode.TotalReturn)).toThrow(DataNotSupportedError);
    expect(() => FactorFile.parse("20100101,1,1,0\n2010-01-02,1,1,0", "equity/usa/factor_files/x.csv")).toThrow(
      'equity/usa/factor_files/x.csv line 2: invalid date "2010-01-02" (expected yyyyMMdd)',
    );
    expect(() => FactorFile.parse("20100101,abc,1", "x.csv")).toThrow(DataFormatError);
  });

  it("rounds volumes half to even like .NET Math.Round", () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 4, 0, -2, 2, 3]);
    // 7 / 0.56 is 12.499999999999998 in doubles, exactly 12.5 in decimal: LEAN rounds it to 12;
    // 21 / 0.56 = 37.49999999999999 (decimal 37.5) rounds to 38.
    expect(7 / 0.56).toBeLessThan(12.5);
    expect(roundHalfEven(7 / 0.56)).toBe(12);
    expect(roundHalfEven(21 / 0.56)).toBe(38);
    expect(roundHalfEven(816453 / 0.8646266)).toBe(Math.round(816453 / 0.8646266));
  });
});

describe("map files", () => {
  it("maps GOOG to goocv up to and including 2014-04-02, goog after", () => {
    const goog = MapFile.load(LEAN_DATA, "GOOG")!;
    expect(goog.rows.map((r) => [r.date, r.ticker, r.primaryExchange])).toEqual([
      [20140327, "goocv", "Q"],
      [20140402, "goocv", "Q"],
      [20501231, "goog", "Q"],
    ]);
    expect(goog.getMappedSymbol(20100101)).toBe("goocv");
    expect(goog.getMappedSymbol(20140402)).toBe("goocv");
    expect(goog.getMappedSymbol(20140403)).toBe("goog");
    expect(goog.getMappedSymbol(20151224)).toBe("goog");
    expect(goog.getMappedSymbol(20510101)).toBeUndefined();
    expect(goog.firstDate).toBe(20140327);
  });

  it("returns null without a file and names file and line on bad rows", () => {
    expect(MapFile.load(LEAN_DATA, "NOPE")).toBeNull();
    expect(() => MapFile.parse("20140327,goocv,Q\n20140402", "m.csv")).toThrow("m.csv line 2: expected at least 2 fields, got 1");
  });
});

describe("factor and map files looked up in a run's shared listings", () => {
  it("finds them through the folder listing, and a file written after its folder was listed is not there for that run", () => {
    const listings = new DirectoryListings();
    expect(FactorFile.load(LEAN_DATA, "SPY", "usa", listings).getPriceFactor(20131007, DataNormalizationMode.Adjusted)).toBe(0.8646266);
    expect(MapFile.load(LEAN_DATA, "GOOG", "usa", "equity", listings)?.getMappedSymbol(20140402)).toBe("goocv");
    const dir = tempDir();
    writeText(dir, "equity/usa/factor_files/abc.csv", "20200102,1,0.5,0\n20501231,1,1,0");
    writeText(dir, "equity/usa/map_files/abc.csv", "20190101,old,Q\n20501231,abc,Q");
    const run = new DirectoryListings();
    expect(FactorFile.load(dir, "abc", "usa", run).rows).toHaveLength(2);
    expect(MapFile.load(dir, "abc", "usa", "equity", run)?.getMappedSymbol(20190101)).toBe("old");
    writeText(dir, "equity/usa/factor_files/xyz.csv", "20200102,1,0.5,0\n20501231,1,1,0");
    expect(FactorFile.load(dir, "xyz", "usa", run).rows).toHaveLength(0);
    expect(FactorFile.load(dir, "xyz", "usa").rows).toHaveLength(2);
  });
});
