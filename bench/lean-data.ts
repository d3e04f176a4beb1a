/**
 * Bench helpers for LEAN-format data: a generator of synthetic minute trade zips for many
 * equities (the engine bench reads them like real LEAN files), and the baseline the engine is
 * measured against: a plain loop that reads, inflates and parses the same files with the same
 * byte parser and computes a 20-period SMA per symbol. Run directly to measure one core:
 *   node bin/run-ts.js bench/lean-data.ts [symbols=400] [days=5] [dir]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { inflateSync as fflateInflateRaw, zipSync } from "fflate";
import { DateTime } from "luxon";
import type { EpochFromLocal } from "../src/engine/data/bar-chunk.ts";
import { readLeanBars } from "../src/engine/data/equity-reader.ts";
import { parseTradeRows } from "../src/engine/data/lean-parser.ts";
import { dayEntryName, dayZipPath } from "../src/engine/data/lean-paths.ts";
import { extractZipBufferEntry, listZipBufferEntries, readZipEntry } from "../src/engine/data/zip.ts";

export interface GenerateOptions {
  symbols?: number;
  days: number;
  seed?: number;
  /** First calendar date, yyyymmdd (default 20240102); weekends are skipped. */
  startDate?: number;
}

export interface GeneratedUniverse {
  symbols: string[];
  days: number[];
  files: number;
  bytes: number;
}

/** Small deterministic PRNG (mulberry32). */
function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first `count` weekdays from `start` (yyyymmdd). */
export function weekdays(start: number, count: number): number[] {
  const out: number[] = [];
  let ms = Date.UTC(Math.floor(start / 10000), (Math.floor(start / 100) % 100) - 1, start % 100);
  while (out.length < count) {
    const d = new Date(ms);
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6) out.push(d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate());
    ms += 86_400_000;
  }
  return out;
}

/**
 * Writes `equity/usa/minute/<sym>/<yyyymmdd>_trade.zip` for `symbols` tickers (`sym000`...) and
 * `days` weekdays: 390 regular-session rows per day (09:30..15:59 bar starts), prices as integers
 * ×10000 moving by whole cents, realistic volumes; deflate level 6 like LEAN's files. No map or
 * factor files (factor 1).
 */
export function generateLeanMinuteUniverse(dir: string, options: GenerateOptions): GeneratedUniverse {
  const count = options.symbols ?? 400;
  const rand = random(options.seed ?? 42);
  const symbols = Array.from({ length: count }, (_, i) => `sym${String(i).padStart(3, "0")}`);
  const days = weekdays(options.startDate ?? 20240102, options.days);
  let bytes = 0;
  const encoder = new TextEncoder();
  for (const symbol of symbols) {
    let price = Math.round((20 + rand() * 480) * 100) * 100; // dollars ×10000, whole cents
    const baseVolume = 1000 + Math.floor(rand() * 50000);
    mkdirSync(join(dir, "equity/usa/minute", symbol), { recursive: true });
    for (const date of days) {
      const lines: string[] = new Array(390);
      for (let m = 0; m < 390; m++) {
        const open = price;
        let high = open;
        let low = open;
        for (let k = 0; k < 4; k++) {
          price = Math.max(100, price + Math.round((rand() - 0.5) * 6) * 100);
          if (price > high) high = price;
          if (price < low) low = price;
        }
        const volume = Math.floor(baseVolume * (0.2 + rand() * 1.6)) + (m === 0 || m === 389 ? baseVolume * 5 : 0);
        lines[m] = `${34_200_000 + m * 60_000},${open},${high},${low},${price},${volume}`;
      }
      const zip = zipSync({ [dayEntryName(date, symbol, "minute", "trade")]: encoder.encode(lines.join("\r\n")) }, { level: 6 });
      writeFileSync(join(dir, dayZipPath("equity", "usa", "minute", symbol, date, "trade")), zip);
      bytes += zip.length;
    }
  }
  return { symbols, days, files: symbols.length * days.length, bytes };
}

export interface PlainLoopResult {
  points: number;
  /** Wall-clock milliseconds. */
  ms: number;
  /** CPU milliseconds of this process (user + system), less sensitive to other load on the machine. */
  cpuMs: number;
  /** Sum of the last SMA value of every symbol (keeps the work observable). */
  checksum: number;
}

/**
 * The baseline: for each day, for each symbol, read the zip, inflate with zlib, parse with the
 * byte parser into typed arrays, and update a 20-period SMA per symbol.
 */
export function plainLoop(dir: string, symbols: readonly string[], days: readonly number[]): PlainLoopResult {
  const period = 20;
  const windows = symbols.map(() => new Float64Array(period));
  const sums = new Float64Array(symbols.length);
  const seen = new Float64Array(symbols.length);
  const sma = new Float64Array(symbols.length);
  let points = 0;
  const cpuStarted = cpuNow();
  const started = performance.now();
  for (const date of days) {
    for (let s = 0; s < symbols.length; s++) {
      const rel = dayZipPath("equity", "usa", "minute", symbols[s], date, "trade");
      const { data } = readZipEntry(join(dir, rel), undefined, rel);
      const rows = parseTradeRows(data, { file: rel });
      const window = windows[s];
      const close = rows.close;
      let sum = sums[s];
      let n = seen[s];
      for (let i = 0; i < rows.count; i++) {
        const slot = n % period;
        sum += close[i] - window[slot];
        window[slot] = close[i];
        n++;
        if (n >= period) sma[s] = sum / period;
      }
      sums[s] = sum;
      seen[s] = n;
      points += rows.count;
    }
  }
  const ms = performance.now() - started;
  const cpuMs = cpuNow() - cpuStarted;
  let checksum = 0;
  for (const v of sma) checksum += v;
  return { points, ms, cpuMs, checksum };
}

/** New York wall time to epoch ms with luxon (what the engine's time helper does). */
export const newYorkEpochFromLocal: EpochFromLocal = (yyyymmdd, ms) => {
  const extraDays = Math.floor(ms / 86_400_000);
  const rest = ms - extraDays * 86_400_000;
  const day = DateTime.fromObject({ year: Math.floor(yyyymmdd / 10000), month: Math.floor(yyyymmdd / 100) % 100, day: yyyymmdd % 100 }, { zone: "UTC" }).plus({ days: extraDays });
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(rest / 3_600_000), minute: Math.floor(rest / 60_000) % 60, second: Math.floor(rest / 1000) % 60, millisecond: rest % 1000 },
    { zone: "America/New_York" },
  ).toMillis();
};

/**
 * The same files through the engine's reader (`readLeanBars`, one generator per symbol pulled
 * day by day, epoch times and factor lookups included): points and ms.
 */
export function readerLoop(dir: string, symbols: readonly string[], days: readonly number[], epochFromLocal: EpochFromLocal = newYorkEpochFromLocal): { points: number; ms: number; cpuMs: number } {
  const cpuStarted = cpuNow();
  const started = performance.now();
  const readers = symbols.map((ticker) => readLeanBars({ dataFolder: dir, ticker, resolution: "minute", startDate: days[0], endDate: days[days.length - 1], epochFromLocal }));
  let points = 0;
  let live = readers.length;
  while (live > 0) {
    live = 0;
    for (const reader of readers) {
      const next = reader.next();
      if (!next.done) {
        points += next.value.count;
        live++;
      }
    }
  }
  return { points, ms: performance.now() - started, cpuMs: cpuNow() - cpuStarted };
}

export interface StageTimes {
  rows: number;
  files: number;
  readMs: number;
  zlibInflateMs: number;
  fflateInflateMs: number;
  parseMs: number;
}

/** CPU time of each stage separately over the same files: read, inflate (zlib and fflate), parse. */
export function measureStages(dir: string, symbols: readonly string[], days: readonly number[]): StageTimes {
  const paths: string[] = [];
  for (const date of days) for (const s of symbols) paths.push(join(dir, dayZipPath("equity", "usa", "minute", s, date, "trade")));
  let t = cpuNow();
  const zips = paths.map((p) => readFileSync(p));
  const readMs = cpuNow() - t;
  const infos = zips.map((z) => listZipBufferEntries(z)[0]);
  t = cpuNow();
  const inflated = zips.map((z, i) => extractZipBufferEntry(z, infos[i]));
  const zlibInflateMs = cpuNow() - t;
  t = cpuNow();
  for (let i = 0; i < zips.length; i++) {
    const info = infos[i];
    const start = info.localHeaderOffset + 30 + zips[i].readUInt16LE(info.localHeaderOffset + 26) + zips[i].readUInt16LE(info.localHeaderOffset + 28);
    fflateInflateRaw(zips[i].subarray(start, start + info.compressedSize), { out: new Uint8Array(info.uncompressedSize) });
  }
  const fflateInflateMs = cpuNow() - t;
  t = cpuNow();
  let rows = 0;
  for (const data of inflated) rows += parseTradeRows(data).count;
  const parseMs = cpuNow() - t;
  return { rows, files: paths.length, readMs, zlibInflateMs, fflateInflateMs, parseMs };
}

function isMain(): boolean {
  return process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
}

if (isMain()) {
  const symbolCount = Number(process.argv[2] ?? 400);
  const dayCount = Number(process.argv[3] ?? 5);
  const given = process.argv[4];
  const dir = given ?? mkdtempSync(join(tmpdir(), "tradeloom-bench-"));
  const t0 = performance.now();
  const universe = generateLeanMinuteUniverse(dir, { symbols: symbolCount, days: dayCount, seed: 7 });
  console.log(`generated ${universe.files} files (${(universe.bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s at ${dir}`);
  const rate = (rows: number, ms: number) => `${((rows / ms) * 1000 / 1e6).toFixed(2)}M rows/s`;
  for (let round = 0; round < 3; round++) {
    const stages = measureStages(dir, universe.symbols, universe.days);
    const all = stages.readMs + stages.zlibInflateMs + stages.parseMs;
    console.log(
      `stages (CPU time): ${stages.rows} rows in ${stages.files} files: read ${rate(stages.rows, stages.readMs)}, ` +
        `inflate zlib ${rate(stages.rows, stages.zlibInflateMs)} (fflate ${rate(stages.rows, stages.fflateInflateMs)}), ` +
        `parse ${rate(stages.rows, stages.parseMs)}; read+inflate+parse ${rate(stages.rows, all)}`,
    );
    const loop = plainLoop(dir, universe.symbols, universe.days);
    console.log(`plain loop (read, inflate, parse, SMA20): ${loop.points} points in ${loop.ms.toFixed(0)} ms = ${rate(loop.points, loop.ms)}, CPU ${rate(loop.points, loop.cpuMs)} (checksum ${loop.checksum.toFixed(2)})`);
    const reader = readerLoop(dir, universe.symbols, universe.days);
    console.log(`readLeanBars (maps, factors, epoch times): ${reader.points} points in ${reader.ms.toFixed(0)} ms = ${rate(reader.points, reader.ms)}, CPU ${rate(reader.points, reader.cpuMs)}`);
  }
  if (!given) rmSync(dir, { recursive: true, force: true });
}
