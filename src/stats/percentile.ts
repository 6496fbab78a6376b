/**
 * The p-th percentile (0 ≤ p ≤ 100) by linear interpolation between the two
 * closest ranks: rank = p/100 · (n − 1) over the sorted values. This is
 * numpy.percentile's default method ("linear", Hyndman & Fan type 7), so
 * numbers match what teams compute in a notebook. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`p must be between 0 and 100, received ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  const lower = sorted[below]!;
  return lower + (sorted[above]! - lower) * (rank - below);
}
