import { describe, expect, it } from "vitest";
import { agreementFigures, caseAgreementOf, confusionOf, type LabelledVerdict } from "./agreement.js";

const items = (human: "pass" | "fail", judge: "pass" | "fail", count: number): LabelledVerdict[] => Array.from({ length: count }, () => ({ human, judge }));

describe("confusionOf", () => {
  it("counts human PASS as the positive class", () => {
    const verdicts = [...items("pass", "pass", 4), ...items("pass", "fail", 3), ...items("fail", "fail", 2), ...items("fail", "pass", 1)];
    expect(confusionOf(verdicts)).toEqual({ tp: 4, fn: 3, tn: 2, fp: 1 });
  });
});

describe("agreementFigures", () => {
  // The judgy test-set fixture: TP 31, FN 3, TN 10, FP 2 (46 labels).
  // Hand-computed: TPR = 31/34, TNR = 10/12, accuracy = 41/46.
  // Wilson (to 8 decimals, as in wilson.test.ts): statsmodels 0.15.0 proportion_confint(31, 34, method="wilson") and (10, 12).
  // Kappa: statsmodels 0.15.0 inter_rater.cohens_kappa([[31, 3], [2, 10]]).kappa
  //   (rows human PASS/FAIL, columns judge PASS/FAIL).
  it("matches hand-computed and statsmodels values on the judgy fixture", () => {
    const figures = agreementFigures({ tp: 31, fn: 3, tn: 10, fp: 2 });
    expect(figures).toMatchObject({ n: 46, human_pass: 34, human_fail: 12, confusion: { tp: 31, fn: 3, tn: 10, fp: 2 } });
    expect(figures.tpr.value).toBeCloseTo(31 / 34, 15);
    expect(figures.tpr.low).toBeCloseTo(0.7703951343719112, 8);
    expect(figures.tpr.high).toBeCloseTo(0.9695340563253515, 8);
    expect(figures.tpr).toMatchObject({ n: 34, insufficient: false });
    expect(figures.tnr.value).toBeCloseTo(10 / 12, 15);
    expect(figures.tnr.low).toBeCloseTo(0.5519691377470265, 8);
    expect(figures.tnr.high).toBeCloseTo(0.9530348578161462, 8);
    expect(figures.tnr).toMatchObject({ n: 12, insufficient: false });
    expect(figures.accuracy).toBeCloseTo(41 / 46, 15);
    expect(figures.kappa).toBeCloseTo(0.7255369928400953, 12);
  });

  it("flags every figure over fewer than 10 items as insufficient, with no number", () => {
    const figures = agreementFigures({ tp: 3, fn: 0, tn: 5, fp: 1 });
    expect(figures.tpr).toEqual({ value: null, low: null, high: null, n: 3, cases: 3, insufficient: true });
    expect(figures.tnr).toEqual({ value: null, low: null, high: null, n: 6, cases: 6, insufficient: true });
    expect(figures.accuracy).toBeNull();
    expect(figures.kappa).toBeNull();
  });

  it("flags only the class that is short: 22 human PASS labels but 5 human FAIL", () => {
    const figures = agreementFigures({ tp: 20, fn: 2, tn: 4, fp: 1 });
    expect(figures.tpr.insufficient).toBe(false);
    expect(figures.tnr).toMatchObject({ value: null, n: 5, insufficient: true });
    expect(figures.accuracy).toBeCloseTo(24 / 27, 15);
  });
});

describe("agreement clustered by case", () => {
  /** `cases` cases of `perCase` trials each, labelled `human`, on which the judge said `judge` every time. */
  const trialsOf = (prefix: string, cases: number, perCase: number, human: "pass" | "fail", judge: "pass" | "fail"): LabelledVerdict[] =>
    Array.from({ length: cases * perCase }, (_, i) => ({ case_id: `${prefix}${Math.floor(i / perCase)}`, human, judge }));

  it("counts each case once per human class, keeping first-seen order", () => {
    const labelled = [...trialsOf("a", 2, 3, "pass", "pass"), { case_id: "b0", human: "pass" as const, judge: "fail" as const }, { case_id: "a0", human: "fail" as const, judge: "fail" as const }];
    expect(caseAgreementOf(labelled)).toEqual({ pass: [[3, 3], [3, 3], [0, 1]], fail: [[1, 1]] });
  });

  it("gives three agreeing trials of one case the weight of one case, not three items", () => {
    // 10 human-PASS cases × 3 trials; the judge agrees on every trial of 8 cases and on none of 2.
    // Clustered SE² = (8·(3·0.2)² + 2·(3·0.8)²) / 30² = 14.4 / 900 = 0.016; independent p(1−p)/n = 0.16 / 30;
    // design effect 3, effective n 10: the interval is Wilson's for 8 of 10 (Wilson 1927, computed by hand:
    // 0.49016247 to 0.94331785), not Wilson's for 24 of 30 items (0.62694304 to 0.90494893).
    const labelled = [...trialsOf("ok", 8, 3, "pass", "pass"), ...trialsOf("bad", 2, 3, "pass", "fail"), ...trialsOf("neg", 12, 1, "fail", "fail")];
    const figures = agreementFigures(confusionOf(labelled), 0.95, caseAgreementOf(labelled));
    expect(figures.tpr).toMatchObject({ value: 0.8, n: 30, cases: 10, insufficient: false });
    expect(figures.tpr.low).toBeCloseTo(0.49016247, 7);
    expect(figures.tpr.high).toBeCloseTo(0.94331785, 7);
  });
});
