import { describe, expect, it } from "vitest";
import { holmAdjust } from "./holm.js";

describe("holmAdjust", () => {
  // statsmodels 0.15.0: multipletests([0.01, 0.04, 0.03, 0.005], method="holm")[1].
  it("matches statsmodels' Holm step-down adjustment, in the order given", () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 12));
  });

  it("leaves a single test alone and caps at 1", () => {
    expect(holmAdjust([0.2])).toEqual([0.2]);
    expect(holmAdjust([0.6, 0.7])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });
});
