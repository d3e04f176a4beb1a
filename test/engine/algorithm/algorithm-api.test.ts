// The algorithm API end to end on LEAN's SPY minute data: indicators registered by the helpers are
// updated automatically, warm-up, end-of-day events, order events and LEAN's order statuses.
import { describe, expect, it } from "vitest";
import {
  QCAlgorithm,
  Resolution,
  OrderStatus,
  MovingAverageType,
  type OrderEvent,
  type Slice,
  type SimpleMovingAverage,
  type MovingAverageConvergenceDivergence,
  type BollingerBands,
  type AverageTrueRange,
  type Symbol,
  runBacktest,
} from "tradeloom";
import { leanDataFolder } from "../../lean-parity/lean-data.ts";

class IndicatorProbe extends QCAlgorithm {
  spy!: Symbol;
  fastSma!: SimpleMovingAverage;
  dailySma!: SimpleMovingAverage;
  macdInd!: MovingAverageConvergenceDivergence;
  bands!: BollingerBands;
  range!: AverageTrueRange;
  closes: number[] = [];
  smaSeen: Array<[number, number]> = [];
  endOfDay: string[] = [];
  events: OrderEvent[] = [];

  override initialize(): void {
    this.setStartDate(2013, 10, 7);
    this.setEndDate(2013, 10, 11);
    this.spy = this.addEquity("SPY", Resolution.Minute).symbol;
    this.fastSma = this.sma(this.spy, 10);
    this.dailySma = this.sma(this.spy, 2, Resolution.Daily);
    this.macdInd = this.macd(this.spy, 12, 26, 9, MovingAverageType.Exponential);
    this.bands = this.bb(this.spy, 20, 2);
    this.range = this.atr(this.spy, 14);
  }

  override onData(slice: Slice): void {
    const bar = slice.bars.get("SPY");
    if (!bar) return;
    this.closes.push(bar.close);
    if (this.fastSma.isReady) this.smaSeen.push([this.closes.length, this.fastSma.current.value]);
    if (this.closes.length === 100) this.limitOrder(this.spy, 10, bar.close * 0.5, "far below");
  }

  override onEndOfDay(symbol: Symbol): void {
    this.endOfDay.push(`${symbol.value} ${this.time.toFormat("yyyy-MM-dd HH:mm")}`);
  }

  override onOrderEvent(e: OrderEvent): void {
    this.events.push(e);
  }
}

describe("algorithm API on LEAN's SPY minute data", () => {
  const algorithm = new IndicatorProbe();
  const result = runBacktest(algorithm, { dataFolder: leanDataFolder });

  it("updates a registered SMA with every bar before onData sees it", () => {
    expect(algorithm.smaSeen.length).toBeGreaterThan(1000);
    for (const [n, value] of algorithm.smaSeen.slice(0, 50)) {
      const window = algorithm.closes.slice(n - 10, n);
      expect(value).toBeCloseTo(window.reduce((a, b) => a + b, 0) / 10, 9);
    }
    expect(algorithm.fastSma.name).toBe("SMA(10,SPY_min)");
  });

  it("consolidates minute bars into daily bars for a daily SMA", () => {
    // five trading days: the daily SMA(2) has seen at least four completed days
    expect(algorithm.dailySma.samples).toBeGreaterThanOrEqual(4);
    expect(algorithm.dailySma.isReady).toBe(true);
    expect(algorithm.dailySma.name).toBe("SMA(2,SPY_day)");
  });

  it("exposes the parts LEAN names, each an indicator", () => {
    expect(algorithm.macdInd.isReady).toBe(true);
    expect(algorithm.macdInd.histogram.current.value).toBeCloseTo(algorithm.macdInd.current.value - algorithm.macdInd.signal.current.value, 12);
    expect(algorithm.bands.upperBand.current.value).toBeGreaterThan(algorithm.bands.lowerBand.current.value);
    expect(algorithm.range.current.value).toBeGreaterThan(0);
  });

  it("fires onEndOfDay ten minutes before each close", () => {
    expect(algorithm.endOfDay).toEqual(["SPY 2013-10-07 15:50", "SPY 2013-10-08 15:50", "SPY 2013-10-09 15:50", "SPY 2013-10-10 15:50", "SPY 2013-10-11 15:50"]);
  });

  it("reports order events with LEAN's statuses; an unfilled limit stays Submitted", () => {
    expect(algorithm.events.map((e) => OrderStatus[e.status])).toEqual(["Submitted"]);
    expect(algorithm.transactions.getOpenOrders()).toHaveLength(1);
    expect(result.statistics["Total Orders"]).toBe("1");
  });
});

class WarmUpProbe extends QCAlgorithm {
  slow!: SimpleMovingAverage;
  readyAtStart = false;
  warmingUpSeen = false;
  ticketStatus: OrderStatus | undefined;
  override initialize(): void {
    this.setStartDate(2013, 10, 8);
    this.setEndDate(2013, 10, 9);
    const spy = this.addEquity("SPY", Resolution.Minute).symbol;
    this.slow = this.sma(spy, 30);
    this.setWarmUp(30);
  }
  override onData(): void {
    if (this.isWarmingUp) {
      this.warmingUpSeen = true;
      this.ticketStatus ??= this.marketOrder("SPY", 1).status;
    }
  }
  override onWarmupFinished(): void {
    this.readyAtStart = this.slow.isReady;
  }
}

describe("warm-up", () => {
  it("feeds data before the start so indicators are ready, and refuses orders while warming up", () => {
    const algorithm = new WarmUpProbe();
    const result = runBacktest(algorithm, { dataFolder: leanDataFolder });
    expect(algorithm.warmingUpSeen).toBe(true);
    expect(algorithm.readyAtStart).toBe(true);
    expect(algorithm.ticketStatus).toBe(OrderStatus.Invalid);
    expect(result.statistics["Total Orders"]).toBe("1");
    expect(result.statistics["Total Fees"]).toBe("$0.00");
  });
});
