import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataFormatError } from "../../../src/engine/data/errors.ts";
import { parseOpenInterestRows, parseQuoteRows, parseTradeRows } from "../../../src/engine/data/lean-parser.ts";
import { readZipEntry } from "../../../src/engine/data/zip.ts";
import { LEAN_DATA } from "./helpers.ts";

const bytes = (text: string) => Buffer.from(text, "latin1");

function formatError(fn: () => unknown): DataFormatError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DataFormatError) return error;
    throw error;
  }
  throw new Error("expected a DataFormatError");
}

describe("LEAN row parser", () => {
  it("parses SPY 2013-10-07 minute trades: 828 rows (827 newlines, last row unterminated), 390 in the regular session", () => {
    const { data } = readZipEntry(join(LEAN_DATA, "equity/usa/minute/spy/20131007_trade.zip"));
    const rows = parseTradeRows(data);
    expect(rows.count).toBe(828);
    expect(rows.date).toBeNull();
    const open = rows.time.indexOf(34_200_000);
    expect(open).toBe(260);
    expect([rows.open[open], rows.high[open], rows.low[open], rows.close[open], rows.volume[open]]).toEqual([167.43, 167.52, 167.41, 167.44, 816453]);
    let regular = 0;
    for (const t of rows.time) if (t >= 34_200_000 && t <= 57_540_000) regular++;
    expect(regular).toBe(390);
    expect(rows.time[0]).toBe(14_400_000);
    expect(rows.volume[rows.count - 1]).toBe(800);
  });

  it("divides by 10000 so prices are the nearest double (1674300 → 167.43 exactly, 1674020 → 167.402 where × 0.0001 gives 167.40200000000002)", () => {
    expect(1674020 * 0.0001).not.toBe(167.402);
    const rows = parseTradeRows(bytes("0,1674300,1,3,1674020,0\n"));
    expect(rows.open[0]).toBe(167.43);
    expect(rows.high[0]).toBe(0.0001);
    expect(rows.low[0]).toBe(0.0003);
    expect(rows.close[0]).toBe(167.402);
  });

  it("parses decimals, negatives and CRLF, with plain dollar prices when priceScale is 1 (index files)", () => {
    const rows = parseTradeRows(bytes("30600000,3764.61,3769.99,-3662.7,0.05,59\r\n30660000,12.5,13,12,-0.125,60\r\n"), { priceScale: 1 });
    expect(rows.count).toBe(2);
    expect(Array.from(rows.open)).toEqual([3764.61, 12.5]);
    expect(Array.from(rows.low)).toEqual([-3662.7, 12]);
    expect(Array.from(rows.close)).toEqual([0.05, -0.125]);
    const scaled = parseTradeRows(bytes("1,1674300.5,-20000,1,1,7"));
    expect(scaled.open[0]).toBe(167.43005);
    expect(scaled.high[0]).toBe(-2);
  });

  it("reads the SPX index minute file (dollar prices)", () => {
    const { data } = readZipEntry(join(LEAN_DATA, "index/usa/minute/spx/20210104_trade.zip"));
    const rows = parseTradeRows(data, { priceScale: 1 });
    expect([rows.time[0], rows.open[0], rows.high[0], rows.low[0], rows.close[0]]).toEqual([30_600_000, 3764.61, 3769.99, 3764.61, 3766.63]);
  });

  it("parses quote rows with an empty bid or ask side as NaN prices", () => {
    const rows = parseQuoteRows(bytes("34200000,,,,,0,5000,5000,5000,5000,18\n34260000,129000,135000,129000,135000,17,,,,,0"));
    expect(rows.count).toBe(2);
    expect(Number.isNaN(rows.bidOpen[0]) && Number.isNaN(rows.bidClose[0])).toBe(true);
    expect([rows.lastBidSize[0], rows.askOpen[0], rows.askClose[0], rows.lastAskSize[0]]).toEqual([0, 0.5, 0.5, 18]);
    expect([rows.bidOpen[1], rows.bidHigh[1], rows.lastBidSize[1]]).toEqual([12.9, 13.5, 17]);
    expect(Number.isNaN(rows.askHigh[1])).toBe(true);
  });

  it("parses hour/daily rows `yyyyMMdd HH:mm` into a date and ms since midnight", () => {
    const rows = parseTradeRows(bytes("19980102 09:00,973100,975300,970300,970300,384500\n19980105 15:30:15,1,2,3,4,5"), { dateTime: true });
    expect(Array.from(rows.date!)).toEqual([19980102, 19980105]);
    expect(Array.from(rows.time)).toEqual([9 * 3_600_000, 15.5 * 3_600_000 + 15_000]);
    expect(rows.open[0]).toBe(97.31);
  });

  it("parses open interest rows", () => {
    const rows = parseOpenInterestRows(bytes("23400000,0\n23460000,125"));
    expect(Array.from(rows.time)).toEqual([23_400_000, 23_460_000]);
    expect(Array.from(rows.openInterest)).toEqual([0, 125]);
  });

  it("parses every real minute and second equity file of the sample data without error", async () => {
    const { readdirSync } = await import("node:fs");
    let files = 0;
    for (const resolution of ["minute", "second"]) {
      const root = join(LEAN_DATA, "equity/usa", resolution);
      for (const ticker of readdirSync(root)) {
        for (const file of readdirSync(join(root, ticker))) {
          if (resolution === "second" && !file.startsWith("20131007")) continue;
          const { data } = readZipEntry(join(root, ticker, file));
          const rows = file.includes("quote") ? parseQuoteRows(data, { file }) : parseTradeRows(data, { file });
          expect(rows.count).toBeGreaterThan(0);
          files++;
        }
      }
    }
    expect(files).toBeGreaterThan(80);
  });

  describe("malformed rows fail with file, line and reason", () => {
    it("too few fields", () => {
      const error = formatError(() => parseTradeRows(bytes("1,2,3,4,5,6\n" + "1,2,3,4,5\n"), { file: "spy/20131007_trade.zip" }));
      expect(error.message).toBe("spy/20131007_trade.zip line 2: expected 6 fields, got 5");
      expect(error.line).toBe(2);
    });
    it("too many fields", () => {
      expect(() => parseTradeRows(bytes("1,2,3,4,5,6,7,8"), { file: "f" })).toThrow("f line 1: expected 6 fields, got 8");
    });
    it("a letter in a number", () => {
      expect(() => parseTradeRows(bytes("1,2,3,4,5,6\n\n7,8,9x,10,11,12"), { file: "f" })).toThrow('f line 3: field 3: invalid number "9x"');
    });
    it("an empty trade price", () => {
      expect(() => parseTradeRows(bytes("1,,3,4,5,6"), { file: "f" })).toThrow("f line 1: field 2: empty");
    });
    it("a bad hour/daily date", () => {
      expect(() => parseTradeRows(bytes("1998-01-02,1,2,3,4,5"), { file: "spy.zip", dateTime: true })).toThrow('spy.zip line 1: invalid date time "1998-01-02" (expected yyyyMMdd HH:mm)');
    });
    it("a lone minus or dot", () => {
      expect(() => parseQuoteRows(bytes("1,-,,,,0,1,1,1,1,0"), { file: "q" })).toThrow('q line 1: field 2: invalid number "-"');
    });
  });
});
