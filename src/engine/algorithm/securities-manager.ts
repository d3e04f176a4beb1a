// The algorithm's securities (LEAN's SecurityManager): lookup by Symbol or ticker.
import { AlgorithmUsageError } from "../common/errors.ts";
import type { Security } from "../securities/security.ts";
import { Symbol, type SymbolLike } from "../securities/symbol.ts";

export class SecurityManager implements Iterable<Security> {
  private readonly bySymbol = new Map<Symbol, Security>();
  private readonly byTicker = new Map<string, Symbol>();

  add(security: Security): void {
    this.bySymbol.set(security.symbol, security);
    if (!this.byTicker.has(security.symbol.value)) this.byTicker.set(security.symbol.value, security.symbol);
  }

  /** The Symbol for a ticker the algorithm added (LEAN's implicit string → Symbol conversion). */
  resolve(ticker: string): Symbol | undefined {
    return this.byTicker.get(ticker) ?? this.byTicker.get(ticker.toUpperCase());
  }

  symbolOf(symbol: SymbolLike): Symbol {
    if (symbol instanceof Symbol) return symbol;
    const found = this.resolve(symbol);
    if (!found) throw new AlgorithmUsageError(`"${symbol}" is not a security of this algorithm: add it first (addEquity, addOption, ...)`);
    return found;
  }

  /** The security; throws a clear error if it was never added. */
  get(symbol: SymbolLike): Security {
    const key = this.symbolOf(symbol);
    const security = this.bySymbol.get(key);
    if (!security) throw new AlgorithmUsageError(`"${key.value}" is not a security of this algorithm: add it first`);
    return security;
  }

  tryGet(symbol: SymbolLike): Security | undefined {
    const key = symbol instanceof Symbol ? symbol : this.resolve(symbol);
    return key ? this.bySymbol.get(key) : undefined;
  }

  containsKey(symbol: SymbolLike): boolean {
    return this.tryGet(symbol) !== undefined;
  }

  get count(): number {
    return this.bySymbol.size;
  }

  keys(): IterableIterator<Symbol> {
    return this.bySymbol.keys();
  }

  values(): IterableIterator<Security> {
    return this.bySymbol.values();
  }

  [globalThis.Symbol.iterator](): IterableIterator<Security> {
    return this.bySymbol.values();
  }
}
