/** The market data generator: a realistic ETF, its option chain and headlines in LEAN's data folder layout. */
export {
  generateDataSet,
  ensureDataSet,
  readDataSetStamp,
  interestRateText,
  GENERATOR_VERSION,
  STAMP_FILE,
  DEFAULT_TICKER,
  DEFAULT_SEED,
  DEFAULT_START_DATE,
  DEFAULT_END_DATE,
  type DataSetOptions,
  type DataSetSummary,
} from "./generate.ts";
export { DEFAULT_MARKET_MODEL, FULL_SESSION_MINUTES, simulateMarket, type MarketModelParameters, type SimulatedDay } from "./market-model.ts";
export { DEFAULT_SURFACE, atmVolatility, impliedVolatility, type VolatilitySurfaceParameters } from "./volatility-surface.ts";
export { DEFAULT_OPTION_CHAIN, OPEN_INTEREST_TIME, YEAR_MS, quoteFor, strikeStep, type OptionChainParameters } from "./option-writer.ts";
export { expiriesBetween, listedExpiries, type Expiry } from "./expiries.ts";
export { tradingSessions, usEquityExchangeHours, US_EQUITY_TIME_ZONE, type TradingSession } from "./trading-sessions.ts";
export { generateHeadlines, everyHeadline, headlinesCsv, headlinesPath, formatLocalTime, type Headline, type Tone } from "./headlines.ts";
export { bsmPrice, bsmGreeks, normCdf } from "./black-scholes.ts";
export { Random } from "./random.ts";
