// A time slice: all the data that ends at one moment (LEAN's Slice), handed to onData.
import type { QuoteBar, TradeBar } from "../securities/bars.ts";
import type { Symbol, SymbolLike } from "../securities/symbol.ts";
import { SymbolMap } from "./symbol-map.ts";
import type { OptionChain } from "../options/index.ts";

export class Slice {
  // The engine appends bars to plain arrays; the maps a user reads are built on first access, so a
  // slice nobody looks at costs two array pushes per bar.
  private readonly tradeList: TradeBar[] = [];
  private readonly quoteList: QuoteBar[] = [];
  private barMap: SymbolMap<TradeBar> | undefined;
  private quoteMap: SymbolMap<QuoteBar> | undefined;
  private chainMap: SymbolMap<OptionChain> | undefined;

  constructor(
    /** epoch ms UTC of the slice */
    readonly utcTime: number,
    private readonly resolve: (ticker: string) => Symbol | undefined,
  ) {}

  /** @internal */
  addTradeBar(bar: TradeBar): void {
    this.tradeList.push(bar);
    this.barMap?.set(bar.symbol, bar);
  }

  /** @internal */
  addQuoteBar(bar: QuoteBar): void {
    this.quoteList.push(bar);
    this.quoteMap?.set(bar.symbol, bar);
  }

  /** trade bars by symbol (LEAN's slice.Bars) */
  get bars(): SymbolMap<TradeBar> {
    if (!this.barMap) {
      this.barMap = new SymbolMap(this.resolve);
      for (const bar of this.tradeList) this.barMap.set(bar.symbol, bar);
    }
    return this.barMap;
  }

  /** quote bars by symbol (LEAN's slice.QuoteBars) */
  get quoteBars(): SymbolMap<QuoteBar> {
    if (!this.quoteMap) {
      this.quoteMap = new SymbolMap(this.resolve);
      for (const bar of this.quoteList) this.quoteMap.set(bar.symbol, bar);
    }
    return this.quoteMap;
  }

  /** option chains by canonical option symbol (filled when options are subscribed) */
  get optionChains(): SymbolMap<OptionChain> {
    this.chainMap ??= new SymbolMap(this.resolve);
    return this.chainMap;
  }

  get hasData(): boolean {
    return this.tradeList.length > 0 || this.quoteList.length > 0 || (this.chainMap?.count ?? 0) > 0;
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
