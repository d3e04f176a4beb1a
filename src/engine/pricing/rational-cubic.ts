/**
 * Shape-preserving rational cubic interpolation (Delbourgo and Gregory, 1985), as used by
 * P. Jaeckel's "Let's Be Rational" for its initial guesses: a cubic Hermite interpolant whose
 * control parameter r (r = 3 gives the ordinary cubic) is chosen to match a second derivative
 * at one end while keeping the interpolant monotone and convex or concave.
 * Pure maths.
 */

const MAXIMUM_CONTROL = 2 / (2.220446049250313e-16 * 2.220446049250313e-16);
const MINIMUM_CONTROL = -(1 - Math.sqrt(2.220446049250313e-16));

/** The interpolant through (xL, yL) and (xR, yR) with slopes dL, dR and control parameter r. */
export function rationalCubicInterpolation(
  x: number, xL: number, xR: number, yL: number, yR: number, dL: number, dR: number, r: number,
): number {
  const h = xR - xL;
  if (Math.abs(h) <= 0) return 0.5 * (yL + yR);
  const t = (x - xL) / h;
  if (!(r >= MAXIMUM_CONTROL)) {
    const omt = 1 - t;
    const t2 = t * t;
    const omt2 = omt * omt;
    return (
      (yR * t2 * t + (r * yR - h * dR) * t2 * omt + (r * yL + h * dL) * t * omt2 + yL * omt2 * omt) /
      (1 + (r - 3) * t * omt)
    );
  }
  // r -> infinity: the interpolant becomes linear
  return yR * t + yL * (1 - t);
}

function controlForSecondDerivativeLeft(
  xL: number, xR: number, yL: number, yR: number, dL: number, dR: number, secondDerivativeL: number,
): number {
  const h = xR - xL;
  const numerator = 0.5 * h * secondDerivativeL + (dR - dL);
  if (numerator === 0) return 0;
  const denominator = (yR - yL) / h - dL;
  if (denominator === 0) return numerator > 0 ? MAXIMUM_CONTROL : MINIMUM_CONTROL;
  return numerator / denominator;
}

function controlForSecondDerivativeRight(
  xL: number, xR: number, yL: number, yR: number, dL: number, dR: number, secondDerivativeR: number,
): number {
  const h = xR - xL;
  const numerator = 0.5 * h * secondDerivativeR + (dR - dL);
  if (numerator === 0) return 0;
  const denominator = dR - (yR - yL) / h;
  if (denominator === 0) return numerator > 0 ? MAXIMUM_CONTROL : MINIMUM_CONTROL;
  return numerator / denominator;
}

/** The smallest control parameter that keeps the interpolant monotone and convex/concave as the data are. */
function minimumControl(dL: number, dR: number, slope: number, preferShapePreservation: boolean): number {
  const monotonic = dL * slope >= 0 && dR * slope >= 0;
  const convex = dL <= slope && slope <= dR;
  const concave = dL >= slope && slope >= dR;
  if (!monotonic && !convex && !concave) return MINIMUM_CONTROL;
  const dRMinusDL = dR - dL;
  const dRMinusS = dR - slope;
  const sMinusDL = slope - dL;
  let r1 = -Number.MAX_VALUE;
  let r2 = -Number.MAX_VALUE;
  if (monotonic) {
    if (slope !== 0) r1 = (dR + dL) / slope;
    else if (preferShapePreservation) r1 = MAXIMUM_CONTROL;
  }
  if (convex || concave) {
    if (sMinusDL !== 0 && dRMinusS !== 0) {
      r2 = Math.max(Math.abs(dRMinusDL / dRMinusS), Math.abs(dRMinusDL / sMinusDL));
    } else if (preferShapePreservation) r2 = MAXIMUM_CONTROL;
  } else if (monotonic && preferShapePreservation) r2 = MAXIMUM_CONTROL;
  return Math.max(MINIMUM_CONTROL, Math.max(r1, r2));
}

/** Control parameter matching the second derivative at the left end, no lower than shape preservation allows. */
export function convexControlLeft(
  xL: number, xR: number, yL: number, yR: number, dL: number, dR: number, secondDerivativeL: number,
  preferShapePreservation: boolean,
): number {
  const r = controlForSecondDerivativeLeft(xL, xR, yL, yR, dL, dR, secondDerivativeL);
  const rMin = minimumControl(dL, dR, (yR - yL) / (xR - xL), preferShapePreservation);
  return Math.max(r, rMin);
}

/** Control parameter matching the second derivative at the right end, no lower than shape preservation allows. */
export function convexControlRight(
  xL: number, xR: number, yL: number, yR: number, dL: number, dR: number, secondDerivativeR: number,
  preferShapePreservation: boolean,
): number {
  const r = controlForSecondDerivativeRight(xL, xR, yL, yR, dL, dR, secondDerivativeR);
  const rMin = minimumControl(dL, dR, (yR - yL) / (xR - xL), preferShapePreservation);
  return Math.max(r, rMin);
}
