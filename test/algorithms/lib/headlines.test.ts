import { describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataFileNotFoundError, DataFormatError, headlinesPath, parseHeadlines, readHeadlines } from "../../../src/algorithms/lib/headlines.ts";
import { shippedData } from "./helpers.ts";

const HEADER = "#time,source,headline";

describe("headlines reader", () => {
  it("parses RFC 4180 quoting and converts New York local time to epoch ms (EST and EDT)", () => {
    const text = [
      HEADER,
      `20250310 09:45:00,Newswire,"Stocks rally, then ""pause"" before the Fed"`,
      `20250102 07:15:46,Wire Report,"The banking sector holds range"`,
      "",
    ].join("\n");
    const rows = parseHeadlines(text);
    expect(rows).toEqual([
      { time: Date.UTC(2025, 0, 2, 12, 15, 46), date: 20250102, source: "Wire Report", headline: "The banking sector holds range" },
      // 2025-03-10 is after the DST switch (03-09): UTC-4
      { time: Date.UTC(2025, 2, 10, 13, 45, 0), date: 20250310, source: "Newswire", headline: 'Stocks rally, then "pause" before the Fed' },
    ]);
  });

  it("keeps the file order of headlines with the same time (stable sort)", () => {
    const text = [HEADER, `20250102 10:00:00,A,"first"`, `20250102 09:00:00,B,"earlier"`, `20250102 10:00:00,C,"second"`].join("\n");
    expect(parseHeadlines(text).map((h) => h.headline)).toEqual(["earlier", "first", "second"]);
  });

  it("names the file and line of a malformed row", () => {
    const badTime = [HEADER, `20250102 07:15:46,A,"ok"`, `2025-01-02 07:15,A,"bad"`].join("\n");
    expect(() => parseHeadlines(badTime, "news.csv")).toThrow(DataFormatError);
    expect(() => parseHeadlines(badTime, "news.csv")).toThrow(/news\.csv line 3: invalid time "2025-01-02 07:15"/);
    const impossible = [HEADER, `20250231 07:15:46,A,"x"`].join("\n");
    expect(() => parseHeadlines(impossible, "news.csv")).toThrow(/line 2: invalid time "20250231 07:15:46"/);
    const fields = [HEADER, `20250102 07:15:46,A,"x",extra`].join("\n");
    expect(() => parseHeadlines(fields, "news.csv")).toThrow(/line 2: expected 3 fields \(time,source,headline\), got 4/);
    const header = ["#when,who,what", `20250102 07:15:46,A,"x"`].join("\n");
    expect(() => parseHeadlines(header, "news.csv")).toThrow(/line 1: expected the header/);
    const quote = [HEADER, `20250102 07:15:46,A,"unterminated`].join("\n");
    try {
      parseHeadlines(quote, "news.csv");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DataFormatError);
      expect((error as DataFormatError).file).toBe("news.csv");
    }
  });

  it("reads alternative/news/<ticker>/headlines.csv and reports a missing file by its path", () => {
    const folder = mkdtempSync(join(tmpdir(), "tradeloom-headlines-"));
    try {
      expect(() => readHeadlines(folder, "TLIX")).toThrow(DataFileNotFoundError);
      expect(() => readHeadlines(folder, "TLIX")).toThrow(/alternative\/news\/tlix\/headlines\.csv/);
      mkdirSync(join(folder, "alternative/news/tlix"), { recursive: true });
      writeFileSync(join(folder, headlinesPath("TLIX")), `${HEADER}\n20250102 07:15:46,A,"x"\n`);
      expect(readHeadlines(folder, "TLIX")).toHaveLength(1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("reads the shipped data set's 1,585 headlines, sorted, between 06:00 and 19:30 New York time", () => {
    const rows = readHeadlines(shippedData(), "TLIX");
    expect(rows).toHaveLength(1585);
    for (let i = 1; i < rows.length; i++) expect(rows[i].time).toBeGreaterThanOrEqual(rows[i - 1].time);
    expect(rows[0]).toMatchObject({ date: 20250102, source: "Floor Notes" });
    expect(rows[0].time).toBe(Date.UTC(2025, 0, 2, 11, 25, 36));
  });
});
