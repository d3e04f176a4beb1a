// The replay loop hands the security cache and the slice a reader's row instead of a bar object.
// Whatever the order of updates and reads, a cache fed rows must answer exactly as one fed the same
// data as bars, and a slice made of rows must hold the bars `TradeBar.fromRow` makes.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Slice } from "../../../src/engine/algorithm/slice.ts";
import { tradeValuesNonZero, type QuoteBarChunk, type TradeBarChunk } from "../../../src/engine/data/bar-chunk.ts";
import { QuoteBar, TradeBar } from "../../../src/engine/securities/bars.ts";
import { SecurityCache } from "../../../src/engine/securities/security-cache.ts";
import { Symbol } from "../../../src/engine/securities/symbol.ts";

const SPY = Symbol.create("SPY");
const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 2, 14, 31);

/** A price that is sometimes 0 (a zero keeps the cache's previous value). */
const price = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 50_000 }).map((c) => c / 100) }, { weight: 1, arbitrary: fc.constant(0) });
/** A quote side's price: sometimes NaN (the side was empty in the file). */
const sidePrice = fc.oneof({ weight: 5, arbitrary: price }, { weight: 1, arbitrary: fc.constant(Number.NaN) });

const tradeRow = fc.record({ open: price, high: price, low: price, close: price, volume: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000 })) });
const quoteRow = fc.record({ bid: sidePrice, ask: sidePrice, bidSize: fc.integer({ min: 0, max: 500 }), askSize: fc.integer({ min: 0, max: 500 }) });

type TradeValues = { open: number; high: number; low: number; close: number; volume: number };
type QuoteValues = { bid: number; ask: number; bidSize: number; askSize: number };

function tradeChunk(rows: TradeValues[], firstEnd: number): TradeBarChunk {
  const col = (f: (r: TradeValues) => number) => Float64Array.from(rows, f);
  return {
    kind: "trade",
    ticker: "spy",
    date: 20240102,
    count: rows.length,
    time: Float64Array.from(rows, (_, i) => firstEnd + i * MINUTE - MINUTE),
    endTime: Float64Array.from(rows, (_, i) => firstEnd + i * MINUTE),
    open: col((r) => r.open),
    high: col((r) => r.high),
    low: col((r) => r.low),
    close: col((r) => r.close),
    volume: col((r) => r.volume),
  };
}

function quoteChunk(rows: QuoteValues[], firstEnd: number): QuoteBarChunk {
  // each side's OHLC differs a little, so the mid of every field is checked
  const side = (f: (r: QuoteValues) => number, shift: number) => Float64Array.from(rows, (r) => (f(r) === 0 ? 0 : f(r) + shift));
  return {
    kind: "quote",
    ticker: "spy",
    date: 20240102,
    count: rows.length,
    time: Float64Array.from(rows, (_, i) => firstEnd + i * MINUTE - MINUTE),
    endTime: Float64Array.from(rows, (_, i) => firstEnd + i * MINUTE),
    bidOpen: side((r) => r.bid, 0.01),
    bidHigh: side((r) => r.bid, 0.02),
    bidLow: side((r) => r.bid, -0.01),
    bidClose: side((r) => r.bid, 0),
    lastBidSize: Float64Array.from(rows, (r) => r.bidSize),
    askOpen: side((r) => r.ask, 0.03),
    askHigh: side((r) => r.ask, 0.04),
    askLow: side((r) => r.ask, 0.02),
    askClose: side((r) => r.ask, 0),
    lastAskSize: Float64Array.from(rows, (r) => r.askSize),
  };
}

function snapshot(cache: SecurityCache) {
  const trade = cache.lastTradeBar;
  const quote = cache.lastQuoteBar;
  return {
    price: cache.price,
    open: cache.open,
    high: cache.high,
    low: cache.low,
    close: cache.close,
    volume: cache.volume,
    bidPrice: cache.bidPrice,
    askPrice: cache.askPrice,
    bidSize: cache.bidSize,
    askSize: cache.askSize,
    lastDataEndTime: cache.lastDataEndTime,
    trade: trade && { end: trade.endTime, ohlcv: [trade.open, trade.high, trade.low, trade.close, trade.volume] },
    quote: quote && { end: quote.endTime, bid: quote.bid, ask: quote.ask, sizes: [quote.lastBidSize, quote.lastAskSize] },
  };
}

// One step of the replay: a trade and/or a quote ending at the step's minute (in either order,
// as from one chunk of the file), then maybe reads, maybe a price set by hand.
const step = fc.record({
  trade: fc.option(fc.integer({ min: 0, max: 1_000 }), { nil: undefined }),
  quote: fc.option(fc.integer({ min: 0, max: 1_000 }), { nil: undefined }),
  quoteFirst: fc.boolean(),
  read: fc.boolean(),
  setPrice: fc.option(price, { freq: 8, nil: undefined }),
});

describe("security cache fed reader rows", () => {
  for (const quotesSetPrice of [false, true]) {
    it(`answers as if fed the same bars, whatever the order of updates and reads (quotes set prices: ${quotesSetPrice})`, () => {
      fc.assert(
        fc.property(
          fc.array(tradeRow, { minLength: 1, maxLength: 30 }),
          fc.boolean(),
          fc.array(quoteRow, { minLength: 1, maxLength: 30 }),
          fc.array(step, { minLength: 1, maxLength: 40 }),
          (tradeValues, noZeros, quoteValues, steps) => {
            // half the time a chunk with no zero at all, so rows wait in the cache unread
            const trades = tradeChunk(noZeros ? tradeValues.map((r) => ({ ...r, open: r.open || 1, high: r.high || 2, low: r.low || 0.5, close: r.close || 1.5, volume: r.volume || 7 })) : tradeValues, T0);
            const quotes = quoteChunk(quoteValues, T0);
            const nonZero = tradeValuesNonZero(trades);
            const rows = new SecurityCache(quotesSetPrice, SPY);
            const bars = new SecurityCache(quotesSetPrice, SPY);
            let t = 0;
            let q = 0;
            steps.forEach((s, k) => {
              const updates: Array<() => void> = [];
              if (s.trade !== undefined && t < trades.count) {
                const i = t++;
                updates.push(() => {
                  // the same end time for both caches: the step's minute
                  const end = trades.endTime[i];
                  rows.updateTradeRow(trades, i, end, nonZero);
                  bars.updateTrade(TradeBar.fromRow(SPY, trades, i));
                });
              }
              if (s.quote !== undefined && q < quotes.count) {
                const i = q++;
                const update = () => {
                  rows.updateQuoteRow(quotes, i);
                  bars.updateQuote(QuoteBar.fromRow(SPY, quotes, i));
                };
                if (s.quoteFirst) updates.unshift(update);
                else updates.push(update);
              }
              for (const u of updates) u();
              if (s.setPrice !== undefined) {
                rows.price = s.setPrice;
                bars.price = s.setPrice;
              }
              if (s.read || k === steps.length - 1) expect(snapshot(rows)).toEqual(snapshot(bars));
            });
          },
        ),
        { numRuns: 400 },
      );
    });
  }

  it("a trade and a quote ending together: the quote's OHLC wins whichever comes first (quotes set prices)", () => {
    const trades = tradeChunk([{ open: 10, high: 11, low: 9, close: 10.5, volume: 100 }], T0);
    const quotes = quoteChunk([{ bid: 20, ask: 20.2, bidSize: 1, askSize: 2 }], T0);
    for (const quoteFirst of [false, true]) {
      const cache = new SecurityCache(true, SPY);
      if (quoteFirst) cache.updateQuoteRow(quotes, 0);
      cache.updateTradeRow(trades, 0, T0, true);
      if (!quoteFirst) cache.updateQuoteRow(quotes, 0);
      expect(cache.close).toBeCloseTo(20.1, 12);
      expect(cache.volume).toBe(100);
    }
  });
});

describe("slice made of reader rows", () => {
  const trades = tradeChunk(
    [
      { open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 },
      { open: 3, high: 4, low: 2.5, close: 3.5, volume: 20 },
    ],
    T0,
  );
  const quotes = quoteChunk([{ bid: 5, ask: Number.NaN, bidSize: 3, askSize: 0 }], T0);
  const AAPL = Symbol.create("AAPL");
  const IBM = Symbol.create("IBM");
  const resolve = (ticker: string) => ({ SPY, AAPL, IBM })[ticker.toUpperCase() as "SPY"];

  it("holds the bars TradeBar.fromRow and QuoteBar.fromRow make, in the order added, one object per bar", () => {
    const slice = new Slice(T0, resolve);
    expect(slice.hasData).toBe(false);
    slice.addTradeRow(SPY, trades, 1);
    const ibm = new TradeBar(IBM, T0 - MINUTE, T0, 7, 8, 6, 7.5, 70);
    slice.addTradeBar(ibm);
    slice.addTradeRow(AAPL, trades, 0);
    slice.addQuoteRow(SPY, quotes, 0);
    expect(slice.hasData).toBe(true);
    // one bar asked for before the maps exist, then the maps, then the lookups by ticker
    const spy = slice.tradeBar(SPY)!;
    expect(spy).toEqual(TradeBar.fromRow(SPY, trades, 1));
    expect([...slice.bars.keys()].map((s) => s.value)).toEqual(["SPY", "IBM", "AAPL"]);
    expect(slice.bars.get(SPY)).toBe(spy);
    expect(slice.bars.get("aapl")).toEqual(TradeBar.fromRow(AAPL, trades, 0));
    expect(slice.bars.get(IBM)).toBe(ibm);
    expect(slice.get("SPY")).toBe(spy);
    expect(slice.quoteBars.get(SPY)).toEqual(QuoteBar.fromRow(SPY, quotes, 0));
    expect(slice.quoteBars.get(SPY)!.ask).toBeNull();
    expect(slice.quoteBar(SPY)).toBe(slice.quoteBars.get(SPY));
    expect(slice.containsKey("IBM")).toBe(true);
    expect(slice.containsKey("QQQ")).toBe(false);
  });

  it("a row added after the maps were built shows in them", () => {
    const slice = new Slice(T0, resolve);
    slice.addTradeRow(SPY, trades, 0);
    expect(slice.bars.count).toBe(1);
    slice.addTradeRow(AAPL, trades, 1);
    expect(slice.bars.get(AAPL)).toEqual(TradeBar.fromRow(AAPL, trades, 1));
    expect(slice.tradeBar(AAPL)).toBe(slice.bars.get(AAPL));
    expect(slice.quoteBars.count).toBe(0);
    slice.addQuoteRow(IBM, quotes, 0);
    expect(slice.quoteBars.get(IBM)).toEqual(QuoteBar.fromRow(IBM, quotes, 0));
  });
});
