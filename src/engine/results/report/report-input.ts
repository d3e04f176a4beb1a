// What the HTML report reads: the `--json` result (src/engine/results/result-json.ts) plus the optional
// sections other modules add to it (storage from the storage monitor, Greeks and exposure from an options
// algorithm). Owns the shapes and their validation; knows nothing of HTML or of the engine.
import { TradeloomError } from "../../common/errors.ts";

/** The input is not a result the report can read; the message names the field and the item. */
export class ReportInputError extends TradeloomError {}

/** A time in the result JSON: an ISO 8601 string (as `--json` writes) or epoch milliseconds. */
export type ReportTime = string | number;

/** One storage monitor sample: bytes and files in the store at that time. */
export interface ReportStorageSample {
  time: ReportTime;
  usedBytes: number;
  files: number;
}

/** The storage section the storage monitor writes into the result JSON as `storage`. */
export interface ReportStorageSection {
  samples: ReportStorageSample[];
  /** The tier's size (5 GB tier: 5 × 1024³ bytes). */
  maxBytes: number;
  maxFiles: number;
  /** Warning threshold in percent of maxBytes (the guide: 80). */
  alertPct: number;
  /** Critical threshold in percent of maxBytes (the guide: 90; trips the circuit breaker). */
  criticalPct: number;
  /** Binary GB (1024³ bytes) per day; null or absent when there are too few samples to tell. */
  growthRateGbPerDay?: number | null;
  /** Days from the last sample until the store is full at the growth rate; null when not growing. */
  daysUntilFull?: number | null;
  byCategory: Record<string, { sizeBytes: number; files: number; quotaBytes: number }>;
  largest: Array<{ key: string; category: string | null; sizeBytes: number }>;
  suggestions: Array<{ action: string; reason: string; category?: string | null; bytes?: number | null }>;
  circuitBreakerEvents: Array<{ time: ReportTime; type: string; reason: string }>;
}

/** The Greeks of the whole options book at one time (sums over positions, in the account currency). */
export interface ReportGreeksPoint {
  time: ReportTime;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
}

/** Exposure at one time as fractions of equity (0.5 = 50 %); short is negative. */
export interface ReportExposurePoint {
  time: ReportTime;
  net: number;
  long?: number;
  short?: number;
}

/** An order as `Order.toJSON()` writes it. */
export interface ReportOrder {
  id: number;
  symbol: string;
  type: string;
  quantity: number;
  limitPrice: number | null;
  stopPrice: number | null;
  status: string;
  time: string;
  lastFillTime: string | null;
  price: number;
  quantityFilled: number;
  fees: string;
  tag: string;
}

/** An order event as `OrderEvent.toJSON()` writes it. */
export interface ReportOrderEvent {
  id: number;
  orderId: number;
  symbol: string;
  time: string;
  status: string;
  direction: string;
  fillPrice: number;
  fillQuantity: number;
  orderFee: string;
  message: string;
  isAssignment: boolean;
}

/**
 * The report's input: a `ResultJson` (every backtest field optional, so a storage-only result also reads)
 * with the optional sections.
 */
export interface ReportInput {
  statistics?: Record<string, string>;
  orders?: ReportOrder[];
  orderEvents?: ReportOrderEvent[];
  equity?: Array<[string, number]>;
  benchmark?: Array<[string, number]>;
  logs?: string[];
  dataPoints?: number;
  start?: string;
  end?: string;
  /** IANA zone of the algorithm, when the result carries it. */
  timeZone?: string;
  storage?: ReportStorageSection;
  greeks?: ReportGreeksPoint[];
  exposure?: ReportExposurePoint[];
  [extra: string]: unknown;
}

/** Epoch milliseconds of a report time; throws on anything that is not a time. */
export function toEpochMs(time: ReportTime, where: string): number {
  const ms = typeof time === "number" ? time : Date.parse(time);
  if (!Number.isFinite(ms)) throw new ReportInputError(`${where}: expected an ISO time or epoch milliseconds, got ${JSON.stringify(time)}`);
  return ms;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const describe = (v: unknown) => (v === undefined ? "undefined" : JSON.stringify(v)?.slice(0, 60) ?? String(v));

function expectArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new ReportInputError(`${where}: expected an array, got ${describe(value)}`);
  return value;
}

function expectNumber(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new ReportInputError(`${where}: expected a finite number, got ${describe(value)}`);
  return value;
}

function expectTimedSeries(value: unknown, field: string): void {
  expectArray(value, `"${field}"`).forEach((point, i) => {
    if (!Array.isArray(point) || point.length < 2) throw new ReportInputError(`"${field}" item ${i}: expected [isoTime, value], got ${describe(point)}`);
    toEpochMs(point[0] as ReportTime, `"${field}" item ${i}`);
    expectNumber(point[1], `"${field}" item ${i} value`);
  });
}

function expectTimedRecords(value: unknown, field: string, numbers: readonly string[]): void {
  expectArray(value, `"${field}"`).forEach((item, i) => {
    if (!isObject(item)) throw new ReportInputError(`"${field}" item ${i}: expected an object, got ${describe(item)}`);
    toEpochMs(item.time as ReportTime, `"${field}" item ${i} time`);
    for (const n of numbers) expectNumber(item[n], `"${field}" item ${i} ${n}`);
  });
}

function validateStorage(storage: unknown): void {
  if (!isObject(storage)) throw new ReportInputError(`"storage": expected an object, got ${describe(storage)}`);
  expectTimedRecords(storage.samples, "storage.samples", ["usedBytes", "files"]);
  for (const n of ["maxBytes", "maxFiles", "alertPct", "criticalPct"]) expectNumber(storage[n], `"storage.${n}"`);
  if ((storage.maxBytes as number) <= 0) throw new ReportInputError(`"storage.maxBytes": must be positive, got ${storage.maxBytes}`);
  for (const n of ["growthRateGbPerDay", "daysUntilFull"]) {
    if (storage[n] !== undefined && storage[n] !== null) expectNumber(storage[n], `"storage.${n}"`);
  }
  if (!isObject(storage.byCategory)) throw new ReportInputError(`"storage.byCategory": expected an object, got ${describe(storage.byCategory)}`);
  for (const [name, c] of Object.entries(storage.byCategory)) {
    if (!isObject(c)) throw new ReportInputError(`"storage.byCategory.${name}": expected an object, got ${describe(c)}`);
    for (const n of ["sizeBytes", "files", "quotaBytes"]) expectNumber(c[n], `"storage.byCategory.${name}.${n}"`);
  }
  expectArray(storage.largest, `"storage.largest"`).forEach((o, i) => {
    if (!isObject(o) || typeof o.key !== "string") throw new ReportInputError(`"storage.largest" item ${i}: expected { key, category, sizeBytes }, got ${describe(o)}`);
    expectNumber(o.sizeBytes, `"storage.largest" item ${i} sizeBytes`);
  });
  expectArray(storage.suggestions, `"storage.suggestions"`).forEach((s, i) => {
    if (!isObject(s) || typeof s.action !== "string" || typeof s.reason !== "string") {
      throw new ReportInputError(`"storage.suggestions" item ${i}: expected { action, reason, category, bytes }, got ${describe(s)}`);
    }
  });
  expectTimedRecords(storage.circuitBreakerEvents, "storage.circuitBreakerEvents", []);
}

/**
 * Checks the parts of a result the report draws and returns it typed. A result must carry an equity series
 * or a storage section; everything else may be absent (the report then says so).
 */
export function validateReportInput(value: unknown): ReportInput {
  if (!isObject(value)) throw new ReportInputError(`expected a result object (tradeloom backtest --json), got ${describe(value)}`);
  if (value.equity === undefined && value.storage === undefined) {
    throw new ReportInputError(`the result has neither "equity" nor "storage": nothing to report (is this a tradeloom backtest --json file?)`);
  }
  if (value.equity !== undefined) expectTimedSeries(value.equity, "equity");
  if (value.benchmark !== undefined) expectTimedSeries(value.benchmark, "benchmark");
  if (value.statistics !== undefined && !isObject(value.statistics)) throw new ReportInputError(`"statistics": expected an object, got ${describe(value.statistics)}`);
  if (value.orders !== undefined) {
    expectArray(value.orders, `"orders"`).forEach((o, i) => {
      if (!isObject(o) || typeof o.symbol !== "string") throw new ReportInputError(`"orders" item ${i}: expected an order object, got ${describe(o)}`);
    });
  }
  if (value.orderEvents !== undefined) {
    expectArray(value.orderEvents, `"orderEvents"`).forEach((e, i) => {
      if (!isObject(e) || typeof e.symbol !== "string") throw new ReportInputError(`"orderEvents" item ${i}: expected an order event object, got ${describe(e)}`);
      toEpochMs(e.time as ReportTime, `"orderEvents" item ${i} time`);
      expectNumber(e.fillQuantity, `"orderEvents" item ${i} fillQuantity`);
      expectNumber(e.fillPrice, `"orderEvents" item ${i} fillPrice`);
    });
  }
  if (value.greeks !== undefined) expectTimedRecords(value.greeks, "greeks", ["delta", "gamma", "vega", "theta"]);
  if (value.exposure !== undefined) expectTimedRecords(value.exposure, "exposure", ["net"]);
  if (value.storage !== undefined) validateStorage(value.storage);
  if (value.timeZone !== undefined && typeof value.timeZone !== "string") throw new ReportInputError(`"timeZone": expected an IANA zone name, got ${describe(value.timeZone)}`);
  return value as ReportInput;
}
