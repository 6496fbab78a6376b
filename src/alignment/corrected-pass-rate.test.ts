import { describe, expect, it } from "vitest";
import { correctedPassRate } from "./corrected-pass-rate.js";

describe("correctedPassRate", () => {
  // The published judgy fixture: test labels TP 31, FN 3, TN 10, FP 2; 2,056 of
  // 2,400 unlabelled verdicts PASS. θ̂ as judgy (numpy) computes it:
  //   (2056/2400 + 10/12 − 1) / (31/34 + 10/12 − 1) = 0.9260526315789472 (Python 3.11, numpy 2.4).
  // The interval: a numpy reimplementation of the same class-wise percentile
  // bootstrap (20,000 resamples, numpy default_rng(1)) gives [0.82123077, 1.0], the same discrete
  // percentile this implementation lands on for seeds 0, 1, 7 and 42; the reference is "near [0.82, 1.0]".
  it("reproduces judgy's θ̂ exactly and its interval within Monte-Carlo error", () => {
    const result = correctedPassRate({ tp: 31, fn: 3, tn: 10, fp: 2 }, { passes: 2056, total: 2400 }, { seed: 42, resamples: 20_000 });
    if (result.status !== "estimated") throw new Error(result.reason);
    expect(result.estimate).toBe(0.9260526315789472);
    expect(result.low).toBeGreaterThan(0.8);
    expect(result.low).toBeLessThan(0.84);
    expect(result.high).toBe(1);
    expect(result).toMatchObject({ observed: 2056 / 2400, tpr: 31 / 34, tnr: 10 / 12, seed: 42, resamples: 20_000, confidence: 0.95 });
    expect(result.usable_resamples).toBeGreaterThan(19_900);
  });

  it("gives the same interval for the same seed, and a slightly different one for another seed", () => {
    const fixture = [{ tp: 31, fn: 3, tn: 10, fp: 2 }, { passes: 2056, total: 2400 }] as const;
    const a = correctedPassRate(...fixture, { seed: 1, resamples: 2000 });
    const b = correctedPassRate(...fixture, { seed: 1, resamples: 2000 });
    const c = correctedPassRate(...fixture, { seed: 2, resamples: 2000 });
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it("clips the estimate to [0, 1]", () => {
    // p_obs = 0.99 with TPR 0.9, TNR 0.9: (0.99 + 0.9 − 1) / 0.8 = 1.1125 → 1.
    const result = correctedPassRate({ tp: 9, fn: 1, tn: 9, fp: 1 }, { passes: 99, total: 100 }, { seed: 3, resamples: 100 });
    expect(result).toMatchObject({ status: "estimated", estimate: 1 });
  });

  it.each([
    [{ tp: 5, fn: 5, tn: 5, fp: 5 }, "Corrected pass rate refused: TPR + TNR = 0.500 + 0.500 = 1.000 ≤ 1: the judge agrees with humans no better than chance, so its verdicts cannot be corrected. Improve the judge first."],
    [{ tp: 2, fn: 8, tn: 6, fp: 4 }, "Corrected pass rate refused: TPR + TNR = 0.200 + 0.600 = 0.800 ≤ 1: the judge agrees with humans no better than chance, so its verdicts cannot be corrected. Improve the judge first."],
    [{ tp: 0, fn: 0, tn: 6, fp: 4 }, "Corrected pass rate refused: no item is labelled PASS by a human, so the judge's TPR is unmeasured; label some passing outputs."],
    [{ tp: 7, fn: 3, tn: 0, fp: 0 }, "Corrected pass rate refused: no item is labelled FAIL by a human, so the judge's TNR is unmeasured; label some failing outputs."],
  ])("refuses %o with the reason", (confusion, reason) => {
    expect(correctedPassRate(confusion, { passes: 50, total: 100 })).toEqual({ status: "refused", reason });
  });

  it.each([
    [{ passes: 5, total: 4 }, 10, "passes (5) must not exceed total (4)"],
    [{ passes: 1, total: 4 }, 0, "resamples must be at least 1, received 0"],
    [{ passes: 1.5, total: 4 }, 10, "passes must be a non-negative integer, received 1.5"],
  ])("rejects bad arguments naming them: %o", (observed, resamples, message) => {
    expect(() => correctedPassRate({ tp: 9, fn: 1, tn: 9, fp: 1 }, observed, { resamples })).toThrow(new RangeError(message));
  });

  it("resamples whole cases: three identical trials per case widen the interval, one trial per case changes nothing", () => {
    const confusion = { tp: 60, fn: 6, tn: 24, fp: 6 };
    const observed = { passes: 700, total: 1000 };
    const options = { seed: 7, resamples: 4000 };
    const asItems = correctedPassRate(confusion, observed, options);
    const singleCases = correctedPassRate(confusion, observed, {
      ...options,
      byCase: { pass: [...Array(60).fill([1, 1]), ...Array(6).fill([0, 1])], fail: [...Array(24).fill([1, 1]), ...Array(6).fill([0, 1])] },
    });
    expect(singleCases).toEqual(asItems);
    // The same 96 items as 32 cases of 3 identical trials: a third as many independent units.
    const tripled = correctedPassRate(confusion, observed, {
      ...options,
      byCase: { pass: [...Array(20).fill([3, 3]), ...Array(2).fill([0, 3])], fail: [...Array(8).fill([3, 3]), ...Array(2).fill([0, 3])] },
    });
    if (asItems.status !== "estimated" || tripled.status !== "estimated") throw new Error("expected estimates");
    expect(tripled.estimate).toBe(asItems.estimate);
    expect(tripled.high - tripled.low).toBeGreaterThan(1.4 * (asItems.high - asItems.low));
  });
});
