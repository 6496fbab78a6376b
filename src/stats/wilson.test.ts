import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./wilson.js";

describe("wilsonInterval", () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion:
  // comparison of seven methods", Statistics in Medicine 17:857–872, Table I,
  // method 3 (score interval without continuity correction), 4 decimals.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("matches Newcombe Table I for %i/%i", (x, n, low, high) => {
    const interval = wilsonInterval(x, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
    expect(interval.estimate).toBeCloseTo(x / n, 12);
  });

  // statsmodels 0.15.0: proportion_confint(x, n, alpha=1 - confidence, method="wilson").
  it.each([
    [81, 263, 0.95, 0.2552885198782742, 0.36620957698280004],
    [15, 148, 0.95, 0.06238639953073628, 0.16048724172330803],
    [0, 20, 0.95, 0.0, 0.1611251580528194],
    [1, 29, 0.95, 0.006113214292762667, 0.17175521879320294],
    [29, 29, 0.95, 0.8830302015002592, 1.0],
    [7, 10, 0.95, 0.39677814746114537, 0.8922087325936989],
    [7, 10, 0.9, 0.44169979586983493, 0.873123416096802],
    [7, 10, 0.99, 0.32002467920110256, 0.9204336834769342],
    [1, 1, 0.95, 0.2065493143772374, 1.0],
    [0, 1, 0.95, 0.0, 0.7934506856227627],
  ])("matches statsmodels for %i/%i at confidence %f", (x, n, confidence, low, high) => {
    const interval = wilsonInterval(x, n, confidence);
    expect(interval.low).toBeCloseTo(low, 8);
    expect(interval.high).toBeCloseTo(high, 8);
  });

  it("returns exact 0 and 1 bounds at no successes and all successes", () => {
    expect(wilsonInterval(0, 7).low).toBe(0);
    expect(wilsonInterval(7, 7).high).toBe(1);
  });

  it("knows nothing when n is 0: estimate null, interval [0, 1]", () => {
    expect(wilsonInterval(0, 0)).toEqual({ estimate: null, low: 0, high: 1 });
  });

  it("narrows as confidence falls", () => {
    const wide = wilsonInterval(7, 10, 0.99);
    const narrow = wilsonInterval(7, 10, 0.8);
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
  });

  it.each([
    [5, 3, 0.95, "successes (5) must not exceed n (3)"],
    [-1, 3, 0.95, "successes must be a non-negative integer, received -1"],
    [1, 2.5, 0.95, "n must be a non-negative integer, received 2.5"],
    [1, 3, 95, "confidence must be strictly between 0 and 1, received 95"],
  ])("rejects wilsonInterval(%f, %f, %f)", (x, n, confidence, message) => {
    expect(() => wilsonInterval(x, n, confidence)).toThrow(new RangeError(message));
  });
});
