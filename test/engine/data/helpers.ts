/** Test helpers: the shared LEAN data folder, a luxon time-zone conversion, small zips in a temp dir. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import { DateTime } from "luxon";
import { afterAll } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
/** ../shared/data/lean relative to the repository root (test/engine/data is three levels down). */
export const LEAN_DATA = resolve(here, "../../../../shared/data/lean");

/** Local wall time (date, ms since local midnight; ms may pass 24h) in `zone` to epoch ms. */
export function epochFromLocalIn(zone: string) {
  return (yyyymmdd: number, ms: number): number => {
    const extraDays = Math.floor(ms / 86_400_000);
    const rest = ms - extraDays * 86_400_000;
    const day = DateTime.fromObject({ year: Math.floor(yyyymmdd / 10000), month: Math.floor(yyyymmdd / 100) % 100, day: yyyymmdd % 100 }, { zone: "UTC" }).plus({ days: extraDays });
    return DateTime.fromObject(
      {
        year: day.year,
        month: day.month,
        day: day.day,
        hour: Math.floor(rest / 3_600_000),
        minute: Math.floor(rest / 60_000) % 60,
        second: Math.floor(rest / 1000) % 60,
        millisecond: rest % 1000,
      },
      { zone },
    ).toMillis();
  };
}

export const newYork = epochFromLocalIn("America/New_York");
export const chicago = epochFromLocalIn("America/Chicago");

export function isoNy(epochMs: number): string {
  return DateTime.fromMillis(epochMs, { zone: "America/New_York" }).toFormat("yyyy-MM-dd HH:mm:ss");
}

const created: string[] = [];

/** A fresh temporary folder, removed after the test file's tests. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tradeloom-data-"));
  created.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a deflated zip with the given entries at dir/rel. */
export function writeZip(dir: string, rel: string, entries: Record<string, string>, level: 0 | 6 = 6): string {
  const path = join(dir, rel);
  mkdirSync(dirname(path), { recursive: true });
  const files: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(entries)) files[name] = strToU8(text);
  writeFileSync(path, zipSync(files, { level }));
  return path;
}

export function writeText(dir: string, rel: string, text: string): string {
  const path = join(dir, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}
