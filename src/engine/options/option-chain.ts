/**
 * An option chain at one moment (LEAN's `OptionChain`, `slice.optionChains.get(canonical)`): the
 * contracts that have data in the slice, keyed by symbol and iterable, and the underlying's
 * latest data. `buildOptionChain` is the pure builder the engine calls once per slice.
 */
import type { QuoteBar, TradeBar } from "../securities/bars.ts";
import { dateKeyFromDayNumber, epochFromLocal, localDayNumber } from "../time/index.ts";
import type { Symbol } from "../securities/symbol.ts";
import { OptionContract } from "./option-contract.ts";
import { defaultOptionPricing, evaluateOptionContract, type OptionPricingSettings } from "./option-pricing.ts";

export interface ChainUnderlying {
  readonly symbol: Symbol;
  /** the underlying's latest price (its last trade close, else quote mid) */
  readonly price: number;
  /** the bar it came from, when known */
  readonly bar?: TradeBar | QuoteBar;
}

export class OptionChain implements Iterable<OptionContract> {
  constructor(
    /** the canonical option symbol (`?GOOG`) */
    readonly symbol: Symbol,
    /** epoch ms of the slice */
    readonly time: number,
    readonly underlying: ChainUnderlying,
    readonly contracts: ReadonlyMap<Symbol, OptionContract>,
    /** every contract the universe currently selects (with or without data in this slice) */
    readonly filteredContracts: ReadonlySet<Symbol>,
  ) {}

  get count(): number {
    return this.contracts.size;
  }

  get(symbol: Symbol): OptionContract | undefined {
    return this.contracts.get(symbol);
  }

  [globalThis.Symbol.iterator](): Iterator<OptionContract> {
    return this.contracts.values();
  }

  toArray(): OptionContract[] {
    return [...this.contracts.values()];
  }

  get calls(): OptionContract[] {
    return this.toArray().filter((c) => c.right === 0);
  }

  get puts(): OptionContract[] {
    return this.toArray().filter((c) => c.right === 1);
  }
}

/** What the builder needs per contract: whatever arrived for it in the slice. */
export interface ChainContractInput {
  symbol: Symbol;
  quote?: QuoteBar;
  trade?: TradeBar;
  /** latest known open interest (0 when none) */
  openInterest?: number;
}

export interface BuildOptionChainInput {
  canonical: Symbol;
  time: number;
  underlying: ChainUnderlying;
  contracts: Iterable<ChainContractInput>;
  filteredContracts?: Iterable<Symbol>;
  /** exchange time zone (expiry dates, rate dates) */
  timeZone: string;
  /** epoch ms at which a contract expires (default: its expiry date at 16:00 local) */
  expiryTime?: (symbol: Symbol) => number;
  pricing?: OptionPricingSettings;
}

/**
 * Builds the chain for one slice. Quote fields come from the quote bar's closes (0 when a side
 * is empty, as LEAN), last price and volume from the trade bar (0 without one).
 */
export function buildOptionChain(input: BuildOptionChainInput): OptionChain {
  const pricing = input.pricing ?? defaultOptionPricing();
  const zone = input.timeZone;
  const date = dateKeyFromDayNumber(localDayNumber(input.time, zone));
  const expiryTime = input.expiryTime ?? ((s: Symbol) => defaultExpiryTime(s.expiry!, zone));
  const underlyingPrice = input.underlying.price;
  const evaluate = (c: OptionContract) =>
    evaluateOptionContract(
      {
        right: c.right,
        style: c.style,
        strike: c.strike,
        underlyingPrice,
        marketPrice: c.midPrice > 0 ? c.midPrice : NaN,
        nowMs: input.time,
        expiryMs: expiryTime(c.symbol),
        date,
      },
      pricing,
    );
  const contracts = new Map<Symbol, OptionContract>();
  for (const x of input.contracts) {
    const q = x.quote;
    const t = x.trade;
    contracts.set(
      x.symbol,
      new OptionContract(
        x.symbol,
        input.time,
        {
          bidPrice: q?.bid?.close ?? 0,
          askPrice: q?.ask?.close ?? 0,
          bidSize: q?.bid ? q.lastBidSize : 0,
          askSize: q?.ask ? q.lastAskSize : 0,
          lastPrice: t?.close ?? 0,
          volume: t?.volume ?? 0,
          openInterest: x.openInterest ?? 0,
          underlyingLastPrice: underlyingPrice,
        },
        zone,
        evaluate,
      ),
    );
  }
  const filtered = new Set(input.filteredContracts ?? contracts.keys());
  return new OptionChain(input.canonical, input.time, input.underlying, contracts, filtered);
}

/** 16:00 exchange time on the expiry date: when a US equity option stops trading. */
export function defaultExpiryTime(expiry: number, timeZone: string): number {
  return epochFromLocal(expiry, 16 * 3_600_000, timeZone);
}
