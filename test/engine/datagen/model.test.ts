import { describe, expect, it } from "vitest";
import {
  DEFAULT_MARKET_MODEL,
  DEFAULT_SURFACE,
  Random,
  atmVolatility,
  bsmGreeks,
  bsmPrice,
  expiriesBetween,
  impliedVolatility,
  normCdf,
  quoteFor,
  simulateMarket,
  tradingSessions,
  usEquityExchangeHours,
} from "../../../src/engine/datagen/index.ts";
import { dayNumberFromDateKey } from "../../../src/engine/time/index.ts";

describe("Random", () => {
  it("repeats its sequence for a seed and differs across seeds and streams", () => {
    const a = new Random(42);
    const b = new Random(42);
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => new Random(43).nextUint32())).not.toEqual(seqA);
    expect(Random.stream(42, "equity").nextUint32()).not.toBe(Random.stream(42, "options").nextUint32());
  });

  it("draws uniforms in [0,1) and standard normals with the right first moments", () => {
    const r = new Random(1);
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      min = Math.min(min, u);
      max = Math.max(max, u);
      const z = r.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.02);
    let p = 0;
    for (let i = 0; i < 20_000; i++) p += r.poisson(3.5);
    expect(p / 20_000).toBeCloseTo(3.5, 1);
  });
});

describe("Black-Scholes", () => {
  it("matches textbook values (Hull: S=K=100, T=1, r=5%, vol 20%: call 10.4506, put 5.5735) and N(x)", () => {
    expect(normCdf(0)).toBe(0.5);
    expect(normCdf(1)).toBeCloseTo(0.8413447460685429, 13);
    expect(normCdf(-2)).toBeCloseTo(0.022750131948179195, 13);
    expect(bsmPrice(true, 100, 100, 1, 0.05, 0.2)).toBeCloseTo(10.4506, 4);
    expect(bsmPrice(false, 100, 100, 1, 0.05, 0.2)).toBeCloseTo(5.5735, 4);
    const g = bsmGreeks(true, 100, 100, 1, 0.05, 0.2, { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 });
    expect(g.delta).toBeCloseTo(0.636831, 5);
    expect(g.gamma).toBeCloseTo(0.018762, 5);
    expect(g.vega).toBeCloseTo(37.524, 3);
    // finite-difference checks of the Greeks
    const h = 1e-4;
    expect((bsmPrice(true, 100, 100, 1, 0.05, 0.2 + h) - bsmPrice(true, 100, 100, 1, 0.05, 0.2 - h)) / (2 * h)).toBeCloseTo(g.vega, 3);
    expect(-(bsmPrice(true, 100, 100, 1 + h, 0.05, 0.2) - bsmPrice(true, 100, 100, 1 - h, 0.05, 0.2)) / (2 * h)).toBeCloseTo(g.theta, 3);
    expect((bsmPrice(true, 100, 100, 1, 0.05 + h, 0.2) - bsmPrice(true, 100, 100, 1, 0.05 - h, 0.2)) / (2 * h)).toBeCloseTo(g.rho, 3);
  });
});

describe("volatility surface", () => {
  it("has an ATM term structure from current toward long-run variance, scaled by the risk premium", () => {
    const low = 0.01;
    const high = 0.09;
    expect(atmVolatility(low, 1 / 365)).toBeCloseTo(1.1 * Math.sqrt(low) + 0.005, 2);
    expect(atmVolatility(low, 0.5)).toBeGreaterThan(atmVolatility(low, 0.05));
    expect(atmVolatility(high, 0.5)).toBeLessThan(atmVolatility(high, 0.05));
    expect(atmVolatility(low, 50)).toBeCloseTo(1.1 * Math.sqrt(DEFAULT_SURFACE.theta) + 0.005, 2);
  });

  it("has a put skew, steeper in strike for short expiries, and stays within its bounds", () => {
    const v = 0.02;
    for (const years of [7 / 365, 30 / 365, 90 / 365]) {
      expect(impliedVolatility(100, 95, years, 0.045, v)).toBeGreaterThan(impliedVolatility(100, 100, years, 0.045, v));
      expect(impliedVolatility(100, 100, years, 0.045, v)).toBeGreaterThan(impliedVolatility(100, 104, years, 0.045, v));
      for (let k = 50; k <= 150; k += 5) {
        const ratio = impliedVolatility(100, k, years, 0.045, v) / atmVolatility(v, years);
        expect(ratio).toBeGreaterThanOrEqual(DEFAULT_SURFACE.minRatio - 1e-12);
        expect(ratio).toBeLessThanOrEqual(DEFAULT_SURFACE.maxRatio + 1e-12);
      }
    }
    const slope = (years: number) => impliedVolatility(100, 97, years, 0.045, v) - impliedVolatility(100, 100, years, 0.045, v);
    expect(slope(7 / 365)).toBeGreaterThan(slope(90 / 365));
  });
});

describe("option quotes", () => {
  it("round bid down and ask up around the model price, never crossing, never below intrinsic", () => {
    const q = { bid: 0, ask: 0 };
    for (const [theo, intrinsic] of [
      [2.345, 0],
      [0.004, 0],
      [10.02, 10.0],
      [0.5, 0],
      [25.0, 24.99],
    ]) {
      quoteFor(theo, intrinsic, 1, 30 / 365, q);
      expect(q.ask).toBeGreaterThan(q.bid);
      expect(q.ask / 100).toBeGreaterThanOrEqual(theo);
      if (q.bid > 0) expect(q.bid / 100).toBeLessThanOrEqual(Math.max(theo, Math.floor(intrinsic * 100) / 100));
      expect(q.bid).toBeGreaterThanOrEqual(Math.floor(intrinsic * 100 + 1e-7));
      expect(Math.abs((q.bid + q.ask) / 200 - theo)).toBeLessThanOrEqual((intrinsic > 0 ? 0.05 : 0.005) + 1e-9);
    }
    quoteFor(0.001, 0, 0, 30 / 365, q);
    expect(q.bid).toBe(0); // no bid on a worthless option
    expect(q.ask).toBe(1);
  });
});

describe("market model and calendar", () => {
  it("skips holidays and the 2025-01-09 closure, and marks the 13:00 early close of 2025-07-03", () => {
    const sessions = tradingSessions(20250101, 20250710);
    const dates = new Set(sessions.map((s) => s.date));
    for (const closed of [20250101, 20250109, 20250120, 20250217, 20250418, 20250526, 20250619, 20250704]) expect(dates.has(closed)).toBe(false);
    const byDate = new Map(sessions.map((s) => [s.date, s]));
    expect(byDate.get(20250703)!.minutes).toBe(210);
    expect(byDate.get(20250702)!.minutes).toBe(390);
    expect(byDate.get(20250307)!.openEpoch).toBe(Date.UTC(2025, 2, 7, 14, 30));
    expect(byDate.get(20250310)!.openEpoch).toBe(Date.UTC(2025, 2, 10, 13, 30));
    // 137 weekdays from Jan 1 to Jul 10, less 8 closures (7 holidays and the Jan 9 national day of mourning)
    expect(sessions.length).toBe(129);
  });

  it("moves a holiday Friday's expiry to Thursday and marks third Fridays monthly", () => {
    const expiries = expiriesBetween(dayNumberFromDateKey(20250401), dayNumberFromDateKey(20250430), usEquityExchangeHours());
    expect(expiries.map((e) => [e.date, e.monthly])).toEqual([
      [20250404, false],
      [20250411, false],
      [20250417, true],
      [20250425, false],
    ]);
  });

  it("simulates realistic paths: daily vol near the model's, fat tails, volatility clustering, positive prices", () => {
    const sessions = tradingSessions(20150101, 20241231);
    const days = simulateMarket(sessions, 11);
    const returns: number[] = [];
    for (let d = 1; d < days.length; d++) returns.push(Math.log(days[d].close[days[d].session.minutes - 1] / days[d - 1].close[days[d - 1].session.minutes - 1]));
    const n = returns.length;
    const mean = returns.reduce((s, x) => s + x, 0) / n;
    const variance = returns.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    const annualVol = Math.sqrt(variance * 252);
    expect(annualVol).toBeGreaterThan(0.12);
    expect(annualVol).toBeLessThan(0.26);
    const kurtosis = returns.reduce((s, x) => s + (x - mean) ** 4, 0) / n / variance ** 2;
    expect(kurtosis).toBeGreaterThan(3.5); // fatter tails than a normal (3)
    // Clustering: absolute returns are autocorrelated.
    const abs = returns.map(Math.abs);
    const am = abs.reduce((s, x) => s + x, 0) / n;
    let cov = 0;
    let v = 0;
    for (let i = 1; i < n; i++) cov += (abs[i] - am) * (abs[i - 1] - am);
    for (let i = 0; i < n; i++) v += (abs[i] - am) ** 2;
    expect(cov / v).toBeGreaterThan(0.1);
    let lowest = Infinity;
    for (const day of days) for (let i = 0; i < day.session.minutes; i++) lowest = Math.min(lowest, day.low[i]);
    expect(lowest).toBeGreaterThan(0);
    expect(DEFAULT_MARKET_MODEL.rho).toBeLessThan(0);
  });
});
