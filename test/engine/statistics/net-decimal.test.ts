import { describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { DivideByZeroError, NetDecimal, roundHalfEvenToInteger } from "../../../src/engine/statistics/net-decimal.ts";

const d = (text: string) => NetDecimal.parse(text);

describe("NetDecimal: .NET decimal scale semantics", () => {
  it("keeps the scale a string is written with, and prints every digit of it", () => {
    expect(d("100000").toString()).toBe("100000");
    expect(d("100000.00").toString()).toBe("100000.00");
    expect(d("-0.0100").toString()).toBe("-0.0100");
    expect(d("1.5e-3").toString()).toBe("0.0015");
  });

  it("multiplies to a plain 0 when the product is zero and a mantissa needs more than 32 bits (VarDecMul's general path)", () => {
    // 0 × 0.9244… (28 digits): .NET returns 0 with scale 0, so 0 × r − 1 prints "-1" (LEAN's OptionExerciseAssignRegressionAlgorithm)
    const ratio = d("1").divide(d("1.0817512117")); // a 28-digit quotient
    expect(d("0").multiply(ratio).toString()).toBe("0");
    expect(d("0").multiply(ratio).subtract(d("1")).round(3).toString()).toBe("-1");
    // the fast path (both mantissas below 2^32) keeps the summed scale: 0 × 1.5 is 0.0
    expect(d("0").multiply(d("1.5")).toString()).toBe("0.0");
  });

  it("adds scales when multiplying: 0.008 × 100 prints 0.800", () => {
    expect(d("0.008").multiply(NetDecimal.HUNDRED).toString()).toBe("0.800");
    expect(d("0.008").safeMultiply100().round(3).toString()).toBe("0.800");
  });

  it("takes the larger scale when adding or subtracting", () => {
    expect(d("0.99").subtract(NetDecimal.ONE).toString()).toBe("-0.01");
    expect(d("1.000").add(d("2.5")).toString()).toBe("3.500");
  });

  it("divides to the natural scale when exact, else to full precision without trailing zeros", () => {
    expect(d("10.00").divide(d("2")).toString()).toBe("5.00");
    expect(d("10").divide(d("0.5")).toString()).toBe("20");
    expect(d("1").divide(d("4")).toString()).toBe("0.25");
    expect(d("1.0").divide(d("8")).toString()).toBe("0.125");
    expect(d("99").divide(d("110")).toString()).toBe("0.9");
    expect(d("1").divide(d("3")).toString()).toBe("0.3333333333333333333333333333");
    expect(d("2").divide(d("3")).toString()).toBe("0.6666666666666666666666666667");
    // 29 significant digits fit under 2^96 here
    expect(d("100000").divide(d("3")).toString()).toBe("33333.333333333333333333333333");
    expect(() => d("1").divide(NetDecimal.ZERO)).toThrow(DivideByZeroError);
  });

  it("rounds half to even and only ever lowers the scale (Math.Round(decimal, k))", () => {
    expect(d("2.5").round(0).toString()).toBe("2");
    expect(d("3.5").round(0).toString()).toBe("4");
    expect(d("-2.5").round(0).toString()).toBe("-2");
    expect(d("0.0125").round(3).toString()).toBe("0.012");
    expect(d("0.0135").round(3).toString()).toBe("0.014");
    expect(d("1.5").round(3).toString()).toBe("1.5");
    expect(d("0.0000001").round(3).toString()).toBe("0.000");
  });

  it("prints a zero that carries a scale with its zeros, and never with a minus sign", () => {
    expect(NetDecimal.ZERO.toString()).toBe("0");
    expect(d("0.000").toString()).toBe("0.000");
    expect(d("-0.001").round(2).toString()).toBe("0.00");
  });

  it('formats "0.00" with half away from zero, as .NET custom formats do (3.485 → 3.49)', () => {
    expect(d("3.485").toFixed2()).toBe("3.49");
    expect(d("3.475").toFixed2()).toBe("3.48");
    expect(d("3.444").toFixed2()).toBe("3.44");
    expect(d("1").toFixed2()).toBe("1.00");
    expect(d("0").toFixed2()).toBe("0.00");
    expect(d("-0.001").toFixed2()).toBe("0.00");
    expect(d("-2.345").toFixed2()).toBe("-2.35");
  });

  it("converts from double with 15 significant digits and no trailing zeros ((decimal)double)", () => {
    expect(NetDecimal.fromDouble(0.1).toString()).toBe("0.1");
    expect(NetDecimal.fromDouble(1).toString()).toBe("1");
    expect(NetDecimal.fromDouble(1 / 3).toString()).toBe("0.333333333333333");
    expect(NetDecimal.fromDouble(123456789.123456789).toString()).toBe("123456789.123457");
    expect(NetDecimal.fromDouble(1e20).toString()).toBe("100000000000000000000");
    expect(NetDecimal.fromDouble(-2.5e-7).toString()).toBe("-0.00000025");
    // below a decimal's resolution: a true zero (prints "0", not "0.000")
    expect(NetDecimal.fromDouble(1e-30).toString()).toBe("0");
    expect(NetDecimal.fromDouble(7.6e-24).toString()).toBe("0.0000000000000000000000076");
  });

  it("clamps in SafeDecimalCast and refuses non-finite values", () => {
    expect(NetDecimal.safeFromDouble(1e40)).toBe(NetDecimal.MAX_VALUE);
    expect(NetDecimal.safeFromDouble(-1e40)).toBe(NetDecimal.MIN_VALUE);
    expect(() => NetDecimal.safeFromDouble(NaN)).toThrow(RangeError);
  });

  it("converts to double as mantissa / 10^scale", () => {
    expect(d("0.1").toDouble()).toBe(0.1);
    expect(d("-144.7558").toDouble()).toBe(-144.7558);
    expect(Math.abs(d("0.3333333333333333333333333333").toDouble() - 1 / 3)).toBeLessThan(1e-16);
  });

  it("applies LEAN's SmartRounding: 4 decimals above 1000, else 7 significant digits, no trailing zeros", () => {
    expect(d("144.75578537200").smartRounding().toString()).toBe("144.7558");
    expect(d("100168.20000").smartRounding().toString()).toBe("100168.2");
    expect(d("101691.91983728000").smartRounding().toString()).toBe("101691.9198");
    expect(d("-1.1542801144").smartRounding().toString()).toBe("-1.15428");
    expect(d("0.9963103358418743565053222113").smartRounding().toString()).toBe("0.9963103");
    expect(d("0.000").smartRounding().toString()).toBe("0");
  });

  it("rounds to significant digits with the magnitude's scale, as the capacity line prints ($56000000.00)", () => {
    expect(d("56234567.89").roundToSignificantDigits(2).toString()).toBe("56000000.00");
    expect(d("0.0123456").roundToSignificantDigits(2).toString()).toBe("0.012");
  });

  it("accepts decimal.js values, numbers and strings, decimal.js and numbers at their shortest scale", () => {
    expect(NetDecimal.from(new Decimal("99993.9000")).toString()).toBe("99993.9");
    expect(NetDecimal.from(0.75).toString()).toBe("0.75");
    expect(NetDecimal.from("0.750").toString()).toBe("0.750");
    expect(NetDecimal.from(10n).toString()).toBe("10");
  });

  it("compares by value, not by scale", () => {
    expect(d("1.0").equals(d("1.000"))).toBe(true);
    expect(d("-0.01").compare(d("0"))).toBe(-1);
  });
});

describe("roundHalfEvenToInteger (Math.Round(double))", () => {
  it("rounds ties to even and keeps the sign of zero", () => {
    expect(roundHalfEvenToInteger(0.5)).toBe(0);
    expect(roundHalfEvenToInteger(1.5)).toBe(2);
    expect(roundHalfEvenToInteger(-2.5)).toBe(-2);
    expect(Object.is(roundHalfEvenToInteger(-0.4), -0)).toBe(true);
    expect(roundHalfEvenToInteger(2.5000000001)).toBe(3);
  });
});
