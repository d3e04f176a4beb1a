import { describe, expect, it } from "vitest";
import { Symbol, OptionRight } from "../../../src/engine/securities/symbol.ts";
import { QuoteBar, TradeBar } from "../../../src/engine/securities/bars.ts";
import { LeanOptionChainSource } from "../../../src/engine/options/option-chain-source.ts";
import { isOptionContractExpired } from "../../../src/engine/options/option-exercise.ts";
import { OptionChainFeed } from "../../../src/engine/options/option-chain-feed.ts";
import { epochFromLocal } from "../../../src/engine/time/index.ts";
import { LEAN_DATA, NY, isoNy, ny, optionHours } from "./helpers.ts";

const goog = Symbol.create("GOOG");
const canonical = Symbol.createCanonicalOption(goog);
const hours = optionHours("GOOG");

function googFeed() {
  const source = new LeanOptionChainSource({
    dataFolder: LEAN_DATA,
    underlying: goog,
    calendar: hours,
    epochFromLocal: (d, ms) => epochFromLocal(d, ms, NY),
  });
  return new OptionChainFeed({
    source,
    canonical,
    exchangeHours: hours,
    filter: (u) => u.standardsOnly().strikes(-2, +2).expiration(0, 180),
  });
}

describe("BasicTemplateOptionsAlgorithm's chain (GOOG 2015-12-24)", () => {
  const feed = googFeed();
  const day = feed.startDay(20151224);

  it("selects from the 2015-12-23 universe file at 2015-12-24 00:00, anchored on its underlying close 748.54", () => {
    expect(day.universeDate).toBe(20151223);
    expect(isoNy(day.selectionTime)).toBe("2015-12-24 00:00");
    expect(day.underlyingPrice).toBe(748.54);
  });

  it("selects the 20 standard-expiry contracts within 180 days at strikes 745, 747.5 (below 748.54), 750 and 752.5 (above)", () => {
    expect(day.selected.map((s) => s.value).sort()).toEqual([
      "GOOG  160115C00745000", "GOOG  160115C00747500", "GOOG  160115C00750000", "GOOG  160115C00752500",
      "GOOG  160115P00745000", "GOOG  160115P00747500", "GOOG  160115P00750000", "GOOG  160115P00752500",
      "GOOG  160219C00745000", "GOOG  160219C00750000",
      "GOOG  160219P00745000", "GOOG  160219P00750000",
      "GOOG  160318C00745000", "GOOG  160318C00750000",
      "GOOG  160318P00745000", "GOOG  160318P00750000",
      "GOOG  160617C00745000", "GOOG  160617C00750000",
      "GOOG  160617P00745000", "GOOG  160617P00750000",
    ].sort());
    expect(day.added).toEqual(day.selected);
    expect(day.removed).toEqual([]);
  });

  it("first emits the 09:31 bars, where the chain's ATM latest-expiry contract is the 750 put with ask close 54.80", () => {
    expect(isoNy(feed.nextEnd)).toBe("2015-12-24 09:31");
    const time = feed.nextEnd;
    const updates = feed.take();
    const chain = feed.chain(updates, { symbol: goog, price: 748.9 }, time);
    expect(chain.symbol).toBe(canonical);
    const pick = chain
      .toArray()
      .sort((a, b) => b.expiryDate - a.expiryDate || Math.abs(748.9 - a.strike) - Math.abs(748.9 - b.strike) || b.right - a.right)[0];
    expect(pick.symbol).toBe(Symbol.createOption(goog, 750, 20160617, OptionRight.Put));
    expect(pick.askPrice).toBe(54.8);
    expect(pick.bidPrice).toBe(51.7);
    expect(pick.askSize).toBe(15);
    expect(pick.expiry.toISO()).toBe("2016-06-17T00:00:00.000-04:00");
    expect(pick.openInterest).toBe(61);
    for (const u of updates) expect(u.bar instanceof TradeBar || u.bar instanceof QuoteBar).toBe(true);
  });
});

describe("the GOOG chain feed over a day", () => {
  it("emits every minute 09:31..13:00 on the 2015-12-24 early close, filled forward, and the 750 put's 13:00 bid close is 52.00", () => {
    const feed = googFeed();
    feed.startDay(20151224);
    const put = Symbol.createOption(goog, 750, 20160617, OptionRight.Put);
    const times: number[] = [];
    let last: QuoteBar | undefined;
    let realQuotes = 0;
    while (feed.nextEnd !== Infinity) {
      times.push(feed.nextEnd);
      for (const u of feed.take()) {
        if (u.symbol === put && u.bar instanceof QuoteBar) {
          last = u.bar;
          if (!u.bar.isFillForward) realQuotes++;
        }
      }
    }
    expect(isoNy(times[0])).toBe("2015-12-24 09:31");
    expect(isoNy(times.at(-1)!)).toBe("2015-12-24 13:00");
    expect(times.length).toBe(210);
    expect(times.every((t, i) => i === 0 || t - times[i - 1] === 60_000)).toBe(true);
    expect(isoNy(last!.endTime)).toBe("2015-12-24 13:00");
    expect(last!.bid!.close).toBe(52);
    // LEAN's End Equity: buy 1 at the 09:31 ask 54.80, MOC-sell at the 13:00 bid 52.00, $1 fee each way
    expect(100_000 + (last!.bid!.close - 54.8) * 100 - 2).toBeCloseTo(99_718, 9);
    expect(realQuotes).toBeGreaterThan(100);
  });

  it("selects 2015-12-28 from the 2015-12-24 file at the 2015-12-25 midnight, keeps a held contract and drops the rest", () => {
    const feed = googFeed();
    const first = feed.startDay(20151224);
    expect(isoNy(feed.nextSelectionTime)).toBe("2015-12-25 00:00");
    expect(feed.nextTradingDay).toBe(20151228);
    while (feed.nextEnd !== Infinity) feed.take();
    const held = first.selected.find((s) => s.value === "GOOG  160115C00747500")!;
    const next = feed.startDay(20151228, { isHeld: (s) => s === held });
    expect(next.universeDate).toBe(20151224);
    expect(isoNy(next.selectionTime)).toBe("2015-12-25 00:00");
    expect(next.underlyingPrice).toBe(748.4);
    expect(next.members).toContain(held);
    const kept = new Set(next.selected);
    for (const s of next.removed) expect(kept.has(s) || s === held).toBe(false);
    for (const s of next.added) expect(first.selected).not.toContain(s);
    expect(next.members.length).toBe(next.selected.length + (kept.has(held) ? 0 : 1));
  });

  it("reports a held contract that expired on 2015-12-24 as delisted at 2015-12-25 00:00 when 2015-12-28 starts", () => {
    const feed = googFeed();
    feed.setFilter((u) => u.strikes(0, 0).frontMonth());
    const first = feed.startDay(20151224);
    expect(first.selected.every((s) => s.expiry === 20151224)).toBe(true);
    expect(first.delistingWarnings).toEqual(first.members);
    const held = first.selected[0];
    const next = feed.startDay(20151228, { isHeld: (s) => s === held });
    expect(next.delisted.map((d) => [d.symbol.value, isoNy(d.time)])).toEqual(first.selected.map((s) => [s.value, "2015-12-25 00:00"]));
    expect(next.members).not.toContain(held);
    expect(next.removed).toContain(held);
  });
});

describe("contract expiry time", () => {
  it("is the market close of the expiry date: 13:00 on the 2015-12-24 early close, 16:00 on a normal Friday", () => {
    const feed = googFeed();
    const christmasEve = Symbol.createOption(goog, 750, 20151224, OptionRight.Call);
    expect(isoNy(feed.expiryTime(christmasEve))).toBe("2015-12-24 13:00");
    expect(isoNy(feed.expiryTime(Symbol.createOption(goog, 750, 20160115, OptionRight.Call)))).toBe("2016-01-15 16:00");
    // a Saturday expiry (pre-2015 standard) stops at the Friday close
    expect(isoNy(feed.expiryTime(Symbol.createOption(goog, 750, 20140621, OptionRight.Call)))).toBe("2014-06-20 16:00");
    expect(isOptionContractExpired(ny(20151224, 12, 59), feed.expiryTime(christmasEve))).toBe(false);
    expect(isOptionContractExpired(ny(20151224, 13, 0), feed.expiryTime(christmasEve))).toBe(true);
  });
});
