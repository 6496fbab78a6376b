import { describe, expect, it } from "vitest";
import { pairedDifference, pValueBelow } from "./paired-difference.js";

// Ten cases, per-case candidate − baseline pass rate over 3 repeats.
const differences = [0, -1 / 3, -2 / 3, 0, 1 / 3, -1, 0, 0, -1 / 3, 0];

describe("pairedDifference", () => {
  // scipy 1.17.1: stats.t.interval(0.95, 9, loc=d.mean(), scale=stats.sem(d)).
  it("gives the paired t interval over cases", () => {
    const result = pairedDifference(differences);
    expect(result.estimate).toBeCloseTo(-0.2, 12);
    expect(result.low).toBeCloseTo(-0.479892400758856, 8);
    expect(result.high).toBeCloseTo(0.07989240075885595, 8);
    expect(result).toMatchObject({ cases: 10, method: "paired-t" });
  });

  it("gives the same bootstrap interval twice for one seed, and another for another seed", () => {
    const options = { method: "paired-bootstrap" as const, seed: 7, resamples: 4000 };
    const first = pairedDifference(differences, options);
    expect(pairedDifference(differences, options)).toEqual(first);
    expect(pairedDifference(differences, { ...options, seed: 8 })).not.toEqual(first);
    // Percentile bootstrap and t agree roughly on ten cases; the bootstrap is narrower (no t tails).
    expect(first.low).toBeGreaterThan(-0.5);
    expect(first.high).toBeLessThan(0.1);
    expect(first.low).toBeLessThan(first.estimate!);
  });

  it("knows nothing below two cases", () => {
    expect(pairedDifference([])).toMatchObject({ estimate: null, low: -1, high: 1 });
    expect(pairedDifference([-0.5])).toMatchObject({ estimate: -0.5, low: -1, high: 1, standard_error: null });
  });

  it("clamps bounds to [−1, 1]", () => {
    const result = pairedDifference([-1, -1, 0]);
    expect(result.low).toBe(-1);
  });
});

describe("pValueBelow", () => {
  // scipy 1.17.1: stats.ttest_1samp(d, -0.05, alternative="less").pvalue.
  it("is the one-sided t test against the threshold", () => {
    expect(pValueBelow(differences, -0.05)).toBeCloseTo(0.12812370125625128, 8);
  });

  it("agrees with the interval: below (1 − confidence)/2 exactly when the upper bound is below the threshold", () => {
    const { high } = pairedDifference(differences);
    expect(pValueBelow(differences, high + 1e-9)).toBeLessThan(0.025);
    expect(pValueBelow(differences, high - 1e-9)).toBeGreaterThan(0.025);
  });

  it("decides a spread-free difference by its sign", () => {
    expect(pValueBelow([-0.5, -0.5], -0.1)).toBe(0);
    expect(pValueBelow([0, 0], -0.1)).toBe(1);
  });
});
