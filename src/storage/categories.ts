// The guide's seven storage categories, their string values (stored as-is) and what a category
// does when a save would pass its quota.

export const StorageCategory = {
  TRADING_STATE: "trading_state",
  OPTIONS_GREEKS: "options_greeks",
  LLM_CACHE: "llm_cache",
  BACKTEST_RESULTS: "backtest_results",
  ML_MODELS: "ml_models",
  MONITORING_DATA: "monitoring_data",
  RESEARCH_DATA: "research_data",
} as const;
export type StorageCategory = (typeof StorageCategory)[keyof typeof StorageCategory];

/** In the guide's order. */
export const STORAGE_CATEGORIES: readonly StorageCategory[] = Object.values(StorageCategory);

export function isStorageCategory(value: unknown): value is StorageCategory {
  return typeof value === "string" && (STORAGE_CATEGORIES as readonly string[]).includes(value);
}

/** "evict": the category's oldest objects make room; "refuse": the save fails with CategoryQuotaExceededError. */
export type QuotaPolicy = "evict" | "refuse";

/**
 * Caches and rolling histories evict their oldest entries; state, models, results and research
 * data are never dropped silently. Override per category with `quota_policy` in config.
 */
export const DEFAULT_QUOTA_POLICY: Readonly<Record<StorageCategory, QuotaPolicy>> = {
  trading_state: "refuse",
  options_greeks: "evict",
  llm_cache: "evict",
  backtest_results: "refuse",
  ml_models: "refuse",
  monitoring_data: "evict",
  research_data: "refuse",
};
