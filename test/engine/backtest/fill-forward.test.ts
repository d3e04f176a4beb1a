// Fill-forward and session filtering in the replay loop, on a small LEAN-format data folder with
// gaps: missing minutes inside the session are filled forward from the last bar; nothing is
// emitted outside regular hours; scheduled events fire at their times on days without data.
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { QCAlgorithm, Resolution, runBacktest, type Slice } from "tradeloom";

function writeMinuteDay(dir: string, ticker: string, date: number, minutes: number[], price = 100): void {
  const rows = minutes.map((m, i) => {
    const p = (price + i * 0.01) * 10000;
    return `${m * 60_000},${p},${p + 500},${p - 500},${p},${1000 + i}`;
  });
  const folder = join(dir, "equity", "usa", "minute", ticker);
  mkdirSync(folder, { recursive: true });
  const zip = zipSync({ [`${date}_${ticker}_minute_trade.csv`]: new TextEncoder().encode(rows.join("\n")) });
  writeFileSync(join(folder, `${date}_trade.zip`), zip);
}

/** Quote bars with the same minutes: bid at `price`, ask a cent above. */
function writeQuoteMinuteDay(dir: string, ticker: string, date: number, minutes: number[], price = 100): void {
  const rows = minutes.map((m, i) => {
    const bid = Math.round((price + i * 0.01) * 10000);
    const ask = bid + 100;
    return `${m * 60_000},${bid},${bid},${bid},${bid},${100 + i},${ask},${ask},${ask},${ask},${200 + i}`;
  });
  const folder = join(dir, "equity", "usa", "minute", ticker);
  mkdirSync(folder, { recursive: true });
  const zip = zipSync({ [`${date}_${ticker}_minute_quote.csv`]: new TextEncoder().encode(rows.join("\n")) });
  writeFileSync(join(folder, `${date}_quote.zip`), zip);
}

class Recorder extends QCAlgorithm {
  seen: Array<{ time: string; fillForward: boolean; close: number }> = [];
  fired: string[] = [];
  override initialize(): void {
    this.setStartDate(2024, 3, 8);
    this.setEndDate(2024, 3, 11);
    this.addEquity("TEST", Resolution.Minute);
    this.setBenchmark(() => 1);
    // Saturday and Sunday have no data: events still fire at their own times
    this.schedule.on(this.dateRules.everyDay(), this.timeRules.at(12, 0), () => this.fired.push(this.time.toFormat("ccc HH:mm")));
  }
  override onData(slice: Slice): void {
    const bar = slice.bars.get("TEST");
    if (bar) this.seen.push({ time: this.time.toFormat("yyyy-MM-dd HH:mm"), fillForward: bar.isFillForward, close: bar.close });
    const quote = slice.quoteBars.get("TEST");
    if (quote) this.quotes.push({ time: this.time.toFormat("yyyy-MM-dd HH:mm"), fillForward: quote.isFillForward, bid: quote.bid?.close ?? NaN });
  }
  quotes: Array<{ time: string; fillForward: boolean; bid: number }> = [];
}

describe("replay loop fill-forward", () => {
  const dir = mkdtempSync(join(tmpdir(), "tradeloom-ff-"));
  // Friday 2024-03-08: bars 09:30, 09:31, then nothing until 09:35; also a pre-market row at 08:00
  writeMinuteDay(dir, "test", 20240308, [8 * 60, 9 * 60 + 30, 9 * 60 + 31, 9 * 60 + 35]);
  // Monday 2024-03-11 (after the DST change on Sunday): one bar at 09:30
  writeMinuteDay(dir, "test", 20240311, [9 * 60 + 30], 200);
  // the same minutes as quote bars
  writeQuoteMinuteDay(dir, "test", 20240308, [8 * 60, 9 * 60 + 30, 9 * 60 + 31, 9 * 60 + 35]);
  writeQuoteMinuteDay(dir, "test", 20240311, [9 * 60 + 30], 200);
  const algorithm = new Recorder();
  runBacktest(algorithm, { dataFolder: dir });

  it("drops bars outside regular hours", () => {
    expect(algorithm.seen.some((s) => s.time === "2024-03-08 08:01")).toBe(false);
  });

  it("fills missing minutes forward from the last bar inside the session", () => {
    const friday = algorithm.seen.filter((s) => s.time.startsWith("2024-03-08")).slice(0, 6);
    expect(friday.map((s) => `${s.time.slice(11)} ${s.fillForward ? "ff" : "real"}`)).toEqual([
      "09:31 real",
      "09:32 real",
      "09:33 ff",
      "09:34 ff",
      "09:35 ff",
      "09:36 real",
    ]);
    expect(friday[2].close).toBe(friday[1].close);
  });

  it("keeps filling forward to the close, and across the weekend starts again at Monday's open", () => {
    const friday = algorithm.seen.filter((s) => s.time.startsWith("2024-03-08"));
    expect(friday.at(-1)?.time).toBe("2024-03-08 16:00");
    const monday = algorithm.seen.filter((s) => s.time.startsWith("2024-03-11"));
    expect(monday[0]).toEqual({ time: "2024-03-11 09:31", fillForward: false, close: 200 });
  });

  it("treats quote bars the same way: outside hours dropped, gaps filled forward, filled to the close", () => {
    expect(algorithm.quotes.some((q) => q.time === "2024-03-08 08:01")).toBe(false);
    const friday = algorithm.quotes.filter((q) => q.time.startsWith("2024-03-08"));
    expect(friday.slice(0, 6).map((q) => `${q.time.slice(11)} ${q.fillForward ? "ff" : "real"} ${q.bid}`)).toEqual([
      "09:31 real 100.01",
      "09:32 real 100.02",
      "09:33 ff 100.02",
      "09:34 ff 100.02",
      "09:35 ff 100.02",
      "09:36 real 100.03",
    ]);
    expect(friday.at(-1)?.time).toBe("2024-03-08 16:00");
    const monday = algorithm.quotes.filter((q) => q.time.startsWith("2024-03-11"));
    expect(monday[0]).toEqual({ time: "2024-03-11 09:31", fillForward: false, bid: 200 });
  });

  it("fires scheduled events on days without data, at their own time", () => {
    expect(algorithm.fired).toEqual(["Fri 12:00", "Sat 12:00", "Sun 12:00", "Mon 12:00"]);
  });

  /** Friday's TEST minutes without fill-forward; each subclass records what it sees. */
  abstract class SparseFriday extends QCAlgorithm {
    seen: string[] = [];
    override initialize(): void {
      this.setStartDate(2024, 3, 8);
      this.setEndDate(2024, 3, 8);
      this.addEquity("TEST", Resolution.Minute, "usa", false);
      this.setBenchmark(() => 1);
    }
  }

  it("without fill-forward, emits each bar at its own end time across gaps, with the cache on its values", () => {
    class Sparse extends SparseFriday {
      override onData(slice: Slice): void {
        const bar = slice.bars.get("TEST");
        const security = this.securities.get("TEST");
        if (bar) this.seen.push(`${this.time.toFormat("HH:mm")} ${bar.close} ${security.price} ${security.volume}`);
      }
    }
    const sparse = new Sparse();
    runBacktest(sparse, { dataFolder: dir });
    expect(sparse.seen).toEqual(["09:31 100.01 100.01 1001", "09:32 100.02 100.02 1002", "09:36 100.03 100.03 1003"]);
  });

  it("a security added in onData gets its first bar at that bar's own time, even before every other feed's next bar", () => {
    writeMinuteDay(dir, "late", 20240308, [9 * 60 + 33], 50);
    class Adder extends SparseFriday {
      override onData(slice: Slice): void {
        for (const [symbol, bar] of slice.bars) this.seen.push(`${this.time.toFormat("HH:mm")} ${symbol.value} ${bar.close}`);
        if (this.time.toFormat("HH:mm") === "09:32") this.addEquity("LATE", Resolution.Minute, "usa", false);
      }
    }
    const adder = new Adder();
    runBacktest(adder, { dataFolder: dir });
    expect(adder.seen).toEqual(["09:31 TEST 100.01", "09:32 TEST 100.02", "09:34 LATE 50", "09:36 TEST 100.03"]);
  });
});
