// LEAN's AlgorithmSettings defaults that decide fills and order sizes.
export interface AlgorithmSettings {
  freePortfolioValuePercentage: number;
  freePortfolioValue?: number;
  minimumOrderMarginPortfolioPercentage: number;
  /** ms; LEAN's StalePriceTimeSpan (1 hour) */
  stalePriceTimeSpan: number;
  dailyPreciseEndTime: boolean;
  liquidateEnabled: boolean;
  tradingDaysPerYear: number;
}

export function defaultSettings(): AlgorithmSettings {
  return {
    freePortfolioValuePercentage: 0.0025,
    minimumOrderMarginPortfolioPercentage: 0.001,
    stalePriceTimeSpan: 3_600_000,
    dailyPreciseEndTime: true,
    liquidateEnabled: true,
    tradingDaysPerYear: 252,
  };
}
