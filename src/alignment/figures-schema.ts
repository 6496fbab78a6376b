import { z } from "zod";

/**
 * How a judge agrees with human labels. Human PASS is the positive class
 * (as in judgy): TPR = P(judge PASS | human PASS), TNR = P(judge FAIL | human FAIL).
 */

/** Below this many items a figure is reported as insufficient rather than as a number that looks precise. */
export const MIN_FIGURE_N = 10;

const count = z.number().int().nonnegative();
const fraction = z.number().min(0).max(1);

/** The 2×2 table: tp = both PASS, fn = human PASS / judge FAIL, tn = both FAIL, fp = human FAIL / judge PASS. */
export const ConfusionSchema = z.object({ tp: count, fn: count, tn: count, fp: count });
export type Confusion = z.infer<typeof ConfusionSchema>;

/**
 * A rate with its interval: Wilson when every item is its own case, clustered
 * by case otherwise (a label sheet may hold several trials of one case, and
 * they are not independent). Value, low and high are null when n < MIN_FIGURE_N.
 */
export const RateFigureSchema = z.object({
  value: fraction.nullable(),
  low: fraction.nullable(),
  high: fraction.nullable(),
  n: count,
  /** Distinct cases among the n items; absent in results written before intervals were clustered. */
  cases: count.optional(),
  insufficient: z.boolean(),
});
export type RateFigure = z.infer<typeof RateFigureSchema>;

const caseTally = z.tuple([count, count]);
/** Agreement counted by case: in `pass` the agreed items are judge PASS (TPR), in `fail` judge FAIL (TNR). */
export const CaseAgreementSchema = z.object({ pass: z.array(caseTally), fail: z.array(caseTally) });
export type CaseAgreement = z.infer<typeof CaseAgreementSchema>;

export const AgreementFiguresSchema = z.object({
  n: count,
  human_pass: count,
  human_fail: count,
  confusion: ConfusionSchema,
  tpr: RateFigureSchema,
  tnr: RateFigureSchema,
  /** Null when n < MIN_FIGURE_N. */
  accuracy: fraction.nullable(),
  /** Null when n < MIN_FIGURE_N, or when kappa is undefined (one rating throughout). */
  kappa: z.number().min(-1).max(1).nullable(),
  /** Per human class, one entry per case: [items the judge agreed on, items]. The bootstrap of the corrected rate resamples these cases. */
  by_case: CaseAgreementSchema.optional(),
});
export type AgreementFigures = z.infer<typeof AgreementFiguresSchema>;

/** The corrected pass rate, or why it was refused. */
export const CorrectedPassRateSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("estimated"),
    /** θ̂ = clip((p_obs + TNR − 1) / (TPR + TNR − 1), 0, 1). */
    estimate: fraction,
    low: fraction,
    high: fraction,
    confidence: fraction,
    /** The judge's raw pass rate on the unlabelled verdicts. */
    observed: fraction,
    tpr: fraction,
    tnr: fraction,
    seed: z.number().int(),
    resamples: count,
    /** Resamples that gave an estimate (those with TPR* + TNR* ≤ 1 have none and are dropped). */
    usable_resamples: count,
  }),
  z.object({ status: z.literal("refused"), reason: z.string() }),
]);
export type CorrectedPassRate = z.infer<typeof CorrectedPassRateSchema>;
