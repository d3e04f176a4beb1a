import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { everyHeadline } from "../../../src/engine/datagen/headlines.ts";
import { WordListFormatError, WordListSentimentProvider, parseWordList, tokenize } from "../../../src/algorithms/lib/sentiment.ts";

const provider = new WordListSentimentProvider();
const signal = (headline: string) => provider.analyze(headline).sentiment.signal.name;

describe("WordListSentimentProvider", () => {
  it("reads data/sentiment/word-list.txt (297 words)", () => {
    expect(provider.words.size).toBe(297);
    expect(provider.words.get("rally")).toBe(2);
    expect(provider.words.get("better-than-expected")).toBe(2);
    expect(provider.name).toBe("word-list");
  });

  it("scores a positive headline BULLISH with VADER's normalisation of the word sum", () => {
    const r = provider.explain("TLIX rallies as strong earnings lift stocks");
    expect(r.matches.filter((m) => m.score !== 0).map((m) => m.word)).toEqual(["rallies", "strong", "lift"]);
    const raw = 2 + 1 + 1;
    expect(r.raw).toBe(raw);
    expect(r.sentiment.score).toBeCloseTo(raw / Math.sqrt(raw * raw + 15), 6);
    expect(r.sentiment.signal.name).toBe("BULLISH");
    // three agreeing words: coverage 1 - e^-1.5
    expect(r.sentiment.confidence).toBeCloseTo(1 - Math.exp(-1.5), 6);
  });

  it("scores a negative headline BEARISH with a negative score", () => {
    const r = provider.analyze("Stocks tumble on weak earnings and recession fears").sentiment;
    expect(r.signal.name).toBe("BEARISH");
    expect(r.score).toBeLessThan(-0.5);
    expect(r.confidence).toBeGreaterThan(0.6);
  });

  it("flips the next scored word after a negation, and only that word", () => {
    expect(signal("Stocks rally")).toBe("BULLISH");
    const negated = provider.explain("Stocks do not rally");
    expect(negated.matches).toEqual([{ word: "rally", score: -2, negated: true }]);
    expect(negated.sentiment.signal.name).toBe("BEARISH");
    expect(signal("No rebound for chip makers")).toBe("BEARISH");
    expect(signal("Earnings were not weak")).toBe("BULLISH");
    expect(signal("Stocks don't rally")).toBe("BEARISH");
    // the negation is spent on "rally": "strong" keeps its sign, the two cancel
    const spent = provider.explain("Stocks did not rally despite surging demand");
    expect(spent.matches.filter((m) => m.score !== 0).map((m) => [m.word, m.score])).toEqual([
      ["rally", -2],
      ["surging", 2],
    ]);
    // cancelling words: NEUTRAL, confidence from the two words found
    expect(spent.sentiment).toEqual({ signal: { name: "NEUTRAL" }, confidence: Math.round((1 - Math.exp(-1)) * 1e6) / 1e6, score: 0 });
    // out of the three-token window: no flip
    expect(provider.explain("Not that anyone expected a big rally").matches.find((m) => m.word === "rally")?.negated).toBe(false);
  });

  it("scores a neutral headline NEUTRAL: zero-scored hedging words give confidence, unknown words none", () => {
    const hedged = provider.analyze("The broad market holds range ahead of the CPI report").sentiment;
    expect(hedged.signal.name).toBe("NEUTRAL");
    expect(hedged.score).toBe(0);
    expect(hedged.confidence).toBeGreaterThan(0.5);
    const unknown = provider.analyze("Zebra quokka lorem ipsum").sentiment;
    expect(unknown).toEqual({ signal: { name: "NEUTRAL" }, confidence: 0, score: 0 });
  });

  it("agrees with the generator's intended tone on every headline its templates can produce", () => {
    const expected = { positive: "BULLISH", negative: "BEARISH", neutral: "NEUTRAL" } as const;
    for (const tone of ["positive", "negative", "neutral"] as const) {
      const wrong = everyHeadline(tone, "TLIX").filter((h) => signal(h) !== expected[tone]);
      expect(wrong).toEqual([]);
    }
  });

  it("tokenises case-, apostrophe- and hyphen-aware; unlisted hyphenated words by their parts", () => {
    expect(tokenize("The Fed’s BETTER-THAN-EXPECTED data; one-month low")).toEqual(["the", "fed", "better-than-expected", "data", "one-month", "low"]);
    expect(provider.explain("Hotter-than-expected CPI").matches.map((m) => m.word)).toEqual(["hotter-than-expected"]);
    expect(provider.explain("a rally-driven surge").matches.map((m) => m.word)).toEqual(["rally", "surge"]);
  });

  it("always gives a score in [-1, 1], a confidence in [0, 1], and the same answer twice", () => {
    const words = [...provider.words.keys(), "not", "no", "the", "market", "zzz"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 30 }), (tokens) => {
        const text = tokens.join(" ");
        const a = provider.analyze(text).sentiment;
        expect(a.score).toBeGreaterThanOrEqual(-1);
        expect(a.score).toBeLessThanOrEqual(1);
        expect(a.confidence).toBeGreaterThanOrEqual(0);
        expect(a.confidence).toBeLessThanOrEqual(1);
        expect(a.signal.name).toBe(a.score > 0.05 ? "BULLISH" : a.score < -0.05 ? "BEARISH" : "NEUTRAL");
        expect(provider.analyze(text)).toEqual({ sentiment: a });
      }),
      { numRuns: 300 },
    );
  });

  it("rejects a malformed word list with the file and line", () => {
    expect(() => parseWordList("# c\nrally +2\nsurge two\n", "w.txt")).toThrow(WordListFormatError);
    expect(() => parseWordList("# c\nrally +2\nsurge two\n", "w.txt")).toThrow('w.txt line 3: score "two" is not an integer');
    expect(() => parseWordList("rally +5", "w.txt")).toThrow("w.txt line 1: score 5 is outside -3..+3");
    expect(() => parseWordList("rally 1\nRally 2", "w.txt")).toThrow('w.txt line 2: "rally" is listed twice');
    expect(() => parseWordList("rally", "w.txt")).toThrow('w.txt line 1: expected "<word> <score>"');
    const custom = new WordListSentimentProvider({ words: parseWordList("moon +3\ncrater -3") });
    expect(custom.analyze("to the moon").sentiment.signal.name).toBe("BULLISH");
  });
});
