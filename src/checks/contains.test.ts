import { describe, expect, it } from "vitest";
import { runCheck } from "../../tests/support/check-harness.js";
import { scoreContains, scoreNotContains } from "./contains.js";

describe("scoreContains", () => {
  it.each([
    { text: "Refunds take 14 days.", needles: ["14 days"], mode: "all", caseSensitive: false, outcome: "pass" },
    { text: "Refunds take 14 DAYS.", needles: ["14 days"], mode: "all", caseSensitive: false, outcome: "pass" },
    { text: "Refunds take 14 DAYS.", needles: ["14 days"], mode: "all", caseSensitive: true, outcome: "fail" },
    { text: "Plus costs $6.", needles: ["$6", "$60"], mode: "all", caseSensitive: false, outcome: "fail" },
    { text: "Plus costs $6.", needles: ["$6", "$60"], mode: "any", caseSensitive: false, outcome: "pass" },
    { text: "Plus costs $6.", needles: ["€6", "£6"], mode: "any", caseSensitive: false, outcome: "fail" },
  ] as const)("$mode of $needles in $text (case sensitive: $caseSensitive) → $outcome", ({ text, needles, mode, caseSensitive, outcome }) => {
    expect(scoreContains(text, needles, { mode, caseSensitive }).outcome).toBe(outcome);
  });

  it("names the missing needles and shows the output", () => {
    expect(scoreContains("Plus costs $6.", ["$6", "$60"], { mode: "all", caseSensitive: false }).reason).toMatchInlineSnapshot(
      `"missing "$60" in "Plus costs $6.""`,
    );
  });
});

describe("scoreNotContains", () => {
  it("passes when no forbidden string appears", () => {
    expect(scoreNotContains("Contact support in the app.", ["Priya Raman", "acme-internal"], false)).toEqual({
      outcome: "pass",
      reason: `does not contain "Priya Raman", "acme-internal"`,
    });
  });

  it("fails on a forbidden string regardless of case and shows where it appears", () => {
    const verdict = scoreNotContains(`${"x".repeat(60)} ask priya raman directly ${"y".repeat(60)}`, ["Priya Raman"], false);
    expect(verdict.outcome).toBe("fail");
    expect(verdict.reason).toMatchInlineSnapshot(`"contains forbidden "Priya Raman": "…xxxxxxxxxxxxxxxxxxxxxxxxx ask priya raman directly yyyyyyyyyyyyyyyyyyyy…""`);
  });

  it("respects case_sensitive", () => {
    expect(scoreNotContains("priya raman", ["Priya Raman"], true).outcome).toBe("pass");
  });
});

describe("contains check", () => {
  it("reads the text at `field` when the output is an object", async () => {
    const verdict = await runCheck({ type: "contains", value: "14 days", field: "answer" }, { output: { answer: "Within 14 days.", sources: [] } });
    expect(verdict.outcome).toBe("pass");
  });

  it("searches the JSON of an object output without `field`", async () => {
    const verdict = await runCheck({ type: "contains", value: "\"refund\"" }, { output: { topic: "refund" } });
    expect(verdict.outcome).toBe("pass");
  });

  it("fails when `field` is missing from the output: the model did not produce the shape asked for", async () => {
    const verdict = await runCheck({ type: "contains", value: "x", field: "choices.0.text" }, { output: { choices: [] } });
    expect(verdict).toMatchInlineSnapshot(`
      {
        "outcome": "fail",
        "reason": "output has no field "choices.0" (expected at \`field: choices.0.text\`)",
      }
    `);
  });

  it("not-contains with `values` fails on any of them", async () => {
    const verdict = await runCheck({ type: "not-contains", values: ["a", "escalation desk"] }, { output: "Ask the Escalation Desk." });
    expect(verdict.outcome).toBe("fail");
  });
});
