import { createSeededRandom, percentile, type SeededRandom } from "../stats/index.js";
import { singleItemCases } from "./agreement.js";
import type { CaseAgreement, Confusion, CorrectedPassRate } from "./figures-schema.js";

export interface ObservedVerdicts {
  /** Unlabelled verdicts the judge gave PASS. */
  passes: number;
  /** Unlabelled verdicts scored (PASS + FAIL; errors excluded). */
  total: number;
}

export interface CorrectedPassRateOptions {
  seed?: number;
  /** Bootstrap resamples of the labelled set (default 20,000, as in judgy). */
  resamples?: number;
  confidence?: number;
  /** The labelled items by case (an align result's `by_case`); without it each item is its own case. */
  byCase?: CaseAgreement;
}

export const DEFAULT_RESAMPLES = 20_000;
export const DEFAULT_SEED = 0;

/**
 * The judge's pass rate corrected for its measured errors (the Rogan–Gladen
 * estimator, as judgy computes it):
 *
 *   θ̂ = clip((p_obs + TNR − 1) / (TPR + TNR − 1), 0, 1)
 *
 * with a seeded percentile-bootstrap interval. Each resample redraws the
 * labelled cases within each human class (so neither class can vanish; a
 * case's items travel together, since several trials of one case are not
 * independent) and recomputes TPR and TNR; p_obs is held fixed, since
 * with thousands of unlabelled verdicts its sampling error is small next to
 * that of a few dozen labels.
 *
 * Refused, with the reason, when a human class has no labels (TPR or TNR
 * unmeasured) or TPR + TNR ≤ 1 (the judge is no better than chance, and the
 * formula divides by zero or flips sign).
 */
export function correctedPassRate(confusion: Confusion, observed: ObservedVerdicts, options: CorrectedPassRateOptions = {}): CorrectedPassRate {
  const { tp, fn, tn, fp } = confusion;
  const seed = options.seed ?? DEFAULT_SEED;
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? 0.95;
  validate(confusion, observed, resamples, confidence);

  const positives = tp + fn;
  const negatives = tn + fp;
  if (positives === 0) return refused("no item is labelled PASS by a human, so the judge's TPR is unmeasured; label some passing outputs.");
  if (negatives === 0) return refused("no item is labelled FAIL by a human, so the judge's TNR is unmeasured; label some failing outputs.");
  if (observed.total === 0) return refused("the judge has no scored verdicts to correct.");
  const tpr = tp / positives;
  const tnr = tn / negatives;
  if (tpr + tnr <= 1) {
    return refused(`TPR + TNR = ${round(tpr)} + ${round(tnr)} = ${round(tpr + tnr)} ≤ 1: the judge agrees with humans no better than chance, so its verdicts cannot be corrected. Improve the judge first.`);
  }
  const p = observed.passes / observed.total;

  const byCase = options.byCase ?? singleItemCases(confusion);
  const random = createSeededRandom(seed);
  const estimates: number[] = [];
  for (let i = 0; i < resamples; i += 1) {
    const tprStar = resampledRate(random, byCase.pass);
    const tnrStar = resampledRate(random, byCase.fail);
    const theta = roganGladen(p, tprStar, tnrStar);
    if (theta !== null) estimates.push(theta);
  }
  if (estimates.length === 0) return refused("no bootstrap resample of the labels gave TPR + TNR > 1; label more items.");
  const tail = ((1 - confidence) / 2) * 100;
  return {
    status: "estimated",
    estimate: roganGladen(p, tpr, tnr)!,
    low: percentile(estimates, tail)!,
    high: percentile(estimates, 100 - tail)!,
    confidence,
    observed: p,
    tpr,
    tnr,
    seed,
    resamples,
    usable_resamples: estimates.length,
  };
}

/** θ̂ clipped to [0, 1], or null when TPR + TNR ≤ 1. Operation order kept as in judgy so results agree to the last bit. */
function roganGladen(p: number, tpr: number, tnr: number): number | null {
  const denominator = tpr + tnr - 1;
  if (denominator <= 0) return null;
  return Math.min(1, Math.max(0, (p + tnr - 1) / denominator));
}

/**
 * Agreed items over items in `cases.length` cases drawn with replacement.
 * With one item per case, agreeing ones first, this makes the very draws
 * judgy makes over items, so its fixture is reproduced to the last bit.
 */
function resampledRate(random: SeededRandom, cases: CaseAgreement["pass"]): number {
  let agreed = 0;
  let items = 0;
  for (let i = 0; i < cases.length; i += 1) {
    const [caseAgreed, caseItems] = cases[random.int(0, cases.length - 1)]!;
    agreed += caseAgreed;
    items += caseItems;
  }
  return agreed / items;
}

function refused(reason: string): CorrectedPassRate {
  return { status: "refused", reason: `Corrected pass rate refused: ${reason}` };
}

function validate(confusion: Confusion, observed: ObservedVerdicts, resamples: number, confidence: number): void {
  for (const [name, value] of Object.entries({ ...confusion, passes: observed.passes, total: observed.total, resamples })) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, received ${value}`);
  }
  if (observed.passes > observed.total) throw new RangeError(`passes (${observed.passes}) must not exceed total (${observed.total})`);
  if (resamples < 1) throw new RangeError(`resamples must be at least 1, received ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be strictly between 0 and 1, received ${confidence}`);
}

function round(value: number): string {
  return value.toFixed(3);
}
