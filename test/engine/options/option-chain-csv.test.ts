import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataFormatError } from "../../../src/engine/data/errors.ts";
import { OptionRight, Symbol } from "../../../src/engine/securities/symbol.ts";
import { QuoteBar, TradeBar } from "../../../src/engine/securities/bars.ts";
import { epochFromLocal } from "../../../src/engine/time/index.ts";
import { CsvOptionChainSource, parseOptionChainCsv } from "../../../src/engine/options/option-chain-csv.ts";
import { OptionChainFeed } from "../../../src/engine/options/option-chain-feed.ts";
import { NY, isoNy, ny, optionHours } from "./helpers.ts";

const epoch = (d: number, ms: number) => epochFromLocal(d, ms, NY);
const HEADER = "time,expiry,strike,right,bid,ask,last,volume,open_interest,underlying_price";

describe("parseOptionChainCsv", () => {
  const text = [
    HEADER,
    "09:31,20160115,750,C,10.1,10.5,10.3,4,838,748.9",
    "09:31,2016-01-15,750,P,13.2,13.6,,,,748.9",
    "09:32,20160115,750,call,10.2,10.6,,0,,749.1",
    "09:32:30,20160115,750,put,,13.4,13.3,2,640,",
  ].join("\n");
  const day = parseOptionChainCsv(text, { date: 20151224, file: "goog/20151224.csv", epochFromLocal: epoch });

  it("groups rows per contract into quote, trade and open-interest chunks with bar end = the row time", () => {
    expect([...day.contracts.keys()]).toEqual(["C:750:20160115", "P:750:20160115"]);
    const call = day.contracts.get("C:750:20160115")!;
    expect(call.right).toBe(OptionRight.Call);
    expect([...call.quote.endTime].map(isoNy)).toEqual(["2015-12-24 09:31", "2015-12-24 09:32"]);
    expect(call.quote.time[0]).toBe(ny(20151224, 9, 30));
    expect([...call.quote.bidClose]).toEqual([10.1, 10.2]);
    expect([...call.trade!.close]).toEqual([10.3]);
    expect([...call.trade!.volume]).toEqual([4]);
    expect([...call.openInterest!.openInterest]).toEqual([838]);
    const put = day.contracts.get("P:750:20160115")!;
    expect(Number.isNaN(put.quote.bidClose[1])).toBe(true);
    expect(put.quote.askClose[1]).toBe(13.4);
    expect(put.quote.endTime[1]).toBe(ny(20151224, 9, 32) + 30_000);
    expect([...put.trade!.close]).toEqual([13.3]);
    expect(day.underlyingPrices).toEqual([{ endTime: ny(20151224, 9, 31), price: 748.9 }, { endTime: ny(20151224, 9, 32), price: 749.1 }]);
  });

  const bad = (row: string, header = HEADER) => () => parseOptionChainCsv(`${header}\n09:31,20160115,750,C,1,2,1.5,1,10,748\n${row}`, { date: 20151224, file: "goog/20151224.csv", epochFromLocal: epoch });
  const cases: [string, string, string?][] = [
    ["09:32,20160115,750,X,1,2,,,,", 'goog/20151224.csv line 3: field "right": invalid right "X" (expected C, P, call or put)'],
    ["09:32,2016011,750,C,1,2,,,,", 'goog/20151224.csv line 3: field "expiry": invalid expiry "2016011" (expected yyyymmdd or yyyy-mm-dd)'],
    ["9h32,20160115,750,C,1,2,,,,", 'goog/20151224.csv line 3: field "time": invalid time "9h32" (expected HH:MM or HH:MM:SS, exchange time)'],
    ["09:32,20160115,abc,C,1,2,,,,", 'goog/20151224.csv line 3: field "strike": invalid number "abc"'],
    ["09:32,20160115,750,C,3,2,,,,", 'goog/20151224.csv line 3: field "bid": bid 3 is above ask 2'],
    ["09:32,20160115,750,C,1,2,,1.5,,", 'goog/20151224.csv line 3: field "volume": must be a whole number, got 1.5'],
    ["09:32,20160115,750,C,1,2,,,-4,", 'goog/20151224.csv line 3: field "open_interest": must not be negative, got -4'],
    ["09:30,20160115,750,P,1,2,,,,", 'goog/20151224.csv line 3: field "time": rows must be in time order: 09:30 comes after a later row'],
    ["09:31,20160115,750,C,1,2,,,,", 'goog/20151224.csv line 3: field "time": a second row for C:750:20160115 at 09:31'],
    ["09:32,20160115,750,C,1,2,,,", "goog/20151224.csv line 3: Invalid Record Length: expect 10, got 9 on line 3"],
  ];
  for (const [row, message] of cases) {
    it(`rejects ${JSON.stringify(row)} naming file, line and field`, () => {
      expect(bad(row)).toThrow(DataFormatError);
      expect(bad(row)).toThrow(message);
    });
  }
  it("rejects a header without a required column or with an unknown one", () => {
    expect(() => parseOptionChainCsv("time,expiry,strike,right,bid,ask,last,volume\n", { date: 20151224, file: "f.csv", epochFromLocal: epoch })).toThrow(
      'f.csv line 1: missing column "open_interest" in header',
    );
    expect(() => parseOptionChainCsv(`${HEADER},iv\n`, { date: 20151224, file: "f.csv", epochFromLocal: epoch })).toThrow('f.csv line 1: unknown column "iv"');
  });
});

describe("CsvOptionChainSource through the chain feed", () => {
  const folder = mkdtempSync(join(tmpdir(), "tradeloom-chain-csv-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  mkdirSync(join(folder, "xyz"));
  const rows = (underlying: number) =>
    [HEADER, ...[90, 95, 100, 105, 110].flatMap((k) => [`09:31,20160115,${k},C,1,1.2,1.1,3,50,${underlying}`, `09:31,20160115,${k},P,2,2.2,,,,${underlying}`]), `09:35,20160115,100,C,1.5,1.7,,,,${underlying}`].join("\n");
  writeFileSync(join(folder, "xyz", "20151223.csv"), rows(101));
  writeFileSync(join(folder, "xyz", "20151224.csv"), rows(104));
  const xyz = Symbol.create("XYZ");
  const hours = optionHours("XYZ");
  const feed = new OptionChainFeed({
    source: new CsvOptionChainSource({ folder, underlying: xyz, calendar: hours, epochFromLocal: epoch }),
    canonical: Symbol.createCanonicalOption(xyz),
    exchangeHours: hours,
    filter: (u) => u.strikes(-1, 1).callsOnly(),
  });

  it("selects the first day from its own file (no previous file) and later days from the previous day's last price", () => {
    const first = feed.startDay(20151223);
    expect(first.universeDate).toBe(20151223);
    expect(first.underlyingPrice).toBe(101);
    expect(first.selected.map((s) => s.strike)).toEqual([100, 105]);
    expect(isoNy(feed.nextEnd)).toBe("2015-12-23 09:31");
    const bars = feed.take();
    expect(bars.filter((b) => b.bar instanceof TradeBar).length).toBe(2);
    expect(bars.filter((b) => b.bar instanceof QuoteBar).length).toBe(2);
    expect(feed.openInterest(first.selected[0])).toBe(50);
    feed.take(); // 09:32, filled forward
    feed.take(); // 09:33
    feed.take(); // 09:34
    const at0935 = feed.take();
    const call100 = at0935.find((b) => b.symbol.strike === 100 && b.bar instanceof QuoteBar)!.bar as QuoteBar;
    expect([call100.isFillForward, call100.bid!.close]).toEqual([false, 1.5]);
    while (feed.nextEnd !== Infinity) feed.take();
    const next = feed.startDay(20151224);
    expect([next.universeDate, next.underlyingPrice]).toEqual([20151223, 101]);
  });
});
