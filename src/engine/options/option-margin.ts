/**
 * Option buying power (LEAN's `OptionMarginModel` and the spread cases of
 * `OptionStrategyPositionGroupBuyingPowerModel`), as pure functions of prices and quantities.
 *
 * Single legs, per LEAN (equity options: multiplier 100, contract unit of trade 100, underlying
 * multiplier 1):
 * - long: the premium, price × multiplier × quantity (initial margin for an order; maintenance 0);
 * - short: premium + |q| × unit × max(10 % × (calls: underlying, puts: strike),
 *   20 % × underlying − out-of-the-money amount) (15 % for index options), where the premium is
 *   at the current price for initial margin and at the holdings' cost for maintenance. All 0 when
 *   the option price, strike or underlying price is 0 (LEAN's guard).
 * Vertical spreads (same expiry and right, one long and one short leg of equal size):
 * - call: max(long strike − short strike, 0) × unit × |q| (a bull call spread needs 0);
 * - put: max(short strike − long strike, 0) × unit × |q| (a bear put spread needs 0).
 * Not modelled: the other strategy groups (straddles, butterflies, condors, covered calls,
 * protective puts, calendars) and the order-fee add-on of LEAN's initial margin for an order.
 */
import { OptionRight } from "../securities/symbol.ts";

export interface OptionMarginInput {
  /** the option's price (current price for initial margin, average holdings price for maintenance) */
  price: number;
  strike: number;
  underlyingPrice: number;
  /** signed contracts: + long, − short */
  quantity: number;
  right: OptionRight;
  contractMultiplier?: number;
  contractUnitOfTrade?: number;
  /** index options use 15 % instead of 20 % for the out-of-the-money term */
  isIndexOption?: boolean;
}

const NAKED_REQUIREMENT = 0.1;
const EQUITY_OTM_REQUIREMENT = 0.2;
const INDEX_OTM_REQUIREMENT = 0.15;

export function outOfTheMoneyAmount(right: OptionRight, strike: number, underlyingPrice: number): number {
  return Math.max(right === OptionRight.Call ? strike - underlyingPrice : underlyingPrice - strike, 0);
}

/** The margin (in account currency) a position needs; long positions need their premium. */
export function optionMarginRequirement(input: OptionMarginInput): number {
  const multiplier = input.contractMultiplier ?? 100;
  const unit = input.contractUnitOfTrade ?? 100;
  const premium = Math.abs(input.price * multiplier * input.quantity);
  if (premium === 0 || input.strike === 0 || !(input.underlyingPrice > 0)) return 0;
  if (input.quantity > 0) return premium;
  const s = input.underlyingPrice;
  const otm = outOfTheMoneyAmount(input.right, input.strike, s);
  const naked = NAKED_REQUIREMENT * (input.right === OptionRight.Call ? s : input.strike);
  const otmTerm = (input.isIndexOption ? INDEX_OTM_REQUIREMENT : EQUITY_OTM_REQUIREMENT) * s - otm;
  return premium + Math.abs(input.quantity) * unit * Math.max(naked, otmTerm);
}

/** LEAN's initial margin requirement of a position: 0 for longs (premium paid up front), the short formula for shorts. */
export function optionInitialMargin(input: OptionMarginInput): number {
  return input.quantity >= 0 ? 0 : optionMarginRequirement(input);
}

/** Initial margin an order needs: longs pay the premium, shorts post the short requirement (fees not included). */
export function optionOrderMargin(input: OptionMarginInput): number {
  return optionMarginRequirement(input);
}

/** Maintenance margin of holdings: 0 for longs; for shorts the requirement at the holdings' average price. */
export function optionMaintenanceMargin(input: OptionMarginInput & { averagePrice: number }): number {
  if (input.quantity >= 0) return 0;
  return optionMarginRequirement({ ...input, price: input.averagePrice });
}

export interface OptionLeg {
  right: OptionRight;
  strike: number;
  /** yyyymmdd */
  expiry: number;
  /** signed contracts */
  quantity: number;
}

export interface VerticalSpread {
  right: OptionRight;
  longLeg: OptionLeg;
  shortLeg: OptionLeg;
  /** contracts per leg */
  quantity: number;
  /** LEAN's strategy name */
  name: "BullCallSpread" | "BearCallSpread" | "BearPutSpread" | "BullPutSpread";
}

/** A vertical spread when the two legs are one long and one short of the same right, expiry and size; else null. */
export function recognizeVerticalSpread(a: OptionLeg, b: OptionLeg): VerticalSpread | null {
  if (a.right !== b.right || a.expiry !== b.expiry || a.strike === b.strike) return null;
  if (a.quantity === 0 || a.quantity !== -b.quantity) return null;
  const longLeg = a.quantity > 0 ? a : b;
  const shortLeg = a.quantity > 0 ? b : a;
  const quantity = longLeg.quantity;
  const name = a.right === OptionRight.Call
    ? longLeg.strike < shortLeg.strike ? "BullCallSpread" : "BearCallSpread"
    : longLeg.strike > shortLeg.strike ? "BearPutSpread" : "BullPutSpread";
  return { right: a.right, longLeg, shortLeg, quantity, name };
}

/** Margin of a vertical spread (LEAN: the strike difference at risk, never negative). */
export function verticalSpreadMargin(spread: VerticalSpread, contractUnitOfTrade = 100): number {
  const difference = spread.right === OptionRight.Call
    ? spread.longLeg.strike - spread.shortLeg.strike
    : spread.shortLeg.strike - spread.longLeg.strike;
  return Math.max(difference * contractUnitOfTrade * Math.abs(spread.quantity), 0);
}
