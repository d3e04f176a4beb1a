import { describe, expect, it } from "vitest";
import { DataFormatError } from "../../../src/engine/data/errors.ts";
import { DEFAULT_RISK_FREE_RATE, InterestRateProvider } from "../../../src/engine/data/interest-rate.ts";
import { LEAN_DATA, tempDir } from "./helpers.ts";

describe("InterestRateProvider", () => {
  const provider = InterestRateProvider.load(LEAN_DATA);

  it("steps between dates: 0.75% from 2010-02-19 to 2015-12-16, 1.00% from 2015-12-17, 5.5% from 2023-07-27", () => {
    expect(provider.hasData).toBe(true);
    expect(provider.getInterestRate(20100219)).toBe(0.0075);
    expect(provider.getInterestRate(20131007)).toBe(0.0075);
    expect(provider.getInterestRate(20151216)).toBe(0.0075);
    expect(provider.getInterestRate(20151217)).toBe(0.01);
    expect(provider.getInterestRate(20151224)).toBe(0.01);
    expect(provider.getInterestRate(20230726)).not.toBe(0.055);
    expect(provider.getInterestRate(20230727)).toBe(0.055);
    expect(provider.getInterestRate(20990101)).toBe(0.055);
    // The cache must not leak one step's answer into another.
    expect(provider.getInterestRate(20100218)).not.toBe(0.0075);
  });

  it("gives dates before the first row the first row's rate (2.25% before 2003-01-09)", () => {
    expect(provider.getInterestRate(19980101)).toBe(0.0225);
    expect(provider.getInterestRate(20030109)).toBe(0.0225);
  });

  it("looks up by instant in a zone (2015-12-17 00:30 New York is still 2015-12-17 there)", () => {
    expect(provider.getInterestRateAt(Date.UTC(2015, 11, 17, 5, 30))).toBe(0.01);
    expect(provider.getInterestRateAt(Date.UTC(2015, 11, 17, 4, 30))).toBe(0.0075);
  });

  it("falls back to 1% without a file", () => {
    const none = InterestRateProvider.load(tempDir());
    expect(none.hasData).toBe(false);
    expect(none.getInterestRate(20151224)).toBe(DEFAULT_RISK_FREE_RATE);
    expect(DEFAULT_RISK_FREE_RATE).toBe(0.01);
  });

  it("names file and line of a bad row", () => {
    expect(() => InterestRateProvider.parse("DATE,PCREDIT8\n2003-01-09,2.25\n2003/06/26,2.00", "rates.csv")).toThrow(DataFormatError);
    expect(() => InterestRateProvider.parse("DATE,PCREDIT8\n2003-01-09,2.25\n2003/06/26,2.00", "rates.csv")).toThrow('rates.csv line 3: invalid date "2003/06/26" (expected yyyy-MM-dd)');
  });
});
