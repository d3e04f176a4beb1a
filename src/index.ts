// The public API: what `import … from "tradeloom"` gives a user.
export { QCAlgorithm, type AlgorithmEnvironment } from "./engine/algorithm/qc-algorithm.ts";
export { Slice } from "./engine/algorithm/slice.ts";
export { SymbolMap } from "./engine/algorithm/symbol-map.ts";
export { SecurityManager } from "./engine/algorithm/securities-manager.ts";
export { ScheduleManager, type ScheduledEventSpec } from "./engine/algorithm/schedule.ts";
export { defaultSettings, type AlgorithmSettings } from "./engine/algorithm/settings.ts";
export { Resolution, resolutionToMs, parseResolution } from "./engine/common/resolution.ts";
export { SecurityType, Market } from "./engine/common/security-type.ts";
export { TradeloomError, AlgorithmUsageError, AlgorithmLoadError } from "./engine/common/errors.ts";
export { Symbol, OptionRight, OptionStyle, type SymbolLike } from "./engine/securities/symbol.ts";
export { Security, DataNormalizationMode, type Subscription } from "./engine/securities/security.ts";
export { TradeBar, QuoteBar, type Bar, type BaseData } from "./engine/securities/bars.ts";
export { OrderType, OrderStatus, OrderDirection } from "./engine/orders/order-enums.ts";
export { Order } from "./engine/orders/order.ts";
export { OrderEvent } from "./engine/orders/order-event.ts";
export { OrderTicket, type UpdateOrderFields, type OrderResponse } from "./engine/orders/order-ticket.ts";
export { TransactionManager } from "./engine/orders/transaction-manager.ts";
export { InteractiveBrokersFeeModel, ConstantFeeModel, type FeeModel } from "./engine/orders/fees/fee-model.ts";
export { EquityFillModel, ImmediateFillModel, type FillModel, type Fill } from "./engine/orders/fills/fill-model.ts";
export { NullSlippageModel, ConstantSlippageModel, type SlippageModel } from "./engine/orders/slippage/slippage-model.ts";
export { Portfolio, type TransactionRecord } from "./engine/portfolio/portfolio.ts";
export { SecurityHolding } from "./engine/portfolio/security-holding.ts";
export { DateRules, TimeRules, DayOfWeek, hours, minutes, seconds, days, type DateRule, type TimeRule } from "./engine/time/index.ts";
export {
  MovingAverageType,
  SimpleMovingAverage,
  ExponentialMovingAverage,
  RelativeStrengthIndex,
  MovingAverageConvergenceDivergence,
  BollingerBands,
  AverageTrueRange,
  RollingWindow,
  IndicatorBase,
  type IndicatorDataPoint,
} from "./engine/indicators/index.ts";
export { runBacktest, BacktestEngine, type BacktestOptions, type BacktestResult } from "./engine/backtest/backtest-engine.ts";
export { toResultJson, formatStatistics } from "./engine/results/result-json.ts";
export { Decimal } from "decimal.js";
export { Option } from "./engine/securities/option.ts";
export {
  OptionChain,
  OptionContract,
  OptionFilterUniverse,
  OptionPriceModels,
  OptionPricingConfig,
  type OptionFilter,
} from "./engine/options/index.ts";
export { blackScholesPrice, blackScholesGreeks, impliedVolatility, type OptionPriceModel } from "./engine/pricing/index.ts";
export {
  StorageCategory,
  ObjectStore,
  ObjectStoreManager,
  SyncObjectStore,
  SyncObjectStoreManager,
  StorageMonitor,
  openObjectStore,
  openObjectStoreManager,
  openSyncObjectStore,
  openSyncObjectStoreManager,
  ObjectStoreError,
  ObjectTooLargeError,
  InvalidKeyError,
} from "./storage/index.ts";
export { CircuitBreaker, type CircuitBreakerConfig, type CircuitBreakerEvent } from "./risk/index.ts";
