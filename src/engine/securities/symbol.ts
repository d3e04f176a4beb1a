// Symbols: one interned instance per security, so `===` and Map keys work, as LEAN's Symbol.
import { SecurityType, Market } from "../common/security-type.ts";

export enum OptionRight {
  Call = 0,
  Put = 1,
}

export enum OptionStyle {
  American = 0,
  European = 1,
}

/** Anything a LEAN method accepts as a symbol: the Symbol itself or its ticker (LEAN's implicit conversion). */
export type SymbolLike = Symbol | string;

const registry = new Map<string, Symbol>();

export class Symbol {
  /** The ticker (equities, indexes) or the OSI-style contract name (options), e.g. `GOOG  160115P00750000`. */
  readonly value: string;
  readonly securityType: SecurityType;
  readonly market: string;
  /** Options: the underlying's symbol. For a canonical option chain symbol, `strike` is undefined. */
  readonly underlying?: Symbol;
  readonly strike?: number;
  /** Options: expiry date as yyyymmdd. */
  readonly expiry?: number;
  readonly right?: OptionRight;
  readonly style?: OptionStyle;
  /** A unique, stable identifier (type, market, value). */
  readonly id: string;

  private constructor(init: {
    value: string;
    securityType: SecurityType;
    market: string;
    underlying?: Symbol;
    strike?: number;
    expiry?: number;
    right?: OptionRight;
    style?: OptionStyle;
    id: string;
  }) {
    this.value = init.value;
    this.securityType = init.securityType;
    this.market = init.market;
    this.underlying = init.underlying;
    this.strike = init.strike;
    this.expiry = init.expiry;
    this.right = init.right;
    this.style = init.style;
    this.id = init.id;
  }

  /** `Symbol.create("SPY", SecurityType.Equity, Market.USA)`; tickers are upper-cased. */
  static create(ticker: string, securityType: SecurityType = SecurityType.Equity, market: string = Market.USA): Symbol {
    if (typeof ticker !== "string" || ticker.trim() === "") {
      throw new TypeError(`Symbol.create: ticker must be a non-empty string, got ${JSON.stringify(ticker)}`);
    }
    const value = ticker.trim().toUpperCase();
    const id = `${securityType}|${market}|${value}`;
    let symbol = registry.get(id);
    if (!symbol) {
      symbol = new Symbol({ value, securityType, market, id });
      registry.set(id, symbol);
    }
    return symbol;
  }

  /** The canonical option chain symbol of an underlying (`?GOOG` in LEAN's notation). */
  static createCanonicalOption(underlying: Symbol, market: string = Market.USA): Symbol {
    const value = `?${underlying.value}`;
    const id = `${SecurityType.Option}|${market}|${value}`;
    let symbol = registry.get(id);
    if (!symbol) {
      symbol = new Symbol({ value, securityType: SecurityType.Option, market, underlying, id, style: OptionStyle.American });
      registry.set(id, symbol);
    }
    return symbol;
  }

  /** An option contract: OSI-style value `UNDERL yymmdd C|P strike×1000 (8 digits)`. */
  static createOption(
    underlying: Symbol,
    strike: number,
    expiry: number,
    right: OptionRight,
    style: OptionStyle = OptionStyle.American,
    market: string = Market.USA,
  ): Symbol {
    const yymmdd = String(expiry % 1_000_000).padStart(6, "0");
    const strikeText = String(Math.round(strike * 1000)).padStart(8, "0");
    const value = `${underlying.value.padEnd(6, " ")}${yymmdd}${right === OptionRight.Call ? "C" : "P"}${strikeText}`;
    const id = `${SecurityType.Option}|${market}|${value}`;
    let symbol = registry.get(id);
    if (!symbol) {
      symbol = new Symbol({ value, securityType: SecurityType.Option, market, underlying, strike, expiry, right, style, id });
      registry.set(id, symbol);
    }
    return symbol;
  }

  /** Parses an OSI-style contract value (`GOOG  160617P00750000`) back into its option Symbol. */
  static parseOption(value: string, style: OptionStyle = OptionStyle.American, market: string = Market.USA): Symbol {
    const m = /^(.{1,6}?)\s*(\d{6})([CP])(\d{8})$/.exec(value);
    if (!m) throw new TypeError(`Symbol.parseOption: "${value}" is not an OSI option symbol (UNDERL yymmdd C|P strike×1000)`);
    const underlying = Symbol.create(m[1], SecurityType.Equity, market);
    const expiry = 20_000_000 + Number(m[2]);
    return Symbol.createOption(underlying, Number(m[4]) / 1000, expiry, m[3] === "C" ? OptionRight.Call : OptionRight.Put, style, market);
  }

  get isCanonical(): boolean {
    return this.securityType === SecurityType.Option && this.strike === undefined;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}
