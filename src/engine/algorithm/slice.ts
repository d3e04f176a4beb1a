// A time slice: all the data that ends at one moment (LEAN's Slice), handed to onData.
import type { QuoteBarChunk, TradeBarChunk } from "../data/bar-chunk.ts";
import { QuoteBar, TradeBar } from "../securities/bars.ts";
import { Symbol, type SymbolLike } from "../securities/symbol.ts";
import { SymbolMap } from "./symbol-map.ts";
import type { OptionChain } from "../options/index.ts";

/**
 * The slice's bars of one kind, in the order the engine added them: for each, its symbol and either
 * the bar or the reader's row it comes from. A row becomes a bar the first time anything asks for
 * it, so a slice nobody looks at costs three array slots per bar and no bar objects.
 */
class Entries<B extends TradeBar | QuoteBar, R> {
  // stride 3: symbol, bar or rows, row index (-1 once the slot holds the bar); `size` slots in use
  private readonly slots: Array<Symbol | B | R | number>;
  private size = 0;
  private index: Map<Symbol, number> | undefined;

  constructor(
    private readonly make: (symbol: Symbol, rows: R, i: number) => B,
    /** the number of bars expected (room made at once; more still fit) */
    expected = 0,
  ) {
    this.slots = new Array(expected * 3);
  }

  get length(): number {
    return this.size / 3;
  }

  addBar(bar: B): void {
    this.add(bar.symbol, bar, -1);
  }

  addRow(symbol: Symbol, rows: R, i: number): void {
    this.add(symbol, rows, i);
  }

  private add(symbol: Symbol, item: B | R, row: number): void {
    const k = this.size;
    this.index?.set(symbol, k);
    this.slots[k] = symbol;
    this.slots[k + 1] = item;
    this.slots[k + 2] = row;
    this.size = k + 3;
  }

  private at(k: number): B {
    const slots = this.slots;
    const row = slots[k + 2] as number;
    if (row < 0) return slots[k + 1] as B;
    const bar = this.make(slots[k] as Symbol, slots[k + 1] as R, row);
    slots[k + 1] = bar;
    slots[k + 2] = -1;
    return bar;
  }

  /** The symbol's bar, made from its row on first use. */
  get(symbol: Symbol): B | undefined {
    if (!this.index) {
      this.index = new Map();
      for (let k = 0; k < this.size; k += 3) this.index.set(this.slots[k] as Symbol, k);
    }
    const k = this.index.get(symbol);
    return k === undefined ? undefined : this.at(k);
  }

  /** Every bar, in the order added. */
  fill(map: SymbolMap<B>): void {
    for (let k = 0; k < this.size; k += 3) map.set(this.slots[k] as Symbol, this.at(k));
  }
}

export class Slice {
  private readonly trades: Entries<TradeBar, TradeBarChunk>;
  private readonly quotes = new Entries<QuoteBar, QuoteBarChunk>(QuoteBar.fromRow);
  private barMap: SymbolMap<TradeBar> | undefined;
  private quoteMap: SymbolMap<QuoteBar> | undefined;
  private chainMap: SymbolMap<OptionChain> | undefined;

  constructor(
    /** epoch ms UTC of the slice */
    readonly utcTime: number,
    private readonly resolve: (ticker: string) => Symbol | undefined,
    /** @internal how many trade bars the engine expects to add (room is made at once) */
    expectedTradeBars = 0,
  ) {
    this.trades = new Entries(TradeBar.fromRow, expectedTradeBars);
  }

  /** @internal */
  addTradeBar(bar: TradeBar): void {
    this.trades.addBar(bar);
    this.barMap?.set(bar.symbol, bar);
  }

  /** @internal the trade bar in row `i` of a reader's chunk, made into a bar when first asked for */
  addTradeRow(symbol: Symbol, rows: TradeBarChunk, i: number): void {
    this.trades.addRow(symbol, rows, i);
    if (this.barMap) this.barMap.set(symbol, this.trades.get(symbol)!);
  }

  /** @internal */
  addQuoteBar(bar: QuoteBar): void {
    this.quotes.addBar(bar);
    this.quoteMap?.set(bar.symbol, bar);
  }

  /** @internal the quote bar in row `i` of a reader's chunk, made into a bar when first asked for */
  addQuoteRow(symbol: Symbol, rows: QuoteBarChunk, i: number): void {
    this.quotes.addRow(symbol, rows, i);
    if (this.quoteMap) this.quoteMap.set(symbol, this.quotes.get(symbol)!);
  }

  /** @internal the symbol's trade bar, without building `bars` */
  tradeBar(symbol: Symbol): TradeBar | undefined {
    return this.trades.get(symbol);
  }

  /** @internal the symbol's quote bar, without building `quoteBars` */
  quoteBar(symbol: Symbol): QuoteBar | undefined {
    return this.quotes.get(symbol);
  }

  /** trade bars by symbol (LEAN's slice.Bars) */
  get bars(): SymbolMap<TradeBar> {
    if (!this.barMap) {
      this.barMap = new SymbolMap(this.resolve);
      this.trades.fill(this.barMap);
    }
    return this.barMap;
  }

  /** quote bars by symbol (LEAN's slice.QuoteBars) */
  get quoteBars(): SymbolMap<QuoteBar> {
    if (!this.quoteMap) {
      this.quoteMap = new SymbolMap(this.resolve);
      this.quotes.fill(this.quoteMap);
    }
    return this.quoteMap;
  }

  /** option chains by canonical option symbol (filled when options are subscribed) */
  get optionChains(): SymbolMap<OptionChain> {
    this.chainMap ??= new SymbolMap(this.resolve);
    return this.chainMap;
  }

  get hasData(): boolean {
    return this.trades.length > 0 || this.quotes.length > 0 || (this.chainMap?.count ?? 0) > 0;
  }

  /** True when the slice has a trade or quote bar for the symbol. */
  containsKey(symbol: SymbolLike): boolean {
    return this.get(symbol) !== undefined;
  }

  /** The trade bar for the symbol, else its quote bar (LEAN's slice[symbol]). */
  get(symbol: SymbolLike): TradeBar | QuoteBar | undefined {
    const key = symbol instanceof Symbol ? symbol : this.resolve(symbol);
    return key === undefined ? undefined : (this.trades.get(key) ?? this.quotes.get(key));
  }

  /** Every symbol with data in this slice. */
  get keys(): Symbol[] {
    const set = new Set<Symbol>([...this.bars.keys(), ...this.quoteBars.keys()]);
    return [...set];
  }
}
