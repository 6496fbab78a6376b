import { requireCount } from "./internal/require.js";

/** Two raters' binary ratings of the same items, cross-tabulated. */
export interface AgreementTable {
  /** Both say yes. */
  bothYes: number;
  /** Rater A yes, rater B no. */
  yesNo: number;
  /** Rater A no, rater B yes. */
  noYes: number;
  /** Both say no. */
  bothNo: number;
}

/**
 * Cohen's kappa (Cohen 1960) for two raters and two categories: observed
 * agreement corrected for the agreement their marginal rates would give by
 * chance, κ = (p_o − p_e) / (1 − p_e). Raw agreement flatters a judge on a
 * skewed label set (90 % PASS labels make "always PASS" 90 % accurate, κ = 0);
 * kappa does not.
 *
 * Null when there are no items, or when chance agreement is already 1 (both
 * raters gave one and the same category throughout): kappa is 0/0 there.
 */
export function cohensKappa(table: AgreementTable): number | null {
  for (const [name, value] of Object.entries(table)) requireCount(name, value);
  const n = table.bothYes + table.yesNo + table.noYes + table.bothNo;
  if (n === 0) return null;
  const observed = (table.bothYes + table.bothNo) / n;
  const aYes = table.bothYes + table.yesNo;
  const bYes = table.bothYes + table.noYes;
  const chance = (aYes * bYes + (n - aYes) * (n - bYes)) / (n * n);
  if (chance === 1) return null;
  return (observed - chance) / (1 - chance);
}
