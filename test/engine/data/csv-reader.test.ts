import { describe, expect, it } from "vitest";
import type { TradeBarChunk } from "../../../src/engine/data/bar-chunk.ts";
import { readCsvBars, type CsvBarRequest } from "../../../src/engine/data/csv-reader.ts";
import { DataFileNotFoundError, DataFormatError } from "../../../src/engine/data/errors.ts";
import { isoNy, newYork, tempDir, writeText } from "./helpers.ts";

function readText(text: string, options: Partial<CsvBarRequest> = {}): TradeBarChunk[] {
  const file = writeText(tempDir(), "bars.csv", text);
  return [...readCsvBars({ file, displayName: "bars.csv", ticker: "ABC", resolution: "minute", epochFromLocal: newYork, ...options })];
}

describe("readCsvBars", () => {
  it("yields day chunks with epoch start/end times, in the same shape as the LEAN reader", () => {
    const chunks = readText(
      "time,open,high,low,close,volume\n" +
        "2024-03-08 09:30,100.5,101,100,100.75,1200\n" +
        "2024-03-08 09:31:00,100.75,101.25,100.5,101,900\n" +
        "# a comment\n\n" +
        "2024-03-11 09:30,102,103,101.5,102.5,1500\n",
    );
    expect(chunks.map((c) => [c.kind, c.ticker, c.date, c.count])).toEqual([
      ["trade", "ABC", 20240308, 2],
      ["trade", "ABC", 20240311, 1],
    ]);
    expect(isoNy(chunks[0].time[0])).toBe("2024-03-08 09:30:00");
    expect(isoNy(chunks[0].endTime[1])).toBe("2024-03-08 09:32:00");
    // Across the DST change (2024-03-10) the local times stay right.
    expect(isoNy(chunks[1].endTime[0])).toBe("2024-03-11 09:31:00");
    expect(chunks[1].endTime[0]).toBe(Date.UTC(2024, 2, 11, 13, 31));
    expect(Array.from(chunks[0].close)).toEqual([100.75, 101]);
    expect(Array.from(chunks[0].volume)).toEqual([1200, 900]);
  });

  it("accepts columns in any order, ignores extra columns, and defaults a missing volume to 0", () => {
    const [chunk] = readText("close,Time,low,high,open,note\n10,2024-01-02 10:00,9,11,9.5,hello\n", { resolution: "hour" });
    expect([chunk.open[0], chunk.high[0], chunk.low[0], chunk.close[0], chunk.volume[0]]).toEqual([9.5, 11, 9, 10, 0]);
    expect(isoNy(chunk.endTime[0])).toBe("2024-01-02 11:00:00");
  });

  it("reads daily bars given as dates, ending at the close from dailyEndTime", () => {
    const chunks = readText("time,open,high,low,close,volume\n2015-12-23,1,2,0.5,1.5,10\n2015-12-24,1.5,2,1,1.25,5\n", {
      resolution: "daily",
      dailyEndTime: (d) => newYork(d, (d === 20151224 ? 13 : 16) * 3_600_000),
    });
    expect(chunks.map((c) => isoNy(c.endTime[0]))).toEqual(["2015-12-23 16:00:00", "2015-12-24 13:00:00"]);
    expect(chunks.map((c) => isoNy(c.time[0]))).toEqual(["2015-12-23 09:30:00", "2015-12-24 09:30:00"]);
  });

  it("filters by date range and reads across block boundaries with correct line numbers", () => {
    const rows = ["time,open,high,low,close,volume"];
    for (let d = 1; d <= 9; d++) for (let m = 0; m < 30; m++) rows.push(`2024-01-0${d} 10:${String(m).padStart(2, "0")},1,1,1,1,1`);
    const chunks = readText(rows.join("\n") + "\n", { startDate: 20240103, endDate: 20240105, blockSize: 100 });
    expect(chunks.map((c) => [c.date, c.count])).toEqual([
      [20240103, 30],
      [20240104, 30],
      [20240105, 30],
    ]);
    rows[200] = "2024-01-07 10:19,1,1,1,1";
    expect(() => readText(rows.join("\n"), { blockSize: 100 })).toThrow("bars.csv line 201: expected 6 fields, got 5");
  });

  describe("errors name file, line and reason", () => {
    it("unsorted rows", () => {
      expect(() => readText("time,open,high,low,close\n2024-01-02 10:01,1,1,1,1\n2024-01-02 10:00,1,1,1,1\n")).toThrow(
        'bars.csv line 3: rows must be in ascending time order: "2024-01-02 10:00" is not after "2024-01-02 10:01"',
      );
    });
    it("a bad number", () => {
      expect(() => readText("time,open,high,low,close\n2024-01-02 10:01,1,abc,1,1\n")).toThrow('bars.csv line 2: invalid high "abc"');
    });
    it("a bad time, and a date alone for intraday bars", () => {
      expect(() => readText("time,open,high,low,close\n01/02/2024 10:01,1,1,1,1\n")).toThrow(/bars\.csv line 2: invalid time "01\/02\/2024 10:01"/);
      expect(() => readText("time,open,high,low,close\n2024-01-02,1,1,1,1\n")).toThrow("bars.csv line 2: time \"2024-01-02\" has no time of day");
      expect(() => readText("time,open,high,low,close\n2024-13-02 10:00,1,1,1,1\n")).toThrow(DataFormatError);
    });
    it("a missing header column, an empty file, a missing file", () => {
      expect(() => readText("time,open,high,close\n2024-01-02 10:00,1,1,1\n")).toThrow('bars.csv line 1: header must name time, open, high, low, close (and optionally volume); missing "low"');
      expect(() => readText("")).toThrow("bars.csv: empty file");
      expect(() => [...readCsvBars({ file: "/nonexistent/x.csv", ticker: "X", resolution: "daily", epochFromLocal: newYork })]).toThrow(DataFileNotFoundError);
    });
    it("an unclosed quote (reported by csv-parse)", () => {
      expect(() => readText('time,open,high,low,close\n2024-01-02 10:00,"1,1,1,1\n')).toThrow(/bars\.csv line 2: /);
    });
  });
});
