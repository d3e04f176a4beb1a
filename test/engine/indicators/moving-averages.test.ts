import { describe, expect, it } from "vitest";
import {
  DoubleExponentialMovingAverage,
  ExponentialMovingAverage,
  HullMovingAverage,
  LinearWeightedMovingAverage,
  ArnaudLegouxMovingAverage,
  Delay,
  KaufmanAdaptiveMovingAverage,
  McGinleyDynamic,
  MovingAverageType,
  ZeroLagExponentialMovingAverage,
  SimpleMovingAverage,
  T3MovingAverage,
  TriangularMovingAverage,
  TripleExponentialMovingAverage,
  WilderMovingAverage,
  createMovingAverage,
  type Indicator,
} from "../../../src/engine/indicators/index.ts";
import {
  ALMA9,
  DEMA5,
  HMA16,
  KAMA5,
  MGD14,
  SPY_1993_CLOSES,
  SPY_2013_CLOSES,
  TEMA5,
  TRIMA5,
  TRIMA6,
  ZLEMA5,
  DAY,
  feedCloses,
  valuesAtRows,
} from "./lean-test-data.ts";

/** Asserts isReady is false for the first warmUpPeriod-1 samples and true from the warmUpPeriod-th. */
function expectReadyExactlyAtWarmUp(indicator: Indicator, closes: readonly number[]): void {
  feedCloses(indicator, closes, (row) => {
    expect(indicator.isReady, `${indicator.name} at sample ${row}`).toBe(row >= indicator.warmUpPeriod);
  });
}

describe("WilderMovingAverage", () => {
  it("averages the values so far, then smooths with 1/period", () => {
    const w = new WilderMovingAverage(3);
    expect(w.name).toBe("WWMA3");
    w.update(1, 3);
    expect(w.current.value).toBe(3);
    w.update(2, 6);
    expect(w.current.value).toBe(4.5);
    expect(w.isReady).toBe(false);
    w.update(3, 9);
    expect(w.isReady).toBe(true);
    expect(w.current.value).toBeCloseTo(6, 12); // the SMA of the first 3
    w.update(4, 12);
    expect(w.current.value).toBeCloseTo(12 / 3 + 6 * (2 / 3), 12);
  });
});

describe("LinearWeightedMovingAverage", () => {
  it("weights the newest value by period and the oldest by 1 (LEAN's test values 77, 79, 79, 81, 83)", () => {
    const lwma = new LinearWeightedMovingAverage(5);
    feedCloses(lwma, [77, 79, 79, 81, 83]);
    expect(lwma.current.value).toBeCloseTo((1 * 77 + 2 * 79 + 3 * 79 + 4 * 81 + 5 * 83) / 15, 12);
  });

  it("is 0 until ready, then slides in O(1) and stays exact", () => {
    const lwma = new LinearWeightedMovingAverage(3);
    lwma.update(1, 10);
    lwma.update(2, 20);
    expect(lwma.current.value).toBe(0);
    const values = [10, 20, 30, 5, 7, 100, -3, 8];
    for (let i = 2; i < values.length; i++) {
      lwma.update(i + 1, values[i]);
      const expected = (values[i] * 3 + values[i - 1] * 2 + values[i - 2]) / 6;
      expect(lwma.current.value).toBeCloseTo(expected, 12);
    }
  });

  it("stays exact at every step after an outlier leaves the window", () => {
    const lwma = new LinearWeightedMovingAverage(8);
    const last: number[] = [];
    let x = 1;
    for (let i = 0; i < 3000; i++) {
      x = (x * 16807) % 2147483647;
      const v = i % 500 === 7 ? 1e9 : 1 + (x % 1000) / 1000;
      lwma.update(i, v);
      last.unshift(v);
      if (last.length > 8) last.pop();
      if (last.length < 8) continue;
      const exact = last.reduce((a, b, j) => a + (8 - j) * b, 0) / 36;
      expect(Math.abs(lwma.current.value - exact) / exact, `step ${i}`).toBeLessThan(1e-9);
    }
  });

  it("is ready exactly at its warm-up period", () => {
    expectReadyExactlyAtWarmUp(new LinearWeightedMovingAverage(6), SPY_2013_CLOSES);
  });
});

describe("DoubleExponentialMovingAverage", () => {
  it("reproduces LEAN's DEMA_5 on spy_dema.txt", () => {
    const dema = new DoubleExponentialMovingAverage(5);
    const values = valuesAtRows(dema, SPY_1993_CLOSES, () => dema.current.value);
    for (const [row, expected] of DEMA5) expect(values.get(row)).toBeCloseTo(expected, 9);
  });

  it("is ready at 2·(period-1)+1 samples", () => {
    const dema = new DoubleExponentialMovingAverage(5);
    expect(dema.warmUpPeriod).toBe(9);
    expectReadyExactlyAtWarmUp(dema, SPY_1993_CLOSES);
  });
});

describe("TripleExponentialMovingAverage", () => {
  it("reproduces LEAN's TEMA_5 on spy_tema.txt", () => {
    const tema = new TripleExponentialMovingAverage(5);
    const values = valuesAtRows(tema, SPY_1993_CLOSES, () => tema.current.value);
    for (const [row, expected] of TEMA5) expect(values.get(row)).toBeCloseTo(expected, 9);
  });

  it("is 0 until ready at 3·(period-1)+1 samples", () => {
    const tema = new TripleExponentialMovingAverage(5);
    expect(tema.warmUpPeriod).toBe(13);
    feedCloses(tema, SPY_1993_CLOSES.slice(0, 12));
    expect(tema.current.value).toBe(0);
    tema.reset();
    expectReadyExactlyAtWarmUp(tema, SPY_1993_CLOSES);
  });
});

describe("TriangularMovingAverage", () => {
  it("reproduces LEAN's TRIMA_5 and TRIMA_6 on spy_trima.txt (odd and even periods)", () => {
    const t5 = new TriangularMovingAverage(5);
    const v5 = valuesAtRows(t5, SPY_2013_CLOSES, () => t5.current.value);
    for (const [row, expected] of TRIMA5) expect(v5.get(row)).toBeCloseTo(expected, 9);
    const t6 = new TriangularMovingAverage(6);
    const v6 = valuesAtRows(t6, SPY_2013_CLOSES, () => t6.current.value);
    for (const [row, expected] of TRIMA6) expect(v6.get(row)).toBeCloseTo(expected, 9);
  });

  it("is ready exactly at its period", () => {
    expectReadyExactlyAtWarmUp(new TriangularMovingAverage(6), SPY_2013_CLOSES);
  });
});

describe("HullMovingAverage", () => {
  it("reproduces LEAN's HMA_16 on spy_hma.txt", () => {
    const hma = new HullMovingAverage(16);
    const values = valuesAtRows(hma, SPY_2013_CLOSES, () => hma.current.value);
    for (const [row, expected] of HMA16) expect(values.get(row)).toBeCloseTo(expected, 6);
  });

  it("is ready at period + round(√period) - 1 and rejects a period below 2", () => {
    const hma = new HullMovingAverage(16);
    expect(hma.warmUpPeriod).toBe(19);
    expectReadyExactlyAtWarmUp(hma, SPY_2013_CLOSES);
    expect(() => new HullMovingAverage(1)).toThrow(/>= 2/);
  });

  it("rounds the half period as C# does (5/2 = 2.5 → 2, 7/2 = 3.5 → 4)", () => {
    // HMA(5): fast LWMA(2), slow LWMA(5), hull LWMA(2) → warm-up 6; with JS rounding fast would be LWMA(3)
    const closes = [1, 2, 4, 8, 16, 32, 64];
    const hma = new HullMovingAverage(5);
    feedCloses(hma, closes);
    const lwma = (xs: number[]) => xs.reduce((a, x, i) => a + (i + 1) * x, 0) / ((xs.length * (xs.length + 1)) / 2);
    const raw = (end: number) => 2 * lwma(closes.slice(end - 2, end)) - lwma(closes.slice(end - 5, end));
    expect(hma.current.value).toBeCloseTo(lwma([raw(6), raw(7)]), 10);
  });
});

describe("T3MovingAverage", () => {
  it("is named T3(period,0.7) and ready at 6·(period-1)+1 samples", () => {
    const t3 = new T3MovingAverage(3);
    expect(t3.name).toBe("T3(3,0.7)");
    expect(t3.warmUpPeriod).toBe(13);
    expectReadyExactlyAtWarmUp(t3, SPY_2013_CLOSES);
  });

  it("tracks a constant series exactly", () => {
    const t3 = new T3MovingAverage(3);
    feedCloses(t3, new Array(20).fill(42));
    expect(t3.current.value).toBeCloseTo(42, 10);
  });
});

describe("KaufmanAdaptiveMovingAverage", () => {
  it("reproduces LEAN's KAMA_5 on spy_kama.txt", () => {
    const kama = new KaufmanAdaptiveMovingAverage(5);
    expect(kama.name).toBe("KAMA(5,2,30)");
    const values = valuesAtRows(kama, SPY_2013_CLOSES, () => kama.current.value);
    for (const [row, expected] of KAMA5) expect(values.get(row)).toBeCloseTo(expected, 9);
  });

  it("passes the input through until ready at period + 1, and is 1-efficient on a straight line", () => {
    const kama = new KaufmanAdaptiveMovingAverage(3);
    expect(kama.warmUpPeriod).toBe(4);
    feedCloses(kama, [10, 11, 12], (row) => {
      expect(kama.isReady).toBe(false);
      expect(kama.current.value).toBe([10, 11, 12][row - 1]);
    });
    kama.update(4 * DAY, 13);
    expect(kama.isReady).toBe(true);
    expect(kama.efficiencyRatio).toBe(1);
    // starts from the previous input, 12, with the fastest factor (2/3)²
    expect(kama.current.value).toBeCloseTo(12 + (13 - 12) * (2 / 3) ** 2, 12);
  });
});

describe("ArnaudLegouxMovingAverage", () => {
  it("reproduces LEAN's ALMA(9, 6) on spy_alma.txt", () => {
    const alma = new ArnaudLegouxMovingAverage(9, { sigma: 6 });
    expect(alma.name).toBe("ALMA(9,6,0.85)");
    const values = valuesAtRows(alma, SPY_2013_CLOSES, () => alma.current.value);
    for (const [row, expected] of ALMA9) expect(values.get(row)).toBeCloseTo(expected, 6);
  });

  it("passes the input through until ready and rejects an offset outside [0, 1]", () => {
    const alma = new ArnaudLegouxMovingAverage(4);
    expectReadyExactlyAtWarmUp(alma, SPY_2013_CLOSES.slice(0, 3));
    expect(alma.current.value).toBe(SPY_2013_CLOSES[2]);
    expect(() => new ArnaudLegouxMovingAverage(4, { offset: 1.5 })).toThrow(/offset must be in \[0, 1\], got 1.5/);
  });
});

describe("ZeroLagExponentialMovingAverage", () => {
  it("reproduces LEAN's ZLEMA5 on spy_with_zlema.csv", () => {
    const zlema = new ZeroLagExponentialMovingAverage(5);
    const values = valuesAtRows(zlema, SPY_2013_CLOSES, () => zlema.current.value);
    for (const [row, expected] of ZLEMA5) expect(values.get(row)).toBeCloseTo(expected, 9);
  });

  it("is ready exactly at lag + period samples (lag = round((n-1)/2), halves to even) and needs n >= 3", () => {
    for (const [period, warmUp] of [[3, 4], [5, 7], [6, 8], [10, 14]]) {
      const zlema = new ZeroLagExponentialMovingAverage(period);
      expect(zlema.warmUpPeriod).toBe(warmUp);
      expectReadyExactlyAtWarmUp(zlema, SPY_2013_CLOSES);
    }
    expect(() => new ZeroLagExponentialMovingAverage(2)).toThrow(/>= 3/);
  });
});

describe("McGinleyDynamic", () => {
  it("reproduces LEAN's McGinleyDynamic14 on spy_with_McGinleyDynamic.csv", () => {
    const mgd = new McGinleyDynamic(14);
    expect(mgd.name).toBe("MGD(14)");
    const values = valuesAtRows(mgd, SPY_2013_CLOSES, () => mgd.current.value);
    for (const [row, expected] of MGD14) expect(values.get(row)).toBeCloseTo(expected, 9);
    expect(values.get(13)).toBe(0);
  });

  it("keeps its value on a zero input", () => {
    const mgd = new McGinleyDynamic(2);
    feedCloses(mgd, [10, 20, 0]);
    expect(mgd.current.value).toBe(15);
  });
});

describe("Delay", () => {
  it("gives the input from period samples ago, the first input until then", () => {
    const delay = new Delay(2);
    expect(delay.name).toBe("DELAY(2)");
    const seen: number[] = [];
    feedCloses(delay, [1, 2, 3, 4, 5], () => seen.push(delay.current.value));
    expect(seen).toEqual([1, 1, 1, 2, 3]);
    expect(delay.warmUpPeriod).toBe(3);
    delay.reset();
    expectReadyExactlyAtWarmUp(delay, [1, 2, 3, 4]);
  });
});

describe("createMovingAverage", () => {
  it("builds every LEAN type with LEAN's default names", () => {
    const cases: Array<[MovingAverageType, string, new (...a: never[]) => Indicator]> = [
      [MovingAverageType.Simple, "SMA(4)", SimpleMovingAverage],
      [MovingAverageType.Exponential, "EMA(4)", ExponentialMovingAverage],
      [MovingAverageType.Wilders, "WWMA4", WilderMovingAverage],
      [MovingAverageType.LinearWeightedMovingAverage, "LWMA(4)", LinearWeightedMovingAverage],
      [MovingAverageType.DoubleExponential, "DEMA(4)", DoubleExponentialMovingAverage],
      [MovingAverageType.TripleExponential, "TEMA(4)", TripleExponentialMovingAverage],
      [MovingAverageType.Triangular, "TRIMA(4)", TriangularMovingAverage],
      [MovingAverageType.T3, "T3(4,0.7)", T3MovingAverage],
      [MovingAverageType.Kama, "KAMA(4,2,30)", KaufmanAdaptiveMovingAverage],
      [MovingAverageType.Hull, "HMA(4)", HullMovingAverage],
      [MovingAverageType.Alma, "ALMA(4,6,0.85)", ArnaudLegouxMovingAverage],
      [MovingAverageType.Zlema, "ZLEMA(4)", ZeroLagExponentialMovingAverage],
      [MovingAverageType.MGD, "MGD(4)", McGinleyDynamic],
    ];
    expect(cases.map(([type]) => type).sort()).toEqual(Object.values(MovingAverageType).sort());
    for (const [type, name, cls] of cases) {
      const ma = createMovingAverage(type, 4);
      expect(ma).toBeInstanceOf(cls);
      expect(ma.name).toBe(name);
      expect(createMovingAverage(type, 4, "custom").name).toBe("custom");
    }
  });

  it("rejects an unknown type", () => {
    expect(() => createMovingAverage("Median" as MovingAverageType, 4)).toThrow(/unknown moving average type: Median/);
  });
});
