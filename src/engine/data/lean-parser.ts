/**
 * Byte-level parser of LEAN's fixed numeric rows into columnar Float64Arrays. No string is made
 * per row or per field: digits are accumulated straight from the inflated bytes. Prices stored as
 * integers ×10000 are divided by 10000 (one division, so the result is the double nearest to the
 * exact decimal: 1674300 / 10000 === 167.43). Decimals and negative numbers are handled in the
 * same loop (index files hold dollars), with one division by 10^fractionDigits × scale.
 * Knows nothing of files on disk, factor files or time zones.
 */
import { DataFormatError } from "./errors.ts";

export interface ParseOptions {
  /** Divisor of price columns: 10000 for LEAN equity/option files (default), 1 for index files. */
  priceScale?: number;
  /** Rows start with `yyyyMMdd HH:mm` (hour and daily files) instead of milliseconds since midnight. */
  dateTime?: boolean;
  /** Name used in error messages (path relative to the data folder, or zip path + entry). */
  file?: string;
}

interface RowsBase {
  count: number;
  /** yyyymmdd per row for `dateTime` rows (hour/daily), otherwise null. */
  date: Int32Array | null;
  /** Bar start, milliseconds since local midnight. */
  time: Float64Array;
}

export interface TradeRows extends RowsBase {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Missing bid or ask prices are NaN (the side was empty in the file). */
export interface QuoteRows extends RowsBase {
  bidOpen: Float64Array;
  bidHigh: Float64Array;
  bidLow: Float64Array;
  bidClose: Float64Array;
  lastBidSize: Float64Array;
  askOpen: Float64Array;
  askHigh: Float64Array;
  askLow: Float64Array;
  askClose: Float64Array;
  lastAskSize: Float64Array;
}

export interface OpenInterestRows extends RowsBase {
  openInterest: Float64Array;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const NEWLINE = 10;
const CR = 13;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;

/** Upper bound of the number of rows: newlines + 1 (memchr through indexOf). */
function maxRows(buf: Uint8Array): number {
  let rows = 1;
  let at = buf.indexOf(NEWLINE);
  while (at >= 0) {
    rows++;
    at = buf.indexOf(NEWLINE, at + 1);
  }
  return rows;
}

function fieldText(buf: Uint8Array, start: number): string {
  let end = start;
  while (end < buf.length && buf[end] !== COMMA && buf[end] !== NEWLINE && buf[end] !== CR) end++;
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString("latin1");
}

function countFieldsFrom(buf: Uint8Array, pos: number, already: number): number {
  let fields = already;
  while (pos < buf.length && buf[pos] !== NEWLINE) {
    if (buf[pos] === COMMA) fields++;
    pos++;
  }
  return fields;
}

interface RawColumns {
  count: number;
  date: Int32Array | null;
  columns: Float64Array[];
}

/**
 * The core loop. Column 0 is the time (ms since midnight, or HH:mm of a `dateTime` row);
 * `divisor[f]` scales field f; `allowEmpty[f]` turns an empty field into NaN instead of an error.
 */
function parseColumns(
  buf: Uint8Array,
  divisor: readonly number[],
  allowEmpty: readonly boolean[],
  dateTime: boolean,
  file: string,
): RawColumns {
  const fields = divisor.length;
  const capacity = maxRows(buf);
  // one buffer for all the columns: one allocation per file, not one per column
  const storage = new Float64Array(capacity * fields);
  const columns: Float64Array[] = [];
  for (let f = 0; f < fields; f++) columns.push(storage.subarray(f * capacity, (f + 1) * capacity));
  const date = dateTime ? new Int32Array(capacity) : null;
  // Trade rows get an unrolled fast path over local columns.
  const trade = fields === 6 && !dateTime && divisor[0] === 1 && divisor[5] === 1 && divisor[1] === divisor[2] && divisor[2] === divisor[3] && divisor[3] === divisor[4];
  const scale = divisor[1];
  const [t0, t1, t2, t3, t4, t5] = trade ? columns : [columns[0], columns[0], columns[0], columns[0], columns[0], columns[0]];
  const n = buf.length;
  let pos = 0;
  // A UTF-8 byte order mark is tolerated at the start.
  if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
  let line = 0;
  let row = 0;
  const fail = (reason: string): never => {
    throw new DataFormatError(file, line, reason);
  };

  while (pos < n) {
    line++;
    let c = buf[pos];
    if (c === NEWLINE) {
      pos++;
      continue;
    }
    if (c === CR && (pos + 1 >= n || buf[pos + 1] === NEWLINE)) {
      pos += 2;
      continue;
    }
    if (trade) {
      // Trade rows, unrolled: six non-empty unsigned integers (the LEAN minute/second row).
      // Anything else (a sign, a decimal point, an empty field, an error) re-parses the row below.
      let p = pos;
      let d = 0;
      let m = 0;
      let q = p;
      while ((d = buf[p] - 48) >= 0 && d <= 9) (m = m * 10 + d), p++;
      if (buf[p] === COMMA && p !== q) {
        t0[row] = m;
        q = ++p;
        m = 0;
        while ((d = buf[p] - 48) >= 0 && d <= 9) (m = m * 10 + d), p++;
        if (buf[p] === COMMA && p !== q) {
          t1[row] = m / scale;
          q = ++p;
          m = 0;
          while ((d = buf[p] - 48) >= 0 && d <= 9) (m = m * 10 + d), p++;
          if (buf[p] === COMMA && p !== q) {
            t2[row] = m / scale;
            q = ++p;
            m = 0;
            while ((d = buf[p] - 48) >= 0 && d <= 9) (m = m * 10 + d), p++;
            if (buf[p] === COMMA && p !== q) {
              t3[row] = m / scale;
              q = ++p;
              m = 0;
              while ((d = buf[p] - 48) >= 0 && d <= 9) (m = m * 10 + d), p++;
              if (buf[p] === COMMA && p !== q) {
                t4[row] = m / scale;
                q = ++p;
                m = 0;
                while ((d = buf[p] - 48) >= 0 && d <= 9) (m = m * 10 + d), p++;
                if (p !== q) {
                  t5[row] = m;
                  c = buf[p];
                  let end = -1;
                  if (c === NEWLINE) end = p + 1;
                  else if (p >= n) end = p;
                  else if (c === CR && (p + 1 >= n || buf[p + 1] === NEWLINE)) end = p + 2;
                  if (end >= 0) {
                    pos = end;
                    row++;
                    continue;
                  }
                }
              }
            }
          }
        }
      }
    } else if (!dateTime) {
      // Fast path: every field a non-empty unsigned integer (almost every LEAN row). Anything
      // else (a sign, a decimal point, an empty field, an error) re-parses the row below.
      let p = pos;
      let ok = true;
      for (let f = 0; f < fields; f++) {
        let d = buf[p] - 48;
        if (!(d >= 0 && d <= 9)) {
          ok = false;
          break;
        }
        let m = d;
        p++;
        for (;;) {
          d = buf[p] - 48;
          if (d >= 0 && d <= 9) {
            m = m * 10 + d;
            p++;
          } else break;
        }
        columns[f][row] = m / divisor[f];
        c = buf[p];
        if (f < fields - 1) {
          if (c !== COMMA) {
            ok = false;
            break;
          }
          p++;
        } else if (c === NEWLINE) p++;
        else if (p >= n) {
          // last row without a newline
        } else if (c === CR && (p + 1 >= n || buf[p + 1] === NEWLINE)) p += 2;
        else ok = false;
      }
      if (ok) {
        pos = p;
        row++;
        continue;
      }
    }
    let f = 0;
    if (dateTime) {
      // yyyyMMdd HH:mm[:ss]
      let d = 0;
      for (let k = 0; k < 8; k++) {
        const digit = buf[pos + k] - 48;
        if (!(digit >= 0 && digit <= 9)) fail(`invalid date time "${fieldText(buf, pos)}" (expected yyyyMMdd HH:mm)`);
        d = d * 10 + digit;
      }
      const h1 = buf[pos + 9] - 48;
      const h2 = buf[pos + 10] - 48;
      const m1 = buf[pos + 12] - 48;
      const m2 = buf[pos + 13] - 48;
      if (
        buf[pos + 8] !== 32 || buf[pos + 11] !== 58 ||
        !(h1 >= 0 && h1 <= 9 && h2 >= 0 && h2 <= 9 && m1 >= 0 && m1 <= 5 && m2 >= 0 && m2 <= 9)
      ) {
        fail(`invalid date time "${fieldText(buf, pos)}" (expected yyyyMMdd HH:mm)`);
      }
      let ms = ((h1 * 10 + h2) * 60 + m1 * 10 + m2) * 60000;
      pos += 14;
      if (buf[pos] === 58) {
        const s1 = buf[pos + 1] - 48;
        const s2 = buf[pos + 2] - 48;
        if (!(s1 >= 0 && s1 <= 5 && s2 >= 0 && s2 <= 9)) fail(`invalid date time "${fieldText(buf, pos - 14)}" (expected yyyyMMdd HH:mm:ss)`);
        ms += (s1 * 10 + s2) * 1000;
        pos += 3;
      }
      date![row] = d;
      columns[0][row] = ms;
      c = pos < n ? buf[pos] : NEWLINE;
      if (c === COMMA) pos++;
      else if (c === NEWLINE || c === CR) fail(`expected ${fields} fields, got 1`);
      else fail(`invalid date time "${fieldText(buf, pos - 14)}"`);
      f = 1;
    }
    for (; f < fields; f++) {
      const start = pos;
      let negative = false;
      if (pos < n && buf[pos] === MINUS) {
        negative = true;
        pos++;
      }
      let mantissa = 0;
      let digits = 0;
      let fraction = -1;
      while (pos < n) {
        c = buf[pos];
        const digit = c - 48;
        if (digit >= 0 && digit <= 9) {
          mantissa = mantissa * 10 + digit;
          digits++;
          if (fraction >= 0) fraction++;
          pos++;
        } else if (c === DOT && fraction < 0) {
          fraction = 0;
          pos++;
        } else break;
      }
      let value: number;
      if (digits === 0) {
        if (negative || fraction >= 0) fail(`field ${f + 1}: invalid number "${fieldText(buf, start)}"`);
        if (!allowEmpty[f]) fail(`field ${f + 1}: empty`);
        value = NaN;
      } else {
        if (negative) mantissa = -mantissa;
        value = fraction > 0 ? mantissa / (POW10[fraction] * divisor[f]) : mantissa / divisor[f];
      }
      columns[f][row] = value;
      c = pos < n ? buf[pos] : NEWLINE;
      if (f < fields - 1) {
        if (c === COMMA) {
          pos++;
          continue;
        }
        if (c === NEWLINE || c === CR) fail(`expected ${fields} fields, got ${f + 1}`);
        fail(`field ${f + 1}: invalid number "${fieldText(buf, start)}"`);
      } else {
        if (c === NEWLINE) pos++;
        else if (c === CR && (pos + 1 >= n || buf[pos + 1] === NEWLINE)) pos += 2;
        else if (c === COMMA) fail(`expected ${fields} fields, got ${countFieldsFrom(buf, pos, fields)}`);
        else fail(`field ${f + 1}: invalid number "${fieldText(buf, start)}"`);
      }
    }
    row++;
  }
  return { count: row, date: date ? date.subarray(0, row) : null, columns: columns.map((col) => col.subarray(0, row)) };
}

const TRADE_EMPTY = [false, false, false, false, false, false];
const QUOTE_EMPTY = [false, true, true, true, true, false, true, true, true, true, false];
const OPEN_INTEREST_EMPTY = [false, false];

/** `time,open,high,low,close,volume` (minute/second) or `yyyyMMdd HH:mm,open,high,low,close,volume`. */
export function parseTradeRows(buf: Uint8Array, options: ParseOptions = {}): TradeRows {
  const p = options.priceScale ?? 10000;
  const r = parseColumns(buf, [1, p, p, p, p, 1], TRADE_EMPTY, options.dateTime ?? false, options.file ?? "<data>");
  const [time, open, high, low, close, volume] = r.columns;
  return { count: r.count, date: r.date, time, open, high, low, close, volume };
}

/** `time,bidO,bidH,bidL,bidC,lastBidSize,askO,askH,askL,askC,lastAskSize`; an empty side gives NaN prices. */
export function parseQuoteRows(buf: Uint8Array, options: ParseOptions = {}): QuoteRows {
  const p = options.priceScale ?? 10000;
  const r = parseColumns(buf, [1, p, p, p, p, 1, p, p, p, p, 1], QUOTE_EMPTY, options.dateTime ?? false, options.file ?? "<data>");
  const c = r.columns;
  return {
    count: r.count,
    date: r.date,
    time: c[0],
    bidOpen: c[1],
    bidHigh: c[2],
    bidLow: c[3],
    bidClose: c[4],
    lastBidSize: c[5],
    askOpen: c[6],
    askHigh: c[7],
    askLow: c[8],
    askClose: c[9],
    lastAskSize: c[10],
  };
}

/** `time,openInterest`. */
export function parseOpenInterestRows(buf: Uint8Array, options: ParseOptions = {}): OpenInterestRows {
  const r = parseColumns(buf, [1, 1], OPEN_INTEREST_EMPTY, options.dateTime ?? false, options.file ?? "<data>");
  return { count: r.count, date: r.date, time: r.columns[0], openInterest: r.columns[1] };
}
