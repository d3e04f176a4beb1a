// A time slice: all the data that ends at one moment (LEAN's Slice), handed to onData.
import type { QuoteBar, TradeBar } from "../securities/bars.ts";
import type { Symbol, SymbolLike } from "../securities/symbol.ts";
import { SymbolMap } from "./symbol-map.ts";

export class Slice {
  readonly bars: SymbolMap<TradeBar>;
  readonly quoteBars: SymbolMap<QuoteBar>;
  /** option chains by canonical option symbol (filled when options are subscribed) */
  readonly optionChains: SymbolMap<unknown>;

  constructor(
    /** epoch ms UTC of the slice */
    readonly utcTime: number,
    resolve: (ticker: string) => Symbol | undefined,
  ) {
    this.bars = new SymbolMap(resolve);
    this.quoteBars = new SymbolMap(resolve);
    this.optionChains = new SymbolMap(resolve);
  }

  get hasData(): boolean {
    return this.bars.count > 0 || this.quoteBars.count > 0 || this.optionChains.count > 0;
  }

  /** True when the slice has a trade or quote bar for the symbol. */
  containsKey(symbol: SymbolLike): boolean {
    return this.bars.containsKey(symbol) || this.quoteBars.containsKey(symbol);
  }

  /** The trade bar for the symbol, else its quote bar (LEAN's slice[symbol]). */
  get(symbol: SymbolLike): TradeBar | QuoteBar | undefined {
    return this.bars.get(symbol) ?? this.quoteBars.get(symbol);
  }

  /** Every symbol with data in this slice. */
  get keys(): Symbol[] {
    const set = new Set<Symbol>([...this.bars.keys(), ...this.quoteBars.keys()]);
    return [...set];
  }
}
