import { describe, expect, it } from "vitest";
import { mcnemarExact } from "./mcnemar.js";

describe("mcnemarExact", () => {
  // b = 3, c = 12: two-sided p = 0.03516 (the gate issue's reference), and
  // scipy 1.17.1 stats.binomtest(3, 15, 0.5).pvalue = 0.03515625 exactly.
  it.each([
    [3, 12, 0.03515625],
    [12, 3, 0.03515625],
    [0, 5, 0.0625],
    [7, 7, 1],
    [0, 0, 1],
  ])("b = %i, c = %i gives p = %f", (b, c, p) => {
    expect(mcnemarExact(b, c)).toBeCloseTo(p, 10);
  });

  it("rejects non-counts", () => {
    expect(() => mcnemarExact(-1, 2)).toThrow("b must be a non-negative integer");
  });
});
