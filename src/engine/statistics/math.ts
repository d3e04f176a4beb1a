/**
 * The descriptive statistics LEAN takes from MathNet.Numerics 5.0 and LINQ, with the same algorithms and the
 * same order of floating-point operations, so the doubles agree to the last bit where the operations allow:
 * - `Enumerable.Average` (sequential sum / count);
 * - `Statistics.Variance` / `StandardDeviation` / `Covariance` on a `List<double>` (the streaming algorithms);
 * - `Statistics.Skewness` / `Kurtosis` (`RunningStatistics`: bias-corrected sample skewness, excess kurtosis);
 * - the standard normal CDF `0.5·erfc(-x/√2)`, with an erfc accurate to about 1e-16 (absolute) and to a few ulps
 *   (relative) in the far tail, so tiny probabilities keep their magnitude.
 * - `Math.Pow` as glibc computes it (correctly rounded), through decimal.js, since V8's pow can be an ulp off.
 * Pure functions of arrays of numbers.
 */
import { Decimal } from "decimal.js";

const HighPrecision = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });

/** The exact value of a finite double as a decimal. */
function exactDecimal(x: number): Decimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  const sign = hi >>> 31 === 1 ? "-" : "";
  const magnitude = new HighPrecision(mantissa.toString()).times(new HighPrecision(2).pow(exponent));
  return new HighPrecision(`${sign}${magnitude.toString()}`);
}

/** `Math.Pow(x, y)` rounded correctly to the nearest double (as glibc's pow, which .NET on Linux calls). */
export function pow(x: number, y: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(y) || x <= 0) return Math.pow(x, y);
  if (y === 0 || x === 1) return 1;
  return Number(exactDecimal(x).pow(exactDecimal(y)).toString());
}

/** LINQ `Average()` over doubles: NaN-free input assumed; throws on an empty sequence as LINQ does. */
export function average(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("average: sequence contains no elements");
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** MathNet `StreamingStatistics.Variance`: unbiased sample variance, NaN below two values. */
export function variance(values: readonly number[]): number {
  let result = 0;
  let sum = 0;
  let count = 0;
  for (const xi of values) {
    count++;
    if (count === 1) {
      sum = xi;
      continue;
    }
    sum += xi;
    const diff = count * xi - sum;
    result += (diff * diff) / (count * (count - 1));
  }
  return count > 1 ? result / (count - 1) : NaN;
}

/** MathNet `StreamingStatistics.StandardDeviation`. */
export function standardDeviation(values: readonly number[]): number {
  return Math.sqrt(variance(values));
}

/** MathNet `StreamingStatistics.Covariance`: unbiased sample covariance, NaN below two values. */
export function covariance(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError("covariance: all vectors must have the same dimensionality");
  let n = 0;
  let mean1 = 0;
  let mean2 = 0;
  let comoment = 0;
  for (let i = 0; i < a.length; i++) {
    const mean2Prev = mean2;
    n++;
    mean1 += (a[i] - mean1) / n;
    mean2 += (b[i] - mean2) / n;
    comoment += (a[i] - mean1) * (b[i] - mean2Prev);
  }
  return n > 1 ? comoment / (n - 1) : NaN;
}

/** MathNet `RunningStatistics` moments (Terriberry's online update). */
export class RunningMoments {
  private n = 0;
  private m1 = 0;
  private m2 = 0;
  private m3 = 0;
  private m4 = 0;

  constructor(values: readonly number[] = []) {
    for (const v of values) this.push(v);
  }

  push(value: number): void {
    this.n++;
    const n = this.n;
    const d = value - this.m1;
    const s = d / n;
    const s2 = s * s;
    const t = d * s * (n - 1);
    this.m1 += s;
    this.m4 += t * s2 * (n * n - 3 * n + 3) + 6 * s2 * this.m2 - 4 * s * this.m3;
    this.m3 += t * s * (n - 2) - 3 * s * this.m2;
    this.m2 += t;
  }

  get count(): number {
    return this.n;
  }

  /** Bias-corrected sample skewness; NaN below three values. */
  get skewness(): number {
    const n = this.n;
    if (n < 3) return NaN;
    return ((n * this.m3 * Math.sqrt(this.m2 / (n - 1))) / (this.m2 * this.m2 * (n - 2))) * (n - 1);
  }

  /** Bias-corrected sample excess kurtosis; NaN below four values. */
  get kurtosis(): number {
    const n = this.n;
    if (n < 4) return NaN;
    return ((n * n - 1) / ((n - 2) * (n - 3))) * ((n * this.m4) / (this.m2 * this.m2) - 3 + 6.0 / (n + 1));
  }
}

/** MathNet `Statistics.Skewness`. */
export function skewness(values: readonly number[]): number {
  return new RunningMoments(values).skewness;
}

/** MathNet `Statistics.Kurtosis` (excess kurtosis). */
export function kurtosis(values: readonly number[]): number {
  return new RunningMoments(values).kurtosis;
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

/** erf(z) for 0 <= z < 2 by the all-positive series 2/√π·e^(-z²)·Σ (2z²)^k z / (1·3·…·(2k+1)). */
function erfSeries(z: number): number {
  const twoZ2 = 2 * z * z;
  let term = z;
  let sum = z;
  for (let k = 1; k < 200; k++) {
    term *= twoZ2 / (2 * k + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-z * z) * sum;
}

/** erfc(z) for z >= 2 by the continued fraction e^(-z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))) (Lentz). */
function erfcContinuedFraction(z: number): number {
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    const a = k / 2;
    d = z + a * d;
    d = d === 0 ? tiny : d;
    c = z + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-z * z)) / f;
}

/** Complementary error function. */
export function erfc(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z < 0) return 2 - erfc(-z);
  if (z < 2) return 1 - erfSeries(z);
  if (z > 27.3) return 0; // e^(-z²) underflows
  return erfcContinuedFraction(z);
}

/** MathNet `new Normal().CumulativeDistribution(x)` = 0.5·erfc((0 - x)/(1·√2)). */
export function normalCdf(x: number): number {
  return 0.5 * erfc((0 - x) / (1 * Math.SQRT2));
}
