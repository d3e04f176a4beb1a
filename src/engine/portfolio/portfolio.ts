// The portfolio (LEAN's SecurityPortfolioManager): cash, holdings, fills, realised P&L and the
// transaction record the statistics use. Money is decimal.js.
import { Decimal } from "decimal.js";
import { OrderDirection, OrderType } from "../orders/order-enums.ts";
import type { OrderEvent } from "../orders/order-event.ts";
import type { Security } from "../securities/security.ts";
import type { SymbolLike } from "../securities/symbol.ts";
import type { SecurityHolding } from "./security-holding.ts";
import { maintenanceMargin } from "./buying-power-model.ts";
import { priceToDecimal } from "../common/money.ts";
import { isWinningTrade } from "../options/index.ts";

export interface TransactionRecord {
  /** epoch ms UTC */
  time: number;
  profitLoss: Decimal;
  isWin: boolean;
}

export interface SecurityLookup {
  get(symbol: SymbolLike): Security;
  values(): Iterable<Security>;
}

export class Portfolio {
  private cashBalance: Decimal;
  readonly transactionRecord: TransactionRecord[] = [];
  /** absolute traded value of every fill, for LEAN's portfolio turnover */
  totalSaleVolume = new Decimal(0);

  constructor(
    private readonly securities: SecurityLookup,
    startingCash: Decimal.Value = 100_000,
  ) {
    this.cashBalance = new Decimal(startingCash);
    this.cashNumber = this.cashBalance.toNumber();
  }

  get cash(): Decimal {
    return this.cashBalance;
  }

  setCash(amount: Decimal.Value): void {
    this.cashBalance = new Decimal(amount);
    this.cashNumber = this.cashBalance.toNumber();
    this.cachedTotal = undefined;
  }

  /** LEAN's Portfolio[symbol]: the holding of that security. */
  get(symbol: SymbolLike): SecurityHolding {
    return this.securities.get(symbol).holdings;
  }

  get totalHoldingsValue(): Decimal {
    let total = new Decimal(0);
    for (const s of this.held) total = total.plus(s.holdings.holdingsValue);
    return total;
  }

  /**
   * Cash plus holdings at current prices. Cached: the engine invalidates it when prices move
   * (each slice) and every fill or cash change does (LEAN's InvalidateTotalPortfolioValue).
   */
  get totalPortfolioValue(): Decimal {
    if (this.cachedTotal === undefined) this.cachedTotal = this.cashBalance.plus(this.totalHoldingsValue);
    return this.cachedTotal;
  }

  /** The portfolio value in floating point, for the engine's per-slice "value <= 0" check. */
  get approximateTotalPortfolioValue(): number {
    let total = this.cashNumber;
    for (const s of this.held) total += s.holdings.quantity * s.price * s.contractMultiplier;
    return total;
  }

  invalidateTotalPortfolioValue(): void {
    this.cachedTotal = undefined;
  }

  private cachedTotal: Decimal | undefined;
  /** the cash as a float, kept beside the decimal for the per-slice check (Decimal.toNumber is slow) */
  private cashNumber = 0;
  /** securities with a non-zero position, kept up to date by processFill */
  private readonly held = new Set<Security>();

  get totalFees(): Decimal {
    let total = new Decimal(0);
    for (const s of this.securities.values()) total = total.plus(s.holdings.totalFees);
    return total;
  }

  /** realised profit before fees, over every security (LEAN's TotalProfit) */
  get totalProfit(): Decimal {
    let total = new Decimal(0);
    for (const s of this.securities.values()) total = total.plus(s.holdings.profit);
    return total;
  }

  get totalNetProfit(): Decimal {
    return this.totalProfit.minus(this.totalFees);
  }

  get totalUnrealizedProfit(): Decimal {
    let total = new Decimal(0);
    for (const s of this.securities.values()) total = total.plus(s.holdings.unrealizedProfit);
    return total;
  }

  get invested(): boolean {
    return this.held.size > 0;
  }

  get totalMarginUsed(): Decimal {
    let total = new Decimal(0);
    for (const s of this.securities.values()) if (s.holdings.quantity !== 0) total = total.plus(maintenanceMargin(s));
    return total;
  }

  get marginRemaining(): Decimal {
    return this.totalPortfolioValue.minus(this.totalMarginUsed);
  }

  /** Sets a position as it was saved (resuming a run): quantity and average price, cash untouched. */
  restoreHolding(security: Security, quantity: number, averagePrice: Decimal.Value): void {
    security.holdings.quantity = quantity;
    security.holdings.averagePrice = new Decimal(averagePrice);
    if (quantity !== 0) this.held.add(security);
    else this.held.delete(security);
    this.cachedTotal = undefined;
  }

  /** LEAN's ProcessFill: cash, fees, realised profit, quantity and average price. */
  processFill(security: Security, fill: OrderEvent, orderType: OrderType): void {
    this.cachedTotal = undefined;
    const holding = security.holdings;
    const multiplier = security.contractMultiplier;
    const fillPrice = priceToDecimal(fill.fillPrice);
    const fillQuantity = new Decimal(fill.fillQuantity);
    const wasLong = holding.isLong;
    const wasShort = holding.isShort;

    const saleValue = fillPrice.mul(fill.absoluteFillQuantity).mul(multiplier);
    holding.totalSaleVolume = holding.totalSaleVolume.plus(saleValue);
    this.totalSaleVolume = this.totalSaleVolume.plus(saleValue);

    const fee = fill.orderFee;
    if (!fee.isZero()) {
      holding.totalFees = holding.totalFees.plus(fee);
      this.cashBalance = this.cashBalance.minus(fee);
    }
    this.cashBalance = this.cashBalance.minus(fillQuantity.mul(fillPrice).mul(multiplier));
    this.cashNumber = this.cashBalance.toNumber();

    const closing = (wasLong && fill.direction === OrderDirection.Sell) || (wasShort && fill.direction === OrderDirection.Buy);
    if (closing) {
      const closedQuantity = Math.min(fill.absoluteFillQuantity, holding.absoluteQuantity);
      const sign = wasLong ? 1 : -1;
      const profit = fillPrice.minus(holding.averagePrice).mul(closedQuantity).mul(multiplier).mul(sign);
      holding.profit = holding.profit.plus(profit);
      holding.lastTradeProfit = profit;
      const transactionProfitLoss = profit.minus(fee.mul(2));
      this.transactionRecord.push({
        time: fill.utcTime,
        profitLoss: transactionProfitLoss,
        isWin: isWin(security, fill, orderType, transactionProfitLoss),
      });
    }

    let quantity = new Decimal(holding.quantity);
    let average = holding.averagePrice;
    if (quantity.isZero()) {
      average = fillPrice;
      quantity = fillQuantity;
    } else if (wasLong) {
      if (fill.direction === OrderDirection.Buy) {
        average = average.mul(quantity).plus(fillQuantity.mul(fillPrice)).div(quantity.plus(fillQuantity));
        quantity = quantity.plus(fillQuantity);
      } else {
        quantity = quantity.plus(fillQuantity);
        if (quantity.lt(0)) average = fillPrice;
        else if (quantity.isZero()) average = new Decimal(0);
      }
    } else if (wasShort) {
      if (fill.direction === OrderDirection.Buy) {
        quantity = quantity.plus(fillQuantity);
        if (quantity.gt(0)) average = fillPrice;
        else if (quantity.isZero()) average = new Decimal(0);
      } else {
        average = average.mul(quantity).plus(fillQuantity.mul(fillPrice)).div(quantity.plus(fillQuantity));
        quantity = quantity.plus(fillQuantity);
      }
    }
    holding.quantity = quantity.toNumber();
    holding.averagePrice = average;
    if (holding.quantity !== 0) this.held.add(security);
    else this.held.delete(security);
    this.cachedTotal = undefined;
  }
}

/** LEAN's OrderEvent.IsWin: P&L > 0, with its own rule for option exercise fills. */
function isWin(security: Security, fill: OrderEvent, orderType: OrderType, profitLoss: Decimal): boolean {
  const symbol = security.symbol;
  if (orderType !== OrderType.OptionExercise || symbol.strike === undefined || symbol.right === undefined) return profitLoss.gt(0);
  const underlying = symbol.underlying ? security.underlyingPrice() : 0;
  return isWinningTrade({
    profitLoss: profitLoss.toNumber(),
    isExercise: true,
    fillQuantity: fill.fillQuantity,
    isInTheMoney: fill.isInTheMoney,
    right: symbol.right,
    strike: symbol.strike,
    underlyingPrice: underlying,
    contractMultiplier: security.contractMultiplier,
  });
}
