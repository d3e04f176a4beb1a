import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOptionEntryName, readOptionDay, readOptionUniverse } from "../../../src/engine/data/index.ts";
import {
  DEFAULT_MARKET_MODEL,
  DEFAULT_OPTION_CHAIN,
  DEFAULT_SURFACE,
  YEAR_MS,
  bsmPrice,
  impliedVolatility,
  simulateMarket,
  tradingSessions,
  usEquityExchangeHours,
  type SimulatedDay,
} from "../../../src/engine/datagen/index.ts";
import { epochFromLocal } from "../../../src/engine/time/index.ts";
import { DST_RANGE, JULY_RANGE, SEED, csvLines, generateInto, ints, removeTempFolders, zipEntryLines, zipLines } from "./helpers.ts";

const RATE = DEFAULT_OPTION_CHAIN.riskFreeRate;
const hours = usEquityExchangeHours();
let dst: string;
let july: string;
let dstDays: SimulatedDay[];

beforeAll(() => {
  dst = generateInto("options-dst", { ...DST_RANGE, seed: SEED, headlines: false }).folder;
  july = generateInto("options-july", { ...JULY_RANGE, seed: SEED, headlines: false }).folder;
  dstDays = simulateMarket(tradingSessions(DST_RANGE.startDate, DST_RANGE.endDate), SEED, DEFAULT_MARKET_MODEL);
});
afterAll(removeTempFolders);

const optionZip = (folder: string, date: number, type: string) => join(folder, `option/usa/minute/tlix/${date}_${type}_american.zip`);
const universePath = (folder: string, date: number) => join(folder, `option/usa/universes/tlix/${date}.csv`);

/** Underlying minute closes (dollars) by bar start time, from the generated equity file. */
function underlyingCloses(folder: string, date: number): Map<number, number> {
  return new Map(zipLines(join(folder, `equity/usa/minute/tlix/${date}_trade.zip`)).map((l) => [ints(l)[0], ints(l)[4] / 10000]));
}

/** Implied volatility by bisection on the Black-Scholes price (monotone in volatility). */
function solveVolatility(isCall: boolean, price: number, spot: number, strike: number, years: number): number {
  let lo = 1e-4;
  let hi = 5;
  for (let i = 0; i < 100; i++) {
    const mid = 0.5 * (lo + hi);
    if (bsmPrice(isCall, spot, strike, years, RATE, mid) > price) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/** Black-Scholes vega per 1.00 of volatility. */
function vega(spot: number, strike: number, years: number, sigma: number): number {
  const d1 = (Math.log(spot / strike) + (RATE + 0.5 * sigma * sigma) * years) / (sigma * Math.sqrt(years));
  return (spot * Math.exp(-0.5 * d1 * d1) * Math.sqrt(years)) / Math.sqrt(2 * Math.PI);
}

describe("option files: layout", () => {
  it("writes quote, trade and open-interest zips and a universe file per trading day, none on the Jul 4 holiday", () => {
    for (const date of [20250701, 20250702, 20250703, 20250707, 20250708]) {
      for (const type of ["quote", "trade", "openinterest"]) expect(existsSync(optionZip(july, date, type))).toBe(true);
      expect(existsSync(universePath(july, date))).toBe(true);
    }
    expect(readdirSync(join(july, "option/usa/minute/tlix")).some((f) => f.startsWith("20250704"))).toBe(false);
    expect(existsSync(universePath(july, 20250704))).toBe(false);
  });

  it("names each entry <date>_tlix_minute_<type>_american_<right>_<strike x10000>_<expiry>.csv, sorted by name", () => {
    for (const type of ["quote", "trade", "openinterest"] as const) {
      const names = [...zipEntryLines(optionZip(july, 20250702, type)).keys()];
      expect(names.length).toBeGreaterThan(50);
      expect([...names].sort()).toEqual(names);
      for (const name of names) {
        expect(name).toMatch(new RegExp(`^20250702_tlix_minute_${type}_american_(call|put)_\\d+_\\d{8}\\.csv$`));
        const parsed = parseOptionEntryName(name);
        expect(parsed.date).toBe(20250702);
        expect(Number.isInteger(parsed.strike)).toBe(true);
      }
    }
  });

  it("lists weeklies (Thursday 2025-07-03 for the Jul 4 holiday) within 35 days and third-Friday monthlies within 95 days", () => {
    const universe = csvLines(readFileSync(universePath(july, 20250701), "latin1"));
    const expiries = [...new Set(universe.slice(2).map((l) => Number(l.split(",")[0])))];
    expect(expiries).toEqual([20250703, 20250711, 20250718, 20250725, 20250801, 20250815, 20250919]);
    // On the expiry day the expiring contracts trade in the minute files but are gone from the universe.
    const quoteNames = [...zipEntryLines(optionZip(july, 20250703, "quote")).keys()];
    expect(quoteNames.some((n) => n.endsWith("_20250703.csv"))).toBe(true);
    const universe3 = csvLines(readFileSync(universePath(july, 20250703), "latin1"));
    expect(universe3.slice(2).every((l) => Number(l.split(",")[0]) > 20250703)).toBe(true);
  });
});

describe("option files: quotes, trades and open interest", () => {
  it("never writes a crossed or negative quote; a missing bid is written empty; asks cover the intrinsic value", () => {
    // Rows are checked in plain code and problems collected: one expect per row would take minutes.
    const problems: string[] = [];
    let rows = 0;
    let emptyBids = 0;
    for (const date of [20250306, 20250307, 20250310, 20250311]) {
      const closes = underlyingCloses(dst, date);
      for (const [name, lines] of zipEntryLines(optionZip(dst, date, "quote"))) {
        const { right, strike } = parseOptionEntryName(name);
        let previous = -1;
        for (const line of lines) {
          const bad = (why: string) => problems.push(`${name}: ${line}: ${why}`);
          const f = line.split(",");
          if (f.length !== 11) bad("expected 11 fields");
          const time = Number(f[0]);
          if (!(time > previous && time >= 34_200_000 && time < 57_600_000 && time % 60_000 === 0)) bad("time out of order or outside 09:30-16:00");
          previous = time;
          const ask = f.slice(6, 10).map(Number);
          if (!ask.every((a) => Number.isInteger(a) && a > 0 && a % 100 === 0)) bad("ask not a positive whole cent x10000");
          if (!(ask[1] >= Math.max(ask[0], ask[3]) && ask[2] <= Math.min(ask[0], ask[3]))) bad("ask high/low do not bound open/close");
          if (f[1] === "") {
            if (f.slice(1, 6).join(",") !== ",,,,0") bad("an empty bid must be ',,,,0'");
            emptyBids++;
          } else {
            const bid = f.slice(1, 5).map(Number);
            if (!bid.every((b) => Number.isInteger(b) && b > 0 && b % 100 === 0)) bad("bid not a positive whole cent x10000");
            if (!(bid[3] < ask[3] && bid[0] < ask[0])) bad("crossed or locked quote");
            if (!(bid[1] >= Math.max(bid[0], bid[3]) && bid[2] <= Math.min(bid[0], bid[3]))) bad("bid high/low do not bound open/close");
            if (!(Number(f[5]) > 0 && Number(f[10]) > 0)) bad("sizes must be positive");
          }
          // Intrinsic value from the underlying's minute close (rounded to the cent: one cent of slack).
          const spot = closes.get(time)!;
          const intrinsicCents = Math.floor(Math.max(right === "call" ? spot - strike : strike - spot, 0) * 100 + 1e-6);
          if (ask[3] / 100 < intrinsicCents - 1) bad(`ask below intrinsic ${intrinsicCents}c`);
          if (f[1] !== "" && Number(f[4]) / 100 < intrinsicCents - 1) bad(`bid below intrinsic ${intrinsicCents}c`);
          rows++;
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(rows).toBeGreaterThan(10_000);
    expect(emptyBids).toBeLessThan(rows / 4);
  });

  it("prints trades only inside the quote of their minute, and the universe's volume is their sum", () => {
    const date = 20250702;
    const quotes = zipEntryLines(optionZip(july, date, "quote"));
    const trades = zipEntryLines(optionZip(july, date, "trade"));
    expect(trades.size).toBeGreaterThan(20);
    const universe = readOptionUniverse(july, "TLIX", date)!;
    let checked = 0;
    for (const [name, lines] of trades) {
      const quoteLines = quotes.get(name.replace("_trade_", "_quote_"))!.map((l) => l.split(","));
      let volume = 0;
      for (const line of lines) {
        const [time, o, h, l, c, v] = ints(line);
        let q = quoteLines[0];
        for (const candidate of quoteLines) if (Number(candidate[0]) <= time) q = candidate;
        const bid = q[4] === "" ? Number(q[9]) : Number(q[4]);
        const ask = Number(q[9]);
        for (const p of [o, h, l, c]) {
          expect(p).toBeGreaterThanOrEqual(bid);
          expect(p).toBeLessThanOrEqual(ask);
        }
        expect(h).toBeGreaterThanOrEqual(Math.max(o, c));
        expect(l).toBeLessThanOrEqual(Math.min(o, c));
        expect(v).toBeGreaterThan(0);
        volume += v;
        checked++;
      }
      const { right, strike, expiry } = parseOptionEntryName(name);
      if (expiry > date) {
        const i = Array.from({ length: universe.count }, (_, k) => k).find((k) => universe.expiry[k] === expiry && universe.strike[k] === strike && universe.right[k] === (right === "call" ? 0 : 1))!;
        expect(universe.volume[i]).toBe(volume);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("writes one open-interest row at 06:30 per quoted contract, matching the universe's open interest", () => {
    const date = 20250707;
    const oi = zipEntryLines(optionZip(july, date, "openinterest"));
    const quoteNames = [...zipEntryLines(optionZip(july, date, "quote")).keys()];
    expect([...oi.keys()].map((n) => n.replace("_openinterest_", "_quote_"))).toEqual(quoteNames);
    const universe = readFileSync(universePath(july, date), "latin1");
    for (const [name, lines] of oi) {
      expect(lines.length).toBe(1);
      expect(lines[0]).toMatch(/^23400000,\d+$/);
      const { right, strike, expiry } = parseOptionEntryName(name);
      if (expiry > date) expect(universe).toContain(`\n${expiry},${strike},${right === "call" ? "C" : "P"},`);
      const row = universe.split("\n").find((l) => l.startsWith(`${expiry},${strike},${right === "call" ? "C" : "P"},`));
      if (row) expect(row.split(",")[8]).toBe(lines[0].split(",")[1]);
    }
  });

  it("is read by the project's option reader", () => {
    const epoch = (d: number, ms: number) => epochFromLocal(d, ms, "America/New_York");
    const chunks = [...readOptionDay({ dataFolder: dst, underlying: "TLIX", date: 20250310, tickType: "quote", epochFromLocal: epoch })];
    expect(chunks.length).toBe(zipEntryLines(optionZip(dst, 20250310, "quote")).size);
    const first = chunks[0].chunk;
    expect(first.kind).toBe("quote");
    expect(new Date(first.time[0]).toISOString()).toBe("2025-03-10T13:30:00.000Z");
  });
});

describe("option prices carry the volatility surface", () => {
  it("recovers the surface's implied volatility from every out-of-the-money mid quote", () => {
    // Bid and ask are the model price -/+ half the spread, rounded outwards to the cent, so the mid
    // is within 0.005 of the model price; the implied volatility is then within 0.005 / vega of the
    // surface's (vega per 1.00 of vol). Tolerance: 0.0051 / vega (2% for vega's change over that
    // small interval), checked on quotes with vega >= 0.5 (at most ~1 vol point), expiry >= 1 day.
    let checked = 0;
    let worst = 0;
    const failures: string[] = [];
    for (const day of dstDays) {
      const s = day.session;
      for (const [name, lines] of zipEntryLines(optionZip(dst, s.date, "quote"))) {
        const { right, strike, expiry } = parseOptionEntryName(name);
        const isCall = right === "call";
        const expiryEpoch = hours.marketClose(expiry)!;
        for (const line of lines) {
          const f = line.split(",");
          if (f[1] === "") continue;
          const i = (Number(f[0]) - s.openLocal) / 60_000;
          const spot = day.close[i];
          if (isCall ? strike <= spot : strike >= spot) continue; // out of the money only
          const years = (expiryEpoch - (s.openEpoch + (i + 1) * 60_000)) / YEAR_MS;
          if (years < 1 / 365) continue;
          const surface = impliedVolatility(spot, strike, years, RATE, day.variance[i], DEFAULT_SURFACE);
          const v = vega(spot, strike, years, surface);
          if (v < 0.5) continue;
          const mid = (Number(f[4]) + Number(f[9])) / 20000;
          const recovered = solveVolatility(isCall, mid, spot, strike, years);
          const error = Math.abs(recovered - surface);
          worst = Math.max(worst, error * v);
          if (error > 0.0051 / v + 1e-6) failures.push(`${name} ${line}: recovered ${recovered}, surface ${surface}, vega ${v}`);
          checked++;
        }
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(5_000);
    // worst = largest price error implied (|IV error| x vega): the half-cent bound in dollars
    expect(worst).toBeLessThanOrEqual(0.0051);
  });

  it("shows put skew and an upward term structure in the universe, with IVs that match the closing quotes", () => {
    const day = dstDays[1];
    const s = day.session;
    const universe = readOptionUniverse(dst, "TLIX", s.date)!;
    const spot = day.close[s.minutes - 1];
    expect(universe.underlying.close).toBeCloseTo(Math.round(spot * 100) / 100, 8);
    const iv = (expiry: number, strike: number, right: number) => {
      for (let k = 0; k < universe.count; k++) if (universe.expiry[k] === expiry && universe.strike[k] === strike && universe.right[k] === right) return universe.impliedVolatility[k];
      throw new Error(`no ${expiry} ${strike} ${right}`);
    };
    const atm = Math.round(spot);
    const expiries = [...new Set(Array.from(universe.expiry))].sort();
    for (const expiry of expiries.slice(0, 4)) {
      // Skew: lower strikes carry higher implied volatility around the money.
      expect(iv(expiry, atm - 5, 1)).toBeGreaterThan(iv(expiry, atm, 1));
      expect(iv(expiry, atm, 0)).toBeGreaterThan(iv(expiry, atm + 3, 0));
      // Calls and puts of a strike share one volatility (one surface, put-call parity).
      expect(iv(expiry, atm, 0)).toBe(iv(expiry, atm, 1));
    }
    // Variance starts below its long-run level here, so the ATM term structure slopes upward.
    expect(day.variance[s.minutes - 1]).toBeLessThan(DEFAULT_MARKET_MODEL.theta);
    expect(iv(expiries[expiries.length - 1], atm, 0)).toBeGreaterThan(iv(expiries[0], atm, 0));
    // The close column of minute-band contracts is the last mid; solving it gives the IV column back.
    let checked = 0;
    for (let k = 0; k < universe.count; k++) {
      const strike = universe.strike[k];
      const isCall = universe.right[k] === 0;
      if (isCall ? strike <= spot : strike >= spot) continue;
      if (Math.abs(strike / spot - 1) > 0.05 || universe.expiry[k] > 20250331) continue;
      const years = (hours.marketClose(universe.expiry[k])! - s.closeEpoch) / YEAR_MS;
      const sigma = universe.impliedVolatility[k];
      const v = vega(spot, strike, years, sigma);
      if (v < 0.5) continue;
      expect(Math.abs(solveVolatility(isCall, universe.close[k], spot, strike, years) - sigma)).toBeLessThanOrEqual(0.0051 / v + 1e-6);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("writes Greeks in LEAN's units that satisfy put-call parity (call delta - put delta = 1, equal gamma and vega)", () => {
    const text = readFileSync(universePath(dst, 20250310), "latin1");
    const lines = csvLines(text);
    expect(lines[0]).toBe("#expiry,strike,right,open,high,low,close,volume,open_interest,implied_volatility,delta,gamma,vega,theta,rho");
    expect(lines[1]).toMatch(/^,,,\d+\.\d{4},\d+\.\d{4},\d+\.\d{4},\d+\.\d{4},\d+,,,,,,,$/);
    const rows = new Map(lines.slice(2).map((l) => [l.split(",").slice(0, 3).join(","), l.split(",")]));
    let pairs = 0;
    for (const [key, call] of rows) {
      if (!key.endsWith(",C")) continue;
      const put = rows.get(key.slice(0, -1) + "P")!;
      expect(Number(call[10]) - Number(put[10])).toBeCloseTo(1, 6);
      expect(call[11]).toBe(put[11]);
      expect(call[12]).toBe(put[12]);
      expect(Number(call[14]) - Number(put[14])).toBeGreaterThan(0);
      pairs++;
    }
    expect(pairs).toBeGreaterThan(100);
    // Calls first, then puts, each by expiry then strike.
    const order = lines.slice(2).map((l) => l.split(","));
    const firstPut = order.findIndex((f) => f[2] === "P");
    expect(order.slice(firstPut).every((f) => f[2] === "P")).toBe(true);
    for (let i = 1; i < firstPut; i++) {
      const [a, b] = [order[i - 1], order[i]];
      expect(Number(a[0]) < Number(b[0]) || (a[0] === b[0] && Number(a[1]) < Number(b[1]))).toBe(true);
    }
  });
});
