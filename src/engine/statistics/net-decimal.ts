/**
 * A model of .NET's `System.Decimal` as LEAN's statistics use it: a signed integer mantissa below 2^96 and a
 * scale 0..28 (value = mantissa / 10^scale). The scale is part of the value, because `ToString()` prints it:
 * `0.008m * 100m` is `0.800` and prints "0.800", while a true `0m` prints "0". decimal.js drops trailing zeros,
 * so LEAN's digits cannot be reproduced without tracking the scale the way .NET does:
 * - add/subtract: scale = max of the scales (reduced, with banker's rounding, only on 96-bit overflow);
 * - multiply: scales add (reduced, with banker's rounding, past 28 or on overflow);
 * - divide: the "natural" scale (dividend scale - divisor scale, at least 0) if the quotient is exact there,
 *   otherwise as many digits as fit (banker's rounding) with trailing zeros removed;
 * - `Math.Round(d, k)`: banker's rounding to k places, and only ever lowers the scale.
 * Conversions to and from double follow `DecCalc.VarDecFromR8` (15 significant digits) and `VarR8FromDec`.
 * Knows nothing of the engine.
 */
import { Decimal } from "decimal.js";

const MAX_SCALE = 28;
const UINT32_LIMIT = 1n << 32n;
const MANTISSA_LIMIT = 1n << 96n; // |mantissa| must stay below this
const TWO_POW_64 = 1n << 64n;

const POW10_BIG: bigint[] = [];
for (let i = 0, p = 1n; i <= 80; i++, p *= 10n) POW10_BIG.push(p);
/** .NET's `s_doublePowers10`: double literals 1e0..1e80 (correctly rounded, as JS parses them). */
const POW10_DOUBLE: number[] = [];
for (let i = 0; i <= 80; i++) POW10_DOUBLE.push(Number(`1e${i}`));

function pow10(n: number): bigint {
  return n < POW10_BIG.length ? POW10_BIG[n] : 10n ** BigInt(n);
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** Integer division of non-negative n by positive d, rounded half to even. */
function divRoundHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** Integer division of non-negative n by positive d, rounded half away from zero. */
function divRoundHalfAway(n: bigint, d: bigint): bigint {
  const q = n / d;
  return (n % d) * 2n >= d ? q + 1n : q;
}

export class DecimalOverflowError extends Error {
  constructor(operation: string) {
    super(`DecimalOverflowError: ${operation}: value was either too large or too small for a Decimal`);
    this.name = "DecimalOverflowError";
  }
}

export class DivideByZeroError extends Error {
  constructor() {
    super("DivideByZeroError: attempted to divide a Decimal by zero");
    this.name = "DivideByZeroError";
  }
}

/** Anything the statistics accept as a decimal. Strings keep the scale they are written with ("100000.00" has scale 2). */
export type DecimalLike = NetDecimal | Decimal | string | number | bigint;

export class NetDecimal {
  static readonly ZERO = new NetDecimal(0n, 0);
  static readonly ONE = new NetDecimal(1n, 0);
  static readonly HUNDRED = new NetDecimal(100n, 0);
  /** `decimal.MaxValue` = 79228162514264337593543950335. */
  static readonly MAX_VALUE = new NetDecimal(MANTISSA_LIMIT - 1n, 0);
  static readonly MIN_VALUE = new NetDecimal(-(MANTISSA_LIMIT - 1n), 0);

  private constructor(
    /** Signed integer mantissa, |mantissa| < 2^96. */
    readonly mantissa: bigint,
    /** Number of decimal places, 0..28. */
    readonly scale: number,
  ) {}

  /** Builds a decimal from a mantissa and scale, reducing the scale (banker's rounding) if it does not fit. */
  static of(mantissa: bigint, scale: number, operation = "decimal"): NetDecimal {
    let m = mantissa;
    let s = scale;
    if (s < 0) {
      m *= pow10(-s);
      s = 0;
    }
    if (s > MAX_SCALE || abs(m) >= MANTISSA_LIMIT) {
      // drop the fewest digits that make it fit, rounding once on the exact value (as .NET's ScaleResult)
      const negative = m < 0n;
      const a = abs(m);
      let drop = Math.max(0, s - MAX_SCALE);
      let reduced = drop > 0 ? divRoundHalfEven(a, pow10(drop)) : a;
      while (reduced >= MANTISSA_LIMIT) {
        drop++;
        if (drop > s) throw new DecimalOverflowError(operation);
        reduced = divRoundHalfEven(a, pow10(drop));
      }
      m = negative ? -reduced : reduced;
      s -= drop;
    }
    return new NetDecimal(m, s);
  }

  /** Parses an invariant-culture decimal string ("-12.340", "1e-5"), keeping its written scale. */
  static parse(text: string): NetDecimal {
    const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
    if (!match || (match[2] === "" && (match[3] ?? "") === "")) {
      throw new SyntaxError(`NetDecimal.parse: "${text}" is not a decimal number`);
    }
    const [, sign, intPart, fracPart = "", exponent = "0"] = match;
    let mantissa = BigInt((intPart || "0") + fracPart);
    let scale = fracPart.length - Number(exponent);
    if (sign === "-") mantissa = -mantissa;
    return NetDecimal.of(mantissa, scale, `parse "${text}"`);
  }

  /**
   * Converts what the engine holds into a decimal. Strings and NetDecimals keep their scale; decimal.js values,
   * numbers and bigints take the smallest scale that writes them exactly (decimal.js has no trailing zeros).
   */
  static from(value: DecimalLike): NetDecimal {
    if (value instanceof NetDecimal) return value;
    if (typeof value === "bigint") return NetDecimal.of(value, 0);
    if (typeof value === "string") return NetDecimal.parse(value);
    if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new RangeError(`NetDecimal.from: ${value} is not a finite number`);
      return NetDecimal.parse(new Decimal(value).toFixed());
    }
    if (Decimal.isDecimal(value)) return NetDecimal.parse((value as Decimal).toFixed());
    throw new TypeError(`NetDecimal.from: unsupported value ${String(value)}`);
  }

  /** `(decimal)int` / `(decimal)long`: scale 0. */
  static fromInteger(value: number): NetDecimal {
    if (!Number.isSafeInteger(value)) throw new RangeError(`NetDecimal.fromInteger: ${value} is not an integer`);
    return new NetDecimal(BigInt(value), 0);
  }

  /**
   * `(decimal)double` as .NET does it (DecCalc.VarDecFromR8): the double is scaled by a power of ten in double
   * arithmetic, rounded (half to even) to a 15-digit integer, and trailing zeros are removed.
   * Values too small for a decimal become 0 (scale 0).
   */
  static fromDouble(input: number): NetDecimal {
    if (!Number.isFinite(input)) throw new RangeError(`NetDecimal.fromDouble: ${input} is not finite`);
    const bits = new DataView(new ArrayBuffer(8));
    bits.setFloat64(0, input);
    const biasedExponent = (bits.getUint16(0) >> 4) & 0x7ff;
    const exp = biasedExponent - 1022;
    if (exp < -94) return NetDecimal.ZERO;
    if (exp > 96) throw new DecimalOverflowError(`(decimal)${input}`);
    const negative = input < 0;
    let dbl = Math.abs(input);
    let power = 14 - ((exp * 19728) >> 16);
    if (power >= 0) {
      if (power > MAX_SCALE) power = MAX_SCALE;
      dbl *= POW10_DOUBLE[power];
    } else if (power !== -1 || dbl >= 1e15) {
      dbl /= POW10_DOUBLE[-power];
    } else {
      power = 0;
    }
    if (dbl < 1e14 && power < MAX_SCALE) {
      dbl *= 10;
      power++;
    }
    let mant = BigInt(roundHalfEvenToInteger(dbl));
    if (mant === 0n) return NetDecimal.ZERO;
    if (power < 0) {
      mant *= pow10(-power);
      if (mant >= MANTISSA_LIMIT) throw new DecimalOverflowError(`(decimal)${input}`);
      return new NetDecimal(negative ? -mant : mant, 0);
    }
    let stripped = 0;
    const maxStrip = Math.min(power, 14);
    while (stripped < maxStrip && mant % 10n === 0n) {
      mant /= 10n;
      stripped++;
    }
    return new NetDecimal(negative ? -mant : mant, power - stripped);
  }

  /** LEAN's `Extensions.SafeDecimalCast`: clamps to decimal.MinValue/MaxValue, then `(decimal)double`. */
  static safeFromDouble(input: number): NetDecimal {
    if (!Number.isFinite(input)) {
      throw new RangeError(`SafeDecimalCast: cannot cast the non-finite value ${input} to decimal`);
    }
    if (input <= -7.922816251426434e28) return NetDecimal.MIN_VALUE;
    if (input >= 7.922816251426434e28) return NetDecimal.MAX_VALUE;
    return NetDecimal.fromDouble(input);
  }

  /** `(double)decimal` as .NET does it (DecCalc.VarR8FromDec). */
  toDouble(): number {
    const a = abs(this.mantissa);
    const low64 = a % TWO_POW_64;
    const high = a / TWO_POW_64;
    const dbl = (Number(low64) + Number(high) * 1.8446744073709552e19) / POW10_DOUBLE[this.scale];
    return this.mantissa < 0n ? -dbl : dbl;
  }

  isZero(): boolean {
    return this.mantissa === 0n;
  }

  isNegative(): boolean {
    return this.mantissa < 0n;
  }

  sign(): number {
    return this.mantissa === 0n ? 0 : this.mantissa < 0n ? -1 : 1;
  }

  /** Compares values (not scales): 1.0 equals 1.00. */
  compare(other: NetDecimal): number {
    const s = Math.max(this.scale, other.scale);
    const a = this.mantissa * pow10(s - this.scale);
    const b = other.mantissa * pow10(s - other.scale);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  equals(other: NetDecimal): boolean {
    return this.compare(other) === 0;
  }

  negate(): NetDecimal {
    return new NetDecimal(-this.mantissa, this.scale);
  }

  /** `Math.Abs(decimal)`: keeps the scale. */
  abs(): NetDecimal {
    return this.mantissa < 0n ? this.negate() : this;
  }

  add(other: NetDecimal): NetDecimal {
    const s = Math.max(this.scale, other.scale);
    const sum = this.mantissa * pow10(s - this.scale) + other.mantissa * pow10(s - other.scale);
    return NetDecimal.of(sum, s, "add");
  }

  subtract(other: NetDecimal): NetDecimal {
    return this.add(other.negate());
  }

  multiply(other: NetDecimal): NetDecimal {
    const product = this.mantissa * other.mantissa;
    // DecCalc.VarDecMul: only its fast path (both mantissas below 2^32) keeps the summed scale on a
    // zero product; the general path finds no non-zero word and returns a plain 0 (scale 0). So
    // 0 × 0.92307…m is 0, not 0.0000…: LEAN's "Expectancy": "-1" for an all-loss run.
    if (product === 0n && (abs(this.mantissa) >= UINT32_LIMIT || abs(other.mantissa) >= UINT32_LIMIT)) return new NetDecimal(0n, 0);
    return NetDecimal.of(product, this.scale + other.scale, "multiply");
  }

  /** `decimal / decimal` (DecCalc.VarDecDiv). */
  divide(other: NetDecimal): NetDecimal {
    if (other.mantissa === 0n) throw new DivideByZeroError();
    const negative = this.mantissa < 0n !== other.mantissa < 0n;
    const num = abs(this.mantissa);
    const den = abs(other.mantissa);
    const natural = this.scale - other.scale;
    const base = Math.max(natural, 0);
    const scaledNum = num * pow10(base - natural);
    if (scaledNum % den === 0n) {
      const q = scaledNum / den;
      if (q >= MANTISSA_LIMIT) throw new DecimalOverflowError("divide");
      return new NetDecimal(negative ? -q : q, base);
    }
    // inexact at the natural scale: take as many digits as fit in 96 bits (scale <= 28), round half to even,
    // then drop trailing zeros (.NET's "Unscale")
    let s = MAX_SCALE;
    let q = divRoundHalfEven(num * pow10(s - natural), den);
    while (q >= MANTISSA_LIMIT) {
      s--;
      if (s < 0) throw new DecimalOverflowError("divide");
      q = divRoundHalfEven(num * pow10(s - natural), den);
    }
    while (s > 0 && q % 10n === 0n) {
      q /= 10n;
      s--;
    }
    return new NetDecimal(negative ? -q : q, s);
  }

  /** `Math.Round(decimal, decimals)`: banker's rounding; the scale only ever goes down. */
  round(decimals = 0): NetDecimal {
    if (this.scale <= decimals) return this;
    const q = divRoundHalfEven(abs(this.mantissa), pow10(this.scale - decimals));
    return new NetDecimal(this.mantissa < 0n ? -q : q, decimals);
  }

  /** LEAN's `Extensions.SafeMultiply100`. */
  safeMultiply100(): NetDecimal {
    if (this.compare(SAFE_MULTIPLY_100_MAX) >= 0) return NetDecimal.MAX_VALUE;
    return this.multiply(NetDecimal.HUNDRED);
  }

  /** LEAN's `Extensions.Normalize`: `value / 1.0000000000000000000000000000m`, i.e. trailing zeros removed. */
  normalize(): NetDecimal {
    let m = this.mantissa;
    let s = this.scale;
    while (s > 0 && m % 10n === 0n) {
      m /= 10n;
      s--;
    }
    return new NetDecimal(m, s);
  }

  /** LEAN's `Extensions.RoundToSignificantDigits(decimal, digits)`. */
  roundToSignificantDigits(digits: number): NetDecimal {
    if (this.isZero()) return NetDecimal.ZERO;
    // Math.Pow(10, k) for an integer k is the correctly rounded 1ek
    const exponent = Math.floor(Math.log10(Math.abs(this.toDouble()))) + 1;
    const magnitude = NetDecimal.fromDouble(Number(`1e${exponent}`));
    return magnitude.multiply(this.divide(magnitude).round(digits));
  }

  /** LEAN's `Extensions.SmartRounding`: 4 decimals above 1000, else 7 significant digits, trailing zeros removed. */
  smartRounding(): NetDecimal {
    const input = this.normalize();
    if (input.compare(THOUSAND) > 0) return input.round(4);
    return input.roundToSignificantDigits(7).normalize();
  }

  /** `decimal.ToString(CultureInfo.InvariantCulture)`: every digit of the scale; a zero never carries a minus sign. */
  toString(): string {
    const digits = abs(this.mantissa).toString();
    let text: string;
    if (this.scale === 0) {
      text = digits;
    } else {
      const padded = digits.padStart(this.scale + 1, "0");
      text = `${padded.slice(0, padded.length - this.scale)}.${padded.slice(padded.length - this.scale)}`;
    }
    return this.mantissa < 0n ? `-${text}` : text;
  }

  /**
   * `decimal.ToString("0.00", InvariantCulture)`: exactly two decimals, rounded half away from zero
   * (3.485 → "3.49"); a value that rounds to zero prints without a sign.
   */
  toFixed2(): string {
    const a = abs(this.mantissa);
    const cents = this.scale >= 2 ? divRoundHalfAway(a, pow10(this.scale - 2)) : a * pow10(2 - this.scale);
    const text = cents.toString().padStart(3, "0");
    const body = `${text.slice(0, -2)}.${text.slice(-2)}`;
    return this.mantissa < 0n && cents !== 0n ? `-${body}` : body;
  }

  /** The exact value as decimal.js (for callers that want to keep computing). */
  toDecimal(): Decimal {
    return new Decimal(this.mantissa.toString()).div(new Decimal(10).pow(this.scale));
  }
}

const SAFE_MULTIPLY_100_MAX = NetDecimal.MAX_VALUE.divide(NetDecimal.HUNDRED);
const THOUSAND = NetDecimal.fromInteger(1000);

/** Rounds a double to the nearest integer, ties to even (`Math.Round(double)`), keeping the sign of zero. */
export function roundHalfEvenToInteger(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 4503599627370496) return x;
  const floor = Math.floor(x);
  const diff = x - floor;
  let result: number;
  if (diff < 0.5) result = floor;
  else if (diff > 0.5) result = floor + 1;
  else result = floor % 2 === 0 ? floor : floor + 1;
  return result === 0 ? (Object.is(x, -0) || x < 0 ? -0 : 0) : result;
}
