// Loads shared/data/greeks/reference_vectors.csv (and our exact recomputation of its European rows)
// for the pricing tests. The shared folder sits next to the repository root.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

const here = dirname(fileURLToPath(import.meta.url));
export const repositoryRoot = resolve(here, "..", "..", "..");
export const referenceVectorsPath = resolve(repositoryRoot, "..", "shared", "data", "greeks", "reference_vectors.csv");

export type ReferenceRow = Record<string, string>;

export function loadReferenceRows(): ReferenceRow[] {
  return parse(readFileSync(referenceVectorsPath), { columns: true, skip_empty_lines: true }) as ReferenceRow[];
}

/** Exact (mpmath) values of the European rows from their double inputs; see fixtures/generate-european-exact.py. */
export function loadExactEuropean(): Map<string, ReferenceRow> {
  const rows = parse(readFileSync(resolve(here, "fixtures", "european-exact.csv")), { columns: true }) as ReferenceRow[];
  return new Map(rows.map((row) => [row.id, row]));
}

/** The row's `published` field as name -> printed text. */
export function publishedValues(row: ReferenceRow): Map<string, string> {
  const out = new Map<string, string>();
  if (!row.published) return out;
  for (const part of row.published.split(";")) {
    const [name, value] = part.split("=");
    out.set(name.trim(), value.trim());
  }
  return out;
}

/** Tolerance of a published figure: half a unit of its last printed digit, or the row's numeric tolerance. */
export function publishedTolerance(row: ReferenceRow, printed: string): number {
  const stated = row.published_tolerance;
  if (stated.startsWith("printed rounding")) {
    const decimals = printed.includes(".") ? printed.split(".")[1].length : 0;
    return 0.5 * 10 ** -decimals * (1 + 1e-9);
  }
  const numeric = Number.parseFloat(stated);
  if (!Number.isFinite(numeric)) throw new Error(`row ${row.id}: cannot read published_tolerance "${stated}"`);
  return numeric;
}

export function relativeError(actual: number, expected: number): number {
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}
