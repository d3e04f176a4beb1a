import { describe, expect, it } from "vitest";
import { formatDouble, formatRatio, roundDouble } from "../../../src/engine/statistics/dotnet-format.ts";

describe("roundDouble (Math.Round(double, digits), ToEven)", () => {
  it("rounds the scaled value half to even", () => {
    expect(roundDouble(8.85432, 3)).toBe(8.854);
    // 0.0005 × 1000 is exactly 0.5 in double: ties go to even, not away from zero
    expect(roundDouble(0.0005, 3)).toBe(0);
    expect(roundDouble(0.0015, 3)).toBe(0.002);
    expect(roundDouble(0.0025, 3)).toBe(0.002);
    // 1.2345 × 1000 rounds to 1234.5 in double, then to even
    expect(roundDouble(1.2345, 3)).toBe(1.234);
  });

  it("keeps a negative zero (LEAN prints Alpha as \"-0\")", () => {
    expect(Object.is(roundDouble(-0.0004, 3), -0)).toBe(true);
  });

  it("leaves values beyond 1e16 untouched", () => {
    expect(roundDouble(1.5e17, 3)).toBe(1.5e17);
  });
});

describe("formatDouble (double.ToString(InvariantCulture), shortest round-trip)", () => {
  it("prints LEAN's published ratios", () => {
    expect(formatDouble(0.02)).toBe("0.02");
    expect(formatDouble(-19)).toBe("-19");
    expect(formatDouble(-22.06)).toBe("-22.06");
    expect(formatDouble(8.854)).toBe("8.854");
    expect(formatDouble(0)).toBe("0");
    expect(formatDouble(-0)).toBe("-0");
  });

  it("switches to E notation from 1E+15 and below 1E-05, with two exponent digits", () => {
    expect(formatDouble(123456789012345)).toBe("123456789012345");
    expect(formatDouble(1e15)).toBe("1E+15");
    expect(formatDouble(1234567890123456.7)).toBe("1.2345678901234568E+15");
    expect(formatDouble(0.0001)).toBe("0.0001");
    expect(formatDouble(0.00001)).toBe("1E-05");
    expect(formatDouble(-1.5e-7)).toBe("-1.5E-07");
  });

  it("formats a ratio as LEAN's summary does", () => {
    expect(formatRatio(17.304412)).toBe("17.304");
    expect(formatRatio(-19.000442986870491)).toBe("-19");
    expect(formatRatio(0.0199)).toBe("0.02");
    expect(formatRatio(-0.0001)).toBe("-0");
  });
});
