import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { STAMP_FILE, ensureDataSet, generateDataSet, readDataSetStamp } from "../../../src/engine/datagen/index.ts";
import { JULY_RANGE, SEED, allFiles, csvLines, generateInto, removeTempFolders, tempFolder } from "./helpers.ts";

afterAll(removeTempFolders);

const SHORT = { startDate: 20250702, endDate: 20250707 };

describe("determinism", () => {
  it("writes byte-identical files for the same seed and different files for another seed", () => {
    const a = allFiles(generateInto("same-a", { ...SHORT, seed: SEED }).folder);
    const b = allFiles(generateInto("same-b", { ...SHORT, seed: SEED }).folder);
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect(a.size).toBeGreaterThan(20);
    for (const [path, bytes] of a) expect(bytes.equals(b.get(path)!), path).toBe(true);
    // A shorter range is a prefix: later days never change earlier files (no look-ahead in prices,
    // quotes or headlines).
    const prefix = allFiles(generateInto("prefix", { startDate: 20250702, endDate: 20250703, seed: SEED }).folder);
    const dayFiles = [...prefix.keys()].filter((p) => /\/2025070[23][_.]/.test(p));
    expect(dayFiles.length).toBe(2 * (2 + 3 + 1)); // 2 days x (equity trade+quote, option quote+trade+oi, universe)
    for (const path of dayFiles) expect(prefix.get(path)!.equals(a.get(path)!), path).toBe(true);
    const headlines = (files: Map<string, Buffer>) => files.get("alternative/news/tlix/headlines.csv")!.toString("utf8").split("\n").filter((l) => /^2025070[23] /.test(l));
    expect(headlines(prefix)).toEqual(headlines(a));
    const c = allFiles(generateInto("other", { ...SHORT, seed: SEED + 1 }).folder);
    expect([...c.keys()].filter((p) => p.startsWith("equity/"))).toEqual([...a.keys()].filter((p) => p.startsWith("equity/")));
    for (const path of ["equity/usa/minute/tlix/20250702_trade.zip", "equity/usa/minute/tlix/20250707_quote.zip", "equity/usa/daily/tlix.zip", "alternative/news/tlix/headlines.csv"]) {
      expect(c.get(path)!.equals(a.get(path)!), path).toBe(false);
    }
  });
});

describe("ensureDataSet", () => {
  it("generates once, then returns from the stamp without writing; regenerates for another seed or a missing stamp", () => {
    const folder = tempFolder("ensure");
    const options = { ...SHORT, seed: SEED, options: false };
    const first = ensureDataSet(folder, options);
    expect(first.generated).toBe(true);
    expect(first.tradingDays).toBe(3);
    expect(first.firstDate).toBe(20250702);
    expect(first.lastDate).toBe(20250707);
    const dailyPath = join(folder, "equity/usa/daily/tlix.zip");
    // Mark a file: a second call must leave it alone.
    writeFileSync(join(folder, "equity/usa/minute/tlix/marker.txt"), "kept");
    const second = ensureDataSet(folder, options);
    expect(second.generated).toBe(false);
    expect(second.milliseconds).toBeLessThan(1000);
    expect(second.files).toBe(first.files);
    expect(second.bytes).toBe(first.bytes);
    expect(existsSync(join(folder, "equity/usa/minute/tlix/marker.txt"))).toBe(true);
    // Another seed: the old data set is replaced (its folders are removed first).
    const third = ensureDataSet(folder, { ...options, seed: SEED + 1 });
    expect(third.generated).toBe(true);
    expect(existsSync(join(folder, "equity/usa/minute/tlix/marker.txt"))).toBe(false);
    expect(readDataSetStamp(folder, options)).toBeNull();
    expect(readDataSetStamp(folder, { ...options, seed: SEED + 1 })?.seed).toBe(SEED + 1);
    // A missing daily file or stamp means "not there".
    rmSync(dailyPath);
    expect(ensureDataSet(folder, { ...options, seed: SEED + 1 }).generated).toBe(true);
    rmSync(join(folder, STAMP_FILE));
    expect(ensureDataSet(folder, { ...options, seed: SEED + 1 }).generated).toBe(true);
  });

  it("refuses a range without trading days and malformed options with a clear error", () => {
    const folder = tempFolder("bad");
    expect(() => generateDataSet(folder, { startDate: 20250704, endDate: 20250706 })).toThrow(/no trading days between 20250704 and 20250706/);
    expect(() => generateDataSet(folder, { startDate: 20250710, endDate: 20250701 })).toThrow(/after endDate/);
    expect(() => generateDataSet(folder, { seed: -1 })).toThrow(/seed/);
    expect(() => generateDataSet(folder, { startDate: 2025070 })).toThrow(/yyyymmdd/);
  });
});

describe("headlines and the sentiment word list", () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const wordListPath = resolve(here, "../../../data/sentiment/word-list.txt");
  const words = new Map<string, number>();
  for (const line of readFileSync(wordListPath, "utf8").split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const [word, score] = line.trim().split(/\s+/);
    words.set(word, Number(score));
  }
  const score = (text: string) => text.toLowerCase().split(/[^a-z-]+/).reduce((s, w) => s + (words.get(w) ?? 0), 0);

  it("ships a word list of a few hundred unique words scored -3..+3", () => {
    const lines = readFileSync(wordListPath, "utf8").split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"));
    expect(lines.length).toBeGreaterThanOrEqual(250);
    for (const line of lines) expect(line).toMatch(/^[a-z][a-z-]* [+-]?[0-3]$/);
    expect(words.size).toBe(lines.length);
  });

  it("writes 5-20 dated headlines per trading day between 06:00 and 19:30, sorted, some repeated on other days", () => {
    const { folder, summary } = generateInto("headlines", { ...JULY_RANGE, seed: SEED, options: false });
    const lines = csvLines(readFileSync(join(folder, "alternative/news/tlix/headlines.csv"), "utf8"));
    expect(lines[0]).toBe("#time,source,headline");
    const rows = lines.slice(1).map((l) => {
      const m = /^(\d{8}) (\d{2}):(\d{2}):(\d{2}),([^,"]+),"((?:[^"]|"")*)"$/.exec(l);
      expect(m, l).not.toBeNull();
      return { date: Number(m![1]), seconds: Number(m![2]) * 3600 + Number(m![3]) * 60 + Number(m![4]), text: m![6] };
    });
    expect(rows.length).toBe(summary.headlines);
    const perDay = new Map<number, number>();
    for (const r of rows) perDay.set(r.date, (perDay.get(r.date) ?? 0) + 1);
    expect([...perDay.keys()]).toEqual([20250701, 20250702, 20250703, 20250707, 20250708]);
    for (const n of perDay.values()) {
      expect(n).toBeGreaterThanOrEqual(5);
      expect(n).toBeLessThanOrEqual(20);
    }
    for (let i = 0; i < rows.length; i++) {
      expect(rows[i].seconds).toBeGreaterThanOrEqual(6 * 3600);
      expect(rows[i].seconds).toBeLessThan(19.5 * 3600);
      if (i > 0) expect(rows[i].date * 1e6 + rows[i].seconds).toBeGreaterThanOrEqual(rows[i - 1].date * 1e6 + rows[i - 1].seconds);
    }
    const daysOfText = new Map<string, Set<number>>();
    for (const r of rows) daysOfText.set(r.text, (daysOfText.get(r.text) ?? new Set()).add(r.date));
    expect([...daysOfText.values()].filter((d) => d.size > 1).length).toBeGreaterThan(0);
    // Every headline's wording carries a tone the word list can read.
    const scores = rows.map((r) => score(r.text));
    expect(scores.filter((s) => s > 0).length).toBeGreaterThan(0);
    expect(scores.filter((s) => s < 0).length).toBeGreaterThan(0);
    expect(scores.filter((s) => s === 0).length).toBeGreaterThan(0);
  });

  it("words every headline so the word list scores it with the tone it was written for", async () => {
    const { generateHeadlines, simulateMarket, tradingSessions } = await import("../../../src/engine/datagen/index.ts");
    const days = simulateMarket(tradingSessions(20250102, 20250328), SEED);
    const headlines = generateHeadlines(days, "TLIX", SEED, 118.4);
    expect(headlines.length).toBeGreaterThan(400);
    for (const h of headlines) {
      const s = score(h.text);
      if (h.tone === "positive") expect(s, h.text).toBeGreaterThan(0);
      else if (h.tone === "negative") expect(s, h.text).toBeLessThan(0);
      else expect(s, h.text).toBe(0);
    }
    const tones = new Set(headlines.map((h) => h.tone));
    expect(tones.size).toBe(3);
    // Not only the ones drawn: every headline the templates can make.
    const { everyHeadline } = await import("../../../src/engine/datagen/index.ts");
    const wrong: string[] = [];
    for (const tone of ["positive", "negative", "neutral"] as const) {
      const all = everyHeadline(tone, "TLIX");
      expect(all.length).toBeGreaterThan(500);
      for (const text of all) {
        const s = score(text);
        if (tone === "positive" ? s <= 0 : tone === "negative" ? s >= 0 : s !== 0) wrong.push(`${tone}: ${text} (${s})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
