/**
 * Cox-Ross-Rubinstein binomial trees for American (and European) exercise.
 *
 * Two flavours of the same recombining tree with up/down factors e^{+-sigma sqrt(dt)}:
 *  - "quantlib": QuantLib's CoxRossRubinstein tree as used by BinomialVanillaEngine (and so by
 *    LEAN's QLOptionPriceModelProvider for American options, 100 steps): the up probability is
 *    p = 1/2 + 1/2 (r - q - sigma^2/2) sqrt(dt) / sigma, discounting e^{-r dt} per step.
 *  - "textbook": Hull's tree, p = (e^{(r-q) dt} - d) / (u - d).
 * Early exercise is checked at every node including the root. One scratch Float64Array is reused
 * across calls (grown when a larger tree is asked for): no allocation per price.
 * Pure maths.
 */
import type { OptionRight } from "./black-scholes.ts";

/** LEAN's step count for American options (QLOptionPriceModelProvider, TimeStepsBinomial). */
export const LEAN_BINOMIAL_STEPS = 100;

export type BinomialFlavour = "quantlib" | "textbook";

let scratch = new Float64Array(1024);

export function binomialPrice(
  right: OptionRight,
  spot: number,
  strike: number,
  timeYears: number,
  rate: number,
  dividendYield: number,
  volatility: number,
  steps: number = LEAN_BINOMIAL_STEPS,
  american = true,
  flavour: BinomialFlavour = "quantlib",
): number {
  const sign = right === "call" ? 1 : -1;
  if (!(timeYears > 0) || !(volatility > 0)) return Math.max(sign * (spot - strike), 0);
  if (!(steps >= 1) || !Number.isInteger(steps)) throw new RangeError(`binomial steps must be a positive integer, got ${steps}`);
  const dt = timeYears / steps;
  const dx = volatility * Math.sqrt(dt);
  const up = Math.exp(dx);
  const down = 1 / up;
  const p =
    flavour === "quantlib"
      ? 0.5 + (0.5 * (rate - dividendYield - 0.5 * volatility * volatility) * dt) / dx
      : (Math.exp((rate - dividendYield) * dt) - down) / (up - down);
  if (!(p > 0 && p < 1)) {
    throw new RangeError(`binomial tree: probability ${p} outside (0, 1); use more steps (now ${steps})`);
  }
  const discount = Math.exp(-rate * dt);
  const pu = discount * p;
  const pd = discount * (1 - p);
  if (scratch.length < steps + 1) scratch = new Float64Array(2 * (steps + 1));
  const values = scratch;
  const upSquared = up * up;
  // node j at step i has spot * e^{(2j - i) dx}
  let price = spot * Math.exp(-steps * dx);
  for (let j = 0; j <= steps; j++) {
    values[j] = Math.max(sign * (price - strike), 0);
    price *= upSquared;
  }
  for (let i = steps - 1; i >= 0; i--) {
    let nodePrice = spot * Math.exp(-i * dx);
    for (let j = 0; j <= i; j++) {
      const continuation = pd * values[j] + pu * values[j + 1];
      if (american) {
        const exercise = sign * (nodePrice - strike);
        values[j] = exercise > continuation ? exercise : continuation;
        nodePrice *= upSquared;
      } else {
        values[j] = continuation;
      }
    }
  }
  return values[0];
}
