/**
 * Exercise at expiry (LEAN's `DefaultExerciseModel`) and the win/loss rule for exercise fills
 * (`Extensions.IsWin`), as pure functions returning the fills the engine applies.
 *
 * Timing, from LEAN: the data feed emits a Delisting *warning* on the expiry date and the
 * *Delisted* event with time expiry + 1 day 00:00 on the next tradable date
 * (`DelistingEventProvider`); the transaction handler processes it after onData of that slice
 * (`BacktestingTransactionHandler.ProcessSynchronousEvents` → `BacktestingBrokerage.ProcessDelistings`
 * → `OnOptionNotification`); `BrokerageTransactionHandler.HandleOptionNotification` sees the contract
 * expired (now >= expiry date's market close) and submits an `OptionExerciseOrder` for −holdings,
 * filled at once by the exercise model with the underlying's last close. The order counts in
 * Total Orders; its fills carry no fee.
 */
import { OptionRight, type Symbol } from "../securities/symbol.ts";

export type SettlementType = "physical" | "cash";

export interface ExerciseFill {
  symbol: Symbol;
  /** signed: + buy, − sell */
  quantity: number;
  price: number;
  fee: 0;
  isAssignment: boolean;
  isInTheMoney: boolean;
  message: string;
}

/** Intrinsic value per unit of the underlying. */
export function intrinsicValue(right: OptionRight, strike: number, underlyingPrice: number): number {
  return Math.max(right === OptionRight.Call ? underlyingPrice - strike : strike - underlyingPrice, 0);
}

/** LEAN's `IsAutoExercised`: in the money by at least a cent. */
export function isAutoExercised(right: OptionRight, strike: number, underlyingPrice: number): boolean {
  // LEAN compares decimals; 750.01 − 750 is 0.00999999999999 in binary floating point
  return intrinsicValue(right, strike, underlyingPrice) >= 0.01 - 1e-9;
}

/**
 * Underlying quantity delivered for an exercise order of `exerciseOrderQuantity` contracts
 * (LEAN's `GetExerciseQuantity`): the order is −holdings, so a long call (order −1) buys +100.
 */
export function exerciseQuantity(right: OptionRight, exerciseOrderQuantity: number, contractUnitOfTrade = 100): number {
  return (right === OptionRight.Call ? -1 : 1) * exerciseOrderQuantity * contractUnitOfTrade;
}

export interface ExerciseInput {
  contract: Symbol;
  /** the algorithm's holdings in the contract before the exercise (+ long, − short) */
  holdingsQuantity: number;
  /** the exercise order quantity; default −holdings (expiry, or an assignment of the whole position) */
  orderQuantity?: number;
  /** the underlying's last close (LEAN uses `underlying.Close`) */
  underlyingClose: number;
  /** the underlying's current price for the message (default the close) */
  underlyingPrice?: number;
  contractUnitOfTrade?: number;
  settlement?: SettlementType;
}

/**
 * The fills of an option exercise order: the contract at price 0 for the order quantity, and for
 * an in-the-money physically settled contract the underlying at the strike.
 */
export function exerciseFills(input: ExerciseInput): ExerciseFill[] {
  const symbol = input.contract;
  if (symbol.strike === undefined || symbol.right === undefined || !symbol.underlying) {
    throw new TypeError(`exerciseFills: ${symbol.value} is not an option contract`);
  }
  const quantity = input.orderQuantity ?? -input.holdingsQuantity;
  if (quantity === 0) return [];
  const inTheMoney = isAutoExercised(symbol.right, symbol.strike, input.underlyingClose);
  const isAssignment = inTheMoney && input.holdingsQuantity < 0;
  const tag = inTheMoney ? (isAssignment ? "Assigned" : "Automatic Exercise") : "OTM";
  const fills: ExerciseFill[] = [
    {
      symbol,
      quantity,
      price: 0,
      fee: 0,
      isAssignment,
      isInTheMoney: inTheMoney,
      message: `${tag}. Underlying: ${formatDecimal(input.underlyingPrice ?? input.underlyingClose)}`,
    },
  ];
  if (inTheMoney && (input.settlement ?? "physical") === "physical") {
    fills.push({
      symbol: symbol.underlying,
      quantity: exerciseQuantity(symbol.right, quantity, input.contractUnitOfTrade ?? 100),
      price: symbol.strike,
      fee: 0,
      isAssignment: false,
      isInTheMoney: true,
      message: isAssignment ? "Option Assignment" : "Option Exercise",
    });
  }
  return fills;
}

/** C#-like invariant decimal text (no exponent, no trailing zeros). */
function formatDecimal(value: number): string {
  return String(Number(value.toFixed(10)));
}

/**
 * LEAN's `IsWin` for a closing fill: ordinary fills win when P&L > 0. For an option exercise
 * fill (`isExercise`), a sell-side fill (closing a long) wins only when in the money and the loss
 * (the premium paid) is smaller than the in-the-money amount; a buy-side fill (closing a short)
 * wins when out of the money or |P&L| exceeds the in-the-money amount.
 */
export function isWinningTrade(input: {
  profitLoss: number;
  isExercise: boolean;
  /** the fill's direction: + buy, − sell */
  fillQuantity: number;
  isInTheMoney: boolean;
  right?: OptionRight;
  strike?: number;
  underlyingPrice?: number;
  contractMultiplier?: number;
}): boolean {
  if (!input.isExercise) return input.profitLoss > 0;
  const itmAmount = Math.abs(input.fillQuantity) * intrinsicValue(input.right!, input.strike!, input.underlyingPrice!) * (input.contractMultiplier ?? 100);
  if (input.fillQuantity < 0) return input.isInTheMoney && Math.abs(input.profitLoss) < itmAmount;
  return !input.isInTheMoney || Math.abs(input.profitLoss) > itmAmount;
}

/** LEAN's `IsOptionContractExpired`: now >= the market close of the expiry date (or the last trading day before it). */
export function isOptionContractExpired(nowMs: number, expiryCloseMs: number): boolean {
  return nowMs >= expiryCloseMs;
}
