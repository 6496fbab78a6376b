import { binomialCdf } from "./internal/distributions.js";
import { requireCount } from "./internal/require.js";

/**
 * Exact (binomial) McNemar test on the discordant pairs of a paired binary
 * comparison: b pairs passed only on one side, c only on the other. Under
 * "no difference" each discordant pair goes either way with probability 1/2,
 * so the two-sided p-value is 2 · P(X ≤ min(b, c)), X ~ Binomial(b + c, 1/2),
 * capped at 1 (McNemar 1947; the exact form as in scipy's binomtest).
 * No discordant pairs gives p = 1: nothing contradicts "no difference".
 */
export function mcnemarExact(b: number, c: number): number {
  requireCount("b", b);
  requireCount("c", c);
  const n = b + c;
  if (n === 0) return 1;
  return Math.min(1, 2 * binomialCdf(Math.min(b, c), n, 0.5));
}
