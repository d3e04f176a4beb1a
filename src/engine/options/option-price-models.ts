/**
 * The per-option pricing configuration the engine keeps on an option security
 * (`option.setPriceModel(...)`, LEAN's `Option.PriceModel`) and LEAN's `OptionPriceModels`
 * factory names in camelCase, mapped onto src/engine/pricing.
 */
import {
  baroneAdesiWhaleyModel, bjerksundStensland2002Model, blackScholesModel, integralEquationModel, leanAmericanModel, type OptionPriceModel,
} from "../pricing/index.ts";
import { defaultOptionPricing, type OptionPricingSettings, type VolatilitySource } from "./option-pricing.ts";

/** LEAN's `OptionPriceModels`, camelCase. */
export const OptionPriceModels = {
  /** European closed form (LEAN's default for European contracts). */
  blackScholes: (): OptionPriceModel => blackScholesModel,
  /** LEAN's default for American contracts: QuantLib's CRR tree, 100 steps (slowest). */
  binomialCoxRossRubinstein: (): OptionPriceModel => leanAmericanModel,
  baroneAdesiWhaley: (): OptionPriceModel => baroneAdesiWhaleyModel,
  /** Our default for American contracts (2002 version). */
  bjerksundStensland: (): OptionPriceModel => bjerksundStensland2002Model,
  /** The most accurate American model here (integral equation), ~ms per price. */
  integral: (): OptionPriceModel => integralEquationModel(),
} as const;

/** Mutable pricing settings of one option security. */
export class OptionPricingConfig {
  settings: OptionPricingSettings;

  constructor(overrides: Partial<OptionPricingSettings> = {}) {
    this.settings = defaultOptionPricing(overrides);
  }

  setPriceModel(model: OptionPriceModel): void {
    this.settings = { ...this.settings, model };
  }

  /**
   * `"implied"` (default): Greeks at each contract's implied volatility. A function: Greeks and
   * theoretical price at that volatility (LEAN's underlying volatility model; null → 0 Greeks).
   */
  setVolatility(source: VolatilitySource): void {
    this.settings = { ...this.settings, volatility: source };
  }

  setRiskFreeRate(rate: (yyyymmdd: number) => number): void {
    this.settings = { ...this.settings, riskFreeRate: rate };
  }

  setDividendYield(yieldOrFunction: number | ((yyyymmdd: number) => number)): void {
    const f = typeof yieldOrFunction === "number" ? () => yieldOrFunction : yieldOrFunction;
    this.settings = { ...this.settings, dividendYield: f };
  }
}
