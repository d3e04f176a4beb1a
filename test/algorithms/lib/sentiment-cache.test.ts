// The guide's LLM sentiment cache (pattern 3) against a real SQLite store in a temp directory.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { SentimentCache, SentimentCacheError, headlineHash, sentimentKey } from "../../../src/algorithms/lib/sentiment-cache.ts";
import { WordListSentimentProvider, sentimentResult, type SentimentProvider, type SentimentResult } from "../../../src/algorithms/lib/sentiment.ts";
import { DAY_MS, T0, tempStore, type TempStore } from "./helpers.ts";

/** Counts its calls; answers from the word list. */
class CountingProvider implements SentimentProvider {
  readonly name = "counting";
  calls: string[] = [];
  private readonly inner = new WordListSentimentProvider();
  analyze(headline: string): SentimentResult {
    this.calls.push(headline);
    return this.inner.analyze(headline);
  }
}

let t: TempStore;
beforeEach(() => {
  t = tempStore();
});
afterEach(() => {
  t.close();
});

describe("sentiment keys", () => {
  it("are sentiment_ + the first 16 hex chars of SHA-256 of the NFC headline", () => {
    const headline = "TLIX rallies as strong earnings lift stocks";
    const digest = createHash("sha256").update(headline, "utf8").digest("hex").slice(0, 16);
    expect(headlineHash(headline)).toBe(digest);
    expect(sentimentKey(headline)).toBe(`sentiment_${digest}`);
    expect(sentimentKey(headline)).toMatch(/^sentiment_[0-9a-f]{16}$/);
    // composed and decomposed forms of the same text share a key; other text does not
    expect(sentimentKey("Caf\u00e9 chain beats estimates")).toBe(sentimentKey("Cafe\u0301 chain beats estimates"));
    expect(sentimentKey(headline)).not.toBe(sentimentKey(`${headline}.`));
  });
});

describe("SentimentCache", () => {
  it("analyses a new headline once (a miss) and answers every later sighting from the store (hits)", () => {
    const provider = new CountingProvider();
    const cache = new SentimentCache(t.manager, provider);
    const headline = "TLIX rallies as strong earnings lift stocks";
    const first = cache.get(headline);
    expect(first).toEqual({ headline, sentiment: "BULLISH", confidence: expect.any(Number), score: expect.any(Number) });
    expect([cache.hits, cache.misses, cache.analyses]).toEqual([0, 1, 1]);
    expect(provider.calls).toEqual([headline]);
    for (let i = 0; i < 3; i++) expect(cache.get(headline)).toEqual(first);
    expect([cache.hits, cache.misses, cache.analyses]).toEqual([3, 1, 1]);
    // the provider was never asked again
    expect(provider.calls).toEqual([headline]);
    expect(cache.hitRate).toBe(0.75);
  });

  it("stores the guide's record under the guide's key, category llm_cache, expiring 30 days after the save", () => {
    const cache = new SentimentCache(t.manager, new WordListSentimentProvider());
    const headline = "Stocks tumble on weak earnings";
    const result = new WordListSentimentProvider().analyze(headline).sentiment;
    cache.get(headline);
    const key = sentimentKey(headline);
    expect(t.manager.load(key)).toEqual({ headline, sentiment: result.signal.name, confidence: result.confidence, score: result.score });
    expect(Object.keys(t.store.readJson(key) as object)).toEqual(["headline", "sentiment", "confidence", "score"]);
    const meta = t.manager.getMetadata(key)!;
    expect(meta.category).toBe("llm_cache");
    expect(meta.createdAt).toBe(T0);
    expect(meta.expiresAt! - meta.createdAt).toBe(30 * DAY_MS);
    expect(t.manager.listKeys("llm_cache")).toEqual([key]);
  });

  it("hits across store handles: a reopened store (a new run) does not analyse again", () => {
    const headline = "Traders await the CPI report";
    new SentimentCache(t.manager, new CountingProvider()).get(headline);
    t = t.reopen();
    const provider = new CountingProvider();
    const cache = new SentimentCache(t.manager, provider);
    expect(cache.get(headline).sentiment).toBe("NEUTRAL");
    expect([cache.hits, cache.misses, provider.calls.length]).toEqual([1, 0, 0]);
  });

  it("analyses again once the 30 days have passed (news gets stale)", () => {
    const provider = new CountingProvider();
    const cache = new SentimentCache(t.manager, provider);
    const headline = "Wall Street slides as bond yields spike";
    cache.get(headline);
    t.clock.now = T0 + 30 * DAY_MS - 1;
    cache.get(headline);
    expect(provider.calls).toHaveLength(1);
    t.clock.now = T0 + 30 * DAY_MS;
    cache.get(headline);
    expect(provider.calls).toHaveLength(2);
    expect([cache.hits, cache.misses, cache.analyses]).toEqual([1, 2, 2]);
    // re-saved on the new clock
    const meta = t.manager.getMetadata(sentimentKey(headline))!;
    expect(meta.createdAt).toBe(T0 + 30 * DAY_MS);
    expect(meta.expiresAt).toBe(T0 + 60 * DAY_MS);
  });

  it("keeps the provider's numbers exactly (an LLM's answer is stored as given)", () => {
    const fixed: SentimentProvider = { name: "fixed", analyze: () => sentimentResult("BEARISH", 0.123456789, -0.987654321) };
    const cache = new SentimentCache(t.manager, fixed);
    cache.get("anything");
    expect(new SentimentCache(t.manager, fixed).get("anything")).toEqual({ headline: "anything", sentiment: "BEARISH", confidence: 0.123456789, score: -0.987654321 });
  });

  it("does not cache a failed analysis, and refuses a stored value that is not the guide's record", () => {
    const failing: SentimentProvider = {
      name: "failing",
      analyze: () => {
        throw new Error("endpoint down");
      },
    };
    const cache = new SentimentCache(t.manager, failing);
    expect(() => cache.get("Stocks rally")).toThrow("endpoint down");
    expect(t.manager.load(sentimentKey("Stocks rally"))).toBeNull();
    t.manager.save({ key: sentimentKey("Broken record"), data: { headline: "Broken record", sentiment: "UP", confidence: 1, score: 1 }, category: "llm_cache", expireDays: 30 });
    expect(() => cache.get("Broken record")).toThrow(SentimentCacheError);
    expect(() => cache.get("Broken record")).toThrow(/field sentiment/);
    t.manager.save({ key: sentimentKey("Mine"), data: { headline: "Someone else's", sentiment: "BULLISH", confidence: 1, score: 1 }, category: "llm_cache", expireDays: 30 });
    expect(() => cache.get("Mine")).toThrow(/holds another headline/);
  });
});
