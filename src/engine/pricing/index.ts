/**
 * Option pricing: the public API of src/engine/pricing. Pure maths, imports nothing from the
 * engine: plain numbers in and out (Greeks into caller-provided objects).
 */
export { erf, erfc, erfcx, inverseNormCdf, normCdf, normPdf } from "./normal.ts";
export { normalisedBlackCall, normalisedVega } from "./normalised-black.ts";
export {
  blackScholesGreeks, blackScholesPrice, createGreeks, type Greeks, type OptionRight,
} from "./black-scholes.ts";
export {
  impliedVolatility, impliedVolatilityOrNaN, normalisedImpliedVolatility,
  type ImpliedVolatilityFailure, type ImpliedVolatilityResult,
} from "./implied-volatility.ts";
export { createLeanGreeks, DAYS_PER_YEAR, toLeanUnits, type LeanGreeks } from "./lean-units.ts";
export { binomialPrice, LEAN_BINOMIAL_STEPS, type BinomialFlavour } from "./binomial.ts";
export { baroneAdesiWhaleyPrice } from "./barone-adesi-whaley.ts";
export { bivariateNormalCdf, bjerksundStensland1993Price, bjerksundStensland2002Price } from "./bjerksund-stensland.ts";
export {
  ACCURATE_SETTINGS, americanIntegralEquationPrice, FAST_SETTINGS, type IntegralEquationSettings,
} from "./american-integral.ts";
export {
  accurateAmericanModel, baroneAdesiWhaleyModel, binomialModel, bjerksundStensland1993Model, bjerksundStensland2002Model,
  blackScholesModel, evaluateOption, integralEquationModel, MILLISECONDS_PER_YEAR, yearFraction,
  leanAmericanModel, neverExercisedEarly, type OptionPriceModel,
} from "./models.ts";
export {
  constantRate, InvalidRateCurveError, rateCurve, type DividendYieldProvider, type RatePoint, type RateProvider,
} from "./rate-providers.ts";
export {
  calculateGreeksCsv, computeGreeksRow, formatGreeksCsv, GreeksInputError, OUTPUT_COLUMNS, parseGreeksCsv,
  type GreeksInputRow, type GreeksOutputRow,
} from "./greeks-calculator.ts";
