// A Map keyed by Symbol that also answers to ticker strings, as LEAN's dictionaries do.
import { Symbol, type SymbolLike } from "../securities/symbol.ts";

export class SymbolMap<T> implements Iterable<[Symbol, T]> {
  protected readonly map = new Map<Symbol, T>();

  constructor(private readonly resolve: (ticker: string) => Symbol | undefined) {}

  protected key(symbol: SymbolLike): Symbol | undefined {
    return symbol instanceof Symbol ? symbol : this.resolve(symbol);
  }

  get(symbol: SymbolLike): T | undefined {
    const key = this.key(symbol);
    return key === undefined ? undefined : this.map.get(key);
  }

  containsKey(symbol: SymbolLike): boolean {
    const key = this.key(symbol);
    return key !== undefined && this.map.has(key);
  }

  has(symbol: SymbolLike): boolean {
    return this.containsKey(symbol);
  }

  set(symbol: Symbol, value: T): void {
    this.map.set(symbol, value);
  }

  delete(symbol: SymbolLike): boolean {
    const key = this.key(symbol);
    return key !== undefined && this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }

  get count(): number {
    return this.map.size;
  }

  get size(): number {
    return this.map.size;
  }

  keys(): IterableIterator<Symbol> {
    return this.map.keys();
  }

  values(): IterableIterator<T> {
    return this.map.values();
  }

  entries(): IterableIterator<[Symbol, T]> {
    return this.map.entries();
  }

  [globalThis.Symbol.iterator](): IterableIterator<[Symbol, T]> {
    return this.map.entries();
  }
}
