// Prices travel as doubles in the replay path; where money changes hands they become decimals.
// A double carries ~15.9 significant digits, so a price computed in floating point (an adjusted
// price = file price × factor) has noise in the 16th-17th digit that LEAN's decimal arithmetic
// does not have (167.44 × 0.8646266 is exactly 144.773077904 in decimal, 144.77307790400002 in
// binary). Taking 15 significant digits drops that noise and keeps every real digit a price has.
import { Decimal } from "decimal.js";

export function priceToDecimal(price: number): Decimal {
  return new Decimal(Number.isFinite(price) && price !== 0 ? price.toPrecision(15) : price);
}
