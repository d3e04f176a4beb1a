import { describe, expect, it } from "vitest";
import { OptionRight, OptionStyle, Symbol } from "../../../src/engine/securities/symbol.ts";
import { QuoteBar, TradeBar } from "../../../src/engine/securities/bars.ts";
import { readOptionUniverse } from "../../../src/engine/data/option-reader.ts";
import { InterestRateProvider } from "../../../src/engine/data/interest-rate.ts";
import {
  bjerksundStensland2002Model, blackScholesGreeks, createGreeks, leanAmericanModel,
} from "../../../src/engine/pricing/index.ts";
import { defaultOptionPricing, evaluateOptionContract, modelImpliedVolatility } from "../../../src/engine/options/option-pricing.ts";
import { OptionPricingConfig, OptionPriceModels } from "../../../src/engine/options/option-price-models.ts";
import { buildOptionChain } from "../../../src/engine/options/option-chain.ts";
import { LEAN_DATA, NY, ny } from "./helpers.ts";

const YEAR = 365 * 86_400_000;

describe("implied volatility and Greeks of one contract", () => {
  const base = { strike: 100, underlyingPrice: 95, nowMs: 0, expiryMs: 0.5 * YEAR, date: 20240102 };

  it("recovers the volatility that priced an American put (Bjerksund-Stensland and the CRR tree)", () => {
    for (const model of [bjerksundStensland2002Model, leanAmericanModel]) {
      const price = model.price("put", 95, 100, 0.5, 0.05, 0, 0.3);
      expect(modelImpliedVolatility(model, "put", price, 95, 100, 0.5, 0.05, 0)).toBeCloseTo(0.3, 5);
    }
  });

  it("gives NaN below intrinsic value and 0 Greeks then, never throwing", () => {
    const r = evaluateOptionContract({ ...base, right: OptionRight.Put, style: OptionStyle.American, marketPrice: 4 }, defaultOptionPricing({ riskFreeRate: () => 0.05 }));
    expect(r.impliedVolatility).toBeNaN();
    expect(r.greeks.delta).toBe(0);
    expect(r.theoreticalPrice).toBe(0);
  });

  it("reports Greeks in LEAN's units: vega and rho per 1 %, theta per year and per day (European: closed form)", () => {
    const raw = blackScholesGreeks("call", 95, 100, 0.5, 0.05, 0, 0.25, createGreeks());
    const r = evaluateOptionContract({ ...base, right: OptionRight.Call, style: OptionStyle.European, marketPrice: raw.price }, defaultOptionPricing({ riskFreeRate: () => 0.05 }));
    expect(r.impliedVolatility).toBeCloseTo(0.25, 9);
    expect(r.greeks.delta).toBeCloseTo(raw.delta, 7);
    expect(r.greeks.gamma).toBeCloseTo(raw.gamma, 7);
    expect(r.greeks.vega).toBeCloseTo(raw.vega / 100, 7);
    expect(r.greeks.rho).toBeCloseTo(raw.rho / 100, 7);
    expect(r.greeks.theta).toBeCloseTo(raw.theta, 6);
    expect(r.greeks.thetaPerDay).toBeCloseTo(raw.theta / 365, 7);
    expect(r.theoreticalPrice).toBeCloseTo(raw.price, 7);
  });

  it("uses a supplied volatility (LEAN's underlying volatility model) and gives 0 Greeks when it is null", () => {
    const config = new OptionPricingConfig({ riskFreeRate: () => 0.05 });
    config.setVolatility(() => 0.4);
    const input = { ...base, right: OptionRight.Put, style: OptionStyle.American, marketPrice: 8 };
    const r = evaluateOptionContract(input, config.settings);
    expect(r.theoreticalPrice).toBeCloseTo(bjerksundStensland2002Model.price("put", 95, 100, 0.5, 0.05, 0, 0.4), 9);
    expect(r.impliedVolatility).toBeGreaterThan(0.1);
    config.setVolatility(() => null);
    const none = evaluateOptionContract(input, config.settings);
    expect([none.greeks.delta, none.greeks.vega, none.theoreticalPrice]).toEqual([0, 0, 0]);
    config.setPriceModel(OptionPriceModels.binomialCoxRossRubinstein());
    config.setVolatility("implied");
    const tree = evaluateOptionContract(input, config.settings);
    expect(leanAmericanModel.price("put", 95, 100, 0.5, 0.05, 0, tree.impliedVolatility)).toBeCloseTo(8, 8);
  });

  it("computes Greeks only when a contract's Greeks are read", () => {
    const goog = Symbol.create("GOOG");
    const put = Symbol.createOption(goog, 750, 20160617, OptionRight.Put);
    let evaluations = 0;
    const pricing = defaultOptionPricing();
    const counting = { ...pricing, riskFreeRate: (d: number) => (evaluations++, pricing.riskFreeRate(d)) };
    const time = ny(20151224, 9, 31);
    const quote = new QuoteBar(put, time - 60_000, time, { open: 51.7, high: 51.7, low: 51.7, close: 51.7 }, { open: 54.8, high: 54.8, low: 54.8, close: 54.8 }, 5, 15);
    const chain = buildOptionChain({ canonical: Symbol.createCanonicalOption(goog), time, underlying: { symbol: goog, price: 748.9 }, contracts: [{ symbol: put, quote, trade: new TradeBar(put, time - 60_000, time, 53, 53, 53, 53, 2), openInterest: 61 }], timeZone: NY, pricing: counting });
    const contract = chain.get(put)!;
    expect([contract.bidPrice, contract.askPrice, contract.lastPrice, contract.volume, contract.openInterest]).toEqual([51.7, 54.8, 53, 2, 61]);
    expect(evaluations).toBe(0);
    expect(contract.impliedVolatility).toBeGreaterThan(0.15);
    expect(contract.impliedVolatility).toBeLessThan(0.5);
    expect(contract.greeks.delta).toBeLessThan(0);
    expect(contract.greeks.delta).toBeGreaterThan(-1);
    void contract.greeks.vega;
    expect(evaluations).toBe(1);
  });
});

describe("sanity against the universe files' implied volatility and delta", () => {
  // The universe files' statistics come from QuantConnect's data pipeline, whose inputs we cannot
  // see: the price (close vs end-of-day mid), the dividend yield and the model. Their gamma and rho
  // are not even consistent with their own IV under Black-Scholes (rho < 0 for calls), and the
  // 2014/2015 files (GOOG, AAPL, TWX) carry IVs of 0 or 2.6 for at-the-money contracts. So the
  // check is a sanity bound on the SPY 2024 long-dated calls, the only rows with usable values:
  // IV from the file's close with SPY's ~1.3 % dividend yield and LEAN's rate file (5.5 %) within
  // 0.07 of the file's IV, and delta within 0.08. The differences are systematic (our IV 0.01-0.07
  // lower, delta 0.03-0.07 higher, growing with maturity), as a higher dividend yield or a price
  // above the stale close would give; deep in-the-money calls turn small price errors into large
  // IV errors. A wrong unit, sign or model would miss by far more.
  const rates = InterestRateProvider.load(LEAN_DATA);
  const cases: [number, number][] = [[20240103, 150], [20240104, 150]];
  for (const [date, minDays] of cases) {
    it(`SPY ${date}: contracts more than ${minDays} days out`, () => {
      const u = readOptionUniverse(LEAN_DATA, "spy", date)!;
      const pricing = defaultOptionPricing({ riskFreeRate: (d) => rates.getInterestRate(d), dividendYield: () => 0.013 });
      let compared = 0;
      for (let i = 0; i < u.count; i++) {
        const expiryMs = ny(u.expiry[i], 16, 0);
        const nowMs = ny(date, 16, 0);
        if (expiryMs - nowMs < minDays * 86_400_000 || !(u.impliedVolatility[i] > 0.05)) continue;
        const r = evaluateOptionContract({ right: u.right[i] as OptionRight, style: OptionStyle.American, strike: u.strike[i], underlyingPrice: u.underlying.close, marketPrice: u.close[i], nowMs, expiryMs, date }, pricing);
        if (Number.isNaN(r.impliedVolatility)) continue; // a close below the no-arbitrage bound (stale)
        compared++;
        expect(Math.abs(r.impliedVolatility - u.impliedVolatility[i])).toBeLessThan(0.07);
        expect(Math.abs(r.greeks.delta - u.delta[i])).toBeLessThan(0.08);
      }
      expect(compared).toBeGreaterThanOrEqual(1);
    });
  }
});
