/**
 * Early assignment of short option positions (LEAN's `DefaultOptionAssignmentModel`), checked by
 * the backtesting brokerage once an hour (`BacktestingBrokerage.ProcessAssignmentOrders`: at the
 * first scan at or after the next whole hour, over every short option position in symbol order).
 * An assignment is an `OptionExerciseOrder` for the whole short position (fills: option-exercise.ts).
 *
 * The rule: the contract must be American and expire within 4 days (expiry date 00:00 minus local
 * time <= 4 days), or European and expire today; it must be more than 5 % in the money against the
 * underlying's close; and the counterparty must gain by exercising and selling (calls, at the
 * underlying bid) or buying back (puts, at the ask) the underlying rather than selling the option
 * at its bid. The estimate reproduces LEAN's arithmetic, including its second multiplication of
 * the exercise leg by the contract unit of trade (100 for equity options), which makes the
 * exercise leg dominate whenever the underlying is in the money at that bid/ask.
 */
import { OptionRight, OptionStyle, type Symbol } from "../securities/symbol.ts";
import { dayNumberFromDateKey } from "../time/index.ts";
import { exerciseQuantity } from "./option-exercise.ts";

export const ASSIGNMENT_PRIOR_EXPIRATION_MS = 4 * 86_400_000;
export const ASSIGNMENT_REQUIRED_ITM_PERCENT = 0.05;

export interface AssignmentInput {
  contract: Symbol;
  /** the algorithm's (short, negative) holdings */
  holdingsQuantity: number;
  /** the algorithm's average price of the short position (positive) */
  averagePrice: number;
  /** local wall time of the check as ms since the epoch of the local calendar: (dayNumber × 86.4e6 + ms of day) */
  localTimeMs: number;
  underlyingClose: number;
  underlyingBid: number;
  underlyingAsk: number;
  optionBid: number;
  contractMultiplier?: number;
  contractUnitOfTrade?: number;
  /** fee of a market order closing the option position (LEAN asks the option's fee model) */
  optionCloseFee?: number;
  /** fee of the exercise order (0 with LEAN's fee models) */
  exerciseFee?: number;
  /** fee of the market order closing the delivered underlying */
  underlyingCloseFee?: number;
  settlement?: "physical" | "cash";
  requiredInTheMoneyPercent?: number;
  priorExpirationMs?: number;
}

export interface AssignmentResult {
  /** contracts assigned (the whole |position|), 0 when not assigned */
  quantity: number;
  tag: string;
  /** why not, when not assigned */
  reason?: "not short" | "not near expiry" | "not deep in the money" | "no arbitrage";
  /** LEAN's estimate (exercise-and-close P&L minus close-the-option P&L), when computed */
  arbitragePnL?: number;
}

/** Local wall time of `yyyymmdd` + `msOfDay` on the scale AssignmentInput.localTimeMs uses. */
export function localWallTime(yyyymmdd: number, msOfDay: number): number {
  return dayNumberFromDateKey(yyyymmdd) * 86_400_000 + msOfDay;
}

/** True when more than `percent` in the money against `underlyingClose`. */
export function isDeepInTheMoney(right: OptionRight, strike: number, underlyingClose: number, percent = ASSIGNMENT_REQUIRED_ITM_PERCENT): boolean {
  if (!(underlyingClose > 0)) return false;
  const moneyness = right === OptionRight.Call ? (underlyingClose - strike) / underlyingClose : (strike - underlyingClose) / underlyingClose;
  return moneyness > percent;
}

export function optionAssignment(input: AssignmentInput): AssignmentResult {
  const symbol = input.contract;
  const q = input.holdingsQuantity;
  if (!(q < 0)) return { quantity: 0, tag: "", reason: "not short" };
  const expiry = localWallTime(symbol.expiry!, 0);
  const style = symbol.style ?? OptionStyle.American;
  const nearExpiry = style === OptionStyle.American
    ? expiry - input.localTimeMs <= (input.priorExpirationMs ?? ASSIGNMENT_PRIOR_EXPIRATION_MS)
    : Math.floor(input.localTimeMs / 86_400_000) === Math.floor(expiry / 86_400_000);
  if (!nearExpiry) return { quantity: 0, tag: "", reason: "not near expiry" };
  if (!isDeepInTheMoney(symbol.right!, symbol.strike!, input.underlyingClose, input.requiredInTheMoneyPercent)) {
    return { quantity: 0, tag: "", reason: "not deep in the money" };
  }
  const multiplier = input.contractMultiplier ?? 100;
  const unit = input.contractUnitOfTrade ?? 100;
  // the counterparty's choices, with its position = −ours
  const basePnL = (input.optionBid - input.averagePrice) * -q * multiplier - (input.optionCloseFee ?? 0);
  const underlyingQuantity = exerciseQuantity(symbol.right!, q, unit);
  const underlyingPrice = symbol.right === OptionRight.Call ? input.underlyingBid : input.underlyingAsk;
  const underlyingFee = (input.settlement ?? "physical") === "physical" ? (input.underlyingCloseFee ?? 0) : 0;
  const altPnL = (underlyingPrice - symbol.strike!) * underlyingQuantity * unit
    - underlyingFee
    - input.averagePrice * Math.abs(q) * multiplier
    - (input.exerciseFee ?? 0);
  const arbitragePnL = altPnL - basePnL;
  if (arbitragePnL > 0) return { quantity: Math.abs(q), tag: "Simulated option assignment before expiration", arbitragePnL };
  return { quantity: 0, tag: "", reason: "no arbitrage", arbitragePnL };
}

/** The next time (epoch ms) at or after which the brokerage checks assignments again: the next whole hour. */
export function nextAssignmentCheck(utcMs: number): number {
  return Math.floor(utcMs / 3_600_000) * 3_600_000 + 3_600_000;
}
