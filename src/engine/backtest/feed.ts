// One subscription's data as the replay loop consumes it: a cursor over the reader's columnar
// chunks that hands out bars in end-time order, skips bars outside the session the subscription
// wants, and fills forward (LEAN's FillForwardEnumerator, simplified to the subscription's own
// resolution) while the market is open and no new bar has come.
import { tradeValuesNonZero, type BarChunk, type QuoteBarChunk, type TradeBarChunk } from "../data/bar-chunk.ts";
import { QuoteBar, TradeBar } from "../securities/bars.ts";
import type { Security, Subscription } from "../securities/security.ts";
import type { Symbol } from "../securities/symbol.ts";
import { Resolution, resolutionToMs } from "../common/resolution.ts";

export class Feed {
  /** the chunk holding the next real bar (the replay loop reads it; only the feed moves it) */
  chunk: TradeBarChunk | QuoteBarChunk | undefined;
  /** `chunk` holds trade bars with no open, high, low, close or volume of 0 */
  nonZero = false;
  private index = 0;
  private done = false;
  /** end time of the next bar this feed will emit (real or fill-forward); Infinity when exhausted */
  nextEnd = Infinity;
  /** the bar ending at nextEnd is a fill-forward of the last real one (take it with takeFillForward) */
  nextIsFillForward = false;
  // the last real bar emitted, as its row (made into a bar only to fill forward), and the end of
  // the last bar emitted, real or filled forward
  private lastRows: TradeBarChunk | QuoteBarChunk | undefined;
  private lastRow = 0;
  private lastBar: TradeBar | QuoteBar | undefined;
  private lastEnd = -Infinity;
  private readonly period: number;
  private readonly symbol: Symbol;
  private readonly intraday: boolean;
  /** count of real data points emitted */
  dataPoints = 0;
  /** trade bars (else quote bars) */
  readonly isTrade: boolean;

  constructor(
    readonly security: Security,
    readonly subscription: Subscription,
    private readonly chunks: Iterator<BarChunk>,
    /** no bars at or after this time (end of the backtest) */
    private readonly endBound: number,
    /** hidden from onData (the benchmark's own feed) */
    readonly internal = false,
  ) {
    this.symbol = security.symbol;
    this.period = resolutionToMs(subscription.resolution);
    this.isTrade = subscription.tickType === "trade";
    this.intraday = subscription.resolution !== Resolution.Daily;
    this.advance();
  }

  get tickType(): "trade" | "quote" {
    return this.subscription.tickType;
  }

  /** Moves to the next real bar inside the wanted session, then works out the next emission. */
  private advance(): void {
    for (;;) {
      if (!this.chunk || this.index >= this.chunk.count) {
        if (this.done) break;
        const next = this.chunks.next();
        if (next.done) {
          this.done = true;
          this.chunk = undefined;
          break;
        }
        const c = next.value;
        if (c.kind === "openinterest") continue;
        this.chunk = c;
        this.index = 0;
        // checked now, while the reader's freshly parsed columns are still in the CPU's cache
        this.nonZero = c.kind === "trade" && tradeValuesNonZero(c);
        continue;
      }
      const c = this.chunk;
      const i = this.index;
      if (c.endTime[i] > this.endBound) {
        this.done = true;
        this.chunk = undefined;
        break;
      }
      if (this.intraday && !this.inSession(c.time[i], c.endTime[i])) {
        this.index++;
        continue;
      }
      break;
    }
    this.scheduleNext();
    this.runEnd = this.chunk ? this.runFrom(this.chunk, this.index) : 0;
  }

  /**
   * The end of the run of bars from `i` that follow each other directly (one period apart) inside
   * the session segment bar i started in and before the end bound: within it, each bar schedules
   * the next by adding the period, with no session lookup, nothing to fill forward and no read of
   * the chunk.
   */
  private runFrom(c: TradeBarChunk | QuoteBarChunk, i: number): number {
    const n = c.count;
    const time = c.time;
    const endTime = c.endTime;
    const endBound = this.endBound;
    const from = this.openFrom;
    const to = this.openTo;
    const period = this.period;
    let j = i + 1;
    for (; j < n; j++) {
      const end = endTime[j];
      if (end > endBound) break;
      if (this.intraday && !(time[j] >= from && time[j] < to)) break;
      if (end !== endTime[j - 1] + period) break;
    }
    return j;
  }

  /** bars before this index (in the current chunk) follow directly from the one before */
  private runEnd = 0;

  /** the session segment the last in-session bar started in: most bars hit it without a lookup */
  private openFrom = 0;
  private openTo = 0;

  private inSession(start: number, end: number): boolean {
    if (start >= this.openFrom && start < this.openTo) return true;
    const hours = this.security.exchange.hours;
    const extended = this.subscription.extendedMarketHours;
    // hour bars (09:00 holds 09:30-10:00) belong when any part of them is open
    if (this.period >= 3_600_000) return hours.isOpenDuring(start, end, extended);
    // a bar belongs to the session when it starts while the market is open
    const segments = hours.dayAt(start).segments;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i];
      if (start >= seg.start && start < seg.end) {
        if (!extended && seg.state !== "market") return false;
        this.openFrom = seg.start;
        this.openTo = seg.end;
        return true;
      }
    }
    return false;
  }

  private realNextEnd(): number {
    return this.chunk && this.index < this.chunk.count ? this.chunk.endTime[this.index] : Infinity;
  }

  private scheduleNext(): void {
    const real = this.realNextEnd();
    this.nextIsFillForward = false;
    this.nextEnd = real;
    if (!this.lastRows || !this.subscription.fillForward || !this.intraday) return;
    // the common case: the next bar follows the last one directly, nothing to fill
    if (real === this.lastEnd + this.period) return;
    const candidate = this.nextFillForwardEnd(this.lastEnd, Math.min(real, this.endBound));
    if (candidate < real) {
      this.nextEnd = candidate;
      this.nextIsFillForward = true;
    }
  }

  /** The next bar end after `after` (aligned to the resolution) with the market open, before `limit`. */
  private nextFillForwardEnd(after: number, limit: number): number {
    const hours = this.security.exchange.hours;
    const extended = this.subscription.extendedMarketHours;
    let end = Math.floor(after / this.period) * this.period + this.period;
    for (let guard = 0; guard < 4; guard++) {
      if (end >= limit) return Infinity;
      if (hours.isOpenDuring(end - this.period, end, extended)) return end;
      const open = hours.nextMarketOpen(end - this.period, extended);
      end = Math.floor(open / this.period) * this.period + this.period;
    }
    return end < limit ? end : Infinity;
  }

  /**
   * Consumes the real bar ending at `nextEnd` (call only when it is the current time and
   * `nextIsFillForward` is false) and returns its row in `chunk` as it was before the call.
   */
  takeRow(): number {
    const c = this.chunk!;
    const i = this.index++;
    this.dataPoints++;
    this.lastRows = c;
    this.lastRow = i;
    this.lastBar = undefined;
    this.lastEnd = this.nextEnd;
    // the common case: the next bar belongs to the run worked out when this one was reached
    if (i + 1 < this.runEnd) this.nextEnd += this.period;
    // else skip to the next bar in session, filling forward up to it
    else this.advance();
    return i;
  }

  /** Emits the fill-forward bar ending at `nextEnd` (call only when `nextIsFillForward`). */
  takeFillForward(): TradeBar | QuoteBar {
    const end = this.nextEnd;
    this.lastBar ??= this.barAt(this.lastRows!, this.lastRow);
    const bar = this.lastBar.fillForward(end - this.period, end);
    this.lastEnd = end;
    this.scheduleNext();
    return bar;
  }

  /** Emits the bar ending at `nextEnd`, real or filled forward. */
  take(): TradeBar | QuoteBar {
    if (this.nextIsFillForward) return this.takeFillForward();
    const c = this.chunk!;
    return this.barAt(c, this.takeRow());
  }

  private barAt(rows: TradeBarChunk | QuoteBarChunk, i: number): TradeBar | QuoteBar {
    return rows.kind === "trade" ? TradeBar.fromRow(this.symbol, rows, i) : QuoteBar.fromRow(this.symbol, rows, i);
  }
}
