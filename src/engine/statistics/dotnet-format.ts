/**
 * .NET's double rounding and printing as LEAN's statistics summary uses them:
 * `Math.Round(double, digits)` (ToEven, computed by scaling with a power of ten in double arithmetic) and
 * `double.ToString(CultureInfo.InvariantCulture)` (shortest round-trip digits, "-0" for negative zero,
 * scientific notation from 1E+15 up and from 1E-05 down). Decimal printing lives on `NetDecimal`.
 */
import { roundHalfEvenToInteger } from "./net-decimal.ts";

const ROUND_LIMIT = 1e16;

/** `Math.Round(double value, int digits)` with MidpointRounding.ToEven, as .NET Core implements it. */
export function roundDouble(value: number, digits: number): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) {
    throw new RangeError(`roundDouble: digits must be an integer in 0..15, got ${digits}`);
  }
  if (Math.abs(value) < ROUND_LIMIT) {
    const power10 = Number(`1e${digits}`);
    return roundHalfEvenToInteger(value * power10) / power10;
  }
  return value;
}

/** `double.ToString(CultureInfo.InvariantCulture)` in .NET Core 3.0+ (shortest round-trippable digits). */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  // JS and .NET agree on the shortest round-trip digits; only the layout differs
  const [mantissaText, exponentText] = Math.abs(value).toExponential().split("e");
  const digits = mantissaText.replace(".", "");
  const exponent = Number(exponentText);
  const sign = value < 0 ? "-" : "";
  if (exponent >= 15 || exponent <= -5) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const expSign = exponent < 0 ? "-" : "+";
    return `${sign}${digits[0]}${fraction}E${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${"0".repeat(exponent + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/** LEAN's summary format for the double ratios: `Math.Round((double)x, 3).ToStringInvariant()`. */
export function formatRatio(value: number, digits = 3): string {
  return formatDouble(roundDouble(value, digits));
}
