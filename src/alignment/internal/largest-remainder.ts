/**
 * Splits n into whole shares proportional to `weights` by largest remainder
 * (Hamilton's method): the shares add up to n exactly and each is within one
 * of its exact share, so small groups are not rounded away. Ties go to the
 * earlier weight, keeping the result deterministic.
 */
export function largestRemainder(n: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const exact = weights.map((w) => (total === 0 ? 0 : (w / total) * n));
  const shares = exact.map(Math.floor);
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  const missing = n - shares.reduce((sum, s) => sum + s, 0);
  for (let i = 0; i < missing; i += 1) shares[order[i]!.index]! += 1;
  return shares;
}
