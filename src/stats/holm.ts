/**
 * Holm–Bonferroni adjusted p-values (Holm 1979), in the order given: the
 * i-th smallest of m p-values is multiplied by (m − i + 1), made monotone and
 * capped at 1. Rejecting where the adjusted value is below α controls the
 * family-wise error rate at α across all m tests.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
