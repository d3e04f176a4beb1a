/**
 * A few rows from LEAN's indicator test data (QuantConnect/Lean, Tests/TestData/), enough input
 * to warm each indicator up and a handful of expected values each. Row numbers are 1-based data
 * rows of the named file. Only these values were taken; the files themselves are not copied.
 */
import type { BarLike } from "../../../src/engine/indicators/index.ts";

/** One day in ms: the fixtures are daily bars. */
export const DAY = 86_400_000;

/** spy_with_indicators.txt, Close column, rows 1–40 (values are Dow-level, ~13,000). */
export const INDICATORS_CLOSES = [
  13390.51, 13471.22, 13488.43, 13507.32, 13534.89, 13511.23, 13596.02, 13649.7, 13712.21, 13779.33, 13825.33, 13895.98,
  13881.93, 13954.42, 13910.42, 13860.58, 14009.79, 13880.08, 13979.3, 13986.52, 13944.05, 13992.97, 13971.24, 14018.7,
  13982.91, 13973.39, 13981.76, 14035.67, 13927.54, 13880.62, 14000.57, 13784.17, 13900.13, 14075.37, 14054.49, 14089.66,
  14127.82, 14253.77, 14296.24, 14329.49,
];
/** spy_with_indicators.txt, column SMA14 (LEAN's test tolerance 1e-2: the file is rounded to 2 decimals). */
export const INDICATORS_SMA14: Array<[row: number, expected: number]> = [
  [14, 13657.04], [15, 13694.17], [20, 13851.54], [30, 13968.9], [40, 14052.66],
];
/** spy_with_indicators.txt, column EMA14. */
export const INDICATORS_EMA14: Array<[row: number, expected: number]> = [
  [14, 13657.04], [15, 13690.82], [20, 13822.99], [30, 13929.56], [40, 14098.36],
];
/** spy_with_indicators.txt, column "RSI 14 Wilder" (LEAN's RSI(14) default). */
export const INDICATORS_RSI14_WILDER: Array<[row: number, expected: number]> = [
  [15, 88.04238], [16, 81.63051], [18, 72.26], [29, 60.92824], [32, 49.06751], [40, 70.57302],
];
/** spy_with_indicators.txt, column "RSI 14" (simple moving averages of gains and losses). */
export const INDICATORS_RSI14_SIMPLE: Array<[row: number, expected: number]> = [
  [16, 79.83788], [18, 70.81807], [25, 59.46132], [32, 44.46252], [40, 65.60803],
];
/** spy_with_indicators.txt, column "MACD 12 26" (MACD(12,26,9) is ready at row 34). */
export const INDICATORS_MACD_12_26: Array<[row: number, expected: number]> = [
  [34, 79.11726], [35, 81.99534], [37, 91.41675], [40, 128.1868],
];

/** spy_bollinger_bands.txt, Close column, rows 1–24. */
export const BOLLINGER_CLOSES = [
  151.16, 150.96, 151.8, 151.77, 152.02, 152.15, 152.29, 152.11, 153.25, 151.34, 150.42, 151.89, 149, 150.02, 151.91, 151.61,
  152.11, 152.92, 154.29, 154.5, 154.78, 155.44, 156.03, 155.68,
];
/** spy_bollinger_bands.txt: Moving Average 20, Bollinger Bands® 20 2 Top / Bottom, BandWidth, %B. */
export const BOLLINGER_20_2: Array<{ row: number; middle: number; upper: number; lower: number; bandWidth: number; percentB: number }> = [
  { row: 20, middle: 151.876, upper: 154.3912, lower: 149.3608, bandWidth: 3.3122, percentB: 1.0216 },
  { row: 21, middle: 152.057, upper: 154.8462, lower: 149.2679, bandWidth: 3.6686, percentB: 0.9881 },
  { row: 22, middle: 152.281, upper: 155.3837, lower: 149.1783, bandWidth: 4.075, percentB: 1.0091 },
  { row: 23, middle: 152.4925, upper: 155.9872, lower: 148.9978, bandWidth: 4.5834, percentB: 1.0061 },
  { row: 24, middle: 152.688, upper: 156.428, lower: 148.948, bandWidth: 4.8989, percentB: 0.9 },
];

/** spy_atr_wilder.txt, rows 1–18, Open/High/Low/Close (spy_atr.txt holds the same bars). */
const ATR_OHLC: Array<[number, number, number, number]> = [
  [146.77, 147.28, 146.61, 147.05], [147.7, 148.42, 147.43, 148], [147.97, 148.49, 147.43, 148.33],
  [148.33, 149.13, 147.98, 149.13], [149.13, 149.5, 148.86, 149.37], [149.15, 150.14, 149.01, 149.41],
  [149.88, 150.25, 149.37, 150.25], [150.29, 150.33, 149.51, 150.07], [149.77, 150.85, 149.67, 150.66],
  [150.64, 150.94, 149.93, 150.07], [149.89, 150.38, 149.6, 149.7], [150.65, 151.42, 150.39, 151.24],
  [150.32, 150.58, 149.43, 149.54], [150.35, 151.48, 150.29, 151.05], [150.52, 151.26, 150.41, 151.16],
  [151.21, 151.35, 149.86, 150.96], [151.23, 151.89, 151.22, 151.8], [151.75, 151.9, 151.39, 151.77],
];
export const ATR_BARS: BarLike[] = ATR_OHLC.map(([open, high, low, close], i) => ({
  time: DAY * i,
  endTime: DAY * (i + 1),
  open,
  high,
  low,
  close,
  volume: 0,
}));
/** spy_atr_wilder.txt, column "Average True Range 14" (LEAN's ATR(14) default, Wilder's). */
export const ATR14_WILDER: Array<[row: number, expected: number]> = [
  [14, 1.15429], [15, 1.13255], [16, 1.15808], [17, 1.14179], [18, 1.09666],
];
/** spy_atr.txt, column "Average True Range 14" (ATR(14, Simple)). */
export const ATR14_SIMPLE: Array<[row: number, expected: number]> = [
  [15, 1.167147], [16, 1.175719], [17, 1.166432], [18, 1.120717],
];

/** spy_var.txt (and spy_trima.txt, spy_hma.txt, spy_kama.txt, spy_alma.txt, spy_with_zlema.csv, spy_with_McGinleyDynamic.csv: the same series), Close column, rows 1–23. */
export const SPY_2013_CLOSES = [
  151.89, 149, 150.02, 151.91, 151.61, 152.11, 152.92, 154.29, 154.5, 154.78, 155.44, 156.03, 155.68, 155.9, 156.73, 155.83,
  154.97, 154.61, 155.69, 154.36, 155.6, 154.95, 156.19,
];
/** spy_var.txt, column Var: LEAN's Variance(10); StandardDeviation(10) is its square root. */
export const VAR10: Array<[row: number, expected: number]> = [
  [10, 3.22556099999929], [11, 4.06655600000158], [12, 3.37128900000243], [13, 2.47248099999706], [14, 2.29572399999961],
];
/** spy_trima.txt, columns TRIMA_5 and TRIMA_6. */
export const TRIMA5: Array<[row: number, expected: number]> = [
  [5, 150.597777777778], [6, 151.122222222222], [7, 151.756666666667], [9, 153.074444444444],
];
export const TRIMA6: Array<[row: number, expected: number]> = [
  [6, 150.9175], [7, 151.395], [8, 152.094166666667], [9, 152.775],
];
/** spy_hma.txt, column HMA_16 (ready at row 19 = 16 + round(√16) - 1). */
export const HMA16: Array<[row: number, expected: number]> = [
  [19, 156.1212141], [20, 155.6934943], [21, 155.4187475], [22, 155.1863489], [23, 155.1544355],
];

/** spy_kama.txt, column KAMA_5 (ready at row 6). */
export const KAMA5: Array<[row: number, expected: number]> = [
  [6, 151.613577549107], [7, 152.063324152226], [8, 152.844959173542], [9, 153.351835433195],
];
/** spy_alma.txt, column ALMA (LEAN's test builds ArnaudLegouxMovingAverage(9, 6)). */
export const ALMA9: Array<[row: number, expected: number]> = [
  [9, 153.0103125], [10, 153.7129632], [11, 154.3261091], [12, 154.8567064],
];
/** spy_with_zlema.csv, column ZLEMA5 (ready at row 7). */
export const ZLEMA5: Array<[row: number, expected: number]> = [
  [7, 152.542], [8, 153.85133333333334], [9, 154.59422222222224], [10, 154.81948148148152],
];
/** spy_with_McGinleyDynamic.csv, column McGinleyDynamic14 (ready at row 14). */
export const MGD14: Array<[row: number, expected: number]> = [
  [14, 153.29142857142855], [15, 153.51618543680198], [16, 153.67185830027788], [17, 153.76151461951198], [18, 153.82080122714007],
];

/** spy_dema.txt and spy_tema.txt (the same series), close column, rows 1–16. */
export const SPY_1993_CLOSES = [
  43.938, 44.40625, 45.1875, 44.03125, 45.21875, 45.0625, 44.84375, 46.5625, 45.9375, 46.84375, 46.34375, 46.59375, 48.21875,
  46.8125, 44.59375, 45.09375,
];
/** spy_dema.txt, column DEMA_5 (ready at row 9). */
export const DEMA5: Array<[row: number, expected: number]> = [
  [9, 46.117209629629635], [10, 46.64575367626886], [11, 46.62488395518976], [12, 46.72326030635574], [13, 47.655370872834425],
];
/** spy_tema.txt, column TEMA_5 (ready at row 13). */
export const TEMA5: Array<[row: number, expected: number]> = [
  [13, 47.790901367271246], [14, 47.26184694063122], [15, 45.42064694250915], [16, 44.97534836929405],
];


/** Feeds closes one a day; calls `check(row)` after each (row 1-based, as in the files). */
export function feedCloses(
  indicator: { update(time: number, value: number): boolean },
  closes: readonly number[],
  check: (row: number) => void = () => {},
): void {
  closes.forEach((close, i) => {
    indicator.update(DAY * (i + 1), close);
    check(i + 1);
  });
}

/** Feeds closes and returns value(row) for each requested row. */
export function valuesAtRows(
  indicator: { update(time: number, value: number): boolean },
  closes: readonly number[],
  read: () => number,
): Map<number, number> {
  const out = new Map<number, number>();
  feedCloses(indicator, closes, (row) => out.set(row, read()));
  return out;
}
