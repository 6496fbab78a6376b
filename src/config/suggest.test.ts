import { describe, expect, it } from "vitest";
import { closestMatch, editDistance } from "./suggest.js";

describe("editDistance", () => {
  // Reference values worked by hand from the optimal-string-alignment recurrence
  // (Damerau 1964; see also Wikipedia "Damerau–Levenshtein distance", OSA variant).
  it.each([
    ["", "", 0],
    ["", "abc", 3],
    ["kitten", "sitting", 3],
    ["repeat", "repeats", 1],
    ["repaets", "repeats", 1],
    ["ca", "abc", 3],
    ["flaw", "lawn", 2],
  ])("distance(%j, %j) = %i", (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe("closestMatch", () => {
  const keys = ["name", "dataset", "repeats", "concurrency", "timeout_ms", "judges", "judge_model"];

  it("suggests the nearest key for a dropped letter", () => {
    expect(closestMatch("repeat", keys)).toBe("repeats");
  });

  it("suggests across swapped letters and letter case", () => {
    expect(closestMatch("concurrnecy", keys)).toBe("concurrency");
    expect(closestMatch("Dataset", keys)).toBe("dataset");
  });

  it("prefers the strictly closer candidate", () => {
    expect(closestMatch("judge", keys)).toBe("judges");
  });

  it("suggests nothing when no key is plausibly meant", () => {
    expect(closestMatch("color", keys)).toBeUndefined();
    expect(closestMatch("x", [])).toBeUndefined();
  });
});
