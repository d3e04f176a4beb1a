import { describe, expect, it } from "vitest";
import type { OpenInterestChunk, QuoteBarChunk, TradeBarChunk } from "../../../src/engine/data/bar-chunk.ts";
import { DataFormatError } from "../../../src/engine/data/errors.ts";
import { optionContractKey, optionDayEntryName, parseOptionEntryName } from "../../../src/engine/data/lean-paths.ts";
import { OPTION_RIGHT_PUT, parseOptionUniverse, readOptionDay, readOptionHistory, readOptionUniverse } from "../../../src/engine/data/option-reader.ts";
import { LEAN_DATA, isoNy, newYork, tempDir, writeZip } from "./helpers.ts";

const put750 = (expiry: number) => (c: { right: string; strike: number; expiry: number }) => c.right === "put" && c.strike === 750 && c.expiry === expiry;

describe("option entry names", () => {
  it("parses minute and hour/daily entry names into right, strike and expiry", () => {
    expect(parseOptionEntryName("20151224_goog_minute_quote_american_put_7500000_20160617.csv")).toEqual({
      date: 20151224,
      underlying: "goog",
      resolution: "minute",
      tickType: "quote",
      style: "american",
      right: "put",
      strike: 750,
      expiry: 20160617,
    });
    const daily = parseOptionEntryName("goog_trade_american_call_7325000_20160115.csv");
    expect([daily.date, daily.underlying, daily.right, daily.strike, daily.expiry]).toEqual([undefined, "goog", "call", 732.5, 20160115]);
    expect(optionDayEntryName(20151224, "GOOG", "minute", "quote", { right: "put", strike: 750, expiry: 20160617 })).toBe("20151224_goog_minute_quote_american_put_7500000_20160617.csv");
    expect(() => parseOptionEntryName("20151224_goog_minute_quote_american_straddle_7500000_20160617.csv")).toThrow(DataFormatError);
  });
});

describe("readOptionDay", () => {
  it("reads GOOG 2015-12-24 quotes per contract: the 750 put expiring 2016-06-17 has ask close 54.80 in the bar ending 09:31", () => {
    const [only] = [...readOptionDay({ dataFolder: LEAN_DATA, underlying: "GOOG", date: 20151224, tickType: "quote", epochFromLocal: newYork, filter: put750(20160617) })];
    expect(only.key).toBe("put:750:20160617");
    expect(only.key).toBe(optionContractKey(only.contract));
    const q = only.chunk as QuoteBarChunk;
    expect(q.kind).toBe("quote");
    expect(isoNy(q.endTime[0])).toBe("2015-12-24 09:31:00");
    expect([q.askOpen[0], q.askHigh[0], q.askLow[0], q.askClose[0], q.lastAskSize[0]]).toEqual([54, 54.8, 53.6, 54.8, 15]);
    expect(q.bidClose[0]).toBe(51.7);
    // The same strike expiring 2016-01-15 quotes 14.60 at that time.
    const [jan] = [...readOptionDay({ dataFolder: LEAN_DATA, underlying: "goog", date: 20151224, tickType: "quote", epochFromLocal: newYork, filter: put750(20160115) })];
    expect((jan.chunk as QuoteBarChunk).askClose[0]).toBe(14.6);
  });

  it("yields NaN for an empty side of a quote (call 750 expiring 2016-01-22 has no ask at 09:30)", () => {
    const [c] = [...readOptionDay({ dataFolder: LEAN_DATA, underlying: "goog", date: 20151224, tickType: "quote", epochFromLocal: newYork, filter: (k) => k.right === "call" && k.strike === 750 && k.expiry === 20160122 })];
    const q = c.chunk as QuoteBarChunk;
    expect(q.bidClose[0]).toBe(16.4);
    expect(Number.isNaN(q.askOpen[0]) && Number.isNaN(q.askClose[0])).toBe(true);
    expect(q.lastAskSize[0]).toBe(0);
  });

  it("reads every contract's trades and open interest, unadjusted", () => {
    const tradesByKey = new Map([...readOptionDay({ dataFolder: LEAN_DATA, underlying: "goog", date: 20151224, tickType: "trade", epochFromLocal: newYork })].map((c) => [c.key, c.chunk as TradeBarChunk]));
    expect(tradesByKey.size).toBe(241);
    for (const chunk of tradesByKey.values()) expect(chunk.kind).toBe("trade");
    const oi = [...readOptionDay({ dataFolder: LEAN_DATA, underlying: "goog", date: 20151224, tickType: "openinterest", epochFromLocal: newYork, filter: put750(20160617) })];
    const chunk = oi[0].chunk as OpenInterestChunk;
    expect(Array.from(chunk.openInterest)).toEqual([61]);
    expect(isoNy(chunk.time[0])).toBe("2015-12-24 06:30:00");
  });

  it("yields nothing for a day without a file", () => {
    expect([...readOptionDay({ dataFolder: LEAN_DATA, underlying: "goog", date: 20151225, tickType: "quote", epochFromLocal: newYork })]).toEqual([]);
  });

  it("names the zip and entry of a malformed contract row", () => {
    const dir = tempDir();
    const entry = "20200102_xyz_minute_trade_american_call_1000000_20200117.csv";
    writeZip(dir, "option/usa/minute/xyz/20200102_trade_american.zip", { [entry]: "34200000,1,1,1,1,1\n34260000,1,1,1,1,1,9" });
    expect(() => [...readOptionDay({ dataFolder: dir, underlying: "xyz", date: 20200102, tickType: "trade", epochFromLocal: newYork })]).toThrow(
      `option/usa/minute/xyz/20200102_trade_american.zip/${entry} line 2: expected 6 fields, got 7`,
    );
  });
});

describe("readOptionHistory", () => {
  it("reads GOOG daily option trades from the 2015 zip, filtered to the range", () => {
    const chunks = [...readOptionHistory({ dataFolder: LEAN_DATA, underlying: "goog", resolution: "daily", tickType: "trade", startDate: 20151224, endDate: 20151231, epochFromLocal: newYork, filter: (c) => c.right === "put" && c.strike === 710 && c.expiry === 20151231 })];
    expect(chunks).toHaveLength(1);
    const t = chunks[0].chunk as TradeBarChunk;
    expect(t.count).toBe(1);
    expect(isoNy(t.endTime[0])).toBe("2015-12-24 16:00:00");
    expect([t.open[0], t.low[0], t.volume[0]]).toEqual([0.36, 0.2, 32]);
  });

  it("reads hour option quotes with yyyyMMdd HH:mm rows", () => {
    const chunks = [...readOptionHistory({ dataFolder: LEAN_DATA, underlying: "goog", resolution: "hour", tickType: "quote", startDate: 20151223, endDate: 20151223, epochFromLocal: newYork })];
    expect(chunks.length).toBeGreaterThan(10);
    const q = chunks[0].chunk as QuoteBarChunk;
    expect(q.endTime[0] - q.time[0]).toBe(3_600_000);
  });
});

describe("option universes", () => {
  it("reads GOOG 2015-12-24: the underlying first, then contracts with greeks", () => {
    const u = readOptionUniverse(LEAN_DATA, "GOOG", 20151224)!;
    expect(u.underlying).toEqual({ open: 747.93, high: 748.77, low: 747.86, close: 748.4, volume: 106129 });
    expect(u.count).toBe(2016);
    expect([u.expiry[0], u.strike[0], u.right[0], u.close[0]]).toEqual([20151231, 450, 0, 298.3]);
    expect(Number.isNaN(u.openInterest[0])).toBe(true);
    let i = -1;
    for (let k = 0; k < u.count; k++) if (u.expiry[k] === 20160617 && u.strike[k] === 750 && u.right[k] === OPTION_RIGHT_PUT) i = k;
    expect([u.close[i], u.openInterest[i], u.impliedVolatility[i], u.delta[i]]).toEqual([52.9, 61, 0.8260825, -0.3858143]);
    expect(readOptionUniverse(LEAN_DATA, "GOOG", 20151225)).toBeNull();
  });

  it("fails with file and line on a malformed universe row", () => {
    const text = "#expiry,strike,right,open,high,low,close,volume,open_interest,implied_volatility,delta,gamma,vega,theta,rho\n,,,1,1,1,1,1,,,,,,,\n20160101,10,X,1,1,1,1,1,1,1,1,1,1,1,1";
    expect(() => parseOptionUniverse(text, 20151224, "u.csv")).toThrow('u.csv line 3: invalid right "X" (expected C or P)');
  });
});
