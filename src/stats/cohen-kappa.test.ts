import { describe, expect, it } from "vitest";
import { cohensKappa } from "./cohen-kappa.js";

describe("cohensKappa", () => {
  // Wikipedia, "Cohen's kappa", worked example: 50 proposals, 20 both yes,
  // 5 A-yes/B-no, 10 A-no/B-yes, 15 both no: p_o = 0.7, p_e = 0.5, κ = 0.4.
  it("matches the hand-worked example: 20/5/10/15 gives 0.4", () => {
    expect(cohensKappa({ bothYes: 20, yesNo: 5, noYes: 10, bothNo: 15 })).toBeCloseTo(0.4, 12);
  });

  // statsmodels 0.15.0: statsmodels.stats.inter_rater.cohens_kappa([[a, b], [c, d]]).kappa
  it.each([
    [31, 3, 2, 10, 0.7255369928400953],
    [20, 5, 10, 15, 0.3999999999999999],
    [45, 15, 25, 15, 0.13043478260869554],
    [10, 0, 0, 10, 1.0],
    [5, 5, 5, 5, 0.0],
    [9, 1, 0, 0, 0.0],
    [0, 3, 4, 0, -0.9599999999999996],
    [40, 9, 6, 45, 0.6995192307692307],
  ])("matches statsmodels for [[%i, %i], [%i, %i]]", (bothYes, yesNo, noYes, bothNo, kappa) => {
    expect(cohensKappa({ bothYes, yesNo, noYes, bothNo })).toBeCloseTo(kappa, 12);
  });

  it("is undefined (null) with no items or when both raters only ever gave one and the same rating", () => {
    expect(cohensKappa({ bothYes: 0, yesNo: 0, noYes: 0, bothNo: 0 })).toBeNull();
    expect(cohensKappa({ bothYes: 12, yesNo: 0, noYes: 0, bothNo: 0 })).toBeNull();
    expect(cohensKappa({ bothYes: 0, yesNo: 0, noYes: 0, bothNo: 7 })).toBeNull();
  });

  it("rejects counts that are not non-negative integers, naming the cell", () => {
    expect(() => cohensKappa({ bothYes: 1, yesNo: -1, noYes: 0, bothNo: 0 })).toThrow(new RangeError("yesNo must be a non-negative integer, received -1"));
  });
});
