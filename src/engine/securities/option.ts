// What addOption returns (LEAN's Option for the canonical chain symbol): the chain's filter and
// pricing settings. The contracts the filter selects become securities of their own.
import { OptionPricingConfig, optionFilterFrom, DEFAULT_OPTION_FILTER, type OptionFilter } from "../options/index.ts";
import type { OptionPriceModel } from "../pricing/index.ts";
import type { Resolution } from "../common/resolution.ts";
import type { Security } from "./security.ts";
import type { Symbol } from "./symbol.ts";

export class Option {
  /** the canonical chain symbol: `slice.optionChains.get(option.symbol)` */
  readonly symbol: Symbol;
  readonly underlying: Security;
  readonly resolution: Resolution;
  readonly pricing: OptionPricingConfig;
  private filterValue: OptionFilter = DEFAULT_OPTION_FILTER;
  private readonly filterListeners: Array<(filter: OptionFilter) => void> = [];

  constructor(symbol: Symbol, underlying: Security, resolution: Resolution, pricing: OptionPricingConfig) {
    this.symbol = symbol;
    this.underlying = underlying;
    this.resolution = resolution;
    this.pricing = pricing;
  }

  get filter(): OptionFilter {
    return this.filterValue;
  }

  /**
   * LEAN's SetFilter: `(minStrikeRank, maxStrikeRank)`, `(minStrikeRank, maxStrikeRank,
   * minExpiryDays, maxExpiryDays)` or a function over the universe:
   * `setFilter(u => u.includeWeeklys().strikes(-2, 2).expiration(0, 10))`.
   */
  setFilter(...args: Parameters<typeof optionFilterFrom>): void {
    this.filterValue = optionFilterFrom(...args);
    for (const l of this.filterListeners) l(this.filterValue);
  }

  /** LEAN's SetPriceModel: the model Greeks and implied volatility use for American contracts. */
  setPriceModel(model: OptionPriceModel): void {
    this.pricing.setPriceModel(model);
  }

  /** @internal the engine follows filter changes */
  onFilterChanged(listener: (filter: OptionFilter) => void): void {
    this.filterListeners.push(listener);
  }
}
