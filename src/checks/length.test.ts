import { describe, expect, it } from "vitest";
import { runCheck } from "../../tests/support/check-harness.js";
import { measureText, scoreLength } from "./length.js";

describe("measureText", () => {
  it.each([
    { text: "héllo", unit: "chars", size: 5 },
    // One emoji is one code point, though two UTF-16 units.
    { text: "ok 👍", unit: "chars", size: 4 },
    { text: "  one two\n\tthree  ", unit: "words", size: 3 },
    { text: "   ", unit: "words", size: 0 },
  ] as const)("$text in $unit → $size", ({ text, unit, size }) => {
    expect(measureText(text, unit)).toBe(size);
  });
});

describe("scoreLength", () => {
  it.each([
    { text: "one two three", limits: { unit: "words", max: 3 }, outcome: "pass" },
    { text: "one two three four", limits: { unit: "words", max: 3 }, outcome: "fail" },
    { text: "hi", limits: { unit: "chars", min: 3 }, outcome: "fail" },
    { text: "hello", limits: { unit: "chars", min: 3, max: 5 }, outcome: "pass" },
  ] as const)("$text with $limits → $outcome", ({ text, limits, outcome }) => {
    expect(scoreLength(text, limits).outcome).toBe(outcome);
  });

  it("says how long the output was and what was allowed", () => {
    expect(scoreLength("one two three four", { unit: "words", min: 1, max: 3 }).reason).toMatchInlineSnapshot(`"4 words, expected ≥ 1 and ≤ 3"`);
  });
});

describe("length check", () => {
  it("measures the text at `field`", async () => {
    expect((await runCheck({ type: "length", field: "answer", max: 3 }, { output: { answer: "abcd" } })).outcome).toBe("fail");
  });
});
