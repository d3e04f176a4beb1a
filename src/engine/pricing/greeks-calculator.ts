/**
 * The option calculator behind `tradeloom greeks FILE.csv`: reads contracts in the layout of
 * shared/data/greeks/reference_vectors.csv (id, exercise, type, S, K, T_years, r_cont, q_cont,
 * sigma, and price when present; other columns are ignored) and returns the same rows with
 * price, delta, gamma, vega_per_unit_vol, theta_per_year, rho_per_unit_rate and
 * implied_vol_from_price computed by our models, in those columns' units (per 1.00 of vol and
 * rate, per year). European rows use Black-Scholes-Merton; American rows our most accurate
 * American model (the integral-equation boundary method). The implied vol is that of the input
 * price (European rows); it is blank for American rows and rows without a price, and for a price
 * outside the no-arbitrage bounds. A row may leave sigma blank when it gives a European price:
 * the implied vol is then used for the Greeks.
 * Pure: text in, text out; the CLI file only reads and writes files.
 */
import { parse } from "csv-parse/sync";
import { blackScholesGreeks, createGreeks, type Greeks, type OptionRight } from "./black-scholes.ts";
import { impliedVolatility } from "./implied-volatility.ts";
import { accurateAmericanModel } from "./models.ts";

/** A bad input row: names the file, the line and the field. */
export class GreeksInputError extends Error {
  override name = "GreeksInputError";
  constructor(readonly file: string, readonly line: number, readonly field: string, detail: string) {
    super(`${file} line ${line}: field "${field}": ${detail}`);
  }
}

export interface GreeksInputRow {
  id: string;
  exercise: "european" | "american";
  right: OptionRight;
  spot: number;
  strike: number;
  timeYears: number;
  rate: number;
  dividendYield: number;
  /** NaN when blank (then a European price must be given) */
  volatility: number;
  /** NaN when absent or blank */
  price: number;
  /** 1-based line of the row in its file */
  line: number;
}

export interface GreeksOutputRow {
  input: GreeksInputRow;
  greeks: Greeks;
  /** NaN when there is none (American row, no price, or price outside the bounds) */
  impliedVolatility: number;
  /** why the implied vol is blank when a European price was given */
  impliedVolatilityNote?: string;
}

const REQUIRED = ["id", "exercise", "type", "S", "K", "T_years", "r_cont", "q_cont", "sigma"] as const;
export const OUTPUT_COLUMNS = [
  "id", "exercise", "type", "S", "K", "T_years", "r_cont", "q_cont", "sigma",
  "price", "delta", "gamma", "vega_per_unit_vol", "theta_per_year", "rho_per_unit_rate", "implied_vol_from_price",
] as const;

function readNumber(
  file: string, line: number, field: string, text: string | undefined, check: "positive" | "nonNegative" | "any",
  optional = false,
): number {
  const trimmed = (text ?? "").trim();
  if (trimmed === "" && optional) return NaN;
  const value = trimmed === "" ? NaN : Number(trimmed);
  if (!Number.isFinite(value)) throw new GreeksInputError(file, line, field, `expected a number, got "${text ?? ""}"`);
  if (check === "positive" && !(value > 0)) throw new GreeksInputError(file, line, field, `expected a positive number, got ${trimmed}`);
  if (check === "nonNegative" && !(value >= 0)) {
    throw new GreeksInputError(file, line, field, `expected a number >= 0, got ${trimmed}`);
  }
  return value;
}

/** Parses the CSV text; throws GreeksInputError on the first bad field. */
export function parseGreeksCsv(text: string, file: string): GreeksInputRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, info: true, bom: true, trim: false }) as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number; code?: string };
    throw new GreeksInputError(file, e.lines ?? 1, "(csv)", e.message);
  }
  if (records.length === 0) {
    const header = text.split(/\r?\n/, 1)[0] ?? "";
    for (const column of REQUIRED) {
      if (!header.split(",").map((c) => c.trim()).includes(column)) {
        throw new GreeksInputError(file, 1, column, "missing column in the header");
      }
    }
    return [];
  }
  for (const column of REQUIRED) {
    if (!(column in records[0].record)) throw new GreeksInputError(file, 1, column, "missing column in the header");
  }
  return records.map(({ record, info }) => {
    const line = info.lines;
    const exercise = record.exercise.trim().toLowerCase();
    if (exercise !== "european" && exercise !== "american") {
      throw new GreeksInputError(file, line, "exercise", `expected "european" or "american", got "${record.exercise}"`);
    }
    const type = record.type.trim().toLowerCase();
    if (type !== "call" && type !== "put") throw new GreeksInputError(file, line, "type", `expected "call" or "put", got "${record.type}"`);
    const row: GreeksInputRow = {
      id: record.id,
      exercise,
      right: type,
      spot: readNumber(file, line, "S", record.S, "positive"),
      strike: readNumber(file, line, "K", record.K, "positive"),
      timeYears: readNumber(file, line, "T_years", record.T_years, "nonNegative"),
      rate: readNumber(file, line, "r_cont", record.r_cont, "any"),
      dividendYield: readNumber(file, line, "q_cont", record.q_cont, "any"),
      volatility: readNumber(file, line, "sigma", record.sigma, "nonNegative", true),
      price: "price" in record ? readNumber(file, line, "price", record.price, "nonNegative", true) : NaN,
      line,
    };
    if (Number.isNaN(row.volatility) && (exercise !== "european" || Number.isNaN(row.price))) {
      throw new GreeksInputError(file, line, "sigma", "blank: give sigma, or a price for a European row");
    }
    return row;
  });
}

/** Prices one row with our models. */
export function computeGreeksRow(row: GreeksInputRow, file = "input"): GreeksOutputRow {
  let iv = NaN;
  let note: string | undefined;
  if (row.exercise === "european" && !Number.isNaN(row.price)) {
    const result = impliedVolatility(row.right, row.price, row.spot, row.strike, row.timeYears, row.rate, row.dividendYield);
    if (result.ok) iv = result.volatility;
    else note = result.message;
  }
  let volatility = row.volatility;
  if (Number.isNaN(volatility)) {
    if (Number.isNaN(iv)) throw new GreeksInputError(file, row.line, "price", `no implied volatility: ${note}`);
    volatility = iv;
  }
  const greeks = createGreeks();
  const args = [row.right, row.spot, row.strike, row.timeYears, row.rate, row.dividendYield, volatility, greeks] as const;
  if (row.exercise === "european") blackScholesGreeks(...args);
  else accurateAmericanModel.greeks(...args);
  return { input: { ...row, volatility }, greeks, impliedVolatility: iv, impliedVolatilityNote: note };
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : "";
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Formats the rows as CSV (header OUTPUT_COLUMNS), numbers as shortest round-trip decimals. */
export function formatGreeksCsv(rows: readonly GreeksOutputRow[]): string {
  const lines = [OUTPUT_COLUMNS.join(",")];
  for (const { input, greeks, impliedVolatility: iv } of rows) {
    lines.push(
      [
        quote(input.id), input.exercise, input.right,
        ...[input.spot, input.strike, input.timeYears, input.rate, input.dividendYield, input.volatility].map(formatNumber),
        ...[greeks.price, greeks.delta, greeks.gamma, greeks.vega, greeks.theta, greeks.rho, iv].map(formatNumber),
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The whole calculator: CSV text in, CSV text out. */
export function calculateGreeksCsv(text: string, file: string): string {
  return formatGreeksCsv(parseGreeksCsv(text, file).map((row) => computeGreeksRow(row, file)));
}
