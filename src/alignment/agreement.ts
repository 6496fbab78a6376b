import { cohensKappa, wilsonInterval } from "../stats/index.js";
import { MIN_FIGURE_N, type AgreementFigures, type Confusion, type RateFigure } from "./figures-schema.js";

export type BinaryLabel = "pass" | "fail";

/** One labelled item as judged: what the human said and what the judge said. */
export interface LabelledVerdict {
  human: BinaryLabel;
  judge: BinaryLabel;
}

/** Cross-tabulates human labels (the positive class is human PASS) against judge verdicts. */
export function confusionOf(items: Iterable<LabelledVerdict>): Confusion {
  const confusion = { tp: 0, fn: 0, tn: 0, fp: 0 };
  for (const { human, judge } of items) {
    if (human === "pass") confusion[judge === "pass" ? "tp" : "fn"] += 1;
    else confusion[judge === "fail" ? "tn" : "fp"] += 1;
  }
  return confusion;
}

/**
 * Every agreement figure from one confusion matrix. A figure over fewer than
 * MIN_FIGURE_N items is flagged insufficient and carries no number: a 3-of-3
 * TPR reads as "100 %" while its interval spans 44–100 %.
 */
export function agreementFigures(confusion: Confusion, confidence = 0.95): AgreementFigures {
  const { tp, fn, tn, fp } = confusion;
  const n = tp + fn + tn + fp;
  const enough = n >= MIN_FIGURE_N;
  return {
    n,
    human_pass: tp + fn,
    human_fail: tn + fp,
    confusion: { tp, fn, tn, fp },
    tpr: rateFigure(tp, tp + fn, confidence),
    tnr: rateFigure(tn, tn + fp, confidence),
    accuracy: enough ? (tp + tn) / n : null,
    // Kappa between the human (rater A) and the judge (rater B), "yes" = PASS.
    kappa: enough ? cohensKappa({ bothYes: tp, yesNo: fn, noYes: fp, bothNo: tn }) : null,
  };
}

function rateFigure(successes: number, n: number, confidence: number): RateFigure {
  if (n < MIN_FIGURE_N) return { value: null, low: null, high: null, n, insufficient: true };
  const interval = wilsonInterval(successes, n, confidence);
  return { value: interval.estimate, low: interval.low, high: interval.high, n, insufficient: false };
}
