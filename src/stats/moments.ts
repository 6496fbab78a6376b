/** Arithmetic mean; null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Sample variance (n − 1 denominator, numpy's var(ddof=1)); null for fewer
 * than two values. Two-pass over the mean to avoid the cancellation of the
 * sum-of-squares shortcut.
 */
export function variance(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values)!;
  let squares = 0;
  for (const v of values) squares += (v - m) * (v - m);
  return squares / (values.length - 1);
}
