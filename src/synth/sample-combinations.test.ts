import { describe, expect, it } from "vitest";
import { sampleCombinations, type SampleDimension } from "./sample-combinations.js";

const persona = { name: "persona", values: ["new-customer", "admin", "churning"] };
const goal = { name: "goal", values: ["refund", "export", "upgrade"] };
const scenario = { name: "scenario", values: ["mobile", "web"] };
const dims = [persona, goal, scenario];

/** max − min of how often each value of each dimension was drawn. */
function spread(dimensions: readonly SampleDimension[], n: number, seed: number): number[] {
  const sample = sampleCombinations(dimensions, n, seed);
  return dimensions.map((d) => {
    const counts = d.values.map((v) => sample.filter((c) => c.values[d.name] === v).length);
    return Math.max(...counts) - Math.min(...counts);
  });
}

describe("sampleCombinations", () => {
  it.each([
    [dims, 5],
    [dims, 7],
    [dims, 12],
    [dims, 18],
    [dims, 25],
    [dims, 50],
    [[{ name: "a", values: ["x", "y"] }, { name: "b", values: ["p", "q", "r", "s"] }], 3],
    // Most of a product: drawn as the product minus a balanced few.
    [["a", "b", "c"].map((name) => ({ name, values: ["1", "2", "3", "4"] })), 60],
    [[{ name: "a", values: ["1", "2", "3", "4", "5"] }, { name: "b", values: ["p", "q", "r"] }, { name: "c", values: ["u", "v"] }, { name: "d", values: ["m", "n", "o", "k"] }], 37],
  ])("keeps every dimension's value counts within one (%#: n=%i), for any seed", (dimensions, n) => {
    for (let seed = 0; seed < 40; seed++) {
      expect(spread(dimensions, n, seed).every((s) => s <= 1)).toBe(true);
    }
  });

  it("draws distinct combinations while n is below the product", () => {
    for (let seed = 0; seed < 20; seed++) {
      const keys = sampleCombinations(dims, 18, seed).map((c) => c.key);
      expect(new Set(keys).size).toBe(18);
    }
  });

  it("draws every combination at least once when n reaches the product, counting repeats", () => {
    const sample = sampleCombinations(dims, 20, 3);
    expect(new Set(sample.map((c) => c.key)).size).toBe(18);
    const repeated = sample.filter((c) => c.occurrence === 1);
    expect(repeated).toHaveLength(2);
    expect(new Set(repeated.map((c) => c.key)).size).toBe(2);
  });

  it("is deterministic for a seed and differs across seeds", () => {
    expect(sampleCombinations(dims, 7, 42)).toEqual(sampleCombinations(dims, 7, 42));
    expect(sampleCombinations(dims, 7, 42).map((c) => c.key)).not.toEqual(sampleCombinations(dims, 7, 43).map((c) => c.key));
  });

  it("names each combination by its values in dimension order", () => {
    const [first] = sampleCombinations([persona], 1, 0);
    expect(first?.key).toBe(first?.values.persona);
    const [combined] = sampleCombinations(dims, 1, 0);
    expect(combined?.key).toBe(`${combined?.values.persona}.${combined?.values.goal}.${combined?.values.scenario}`);
  });
});
