import { describe, expect, it } from "vitest";
import { percentile } from "./percentile.js";

describe("percentile", () => {
  // numpy 2.4.6: numpy.percentile(values, p) with the default method="linear".
  it.each([
    [[15, 20, 35, 40, 50], 50, 35],
    [[15, 20, 35, 40, 50], 95, 48],
    [[15, 20, 35, 40, 50], 0, 15],
    [[15, 20, 35, 40, 50], 100, 50],
    [[3, 1, 2, 4], 25, 1.75],
    [[1, 2, 3, 4], 40, 2.2],
    [[42], 95, 42],
  ])("matches numpy.percentile(%j, %f)", (values, p, expected) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 12);
  });

  it("interpolates between closest ranks: p95 of 15,20,35,40,50 is 40 + 0.8·(50 − 40)", () => {
    // rank = 0.95 · (5 − 1) = 3.8 → between sorted[3] = 40 and sorted[4] = 50.
    expect(percentile([50, 40, 35, 20, 15], 95)).toBeCloseTo(48, 12);
  });

  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it("is null for no values", () => {
    expect(percentile([], 50)).toBeNull();
  });

  it.each([-1, 101, Number.NaN])("rejects p = %f outside [0, 100]", (p) => {
    expect(() => percentile([1, 2], p)).toThrow(RangeError);
  });
});
