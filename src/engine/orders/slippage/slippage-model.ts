// Slippage models (LEAN's ISlippageModel): a price amount added to buys and taken from sells.
import type { Order } from "../order.ts";

export interface SlippageModel {
  getSlippageApproximation(security: { readonly price: number }, order: Order): number;
}

/** No slippage: LEAN's default for every security type. */
export class NullSlippageModel implements SlippageModel {
  getSlippageApproximation(): number {
    return 0;
  }
}

/** A constant fraction of the price (LEAN's ConstantSlippageModel). */
export class ConstantSlippageModel implements SlippageModel {
  constructor(private readonly percent: number) {
    if (!(percent >= 0)) throw new RangeError(`ConstantSlippageModel: percent must be >= 0, got ${percent}`);
  }
  getSlippageApproximation(security: { readonly price: number }): number {
    return security.price * this.percent;
  }
}
