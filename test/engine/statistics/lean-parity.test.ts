/**
 * End-to-end parity with LEAN's published regression statistics: the runs of BasicTemplateDailyAlgorithm and
 * BasicTemplateAlgorithm are rebuilt from the SPY files (the trades are LEAN's: quantities and fill prices from
 * its order logs / lean-behaviour.md), driven through StatisticsSampler exactly as the engine must drive it,
 * and the summary must equal LEAN's `ExpectedStatistics` (capacity lines excepted: no capacity model).
 */
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { NetDecimal } from "../../../src/engine/statistics/net-decimal.ts";
import { StatisticsSampler } from "../../../src/engine/statistics/sampler.ts";
import { computeStatistics } from "../../../src/engine/statistics/statistics-builder.ts";
import { LEAN_EXPECTED_STATISTICS } from "../../lean-parity/expected-statistics.ts";
import {
  factorFor,
  interestRateProvider,
  leanPrice,
  readDailyBars,
  readFactorFile,
  readHourBars,
  readMinuteQuotes,
  readMinuteTrades,
} from "./lean-data.ts";

const ZONE = "America/New_York";

function withoutCapacity(expected: Record<string, string>): [string, string][] {
  return Object.entries(expected).filter(([key]) => key !== "Estimated Strategy Capacity" && key !== "Lowest Capacity Asset");
}

/** Drives the sampler through a list of time slices the way LEAN's AlgorithmManager does. */
class Run {
  readonly sampler: StatisticsSampler;
  private readonly midnights: number[];
  private nextMidnight = 0;
  cash: NetDecimal;
  quantity = NetDecimal.ZERO;
  price = NetDecimal.ZERO;
  fees = NetDecimal.ZERO;
  lastTime = 0;

  constructor(startDate: string, endDate: string, cash: number) {
    this.sampler = new StatisticsSampler({ startingCapital: cash, startDate, endDate, timeZone: ZONE });
    this.midnights = this.sampler.dailySampleTimes();
    this.cash = NetDecimal.fromInteger(cash);
  }

  get tpv(): NetDecimal {
    return this.quantity.isZero() ? this.cash : this.cash.add(this.quantity.multiply(this.price));
  }

  /** One time slice: pending midnights (old prices), new prices, fills, end-of-slice equity sample. */
  slice(time: number, price: NetDecimal, fills: () => void): void {
    while (this.nextMidnight < this.midnights.length && this.midnights[this.nextMidnight] < time) {
      this.sampler.sampleDaily(this.midnights[this.nextMidnight], this.tpv, this.price);
      this.nextMidnight++;
    }
    this.price = price;
    fills();
    this.sampler.sampleEquity(time, this.tpv);
    this.lastTime = time;
  }

  buy(quantity: number, fillPrice: NetDecimal): void {
    const q = NetDecimal.fromInteger(quantity);
    // IB equity fee: 0.005/share, $1 minimum
    const fee = NetDecimal.parse("0.005").multiply(q);
    const feePaid = fee.compare(NetDecimal.ONE) < 0 ? NetDecimal.ONE : fee;
    this.cash = this.cash.subtract(q.multiply(fillPrice)).subtract(feePaid);
    this.fees = this.fees.add(feePaid);
    this.quantity = this.quantity.add(q);
    this.sampler.recordSale(q.multiply(fillPrice));
  }

  /** Ends the run and computes LEAN's summary statistics (each algorithm here places one order and closes no trade). */
  summary(): ReturnType<typeof computeStatistics> {
    this.sampler.final(this.lastTime, this.tpv, this.price);
    return computeStatistics({
      ...this.sampler.series(),
      startingCapital: this.sampler.startingCapital,
      totalFees: this.fees,
      totalOrders: 1,
      trades: [],
      riskFreeRate: interestRateProvider(),
    });
  }
}

describe("LEAN parity: BasicTemplateDailyAlgorithm (SPY daily, 2013-10-08..2013-10-17, SetHoldings(SPY, 1))", () => {
  const expected = LEAN_EXPECTED_STATISTICS.BasicTemplateDailyAlgorithm;

  it("reproduces every published statistic but capacity, in LEAN's order", () => {
    const factors = readFactorFile("spy");
    const bars = readDailyBars("spy").filter((bar) => bar.date >= "20131008" && bar.date <= "20131017");
    const run = new Run("2013-10-08", "2013-10-17", 100000);
    let pendingMarketOnOpen = 0;
    for (const bar of bars) {
      const factor = factorFor(factors, bar.date);
      // daily bars end at 16:00 New York (DailyPreciseEndTime)
      const time = DateTime.fromFormat(`${bar.date} 16:00`, "yyyyMMdd HH:mm", { zone: ZONE }).toMillis();
      run.slice(time, leanPrice(bar.close, factor), () => {
        if (pendingMarketOnOpen > 0) {
          // the MarketOnOpen order placed at yesterday's 16:00 fills at today's open
          run.buy(pendingMarketOnOpen, leanPrice(bar.open, factor));
          pendingMarketOnOpen = 0;
        }
        if (run.quantity.isZero() && run.fees.isZero()) pendingMarketOnOpen = 697; // SetHoldings(SPY, 1) → MOO 697
      });
    }
    expect([...run.summary().entries()]).toEqual(withoutCapacity(expected));
  });
});

describe("LEAN parity: BasicTemplateAlgorithm (SPY minute, 2013-10-07..2013-10-11, SetHoldings(SPY, 1))", () => {
  const expected = LEAN_EXPECTED_STATISTICS.BasicTemplateAlgorithm;

  it("reproduces every published statistic but capacity, including the 4-minute equity samples behind Drawdown", () => {
    const factors = readFactorFile("spy");
    const run = new Run("2013-10-07", "2013-10-11", 100000);
    const open = 9.5 * 3_600_000;
    const close = 16 * 3_600_000;
    for (const day of ["20131007", "20131008", "20131009", "20131010", "20131011"]) {
      const factor = factorFor(factors, day);
      const midnight = DateTime.fromFormat(day, "yyyyMMdd", { zone: ZONE });
      const trades = new Map(readMinuteTrades("spy", day).map((row) => [row.start, row]));
      const quotes = new Map(readMinuteQuotes("spy", day).map((row) => [row.start, row]));
      // regular-hours minute slices 09:31..16:00 (bar end times), prices filled forward
      for (let start = open; start < close; start += 60_000) {
        const time = midnight.plus({ milliseconds: start + 60_000 }).toMillis();
        const bar = trades.get(start);
        const price = bar ? leanPrice(bar.close, factor) : run.price;
        run.slice(time, price, () => {
          if (run.quantity.isZero()) {
            // SetHoldings(SPY, 1) in the first OnData: market order for 688, filled at the quote bar's ask close
            const quote = quotes.get(start);
            if (!quote) throw new Error(`no quote bar at ${day} ${start}`);
            run.buy(688, leanPrice(quote.askClose, factor));
          }
        });
      }
    }
    expect([...run.summary().entries()]).toEqual(withoutCapacity(expected));
  });
});

describe("LEAN parity: StopMarketOrderRegressionAlgorithm (SPY hour, 2021-03-01..2021-03-03, one share)", () => {
  const expected = LEAN_EXPECTED_STATISTICS.StopMarketOrderRegressionAlgorithm;

  it('reproduces the tiny-drawdown and zero-deviation prints ("0.000%", "0%", "0")', () => {
    const factors = readFactorFile("spy");
    const bars = readHourBars("spy").filter((bar) => bar.date >= "20210301" && bar.date <= "20210303");
    const run = new Run("2021-03-01", "2021-03-03", 100000);
    for (const bar of bars) {
      const factor = factorFor(factors, bar.date);
      // hour bars end an hour after their start; the 09:00 bar is the 09:30-10:00 bar
      const time = DateTime.fromFormat(`${bar.date} ${bar.hour + 1}`, "yyyyMMdd H", { zone: ZONE }).toMillis();
      run.slice(time, leanPrice(bar.close, factor), () => {
        // the stop-market buy placed at noon (stop = price - 2) triggers on the 12:00-13:00 bar and fills at its open
        if (bar.date === "20210301" && bar.hour === 12) run.buy(1, leanPrice(bar.open, factor));
      });
    }
    expect([...run.summary().entries()]).toEqual(withoutCapacity(expected));
  });
});
