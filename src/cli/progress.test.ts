import { describe, expect, it } from "vitest";
import { progressLine } from "./progress.js";

describe("progressLine", () => {
  it("draws a proportional bar on a TTY", () => {
    expect(progressLine({ done: 9, total: 36, errors: 1, elapsedMs: 1234 }, true)).toBe(
      "[######------------------] 9/36 trials · 1 error · 1.2s",
    );
  });

  it("omits the bar for plain logs and pluralises errors", () => {
    expect(progressLine({ done: 36, total: 36, errors: 2, elapsedMs: 0 }, false)).toBe("36/36 trials · 2 errors · 0.0s");
  });

  it("treats an empty run as complete", () => {
    expect(progressLine({ done: 0, total: 0, errors: 0, elapsedMs: 0 }, true)).toBe(`[${"#".repeat(24)}] 0/0 trials · 0 errors · 0.0s`);
  });
});
