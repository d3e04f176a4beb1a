/** Test helpers: small generated data sets in temp folders, zip and CSV reading. */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { readZipEntries } from "../../../src/engine/data/index.ts";
import { generateDataSet, type DataSetOptions, type DataSetSummary } from "../../../src/engine/datagen/index.ts";

const folders: string[] = [];

export function tempFolder(label: string): string {
  const folder = mkdtempSync(join(tmpdir(), `tradeloom-datagen-${label}-`));
  folders.push(folder);
  return folder;
}

export function removeTempFolders(): void {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
}

/** Four sessions around the 2025-03-09 change to daylight saving time (Thu, Fri, Mon, Tue). */
export const DST_RANGE = { startDate: 20250306, endDate: 20250311 };
/** Jul 1, 2, the 13:00 early close on Jul 3, the Jul 4 holiday, Jul 7 and 8. */
export const JULY_RANGE = { startDate: 20250701, endDate: 20250708 };
export const SEED = 7;

export function generateInto(label: string, options: DataSetOptions): { folder: string; summary: DataSetSummary } {
  const folder = tempFolder(label);
  return { folder, summary: generateDataSet(folder, options) };
}

/** The single CSV of a one-entry zip, as lines (a trailing newline gives no extra line). */
export function zipLines(path: string): string[] {
  const entries = readZipEntries(path);
  if (entries.length !== 1) throw new Error(`${path}: expected 1 entry, got ${entries.length}`);
  return csvLines(entries[0].data.toString("latin1"));
}

export function csvLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Every entry of a zip as name -> lines. */
export function zipEntryLines(path: string): Map<string, string[]> {
  return new Map(readZipEntries(path).map((e) => [e.name, csvLines(e.data.toString("latin1"))]));
}

/** Every file under a folder (relative paths, sorted) with its bytes. */
export function allFiles(folder: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(folder, path), readFileSync(path));
    }
  };
  walk(folder);
  return out;
}

/** Integer fields of a CSV row; empty fields give NaN. */
export function ints(line: string): number[] {
  return line.split(",").map((t) => (t === "" ? NaN : Number(t)));
}
