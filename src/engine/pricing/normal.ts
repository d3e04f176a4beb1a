/**
 * The standard normal distribution to (close to) full double precision.
 *
 * Owns erfc, the scaled erfcx(x) = exp(x^2) erfc(x), the normal density and cumulative
 * distribution, and the inverse cumulative distribution. Pure maths: imports nothing.
 *
 * erfc and erfcx use W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 23 (1969) 631-638), accurate to about
 * 1e-16 relative on their whole range, with Cody's split of exp(-y^2) into an exact part and a
 * small correction so that the Gaussian factor keeps its relative accuracy in the far tail.
 * The inverse uses Wichura's AS 241 (PPND16, Applied Statistics 37 (1988) 477-484).
 */

const ONE_OVER_SQRT_PI = 0.5641895835477562869480794515607726;
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014326779399460599343819;
const SQRT_TWO = 1.4142135623730950488016887242096981;

// erf on [0, 0.46875]
const A0 = 3.1611237438705656, A1 = 113.864154151050156, A2 = 377.485237685302021,
  A3 = 3209.37758913846947, A4 = 0.185777706184603153;
const B0 = 23.6012909523441209, B1 = 244.024637934444173, B2 = 1282.61652607737228,
  B3 = 2844.23683343917062;
// erfcx on [0.46875, 4]
const C0 = 0.564188496988670089, C1 = 8.88314979438837594, C2 = 66.1191906371416295,
  C3 = 298.635138197400131, C4 = 881.95222124176909, C5 = 1712.04761263407058,
  C6 = 2051.07837782607147, C7 = 1230.33935479799725, C8 = 2.15311535474403846e-8;
const D0 = 15.7449261107098347, D1 = 117.693950891312499, D2 = 537.181101862009858,
  D3 = 1621.38957456669019, D4 = 3290.79923573345963, D5 = 4362.61909014324716,
  D6 = 3439.36767414372164, D7 = 1230.33935480374942;
// erfcx on (4, inf)
const P0 = 0.305326634961232344, P1 = 0.360344899949804439, P2 = 0.125781726111229246,
  P3 = 0.0160837851487422766, P4 = 6.58749161529837803e-4, P5 = 0.0163153871373020978;
const Q0 = 2.56852019228982242, Q1 = 1.87295284992346047, Q2 = 0.527905102951428412,
  Q3 = 0.0605183413124413191, Q4 = 2.33520497626869185e-3;

/** erf(y) for |y| <= 0.46875. */
function erfSmall(y: number): number {
  const z = y * y;
  const num = (((A4 * z + A0) * z + A1) * z + A2) * z + A3;
  const den = (((z + B0) * z + B1) * z + B2) * z + B3;
  return (y * num) / den;
}

/** exp(y^2) erfc(y) for 0.46875 <= y <= 4. */
function erfcxMiddle(y: number): number {
  const num = (((((((C8 * y + C0) * y + C1) * y + C2) * y + C3) * y + C4) * y + C5) * y + C6) * y + C7;
  const den = (((((((y + D0) * y + D1) * y + D2) * y + D3) * y + D4) * y + D5) * y + D6) * y + D7;
  return num / den;
}

/** exp(y^2) erfc(y) for y > 4. */
function erfcxLarge(y: number): number {
  if (y > 5e7) return ONE_OVER_SQRT_PI / y; // the correction is below one ulp
  const z = 1 / (y * y);
  const num = ((((P5 * z + P0) * z + P1) * z + P2) * z + P3) * z + P4;
  const den = ((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4;
  return (ONE_OVER_SQRT_PI - (z * num) / den) / y;
}

/**
 * exp(-y*y) with full relative accuracy: y = y16 + rest where y16 is a multiple of 1/16, so
 * y16^2 is exact and only the small product (y - y16)(y + y16) is rounded (Cody's trick).
 */
export function expNegativeSquare(y: number): number {
  const y16 = Math.trunc(16 * y) / 16;
  return Math.exp(-y16 * y16) * Math.exp(-(y - y16) * (y + y16));
}

/** exp(-x*x/2) with full relative accuracy (same split, on x^2/2). */
export function expNegativeHalfSquare(x: number): number {
  const x16 = Math.trunc(16 * x) / 16;
  return Math.exp(-0.5 * x16 * x16) * Math.exp(-0.5 * (x - x16) * (x + x16));
}

/** The scaled complementary error function exp(x^2) erfc(x). */
export function erfcx(x: number): number {
  if (x >= 0) {
    if (x <= 0.46875) return Math.exp(x * x) * (1 - erfSmall(x));
    return x <= 4 ? erfcxMiddle(x) : erfcxLarge(x);
  }
  // erfcx(-y) = 2 exp(y^2) - erfcx(y)
  if (x < -26.7) return Infinity;
  const y = -x;
  const e = 2 / expNegativeSquare(y);
  if (y <= 0.46875) return Math.exp(y * y) * (1 + erfSmall(y));
  return e - (y <= 4 ? erfcxMiddle(y) : erfcxLarge(y));
}

/** The complementary error function. */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  let r: number;
  if (y <= 4) r = erfcxMiddle(y) * expNegativeSquare(y);
  else if (y < 26.7) r = erfcxLarge(y) * expNegativeSquare(y);
  else r = 0;
  return x < 0 ? 2 - r : r;
}

/** The error function. */
export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  const r = 1 - erfc(y);
  return x < 0 ? -r : r;
}

/** Standard normal density. */
export function normPdf(x: number): number {
  return ONE_OVER_SQRT_TWO_PI * expNegativeHalfSquare(x);
}

/**
 * Standard normal cumulative distribution, accurate to ~1e-16 relative also in the lower tail
 * (the Gaussian factor is computed from x itself, not from the rounded x/sqrt(2)).
 */
export function normCdf(x: number): number {
  const z = x / SQRT_TWO;
  const y = Math.abs(z);
  if (y <= 0.46875) return 0.5 * (1 + erfSmall(z));
  if (x < -37.6) return 0;
  if (x > 8.3) return 1;
  const tail = 0.5 * (y <= 4 ? erfcxMiddle(y) : erfcxLarge(y)) * expNegativeHalfSquare(x);
  return x < 0 ? tail : 1 - tail;
}

/**
 * Mills-type ratio Phi(x) / phi(x) = sqrt(pi/2) erfcx(-x/sqrt(2)); finite and accurate for any x <= 0.
 */
export function normCdfOverPdf(x: number): number {
  return 1.2533141373155002512078826424055226 * erfcx(-x / SQRT_TWO);
}

/** Inverse of the standard normal cumulative distribution (AS 241, ~1e-16 relative). */
export function inverseNormCdf(p: number): number {
  if (!(p > 0)) return p === 0 ? -Infinity : NaN;
  if (!(p < 1)) return p === 1 ? Infinity : NaN;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
        42.313330701600911252) * r + 1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    value =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
        0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -value : value;
}
