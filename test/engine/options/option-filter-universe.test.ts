import { describe, expect, it } from "vitest";
import { OptionRight, Symbol } from "../../../src/engine/securities/symbol.ts";
import { readOptionUniverse } from "../../../src/engine/data/option-reader.ts";
import {
  DEFAULT_OPTION_FILTER, FilterOrderError, OptionFilterUniverse, applyOptionFilter, optionFilterFrom, type OptionUniverseEntry,
} from "../../../src/engine/options/option-filter-universe.ts";
import { isStandardExpiry, isWeeklyExpiry } from "../../../src/engine/options/expiry-type.ts";
import { selectFromUniverseFile, universeDateFor } from "../../../src/engine/options/universe-selection.ts";
import { LEAN_DATA, optionHours } from "./helpers.ts";

const xyz = Symbol.create("XYZ");
function entries(strikes: number[], expiries: number[], rights = [OptionRight.Call, OptionRight.Put]): OptionUniverseEntry[] {
  const out: OptionUniverseEntry[] = [];
  for (const expiry of expiries) for (const strike of strikes) for (const right of rights) {
    out.push({ symbol: Symbol.createOption(xyz, strike, expiry, right), strike, expiry, right, close: 1, volume: 0, openInterest: 10 * strike, impliedVolatility: 0.2, delta: right === OptionRight.Call ? 0.5 : -0.5 });
  }
  return out;
}
const strikesOf = (symbols: Symbol[]) => [...new Set(symbols.map((s) => s.strike))].sort((a, b) => a! - b!);
const expiriesOf = (symbols: Symbol[]) => [...new Set(symbols.map((s) => s.expiry))].sort();

describe("standard and weekly expiries (LEAN's OptionSymbol.IsStandard)", () => {
  it("classifies the third-Friday week's Thursday..Saturday as standard and other Fridays as weekly", () => {
    expect(isStandardExpiry(20160617)).toBe(true); // third Friday
    expect(isStandardExpiry(20140621)).toBe(true); // pre-2015 Saturday expiry
    expect(isStandardExpiry(20140619)).toBe(true); // Thursday of that week
    expect(isStandardExpiry(20140618)).toBe(false); // Wednesday
    expect(isStandardExpiry(20140622)).toBe(false); // Sunday
    expect(isStandardExpiry(20151224)).toBe(false);
    expect(isWeeklyExpiry(20140613)).toBe(true);
    expect(isWeeklyExpiry(20140620)).toBe(false);
    expect(isWeeklyExpiry(20140703)).toBe(false); // a Thursday: neither
    expect(isWeeklyExpiry(20240110)).toBe(false); // a Wednesday daily
  });
});

describe("strike ranks", () => {
  const strikes = [90, 95, 100, 105, 110];
  const run = (price: number, f: (u: OptionFilterUniverse) => OptionFilterUniverse) =>
    strikesOf(applyOptionFilter(f, new OptionFilterUniverse(entries(strikes, [20240119]), price, 20240102)));

  it("anchors on the strike equal to the price when there is one", () => {
    expect(run(100, (u) => u.strikes(-1, 1))).toEqual([95, 100, 105]);
    expect(run(100, (u) => u.strikes(0, 0))).toEqual([100]);
  });
  it("between strikes, -1..+1 keeps one below and one above (the upper bound loses a step)", () => {
    expect(run(101, (u) => u.strikes(-1, 1))).toEqual([100, 105]);
    expect(run(101, (u) => u.strikes(-2, 2))).toEqual([95, 100, 105, 110]);
  });
  it("between strikes, a positive range shifts down a step; a negative one does not", () => {
    expect(run(101, (u) => u.strikes(1, 2))).toEqual([105, 110]);
    expect(run(101, (u) => u.strikes(-2, -1))).toEqual([95, 100]);
  });
  it("clamps at the ends and empties when the price is above every strike", () => {
    expect(run(91, (u) => u.strikes(-10, 0))).toEqual([90, 95]);
    expect(run(111, (u) => u.strikes(-1, 1))).toEqual([]);
    expect(run(80, (u) => u.strikes(-3, -1))).toEqual([]);
  });
  it("ranks over every contract still in the universe, weeklies included, before standardsOnly applies", () => {
    // the weekly 20240112 lists 102.5; the standard 20240119 does not
    const all = [...entries([95, 100, 105], [20240119]), ...entries([102.5], [20240112])];
    const picked = applyOptionFilter((u) => u.standardsOnly().strikes(-1, 1), new OptionFilterUniverse(all, 101, 20240102));
    expect(strikesOf(picked)).toEqual([100]);
    expect(expiriesOf(picked)).toEqual([20240119]);
  });
});

describe("expiry windows and types", () => {
  const hours = optionHours("SPY");
  const onOrAfter = (d: number) => (hours.isDateOpen(d) ? d : (hours.nextTradingDay(d) as number));
  const all = entries([100], [20151224, 20151228, 20151231, 20160108, 20160115, 20160219]);

  it("counts calendar days from the selection date moved to the next trading day (2015-12-25 → 12-28)", () => {
    const u = new OptionFilterUniverse(all, 100, 20151225, onOrAfter);
    expect(expiriesOf(applyOptionFilter((x) => x.expiration(0, 3), u))).toEqual([20151228, 20151231]);
    const v = () => new OptionFilterUniverse(all, 100, 20151224, onOrAfter);
    expect(expiriesOf(applyOptionFilter((x) => x.expiration(0, 0), v()))).toEqual([20151224]);
    expect(expiriesOf(applyOptionFilter((x) => x.expiration(7, 22), v()))).toEqual([20151231, 20160108, 20160115]);
  });
  it("frontMonth, backMonths and backMonth apply the expiry types first", () => {
    const u = () => new OptionFilterUniverse(all, 100, 20151224, onOrAfter);
    expect(expiriesOf(applyOptionFilter((x) => x.frontMonth(), u()))).toEqual([20151224]);
    expect(expiriesOf(applyOptionFilter((x) => x.standardsOnly().frontMonth(), u()))).toEqual([20160115]);
    expect(expiriesOf(applyOptionFilter((x) => x.standardsOnly().backMonths(), u()))).toEqual([20160219]);
    expect(expiriesOf(applyOptionFilter((x) => x.backMonth(), u()))).toEqual([20151228]);
    expect(() => applyOptionFilter((x) => x.frontMonth().standardsOnly(), u())).toThrow(FilterOrderError);
  });
  it("callsOnly, putsOnly, contracts(...) and the universe-column filters", () => {
    const u = () => new OptionFilterUniverse(entries([90, 100, 110], [20160115]), 100, 20151224);
    expect(applyOptionFilter((x) => x.callsOnly(), u()).every((s) => s.right === OptionRight.Call)).toBe(true);
    expect(applyOptionFilter((x) => x.putsOnly(), u()).length).toBe(3);
    const picked = applyOptionFilter((x) => x.contracts((es) => es.filter((e) => e.strike === 110)), u());
    expect(picked.map((s) => s.value)).toEqual(["XYZ   160115C00110000", "XYZ   160115P00110000"]);
    const listed = Symbol.createOption(xyz, 90, 20160115, OptionRight.Put);
    expect(applyOptionFilter((x) => x.contracts([listed]), u())).toEqual([listed]);
    expect(strikesOf(applyOptionFilter((x) => x.openInterest(950, 2000), u()))).toEqual([100, 110]);
    expect(applyOptionFilter((x) => x.delta(0, 1), u()).every((s) => s.right === OptionRight.Call)).toBe(true);
  });
  it("uses LEAN's default when no filter is set: strikes -1..+1 and expiries within 35 days", () => {
    const u = new OptionFilterUniverse(entries([90, 95, 100, 105, 110], [20151231, 20160115, 20160219]), 101, 20151224, onOrAfter);
    const picked = applyOptionFilter(DEFAULT_OPTION_FILTER, u);
    expect(strikesOf(picked)).toEqual([100, 105]);
    expect(expiriesOf(picked)).toEqual([20151231, 20160115]);
  });
});

describe("setFilter overloads", () => {
  const u = () => new OptionFilterUniverse(entries([90, 95, 100, 105, 110], [20151231, 20160115, 20160219]), 100, 20151224);
  it("(minStrike, maxStrike) ranks strikes only; the 4-number form adds the expiry window; a function is used as is", () => {
    const two = applyOptionFilter(optionFilterFrom(-1, 1), u());
    expect(strikesOf(two)).toEqual([95, 100, 105]);
    expect(expiriesOf(two)).toEqual([20151231, 20160115, 20160219]);
    const four = applyOptionFilter(optionFilterFrom(0, 2, 10, 30), u());
    expect(strikesOf(four)).toEqual([100, 105, 110]);
    expect(expiriesOf(four)).toEqual([20160115]);
    expect(applyOptionFilter(optionFilterFrom((x) => x.putsOnly().frontMonth()), u()).length).toBe(5);
    expect(() => optionFilterFrom(1, Number.NaN)).toThrow(TypeError);
  });
});

describe("weeklies versus standards on LEAN's universe files", () => {
  const spyHours = optionHours("SPY");
  const aaplHours = optionHours("AAPL");

  it("AAPL 2014-06-06 (file 2014-06-05, price 649.56): includeWeeklys().strikes(-2, 2).expiration(0, 10)", () => {
    const file = readOptionUniverse(LEAN_DATA, "aapl", universeDateFor(20140606, aaplHours))!;
    const sel = selectFromUniverseFile(file, Symbol.create("AAPL"), 20140606, (u) => u.includeWeeklys().strikes(-2, 2).expiration(0, 10), aaplHours);
    expect(sel.universeDate).toBe(20140605);
    expect(sel.underlyingPrice).toBe(649.56);
    expect(sel.symbols.length).toBe(16);
    expect(strikesOf(sel.symbols)).toEqual([645, 647.5, 650, 652.5]);
    expect(expiriesOf(sel.symbols)).toEqual([20140606, 20140613]);
  });
  it("AAPL: weeklysOnly keeps every non-standard expiry (the Thursday 07-03 too); standardsOnly the Saturday expiries", () => {
    const file = readOptionUniverse(LEAN_DATA, "aapl", 20140605)!;
    const aapl = Symbol.create("AAPL");
    const weeklies = selectFromUniverseFile(file, aapl, 20140606, (u) => u.weeklysOnly().expiration(0, 40), aaplHours);
    expect(expiriesOf(weeklies.symbols)).toEqual([20140606, 20140613, 20140627, 20140703, 20140711]);
    const standards = selectFromUniverseFile(file, aapl, 20140606, (u) => u.standardsOnly().expiration(0, 60), aaplHours);
    expect(expiriesOf(standards.symbols)).toEqual([20140621, 20140719]);
  });
  it("SPY 2023-12-29 (file 2023-12-28): Friday weeklies versus the January standard", () => {
    const file = readOptionUniverse(LEAN_DATA, "spy", universeDateFor(20231229, spyHours))!;
    const spy = Symbol.create("SPY");
    expect(expiriesOf(selectFromUniverseFile(file, spy, 20231229, (u) => u.weeklysOnly().expiration(0, 60), spyHours).symbols)).toEqual([20231229, 20240105]);
    expect(expiriesOf(selectFromUniverseFile(file, spy, 20231229, (u) => u.standardsOnly().expiration(0, 60), spyHours).symbols)).toEqual([20240119]);
  });
  it("SPY 2024-01-10 (file 2024-01-09): a Wednesday daily counts as weekly", () => {
    const file = readOptionUniverse(LEAN_DATA, "spy", universeDateFor(20240110, spyHours))!;
    const sel = selectFromUniverseFile(file, Symbol.create("SPY"), 20240110, (u) => u.weeklysOnly().expiration(0, 1), spyHours);
    expect(expiriesOf(sel.symbols)).toEqual([20240110, 20240111]);
  });
});
