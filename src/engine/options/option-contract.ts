/**
 * One contract of an option chain at one moment (LEAN's `OptionContract`): the contract's terms,
 * its latest quote and trade, open interest, the underlying's price, and the implied volatility,
 * theoretical price and Greeks, computed on first read only.
 */
import { DateTime } from "luxon";
import type { LeanGreeks } from "../pricing/index.ts";
import { OptionRight, OptionStyle, type Symbol } from "../securities/symbol.ts";
import type { OptionEvaluation } from "./option-pricing.ts";

export interface OptionContractData {
  bidPrice: number;
  askPrice: number;
  bidSize: number;
  askSize: number;
  lastPrice: number;
  volume: number;
  openInterest: number;
  underlyingLastPrice: number;
}

export class OptionContract {
  private evaluation: OptionEvaluation | undefined;
  readonly strike: number;
  /** expiry date, yyyymmdd */
  readonly expiryDate: number;
  readonly right: OptionRight;
  readonly style: OptionStyle;
  readonly bidPrice: number;
  readonly askPrice: number;
  readonly bidSize: number;
  readonly askSize: number;
  readonly lastPrice: number;
  readonly volume: number;
  readonly openInterest: number;
  readonly underlyingLastPrice: number;

  constructor(
    readonly symbol: Symbol,
    /** epoch ms of the data (the slice time) */
    readonly time: number,
    data: OptionContractData,
    private readonly timeZone: string,
    private readonly evaluate: (contract: OptionContract) => OptionEvaluation,
  ) {
    if (symbol.strike === undefined || symbol.expiry === undefined || symbol.right === undefined) {
      throw new TypeError(`OptionContract: ${symbol.value} is not an option contract symbol`);
    }
    this.strike = symbol.strike;
    this.expiryDate = symbol.expiry;
    this.right = symbol.right;
    this.style = symbol.style ?? OptionStyle.American;
    this.bidPrice = data.bidPrice;
    this.askPrice = data.askPrice;
    this.bidSize = data.bidSize;
    this.askSize = data.askSize;
    this.lastPrice = data.lastPrice;
    this.volume = data.volume;
    this.openInterest = data.openInterest;
    this.underlyingLastPrice = data.underlyingLastPrice;
  }

  get underlyingSymbol(): Symbol {
    return this.symbol.underlying!;
  }

  /** Expiry date at 00:00 in the exchange time zone (LEAN's `Expiry`). */
  get expiry(): DateTime {
    const d = this.expiryDate;
    return DateTime.fromObject({ year: Math.floor(d / 10000), month: Math.floor(d / 100) % 100, day: d % 100 }, { zone: this.timeZone });
  }

  /** Mid of bid and ask when both are quoted, else the quoted side, else the last trade (0 when none). */
  get midPrice(): number {
    if (this.bidPrice > 0 && this.askPrice > 0) return (this.bidPrice + this.askPrice) / 2;
    return this.bidPrice > 0 ? this.bidPrice : this.askPrice > 0 ? this.askPrice : this.lastPrice;
  }

  private get result(): OptionEvaluation {
    return (this.evaluation ??= this.evaluate(this));
  }

  get impliedVolatility(): number {
    return this.result.impliedVolatility;
  }

  get theoreticalPrice(): number {
    return this.result.theoreticalPrice;
  }

  get greeks(): LeanGreeks {
    return this.result.greeks;
  }

  toString(): string {
    return this.symbol.value;
  }
}
