import { clusteredProportion, cohensKappa, type CaseCounts } from "../stats/index.js";
import { MIN_FIGURE_N, type AgreementFigures, type CaseAgreement, type Confusion, type RateFigure } from "./figures-schema.js";

export type BinaryLabel = "pass" | "fail";

/** One labelled item as judged: what the human said and what the judge said. */
export interface LabelledVerdict {
  human: BinaryLabel;
  judge: BinaryLabel;
  /** The case the item is a trial of; items without one count as cases of their own. */
  case_id?: string;
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

/** Agreement counted per case within each human class, cases in first-seen order. */
export function caseAgreementOf(items: Iterable<LabelledVerdict>): CaseAgreement {
  const tallies = { pass: new Map<string, [number, number]>(), fail: new Map<string, [number, number]>() };
  let anonymous = 0;
  for (const { human, judge, case_id } of items) {
    const key = case_id ?? `\u0000${anonymous++}`;
    const tally = tallies[human].get(key) ?? [0, 0];
    tally[0] += judge === human ? 1 : 0;
    tally[1] += 1;
    tallies[human].set(key, tally);
  }
  return { pass: [...tallies.pass.values()], fail: [...tallies.fail.values()] };
}

/** One item per case, the agreeing ones first: how a bare confusion matrix reads as cases. */
export function singleItemCases(confusion: Confusion): CaseAgreement {
  const items = (agreed: number, disagreed: number): [number, number][] => [...Array<[number, number]>(agreed).fill([1, 1]), ...Array<[number, number]>(disagreed).fill([0, 1])];
  return { pass: items(confusion.tp, confusion.fn), fail: items(confusion.tn, confusion.fp) };
}

/**
 * Every agreement figure from one confusion matrix. A figure over fewer than
 * MIN_FIGURE_N items is flagged insufficient and carries no number: a 3-of-3
 * TPR reads as "100 %" while its interval spans 44–100 %.
 *
 * `byCase` (from caseAgreementOf) clusters the TPR and TNR intervals by case,
 * as every interval over trials is; without it each item is its own case and
 * the intervals are Wilson's.
 */
export function agreementFigures(confusion: Confusion, confidence = 0.95, byCase: CaseAgreement = singleItemCases(confusion)): AgreementFigures {
  const { tp, fn, tn, fp } = confusion;
  const n = tp + fn + tn + fp;
  const enough = n >= MIN_FIGURE_N;
  return {
    n,
    human_pass: tp + fn,
    human_fail: tn + fp,
    confusion: { tp, fn, tn, fp },
    tpr: rateFigure(byCase.pass, confidence),
    tnr: rateFigure(byCase.fail, confidence),
    accuracy: enough ? (tp + tn) / n : null,
    // Kappa between the human (rater A) and the judge (rater B), "yes" = PASS.
    kappa: enough ? cohensKappa({ bothYes: tp, yesNo: fn, noYes: fp, bothNo: tn }) : null,
    by_case: byCase,
  };
}

function rateFigure(cases: CaseAgreement["pass"], confidence: number): RateFigure {
  const counts: CaseCounts[] = cases.map(([agreed, items]) => ({ passed: agreed, trials: items }));
  const n = counts.reduce((sum, c) => sum + c.trials, 0);
  if (n < MIN_FIGURE_N) return { value: null, low: null, high: null, n, cases: counts.length, insufficient: true };
  const interval = clusteredProportion(counts, confidence);
  return { value: interval.estimate, low: interval.low, high: interval.high, n, cases: interval.cases, insufficient: false };
}
