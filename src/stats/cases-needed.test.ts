import { describe, expect, it } from "vitest";
import { casesNeeded } from "./cases-needed.js";

describe("casesNeeded", () => {
  // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=δ/σ, alpha=0.05,
  // power=0.8, ratio=0) (one-sample normal test) gives 282.56 and 49.06; rounded up.
  it.each([
    [0.3, 0.05, 283],
    [0.25, 0.1, 50],
  ])("σ = %f, δ = %f needs %i cases at 95 %% and 80 %% power", (standardDeviation, delta, expected) => {
    expect(casesNeeded({ standardDeviation, delta })).toBe(expected);
  });

  it("needs at least two cases, and a positive delta", () => {
    expect(casesNeeded({ standardDeviation: 0, delta: 0.05 })).toBe(2);
    expect(() => casesNeeded({ standardDeviation: 0.2, delta: 0 })).toThrow("delta must be positive");
  });
});
