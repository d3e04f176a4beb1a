import { describe, expect, it } from "vitest";
import type { BarChunk, QuoteBarChunk, TradeBarChunk } from "../../../src/engine/data/bar-chunk.ts";
import { readLeanBars, type LeanBarRequest } from "../../../src/engine/data/equity-reader.ts";
import { DirectoryListings } from "../../../src/engine/data/directory-listings.ts";
import { DataFileNotFoundError, DataFormatError, DataNotSupportedError } from "../../../src/engine/data/errors.ts";
import { DataNormalizationMode } from "../../../src/engine/data/normalization.ts";
import { LEAN_DATA, chicago, isoNy, newYork, tempDir, writeText, writeZip } from "./helpers.ts";

const SPY_FACTOR_2013_10 = 0.8646266;

function read(request: Partial<LeanBarRequest> & Pick<LeanBarRequest, "ticker" | "resolution" | "startDate" | "endDate">): BarChunk[] {
  return [...readLeanBars({ dataFolder: LEAN_DATA, epochFromLocal: newYork, ...request })];
}

function trades(chunks: BarChunk[]): TradeBarChunk[] {
  return chunks.map((c) => {
    if (c.kind !== "trade") throw new Error(`expected trade chunk, got ${c.kind}`);
    return c;
  });
}

describe("readLeanBars: minute and second", () => {
  it("yields one chunk per file day, skipping the weekend, with bar start/end times in epoch ms", () => {
    const chunks = trades(read({ ticker: "SPY", resolution: "minute", startDate: 20131005, endDate: 20131011 }));
    expect(chunks.map((c) => c.date)).toEqual([20131007, 20131008, 20131009, 20131010, 20131011]);
    const day = chunks[0];
    expect(day.count).toBe(828);
    expect(day.ticker).toBe("SPY");
    expect(isoNy(day.time[0])).toBe("2013-10-07 04:00:00");
    expect(isoNy(day.endTime[0])).toBe("2013-10-07 04:01:00");
    const open = 260;
    expect(isoNy(day.time[open])).toBe("2013-10-07 09:30:00");
    expect(isoNy(day.endTime[open])).toBe("2013-10-07 09:31:00");
    expect(day.endTime[open]).toBe(Date.UTC(2013, 9, 7, 13, 31));
    for (let i = 1; i < day.count; i++) expect(day.endTime[i]).toBeGreaterThan(day.endTime[i - 1]);
  });

  it("adjusts prices by the factor file (Adjusted, LEAN's default) and scales volume by the inverse, rounded", () => {
    const [day] = trades(read({ ticker: "SPY", resolution: "minute", startDate: 20131007, endDate: 20131007 }));
    const open = 260;
    expect(day.open[open]).toBe(167.43 * SPY_FACTOR_2013_10);
    expect(day.close[open]).toBeCloseTo(167.44 * SPY_FACTOR_2013_10, 12);
    expect(day.volume[open]).toBe(Math.round(816453 / SPY_FACTOR_2013_10));
    // A raw 167.45 close (row at 21420000) becomes 144.7817.
    const i = Array.from(day.time).findIndex((t) => isoNy(t) === "2013-10-07 05:57:00");
    expect(day.close[i]).toBeCloseTo(144.7817, 4);
  });

  it("reads raw prices with Raw normalization (option underlyings)", () => {
    const [day] = trades(read({ ticker: "SPY", resolution: "minute", startDate: 20131007, endDate: 20131007, normalization: DataNormalizationMode.Raw }));
    expect([day.open[260], day.high[260], day.low[260], day.close[260], day.volume[260]]).toEqual([167.43, 167.52, 167.41, 167.44, 816453]);
  });

  it("reads quote bars, adjusting bid and ask and scaling sizes", () => {
    const [day] = read({ ticker: "SPY", resolution: "minute", tickType: "quote", startDate: 20131007, endDate: 20131007 }) as QuoteBarChunk[];
    expect(day.kind).toBe("quote");
    const i = Array.from(day.time).findIndex((t) => isoNy(t) === "2013-10-07 08:51:00");
    expect(day.bidClose[i]).toBe(167.6 * SPY_FACTOR_2013_10);
    expect(day.askOpen[i]).toBe(167.61 * SPY_FACTOR_2013_10);
    expect(day.lastBidSize[i]).toBe(Math.round(4000 / SPY_FACTOR_2013_10));
    expect(day.lastAskSize[i]).toBe(Math.round(1200 / SPY_FACTOR_2013_10));
  });

  it("reads second bars ending one second after they start", () => {
    const [day] = trades(read({ ticker: "SPY", resolution: "second", startDate: 20131007, endDate: 20131007, normalization: DataNormalizationMode.Raw }));
    expect(isoNy(day.time[1])).toBe("2013-10-07 04:00:02");
    expect(day.endTime[1] - day.time[1]).toBe(1000);
    expect(day.open[1]).toBe(167.26);
  });

  it("reads index minute data in dollars with the caller's time zone (SPX, Chicago)", () => {
    const [day] = trades(read({ ticker: "SPX", securityType: "index", resolution: "minute", startDate: 20210104, endDate: 20210104, epochFromLocal: chicago }));
    expect(day.time[0]).toBe(Date.UTC(2021, 0, 4, 14, 30));
    expect(day.open[0]).toBe(3764.61);
    expect(() => read({ ticker: "SPX", securityType: "index", resolution: "minute", startDate: 20210104, endDate: 20210104, normalization: DataNormalizationMode.Adjusted })).toThrow(DataNotSupportedError);
  });

  it("reads the mapped ticker's folder: GOOG on 2015-12-24 from goog/", () => {
    const [day] = trades(read({ ticker: "GOOG", resolution: "minute", startDate: 20151224, endDate: 20151224, normalization: DataNormalizationMode.Raw }));
    expect(day.count).toBeGreaterThan(100);
    expect(day.ticker).toBe("GOOG");
  });

  it("fails clearly when the ticker has no folder at all", () => {
    expect(() => read({ ticker: "NOPE", resolution: "minute", startDate: 20131007, endDate: 20131008 })).toThrow(DataFileNotFoundError);
    expect(() => read({ ticker: "NOPE", resolution: "minute", startDate: 20131007, endDate: 20131008 })).toThrow(/equity\/usa\/minute\/nope: no minute data folder for NOPE/);
    expect(() => read({ ticker: "NOPE", resolution: "daily", startDate: 20131007, endDate: 20131008 })).toThrow(/equity\/usa\/daily\/nope\.zip: no daily data for NOPE/);
  });

  it("reads lazily, one day at a time, and names file and line of a malformed row", () => {
    const dir = tempDir();
    const good = Array.from({ length: 20 }, (_, i) => `${34_200_000 + i * 60_000},1000000,1000000,1000000,1000000,100`);
    writeZip(dir, "equity/usa/minute/bad/20200102_trade.zip", { "20200102_bad_minute_trade.csv": good.join("\n") });
    const broken = [...good];
    broken[16] = "35160000,1000000,1000000,1000000,100";
    writeZip(dir, "equity/usa/minute/bad/20200103_trade.zip", { "20200103_bad_minute_trade.csv": broken.join("\n") });
    const reader = readLeanBars({ dataFolder: dir, ticker: "BAD", resolution: "minute", startDate: 20200101, endDate: 20200105, epochFromLocal: newYork });
    const first = reader.next();
    expect(first.done).toBe(false);
    expect((first.value as TradeBarChunk).count).toBe(20);
    expect((first.value as TradeBarChunk).open[0]).toBe(100);
    let error: unknown;
    try {
      reader.next();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as Error).message).toBe("equity/usa/minute/bad/20200103_trade.zip line 17: expected 6 fields, got 5");
  });

  it("looks a folder up once in the listings shared by a run: the trade and quote readers of a ticker, and a later file is not seen", () => {
    const dir = tempDir();
    const row = "34200000,1000000,1000000,1000000,1000000,100";
    writeZip(dir, "equity/usa/minute/abc/20200102_trade.zip", { "20200102_abc_minute_trade.csv": row });
    const listings = new DirectoryListings();
    const folder = `${dir}/equity/usa/minute/abc`;
    const request = { dataFolder: dir, ticker: "ABC", resolution: "minute" as const, startDate: 20200102, endDate: 20200103, epochFromLocal: newYork, listings };
    expect([...readLeanBars(request)].map((c) => c.date)).toEqual([20200102]);
    const listed = listings.get(folder);
    expect([...listed!]).toEqual(["20200102_trade.zip"]);
    // the quote reader finds no quote file in the same listing, without a new one
    expect([...readLeanBars({ ...request, tickType: "quote" })]).toEqual([]);
    expect(listings.get(folder)).toBe(listed);
    expect(listings.get(`${dir}/equity/usa/minute/none`)).toBeNull();
    // a file written after the listing: the run's readers do not see it, a reader of its own does
    writeZip(dir, "equity/usa/minute/abc/20200103_trade.zip", { "20200103_abc_minute_trade.csv": row });
    expect([...readLeanBars(request)].map((c) => c.date)).toEqual([20200102]);
    expect([...readLeanBars({ ...request, listings: undefined })].map((c) => c.date)).toEqual([20200102, 20200103]);
  });

  it("converts each bar on a daylight-saving day (2024-03-10, 01:59 EST is followed by 03:00 EDT)", () => {
    const dir = tempDir();
    const rows = [7_080_000, 7_140_000, 10_800_000].map((t) => `${t},1000000,1000000,1000000,1000000,1`);
    writeZip(dir, "equity/usa/minute/dst/20240310_trade.zip", { "20240310_dst_minute_trade.csv": rows.join("\n") });
    writeZip(dir, "equity/usa/minute/dst/20240311_trade.zip", { "20240311_dst_minute_trade.csv": rows[2] });
    const chunks = trades([...readLeanBars({ dataFolder: dir, ticker: "DST", resolution: "minute", startDate: 20240310, endDate: 20240311, epochFromLocal: newYork })]);
    expect(Array.from(chunks[0].time)).toEqual([Date.UTC(2024, 2, 10, 6, 58), Date.UTC(2024, 2, 10, 6, 59), Date.UTC(2024, 2, 10, 7, 0)]);
    expect(Array.from(chunks[0].endTime)).toEqual([Date.UTC(2024, 2, 10, 6, 59), Date.UTC(2024, 2, 10, 7, 0), Date.UTC(2024, 2, 10, 7, 1)]);
    expect(chunks[1].time[0]).toBe(Date.UTC(2024, 2, 11, 7, 0));
  });

  it("applies a factor file row per day and finds the ticker through a map file (synthetic rename)", () => {
    const dir = tempDir();
    writeZip(dir, "equity/usa/minute/old/20200102_trade.zip", { "20200102_old_minute_trade.csv": "34200000,1000000,1000000,1000000,1000000,101" });
    writeZip(dir, "equity/usa/minute/new/20200103_trade.zip", { "20200103_new_minute_trade.csv": "34200000,2000000,2000000,2000000,2000000,100" });
    writeText(dir, "equity/usa/map_files/new.csv", "20190101,old,Q\n20200102,old,Q\n20501231,new,Q");
    writeText(dir, "equity/usa/factor_files/new.csv", "20200102,1,0.5,0\n20501231,1,1,0");
    const chunks = trades([...readLeanBars({ dataFolder: dir, ticker: "NEW", resolution: "minute", startDate: 20200102, endDate: 20200103, epochFromLocal: newYork })]);
    expect(chunks.map((c) => [c.date, c.open[0], c.volume[0]])).toEqual([
      [20200102, 50, 202],
      [20200103, 200, 100],
    ]);
  });
});

describe("readLeanBars: hour and daily", () => {
  it("reads SPY daily bars in range, from the 09:30 open to the 16:00 close (LEAN's strict daily times)", () => {
    const [chunk] = trades(read({ ticker: "SPY", resolution: "daily", startDate: 20131007, endDate: 20131011 }));
    expect(chunk.count).toBe(5);
    expect(chunk.date).toBe(20131007);
    expect(isoNy(chunk.time[0])).toBe("2013-10-07 09:30:00");
    expect(isoNy(chunk.endTime[0])).toBe("2013-10-07 16:00:00");
    expect(chunk.open[0]).toBe(167.43 * SPY_FACTOR_2013_10);
    expect(chunk.volume[0]).toBe(Math.round(81489219 / SPY_FACTOR_2013_10));
  });

  it("takes the close from dailyEndTime so early closes end at 13:00", () => {
    const [chunk] = trades(read({
      ticker: "SPY",
      resolution: "daily",
      startDate: 20131007,
      endDate: 20131008,
      dailyEndTime: (d) => newYork(d, (d === 20131008 ? 13 : 16) * 3_600_000),
    }));
    expect(Array.from(chunk.endTime, isoNy)).toEqual(["2013-10-07 16:00:00", "2013-10-08 13:00:00"]);
  });

  it("reads SPY hour bars: 09:00 holds 09:30-10:00 and ends at 10:00; the last ends at 16:00", () => {
    const [chunk] = trades(read({ ticker: "SPY", resolution: "hour", startDate: 20210301, endDate: 20210303, normalization: DataNormalizationMode.Raw }));
    expect(chunk.count).toBe(21);
    expect(isoNy(chunk.endTime[0])).toBe("2021-03-01 10:00:00");
    expect(isoNy(chunk.endTime[6])).toBe("2021-03-01 16:00:00");
    expect(isoNy(chunk.endTime[20])).toBe("2021-03-03 16:00:00");
    expect([chunk.open[0], chunk.volume[0]]).toEqual([385.65, 14489000]);
  });

  it("reads SPX index daily bars in dollars, timed by the caller's session (08:30-15:15 Chicago)", () => {
    const [chunk] = trades(read({
      ticker: "SPX",
      securityType: "index",
      resolution: "daily",
      startDate: 20210101,
      endDate: 20210131,
      epochFromLocal: chicago,
      dailyStartTime: (d) => chicago(d, 8.5 * 3_600_000),
      dailyEndTime: (d) => chicago(d, 15.25 * 3_600_000),
    }));
    expect(chunk.count).toBe(2);
    expect([chunk.open[0], chunk.high[0], chunk.low[0], chunk.close[0], chunk.volume[0]]).toEqual([3764.61, 3769.99, 3662.71, 3700.65, 24599]);
    expect(chunk.time[0]).toBe(Date.UTC(2021, 0, 4, 14, 30));
    expect(chunk.endTime[0]).toBe(Date.UTC(2021, 0, 4, 21, 15));
  });

  it("reads GOOG daily from goocv.zip up to 2014-04-02 and goog.zip after (map file), adjusted by goog's factor file", () => {
    const chunks = trades(read({ ticker: "GOOG", resolution: "daily", startDate: 20140320, endDate: 20140404 }));
    expect(chunks).toHaveLength(2);
    expect(Array.from(chunks[0].endTime, isoNy).map((t) => t.slice(0, 10))).toEqual(["2014-03-27", "2014-03-28", "2014-03-31", "2014-04-01", "2014-04-02"]);
    expect(chunks[0].open[4]).toBe(725.95 * 0.997307);
    expect(chunks[1].date).toBe(20140403);
    expect(chunks[1].open[0]).toBe(569.85 * 0.997307);
  });
});
