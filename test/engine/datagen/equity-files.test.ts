import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataNormalizationMode, readLeanBars, type TradeBarChunk, type QuoteBarChunk } from "../../../src/engine/data/index.ts";
import { usEquityExchangeHours } from "../../../src/engine/datagen/index.ts";
import { epochFromLocal } from "../../../src/engine/time/index.ts";
import { DST_RANGE, JULY_RANGE, SEED, generateInto, ints, removeTempFolders, zipLines } from "./helpers.ts";

const NY = "America/New_York";
let dst: string;
let july: string;

beforeAll(() => {
  dst = generateInto("equity-dst", { ...DST_RANGE, seed: SEED, options: false, headlines: false }).folder;
  july = generateInto("equity-july", { ...JULY_RANGE, seed: SEED, options: false, headlines: false }).folder;
});
afterAll(removeTempFolders);

const minuteZip = (folder: string, date: number, type: "trade" | "quote") => join(folder, `equity/usa/minute/tlix/${date}_${type}.zip`);

describe("equity minute files", () => {
  it("writes one trade and one quote zip per trading day, each holding <date>_tlix_minute_<type>.csv, and nothing on the Jul 4 holiday", async () => {
    const { readZipEntries } = await import("../../../src/engine/data/index.ts");
    for (const date of [20250701, 20250702, 20250703, 20250707, 20250708]) {
      for (const type of ["trade", "quote"] as const) {
        const entries = readZipEntries(minuteZip(july, date, type));
        expect(entries.map((e) => e.name)).toEqual([`${date}_tlix_minute_${type}.csv`]);
      }
    }
    for (const closed of [20250704, 20250705, 20250706]) {
      expect(existsSync(minuteZip(july, closed, "trade"))).toBe(false);
      expect(existsSync(minuteZip(july, closed, "quote"))).toBe(false);
    }
  });

  it("has 390 bars 09:30-15:59 on a full day and 210 bars 09:30-12:59 on the 13:00 early close of 2025-07-03", () => {
    for (const [date, count] of [
      [20250702, 390],
      [20250703, 210],
      [20250707, 390],
    ] as const) {
      for (const type of ["trade", "quote"] as const) {
        const times = zipLines(minuteZip(july, date, type)).map((l) => ints(l)[0]);
        expect(times.length).toBe(count);
        expect(times[0]).toBe(34_200_000);
        expect(times[times.length - 1]).toBe(34_200_000 + (count - 1) * 60_000);
        for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBe(60_000);
      }
    }
  });

  it("writes trade rows as time,open,high,low,close,volume with whole-cent prices x10000 and a consistent range", () => {
    const lines = zipLines(minuteZip(dst, 20250307, "trade"));
    for (const line of lines) {
      expect(line).toMatch(/^\d+,\d+,\d+,\d+,\d+,\d+$/);
      const [, o, h, l, c, v] = ints(line);
      for (const p of [o, h, l, c]) {
        expect(p % 100).toBe(0);
        expect(p).toBeGreaterThan(0);
      }
      expect(h).toBeGreaterThanOrEqual(Math.max(o, c));
      expect(l).toBeLessThanOrEqual(Math.min(o, c));
      expect(v).toBeGreaterThan(0);
    }
    // A U-shaped volume curve: the first and last half hours trade more per minute than midday.
    const volume = lines.map((l) => ints(l)[5]);
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    expect(mean(volume.slice(0, 30))).toBeGreaterThan(1.5 * mean(volume.slice(150, 240)));
    expect(mean(volume.slice(360))).toBeGreaterThan(1.2 * mean(volume.slice(150, 240)));
  });

  it("writes quote rows with 11 fields, bid below ask on every price, 1-4 cent spreads, and the trade close inside the quote", () => {
    for (const date of [20250306, 20250307, 20250310, 20250311]) {
      const quotes = zipLines(minuteZip(dst, date, "quote"));
      const trades = zipLines(minuteZip(dst, date, "trade"));
      expect(quotes.length).toBe(trades.length);
      for (let i = 0; i < quotes.length; i++) {
        const q = ints(quotes[i]);
        expect(q.length).toBe(11);
        const [time, bo, bh, bl, bc, bs, ao, ah, al, ac, as] = q;
        expect(time).toBe(ints(trades[i])[0]);
        for (const [bid, ask] of [
          [bo, ao],
          [bh, ah],
          [bl, al],
          [bc, ac],
        ]) {
          expect(bid).toBeGreaterThan(0);
          expect(ask - bid).toBeGreaterThanOrEqual(100);
          expect(ask - bid).toBeLessThanOrEqual(400);
        }
        expect(bh).toBeGreaterThanOrEqual(Math.max(bo, bc));
        expect(bl).toBeLessThanOrEqual(Math.min(bo, bc));
        expect(bs).toBeGreaterThan(0);
        expect(as).toBeGreaterThan(0);
        const close = ints(trades[i])[4];
        expect(close).toBeGreaterThanOrEqual(bc);
        expect(close).toBeLessThanOrEqual(ac);
      }
    }
  });
});

describe("equity daily, factor and map files", () => {
  it("writes one daily row per session, yyyyMMdd 00:00, equal to the day's minute bars, with no newline after the last row", async () => {
    const { readZipEntries } = await import("../../../src/engine/data/index.ts");
    const [entry] = readZipEntries(join(july, "equity/usa/daily/tlix.zip"));
    expect(entry.name).toBe("tlix.csv");
    const text = entry.data.toString("latin1");
    expect(text.endsWith("\n")).toBe(false);
    const rows = text.split("\n");
    expect(rows.map((r) => r.slice(0, 14))).toEqual(["20250701 00:00", "20250702 00:00", "20250703 00:00", "20250707 00:00", "20250708 00:00"]);
    for (const row of rows) {
      const date = Number(row.slice(0, 8));
      const minutes = zipLines(minuteZip(july, date, "trade")).map(ints);
      const [o, h, l, c, v] = row.slice(15).split(",").map(Number);
      expect(o).toBe(minutes[0][1]);
      expect(h).toBe(Math.max(...minutes.map((m) => m[2])));
      expect(l).toBe(Math.min(...minutes.map((m) => m[3])));
      expect(c).toBe(minutes[minutes.length - 1][4]);
      expect(v).toBe(minutes.reduce((s, m) => s + m[5], 0));
    }
  });

  it("writes a factor file without adjustments and a map file listing tlix from the first day, in LEAN's layout", () => {
    expect(readFileSync(join(july, "equity/usa/factor_files/tlix.csv"), "latin1")).toBe("20250701,1,1,1\n20501231,1,1,0");
    expect(readFileSync(join(july, "equity/usa/map_files/tlix.csv"), "latin1")).toBe("20250701,tlix,P\n20501231,tlix,P\n");
  });
});

describe("the project's LEAN readers serve the generated folder", () => {
  const epoch = (yyyymmdd: number, ms: number) => epochFromLocal(yyyymmdd, ms, NY);

  it("reads minute trade bars across the DST change: 09:30 New York is 14:30 UTC before 2025-03-09 and 13:30 UTC after", () => {
    const chunks = [...readLeanBars({ dataFolder: dst, ticker: "TLIX", resolution: "minute", startDate: 20250306, endDate: 20250311, epochFromLocal: epoch })] as TradeBarChunk[];
    expect(chunks.map((c) => [c.date, c.count])).toEqual([
      [20250306, 390],
      [20250307, 390],
      [20250310, 390],
      [20250311, 390],
    ]);
    expect(new Date(chunks[1].time[0]).toISOString()).toBe("2025-03-07T14:30:00.000Z");
    expect(new Date(chunks[2].time[0]).toISOString()).toBe("2025-03-10T13:30:00.000Z");
    expect(new Date(chunks[2].endTime[389]).toISOString()).toBe("2025-03-10T20:00:00.000Z");
    // Adjusted (the default) equals raw: the factor file has no adjustments.
    const raw = [...readLeanBars({ dataFolder: dst, ticker: "TLIX", resolution: "minute", startDate: 20250307, endDate: 20250307, normalization: DataNormalizationMode.Raw, epochFromLocal: epoch })] as TradeBarChunk[];
    expect(Array.from(raw[0].close)).toEqual(Array.from(chunks[1].close));
    const firstRow = ints(zipLines(minuteZip(dst, 20250307, "trade"))[0]);
    expect(chunks[1].open[0]).toBeCloseTo(firstRow[1] / 10000, 10);
  });

  it("reads quote bars and daily bars, ending the early-close day's daily bar at 13:00", () => {
    const hours = usEquityExchangeHours();
    const quotes = [...readLeanBars({ dataFolder: july, ticker: "TLIX", resolution: "minute", tickType: "quote", startDate: 20250703, endDate: 20250703, epochFromLocal: epoch })] as QuoteBarChunk[];
    expect(quotes[0].count).toBe(210);
    for (let i = 0; i < quotes[0].count; i++) expect(quotes[0].bidClose[i]).toBeLessThan(quotes[0].askClose[i]);
    const daily = [...readLeanBars({ dataFolder: july, ticker: "TLIX", resolution: "daily", startDate: 20250701, endDate: 20250708, epochFromLocal: epoch, dailyStartTime: (d) => hours.marketOpen(d)!, dailyEndTime: (d) => hours.marketClose(d)! })] as TradeBarChunk[];
    const count = daily.reduce((s, c) => s + c.count, 0);
    expect(count).toBe(5);
    const all = daily.flatMap((c) => Array.from(c.endTime));
    expect(all.map((t) => new Date(t).toISOString())).toContain("2025-07-03T17:00:00.000Z");
  });
});

describe("hour bars", () => {
  it("writes LEAN's whole-history hour zip: the 09:00 row holds 09:30-10:00, the last row of a day its close", async () => {
    const { hourBars } = await import("../../../src/engine/datagen/equity-writer.ts");
    const n = 390;
    const bars = {
      open: Int32Array.from({ length: n }, (_, i) => 10000 + i),
      high: Int32Array.from({ length: n }, (_, i) => 10010 + i),
      low: Int32Array.from({ length: n }, (_, i) => 9990 + i),
      close: Int32Array.from({ length: n }, (_, i) => 10005 + i),
      volume: Float64Array.from({ length: n }, () => 10),
    };
    const hours = hourBars(20250102, 34_200_000, bars);
    expect(hours.map((h) => h.hour)).toEqual([9, 10, 11, 12, 13, 14, 15]);
    expect(hours[0]).toMatchObject({ open: 10000, high: 10010 + 29, low: 9990, close: 10005 + 29, volume: 300 });
    expect(hours[6].close).toBe(10005 + 389);
    expect(hours.reduce((a, h) => a + h.volume, 0)).toBe(3900);
  });
});
