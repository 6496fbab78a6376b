import { describe, expect, it } from "vitest";
import { agreementFigures, confusionOf, type LabelledVerdict } from "./agreement.js";

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
    expect(figures.tpr).toEqual({ value: null, low: null, high: null, n: 3, insufficient: true });
    expect(figures.tnr).toEqual({ value: null, low: null, high: null, n: 6, insufficient: true });
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
