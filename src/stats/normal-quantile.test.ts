import { describe, expect, it } from "vitest";
import { normalQuantile } from "./normal-quantile.js";

describe("normalQuantile", () => {
  // Python 3.11 standard library: statistics.NormalDist().inv_cdf(p).
  // Acklam's approximation has relative error < 1.15e-9, hence 8 decimals.
  it.each([
    [0.5, 0],
    [0.975, 1.9599639845400536],
    [0.95, 1.6448536269514715],
    [0.995, 2.5758293035489],
    [0.9, 1.2815515655446008],
    [0.02, -2.0537489106318225],
    [0.001, -3.090232306167813],
    [1e-9, -5.9978070150076865],
  ])("inverts the standard normal CDF at p = %f", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 8);
  });

  it("is antisymmetric around 0.5", () => {
    for (const p of [0.001, 0.01, 0.2, 0.4]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 12);
  });

  it.each([0, 1, -0.1, Number.NaN])("rejects p = %f outside (0, 1)", (p) => {
    expect(() => normalQuantile(p)).toThrow(RangeError);
  });
});
