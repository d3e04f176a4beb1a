// A security's position: quantity, average price and the realised figures, in decimal money.
import { Decimal } from "decimal.js";
import { priceToDecimal } from "../common/money.ts";

export class SecurityHolding {
  /** signed quantity (shares or contracts) */
  quantity = 0;
  averagePrice = new Decimal(0);
  totalFees = new Decimal(0);
  /** realised profit, before fees */
  profit = new Decimal(0);
  lastTradeProfit = new Decimal(0);
  totalSaleVolume = new Decimal(0);

  constructor(
    private readonly priceOf: () => number,
    readonly contractMultiplier: number,
  ) {}

  get price(): number {
    return this.priceOf();
  }

  get invested(): boolean {
    return this.quantity !== 0;
  }

  get isLong(): boolean {
    return this.quantity > 0;
  }

  get isShort(): boolean {
    return this.quantity < 0;
  }

  get absoluteQuantity(): number {
    return Math.abs(this.quantity);
  }

  /** quantity × average price × multiplier */
  get holdingsCost(): Decimal {
    return this.averagePrice.mul(this.quantity).mul(this.contractMultiplier);
  }

  /** quantity × current price × multiplier */
  get holdingsValue(): Decimal {
    if (this.quantity === 0) return new Decimal(0);
    return priceToDecimal(this.price).mul(this.quantity).mul(this.contractMultiplier);
  }

  get absoluteHoldingsValue(): Decimal {
    return this.holdingsValue.abs();
  }

  /** Profit if closed at the current price, before fees. */
  get unrealizedProfit(): Decimal {
    if (this.quantity === 0) return new Decimal(0);
    return this.holdingsValue.minus(this.holdingsCost);
  }

  /** realised profit less fees */
  get netProfit(): Decimal {
    return this.profit.minus(this.totalFees);
  }

  toJSON(): Record<string, unknown> {
    return {
      quantity: this.quantity,
      averagePrice: this.averagePrice.toString(),
      profit: this.profit.toString(),
      totalFees: this.totalFees.toString(),
    };
  }
}
