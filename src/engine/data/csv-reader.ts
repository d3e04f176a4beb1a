/**
 * Our plain CSV bar format for users' own data (documented in docs/data-formats.md), parsed with
 * csv-parse: a header naming `time,open,high,low,close[,volume]` (any order, extra columns
 * ignored), `time` = bar start in exchange-local time (`YYYY-MM-DD HH:mm[:ss]`, or `YYYY-MM-DD`
 * for daily bars), prices in dollars, rows strictly ascending. Yields the same chunks as the LEAN
 * reader, one per local day. The file is read in blocks, so memory holds one block and one day.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { RESOLUTION_MS, type EpochFromLocal, type TradeBarChunk } from "./bar-chunk.ts";
import { DataFileNotFoundError, DataFormatError } from "./errors.ts";
import type { BarResolution } from "./equity-reader.ts";
import { fillDailyEpochs, fillDayEpochs } from "./local-times.ts";

export interface CsvBarRequest {
  /** Path of the CSV file. */
  file: string;
  /** Name of the file in error messages (default: `file`). */
  displayName?: string;
  ticker: string;
  resolution: BarResolution;
  epochFromLocal: EpochFromLocal;
  /** Daily bars: time = regular open (default 09:30), endTime = regular close (default 16:00). */
  dailyStartTime?: (yyyymmdd: number) => number;
  dailyEndTime?: (yyyymmdd: number) => number;
  /** Optional inclusive date filter, yyyymmdd. */
  startDate?: number;
  endDate?: number;
  /** Bytes read at a time (default 1 MiB). */
  blockSize?: number;
}

const REQUIRED = ["time", "open", "high", "low", "close"] as const;
const TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

class DayBuffer {
  date = 0;
  local: number[] = [];
  open: number[] = [];
  high: number[] = [];
  low: number[] = [];
  close: number[] = [];
  volume: number[] = [];
  get count(): number {
    return this.local.length;
  }
  reset(date: number): void {
    this.date = date;
    this.local = [];
    this.open = [];
    this.high = [];
    this.low = [];
    this.close = [];
    this.volume = [];
  }
}

/** Reads a CSV bar file as day chunks; see CsvBarRequest and docs/data-formats.md. */
export function* readCsvBars(request: CsvBarRequest): Generator<TradeBarChunk> {
  const name = request.displayName ?? request.file;
  let fd: number;
  try {
    fd = openSync(request.file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new DataFileNotFoundError(name);
    throw error;
  }
  const daily = request.resolution === "daily";
  const periodMs = RESOLUTION_MS[request.resolution];
  const startDate = request.startDate ?? -Infinity;
  const endDate = request.endDate ?? Infinity;
  const day = new DayBuffer();
  let columns: { time: number; open: number; high: number; low: number; close: number; volume: number; width: number } | undefined;
  let previous = -Infinity;
  let previousText = "";

  const toChunk = (): TradeBarChunk => {
    const n = day.count;
    const chunk: TradeBarChunk = {
      kind: "trade",
      ticker: request.ticker,
      date: day.date,
      count: n,
      time: new Float64Array(n),
      endTime: new Float64Array(n),
      open: Float64Array.from(day.open),
      high: Float64Array.from(day.high),
      low: Float64Array.from(day.low),
      close: Float64Array.from(day.close),
      volume: Float64Array.from(day.volume),
    };
    if (daily) {
      fillDailyEpochs(new Int32Array(n).fill(day.date), request, chunk.time, chunk.endTime);
    } else {
      fillDayEpochs(day.date, Float64Array.from(day.local), periodMs, request.epochFromLocal, chunk.time, chunk.endTime);
    }
    return chunk;
  };

  try {
    const block = Buffer.allocUnsafe(request.blockSize ?? 1 << 20);
    let carry = "";
    let lineOffset = 0;
    let done = false;
    while (!done) {
      const read = readSync(fd, block, 0, block.length, null);
      let text: string;
      if (read === 0) {
        done = true;
        text = carry;
        carry = "";
      } else {
        const chunkText = carry + block.toString("utf8", 0, read);
        const cut = chunkText.lastIndexOf("\n");
        if (cut < 0) {
          carry = chunkText;
          continue;
        }
        text = chunkText.slice(0, cut + 1);
        carry = chunkText.slice(cut + 1);
      }
      if (text === "") continue;
      let records: { record: string[]; info: { lines: number } }[];
      try {
        records = parse(text, { info: true, comment: "#", skip_empty_lines: true, trim: true, relax_column_count: true, bom: lineOffset === 0 }) as unknown as typeof records;
      } catch (error) {
        const e = error as Error & { lines?: number };
        throw new DataFormatError(name, e.lines !== undefined ? lineOffset + e.lines : undefined, e.message);
      }
      for (const { record, info } of records) {
        const line = lineOffset + info.lines;
        const fail = (reason: string): never => {
          throw new DataFormatError(name, line, reason);
        };
        if (!columns) {
          const header = record.map((h) => h.toLowerCase());
          const index = (key: string) => header.indexOf(key);
          for (const key of REQUIRED) if (index(key) < 0) fail(`header must name ${REQUIRED.join(", ")} (and optionally volume); missing "${key}"`);
          columns = { time: index("time"), open: index("open"), high: index("high"), low: index("low"), close: index("close"), volume: index("volume"), width: header.length };
          continue;
        }
        if (record.length !== columns.width) fail(`expected ${columns.width} fields, got ${record.length}`);
        const timeText = record[columns.time];
        const m = TIME_PATTERN.exec(timeText);
        if (!m) fail(`invalid time "${timeText}" (expected YYYY-MM-DD HH:mm[:ss]${daily ? " or YYYY-MM-DD" : ""})`);
        const [, y, mo, d, hh, mi, ss] = m!;
        if (!daily && hh === undefined) fail(`time "${timeText}" has no time of day (only daily bars may give a date alone)`);
        const month = Number(mo);
        const dayOfMonth = Number(d);
        const hours = hh === undefined ? 0 : Number(hh);
        const minutes = mi === undefined ? 0 : Number(mi);
        const seconds = ss === undefined ? 0 : Number(ss);
        if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31 || hours > 23 || minutes > 59 || seconds > 59) fail(`invalid time "${timeText}"`);
        const date = Number(y) * 10000 + month * 100 + dayOfMonth;
        const local = ((hours * 60 + minutes) * 60 + seconds) * 1000;
        const order = date * 100_000_000 + local;
        if (order <= previous) fail(`rows must be in ascending time order: "${timeText}" is not after "${previousText}"`);
        previous = order;
        previousText = timeText;
        const number = (index: number, field: string): number => {
          const t = record[index];
          const v = t === "" ? NaN : Number(t);
          if (!Number.isFinite(v)) fail(`invalid ${field} "${t}"`);
          return v;
        };
        const open = number(columns.open, "open");
        const high = number(columns.high, "high");
        const low = number(columns.low, "low");
        const close = number(columns.close, "close");
        const volume = columns.volume >= 0 ? number(columns.volume, "volume") : 0;
        if (date < startDate || date > endDate) continue;
        if (day.count > 0 && date !== day.date) {
          yield toChunk();
          day.reset(date);
        } else if (day.count === 0) day.reset(date);
        day.local.push(local);
        day.open.push(open);
        day.high.push(high);
        day.low.push(low);
        day.close.push(close);
        day.volume.push(volume);
      }
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineOffset++;
    }
    if (!columns) throw new DataFormatError(name, undefined, "empty file: expected a header time,open,high,low,close[,volume]");
    if (day.count > 0) yield toChunk();
  } finally {
    closeSync(fd);
  }
}
