/**
 * Options: universe selection and contract filters, chains and contracts with lazy Greeks, the
 * per-day chain feed the replay loop drives, exercise/assignment, option margin and our CSV chain
 * format. Knows the securities' Symbol and bar classes, the time helpers, the data readers and
 * the pricing maths; knows nothing of the engine loop, the portfolio or orders.
 */
export { dayOfWeekOfDateKey, isStandardExpiry, isWeeklyExpiry, thirdFriday } from "./expiry-type.ts";
export {
  applyOptionFilter, DEFAULT_OPTION_FILTER, FilterOrderError, OptionFilterUniverse, optionFilterFrom, strikeExpiryFilter,
  type OptionFilter, type OptionUniverseEntry,
} from "./option-filter-universe.ts";
export {
  selectContracts, selectFromUniverseFile, tradingDayOnOrAfter, universeDateFor, universeEntries,
  type ContractSelection, type TradingCalendar,
} from "./universe-selection.ts";
export {
  defaultOptionPricing, evaluateOptionContract, modelImpliedVolatility,
  type OptionEvaluation, type OptionEvaluationInput, type OptionPricingSettings, type VolatilitySource,
} from "./option-pricing.ts";
export { OptionPriceModels, OptionPricingConfig } from "./option-price-models.ts";
export { OptionContract, type OptionContractData } from "./option-contract.ts";
export { buildOptionChain, defaultExpiryTime, OptionChain, type BuildOptionChainInput, type ChainContractInput, type ChainUnderlying } from "./option-chain.ts";
export {
  contractKeyOf, LeanOptionChainSource,
  type LeanOptionSourceOptions, type OptionChainSource, type OptionContractDay, type OptionUniverseSnapshot,
} from "./option-chain-source.ts";
export { OptionChainFeed, type DayStart, type OptionBarUpdate, type OptionChainFeedOptions, type StartDayOptions } from "./option-chain-feed.ts";
export {
  exerciseFills, exerciseQuantity, intrinsicValue, isAutoExercised, isOptionContractExpired, isWinningTrade,
  type ExerciseFill, type ExerciseInput, type SettlementType,
} from "./option-exercise.ts";
export {
  ASSIGNMENT_PRIOR_EXPIRATION_MS, ASSIGNMENT_REQUIRED_ITM_PERCENT, isDeepInTheMoney, localWallTime, nextAssignmentCheck, optionAssignment,
  type AssignmentInput, type AssignmentResult,
} from "./option-assignment.ts";
export {
  optionInitialMargin, optionMaintenanceMargin, optionMarginRequirement, optionOrderMargin, outOfTheMoneyAmount,
  recognizeVerticalSpread, verticalSpreadMargin,
  type OptionLeg, type OptionMarginInput, type VerticalSpread,
} from "./option-margin.ts";
export {
  CsvOptionChainSource, OPTION_CHAIN_CSV_COLUMNS, optionChainCsvPath, parseOptionChainCsv, readOptionChainCsv,
  type CsvContractDay, type CsvOptionChainSourceOptions, type OptionChainCsvDay, type ParseOptionChainCsvOptions,
} from "./option-chain-csv.ts";
