import { requireCount, requireOpenUnit } from "./internal/require.js";
import { normalQuantile } from "./normal-quantile.js";

export interface ProportionInterval {
  /** successes / n, or null when n = 0 (no data: the proportion is undefined). */
  estimate: number | null;
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927), two-sided at
 * `confidence`. Chosen over the normal ("Wald") interval because it stays
 * inside [0, 1] and keeps near-nominal coverage at small n and at rates near
 * 0 or 1 — exactly the regime of a few dozen cases with high pass rates.
 *
 * n = 0 gives { estimate: null, low: 0, high: 1 }: nothing is known.
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): ProportionInterval {
  requireCount("successes", successes);
  requireCount("n", n);
  requireOpenUnit("confidence", confidence);
  if (successes > n) throw new RangeError(`successes (${successes}) must not exceed n (${n})`);
  if (n === 0) return { estimate: null, low: 0, high: 1 };
  return wilsonAtSampleSize(successes / n, n, confidence);
}

/**
 * The Wilson bounds of proportion `p` observed over a (possibly fractional)
 * sample size: the effective sample size of clustered data uses this.
 */
export function wilsonAtSampleSize(p: number, n: number, confidence: number): ProportionInterval & { estimate: number } {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 0 or 1 the bound is exactly 0 or 1 in theory; clamp the
  // floating-point residue so callers can compare with ===.
  return {
    estimate: p,
    low: p === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: p === 1 ? 1 : Math.min(1, centre + halfWidth),
  };
}
