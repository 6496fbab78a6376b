import { requireCount, requireOpenUnit } from "./internal/require.js";
import { wilsonAtSampleSize } from "./wilson.js";

/** One case's scored trials: how many passed out of how many. */
export interface CaseCounts {
  passed: number;
  trials: number;
}

export type IntervalMethod = "wilson" | "clustered-wilson";

export interface ClusteredProportion {
  /** Passed trials / scored trials (the trial-weighted rate); null when nothing was scored. */
  estimate: number | null;
  low: number;
  high: number;
  /** Scored trials. */
  trials: number;
  /** Cases with at least one scored trial: the independent units. */
  cases: number;
  /** "wilson" when every case has one trial (the trials are independent); otherwise "clustered-wilson". */
  method: IntervalMethod;
  /** Clustered standard error of the estimate (Miller 2024); null when nothing was scored. */
  standard_error: number | null;
  /** Clustered variance over the variance the same trials would have if independent; null when undefined. */
  design_effect: number | null;
  /** The sample size the interval is computed at: trials / design effect, between 1 and trials. */
  effective_n: number;
  /**
   * Share of the outcome variance that lies within cases (repeats disagreeing)
   * rather than between cases. Near 0: repeats agree, so more repeats add
   * almost nothing and only more cases narrow the interval. Null when the
   * outcomes do not vary at all.
   */
  within_case_share: number | null;
}

/**
 * A pass rate over repeated trials, with the case as the cluster: a case's
 * repeats are correlated, so the trials are not independent observations.
 *
 * The standard error is the cluster-robust one of Miller (2024), "Adding
 * Error Bars to Evals" (arXiv:2411.00640), eq. 4 — the Liang–Zeger sandwich
 * Σ_c (Σ_i (s_ic − p))² / n², with no small-sample factor. The interval is
 * the Wilson score interval at the effective sample size n / deff, with Kish's
 * design effect deff = SE²_clustered / (p(1−p)/n) (Korn & Graubard 1998 do
 * the same for survey proportions). So it stays inside [0, 1]; with one trial
 * per case it is exactly Wilson; and a target that always answers a case the
 * same way gets the same interval whatever the number of repeats, because
 * repeats that agree carry no new information.
 *
 * When every scored trial passed or every one failed, the variance is zero
 * and the design effect undefined; the interval is then Wilson over the cases
 * (each case counted once), the conservative choice.
 */
export function clusteredProportion(cases: readonly CaseCounts[], confidence = 0.95): ClusteredProportion {
  requireOpenUnit("confidence", confidence);
  let trials = 0;
  let passed = 0;
  let scoredCases = 0;
  let largestCase = 0;
  for (const c of cases) {
    requireCount("passed", c.passed);
    requireCount("trials", c.trials);
    if (c.passed > c.trials) throw new RangeError(`passed (${c.passed}) must not exceed trials (${c.trials})`);
    if (c.trials === 0) continue;
    trials += c.trials;
    passed += c.passed;
    scoredCases += 1;
    largestCase = Math.max(largestCase, c.trials);
  }
  const method: IntervalMethod = largestCase > 1 ? "clustered-wilson" : "wilson";
  if (trials === 0) {
    return { estimate: null, low: 0, high: 1, trials, cases: 0, method, standard_error: null, design_effect: null, effective_n: 0, within_case_share: null };
  }

  const p = passed / trials;
  let clusteredSum = 0;
  let withinSum = 0;
  for (const c of cases) {
    if (c.trials === 0) continue;
    clusteredSum += (c.passed - c.trials * p) ** 2;
    const caseRate = c.passed / c.trials;
    withinSum += c.trials * caseRate * (1 - caseRate);
  }
  const clusteredVariance = clusteredSum / (trials * trials);
  const independentVariance = (p * (1 - p)) / trials;
  const shared = { trials, cases: scoredCases, method, standard_error: Math.sqrt(clusteredVariance) };

  if (independentVariance === 0) {
    return { estimate: p, ...wilsonBounds(p, scoredCases, confidence), ...shared, design_effect: null, effective_n: scoredCases, within_case_share: null };
  }
  const designEffect = clusteredVariance / independentVariance;
  // deff < 1 (repeats disagreeing more than chance) never buys more than the trials themselves.
  const effectiveN = Math.min(trials, Math.max(1, trials / designEffect));
  return {
    estimate: p,
    ...wilsonBounds(p, effectiveN, confidence),
    ...shared,
    design_effect: designEffect,
    effective_n: effectiveN,
    within_case_share: withinSum / trials / (p * (1 - p)),
  };
}

function wilsonBounds(p: number, n: number, confidence: number): { low: number; high: number } {
  const { low, high } = wilsonAtSampleSize(p, n, confidence);
  return { low, high };
}
