import { describe, expect, it } from "vitest";
import { mean, variance } from "./moments.js";

describe("mean and sample variance", () => {
  // numpy 2.4.6: numpy.mean(v), numpy.var(v, ddof=1).
  it.each([
    [[2, 4, 4, 4, 5, 5, 7, 9], 5, 4.571428571428571],
    // Large offset: the sum-of-squares shortcut loses these digits, two-pass does not.
    [[1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16], 1000000010, 30],
  ])("matches numpy for %j", (values, expectedMean, expectedVariance) => {
    expect(mean(values)).toBeCloseTo(expectedMean, 9);
    expect(variance(values)).toBeCloseTo(expectedVariance, 9);
  });

  it("is null where undefined: mean of nothing, variance of fewer than two values", () => {
    expect(mean([])).toBeNull();
    expect(variance([])).toBeNull();
    expect(variance([3])).toBeNull();
  });
});
