import { requireOpenUnit } from "./internal/require.js";

// Coefficients of Acklam's rational approximations (P. J. Acklam, "An algorithm
// for computing the inverse normal cumulative distribution function", 2003).
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Below this (and above 1 − this) the tail approximation is used. */
const P_LOW = 0.02425;

/**
 * Inverse of the standard normal CDF: the z with Φ(z) = p, for 0 < p < 1.
 * Acklam's algorithm, relative error below 1.15e-9 over the whole range,
 * which is far finer than any interval we print.
 */
export function normalQuantile(p: number): number {
  requireOpenUnit("p", p);
  if (p < P_LOW) return lowerTail(p);
  if (p > 1 - P_LOW) return -lowerTail(1 - p);
  const q = p - 0.5;
  const r = q * q;
  const num = (((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q;
  const den = ((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1;
  return num / den;
}

function lowerTail(p: number): number {
  const q = Math.sqrt(-2 * Math.log(p));
  const num = ((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!;
  const den = (((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1;
  return num / den;
}
