// LEAN's PortfolioTarget.Percent → BuyingPowerModel.GetMaximumOrderQuantityForTargetBuyingPower:
// the order quantity that moves a security to a fraction of the portfolio, after LEAN's free
// portfolio buffer, the minimum-order threshold and the fee of the order itself.
import { Decimal } from "decimal.js";
import type { Security } from "../securities/security.ts";
import type { Portfolio } from "./portfolio.ts";
import { amountToOrder, initialMarginRequirement } from "./buying-power-model.ts";
import { Order } from "../orders/order.ts";
import { OrderType } from "../orders/order-enums.ts";

export interface SizingSettings {
  /** LEAN's Settings.FreePortfolioValuePercentage (0.0025) */
  freePortfolioValuePercentage: number;
  /** LEAN's Settings.FreePortfolioValue: overrides the percentage when set */
  freePortfolioValue?: number;
  /** LEAN's Settings.MinimumOrderMarginPortfolioPercentage (0.001) */
  minimumOrderMarginPortfolioPercentage: number;
}

/** The signed quantity to order so the security ends at `target` × portfolio value; 0 if none. */
export function calculateOrderQuantity(portfolio: Portfolio, security: Security, target: number, settings: SizingSettings, now: number): number {
  const tpv = portfolio.totalPortfolioValue;
  if (tpv.lte(0)) return 0;
  const buffer = settings.freePortfolioValue !== undefined ? new Decimal(settings.freePortfolioValue) : tpv.mul(settings.freePortfolioValuePercentage);
  const adjustedPercent = new Decimal(target).mul(tpv.minus(buffer)).div(tpv);
  const targetBuyingPower = adjustedPercent.div(security.leverage);

  let targetMargin = targetBuyingPower.mul(tpv);
  if (targetMargin.isZero()) return -security.holdings.quantity;
  const currentMargin = initialMarginRequirement(security, security.holdings.quantity);
  const unitMargin = initialMarginRequirement(security, 1);
  if (unitMargin.isZero()) return 0;
  const difference = targetMargin.minus(currentMargin).abs();
  if (difference.lt(tpv.mul(settings.minimumOrderMarginPortfolioPercentage))) return 0;

  let last: Decimal | undefined;
  for (;;) {
    const { quantity, finalMargin } = amountToOrder(security, targetMargin, unitMargin);
    if (quantity.isZero()) return 0;
    const probe = new Order({ id: 0, symbol: security.symbol, type: OrderType.Market, quantity: quantity.toNumber(), time: now, priceAtSubmission: security.price });
    const fee = security.feeModel.getOrderFee(security, probe);
    targetMargin = tpv.minus(fee).mul(targetBuyingPower);
    if (last !== undefined && last.eq(quantity)) {
      throw new Error(`setHoldings: failed to converge on the target margin for ${security.symbol.value} (target ${target})`);
    }
    last = quantity;
    if (finalMargin.abs().lte(targetMargin.abs())) return quantity.toNumber();
  }
}
