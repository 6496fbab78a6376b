import { describe, expect, it } from "vitest";
import { clusteredProportion, type CaseCounts } from "./clustered-proportion.js";
import { wilsonInterval } from "./wilson.js";

const repeated = (passing: number, failing: number, repeats: number): CaseCounts[] => [
  ...Array.from({ length: passing }, () => ({ passed: repeats, trials: repeats })),
  ...Array.from({ length: failing }, () => ({ passed: 0, trials: repeats })),
];

describe("clusteredProportion", () => {
  // Five cases with unequal scored trials (an errored trial dropped from one):
  // 3/3, 2/3, 0/3, 1/2, 3/4. Reference: statsmodels 0.15.0,
  // OLS(y, ones).fit(cov_type="cluster", cov_kwds={"groups": case, "use_correction": False})
  // gives the clustered SE; deff = SE² / (p(1−p)/n); the interval is
  // proportion_confint(p · n_eff, n_eff, method="wilson") at n_eff = n / deff.
  it("matches an independent cluster-robust computation on a hand-built set", () => {
    const result = clusteredProportion([
      { passed: 3, trials: 3 },
      { passed: 2, trials: 3 },
      { passed: 0, trials: 3 },
      { passed: 1, trials: 2 },
      { passed: 3, trials: 4 },
    ]);
    expect(result.estimate).toBeCloseTo(0.6, 12);
    expect(result.standard_error).toBeCloseTo(0.1508494466531302, 10);
    expect(result.design_effect).toBeCloseTo(1.4222222222222232, 10);
    expect(result.effective_n).toBeCloseTo(10.546874999999993, 10);
    expect(result.low).toBeCloseTo(0.31876467744907205, 8);
    expect(result.high).toBeCloseTo(0.8278384682859938, 8);
    expect(result).toMatchObject({ trials: 15, cases: 5, method: "clustered-wilson" });
  });

  // The deterministic target: 34 cases, 29 that always pass. Counted
  // per case (n = 34), Wilson gives 69.87–93.55 % (statsmodels
  // proportion_confint(29, 34, method="wilson")); more repeats add nothing.
  it.each([1, 3, 30])("gives a deterministic target the per-case interval at %i repeats", (repeats) => {
    const result = clusteredProportion(repeated(29, 5, repeats));
    expect(result.low).toBeCloseTo(0.6987194350454783, 8);
    expect(result.high).toBeCloseTo(0.9355055855521753, 8);
    expect(result.cases).toBe(34);
    expect(result.trials).toBe(34 * repeats);
    expect(result.effective_n).toBeCloseTo(34, 8);
    expect(result.within_case_share).toBeCloseTo(0, 12);
  });

  it("is exactly Wilson when every case has one trial", () => {
    const cases = [...repeated(7, 3, 1)];
    const result = clusteredProportion(cases);
    expect(result.method).toBe("wilson");
    expect(result.design_effect).toBeCloseTo(1, 12);
    const wilson = wilsonInterval(7, 10);
    expect(result.low).toBeCloseTo(wilson.low, 12);
    expect(result.high).toBeCloseTo(wilson.high, 12);
  });

  it("narrows with repeats when the repeats disagree within cases", () => {
    // Every case passes half its trials: all variance is within cases.
    const halfEach = (repeats: number) => Array.from({ length: 20 }, () => ({ passed: repeats / 2, trials: repeats }));
    const two = clusteredProportion(halfEach(2));
    const twenty = clusteredProportion(halfEach(20));
    expect(two.within_case_share).toBeCloseTo(1, 12);
    expect(twenty.high - twenty.low).toBeLessThan(two.high - two.low);
    // deff < 1 never buys more than the trials themselves.
    expect(twenty.effective_n).toBe(400);
  });

  it("falls back to Wilson over cases when every trial passed", () => {
    const result = clusteredProportion(repeated(12, 0, 5));
    const perCase = wilsonInterval(12, 12);
    expect(result).toMatchObject({ estimate: 1, high: 1, design_effect: null, within_case_share: null, effective_n: 12 });
    expect(result.low).toBeCloseTo(perCase.low, 12);
  });

  it("knows nothing when nothing was scored, and ignores cases without scored trials", () => {
    expect(clusteredProportion([])).toMatchObject({ estimate: null, low: 0, high: 1, trials: 0, cases: 0, standard_error: null });
    expect(clusteredProportion([{ passed: 0, trials: 0 }, { passed: 1, trials: 1 }]).cases).toBe(1);
  });

  it("rejects counts that cannot be", () => {
    expect(() => clusteredProportion([{ passed: 3, trials: 2 }])).toThrow("passed (3) must not exceed trials (2)");
    expect(() => clusteredProportion([{ passed: 1.5, trials: 2 }])).toThrow(RangeError);
    expect(() => clusteredProportion([], 1)).toThrow("confidence must be strictly between 0 and 1");
  });
});
