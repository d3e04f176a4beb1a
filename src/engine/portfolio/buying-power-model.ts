// Buying power (LEAN's SecurityMarginModel): initial margin = value / leverage, maintenance the same,
// plus LEAN's rule for sizing an order to a target margin (used by setHoldings).
import { Decimal } from "decimal.js";
import type { Security } from "../securities/security.ts";
import { priceToDecimal } from "../common/money.ts";
import { SecurityType } from "../common/security-type.ts";
import { optionMaintenanceMargin, optionOrderMargin } from "../options/index.ts";

/**
 * The margin `quantity` more of a security needs (signed like the quantity). Equities: value /
 * leverage (LEAN's SecurityMarginModel). Option contracts: LEAN's OptionMarginModel (longs pay the
 * premium, shorts post the naked requirement).
 */
export function initialMarginRequirement(security: Security, quantity: Decimal.Value): Decimal {
  const symbol = security.symbol;
  if (security.type === SecurityType.Option && symbol.strike !== undefined && symbol.right !== undefined) {
    const q = new Decimal(quantity).toNumber();
    const margin = optionOrderMargin({
      price: security.price,
      strike: symbol.strike,
      underlyingPrice: security.underlyingPrice(),
      quantity: q,
      right: symbol.right,
      contractMultiplier: security.contractMultiplier,
    });
    return new Decimal(margin).mul(Math.sign(q));
  }
  return priceToDecimal(security.price).mul(quantity).mul(security.contractMultiplier).div(security.leverage);
}

export function maintenanceMargin(security: Security): Decimal {
  const symbol = security.symbol;
  if (security.type === SecurityType.Option && symbol.strike !== undefined && symbol.right !== undefined) {
    return new Decimal(
      optionMaintenanceMargin({
        price: security.price,
        averagePrice: security.holdings.averagePrice.toNumber(),
        strike: symbol.strike,
        underlyingPrice: security.underlyingPrice(),
        quantity: security.holdings.quantity,
        right: symbol.right,
        contractMultiplier: security.contractMultiplier,
      }),
    );
  }
  return security.holdings.absoluteHoldingsValue.div(security.leverage);
}

/** Rounds toward the given infinity in steps of the lot size (LEAN's DiscretelyRoundBy). */
function roundByLot(value: Decimal, lot: number, towardPositive: boolean): Decimal {
  const steps = value.div(lot);
  return (towardPositive ? steps.ceil() : steps.floor()).mul(lot);
}

/**
 * LEAN's GetAmountToOrder: the order size that brings the position's margin to the target without
 * passing it.
 */
export function amountToOrder(security: Security, targetMargin: Decimal, unitMargin: Decimal): { quantity: Decimal; finalMargin: Decimal } {
  const lot = security.symbolProperties.lotSize;
  let size = new Decimal(-security.holdings.quantity).plus(targetMargin.div(unitMargin));
  size = roundByLot(size, lot, targetMargin.lt(0));
  let finalMargin = initialMarginRequirement(security, size.plus(security.holdings.quantity));
  let difference = finalMargin.minus(targetMargin);
  while ((targetMargin.lt(0) && difference.lt(0)) || (targetMargin.gt(0) && difference.gt(0))) {
    size = size.plus(targetMargin.lt(0) ? lot : -lot);
    finalMargin = initialMarginRequirement(security, size.plus(security.holdings.quantity));
    const next = finalMargin.minus(targetMargin);
    if (next.abs().gt(difference.abs()) && next.s === difference.s) {
      throw new Error(`GetAmountToOrder: margin is being adjusted in the wrong direction for ${security.symbol.value}`);
    }
    difference = next;
  }
  return { quantity: size, finalMargin };
}
